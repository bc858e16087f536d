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


def logging_config(*, log_format: str, level: str) -> dict:
    """The LOGGING setting: one JSON object per line when `log_format` is "json", text
    otherwise; every record carries the request id of the request (or task) it was made in."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "campaign.requestlog.RequestIdFilter"}},
        "formatters": {
            "utc": {
                "()": "campaign.logging.UTCFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
            },
            "json": {
                "()": "campaign.logging.UTCJsonFormatter",
                "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if log_format == "json" else "utc",
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.request": {"level": "ERROR"},
            "campaign.security": {"level": "INFO"},
            # One line per request in production; development has runserver's own.
            "campaign.requests": {"level": "INFO" if log_format == "json" else "WARNING"},
        },
    }
