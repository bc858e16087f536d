import logging
import time

from pythonjsonlogger.json import JsonFormatter


class UTCFormatter(logging.Formatter):
    """Stamps every record in UTC, ISO 8601, whatever the server's time zone."""

    converter = time.gmtime

    def formatTime(self, record, datefmt=None):
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", self.converter(record.created))
        return f"{stamp}.{int(record.msecs):03d}Z"


class UTCJsonFormatter(JsonFormatter):
    """One JSON object per record (python-json-logger), stamped in UTC like UTCFormatter."""

    converter = time.gmtime

    def formatTime(self, record, datefmt=None):
        return UTCFormatter.formatTime(self, record, datefmt)
