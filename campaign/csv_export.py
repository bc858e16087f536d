"""One way to answer with a CSV file: streamed, every text cell formula-safe."""

import csv
from collections.abc import Iterable
from typing import Any

from django.http import StreamingHttpResponse

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def csv_safe(value: Any) -> Any:
    """Keeps spreadsheet programs from reading a text cell as a formula; other values pass."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return f"'{value}"
    return value


class _Echo:
    """A file-like sink that hands each written line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_response(
    *, filename: str, header: list[str], rows: Iterable[Iterable[Any]]
) -> StreamingHttpResponse:
    """Streams `header` then `rows` as a CSV attachment, each text cell made formula-safe.

    `rows` is consumed lazily, so a large queryset is never held whole in memory.
    """
    writer = csv.writer(_Echo())
    lines = (
        writer.writerow([csv_safe(cell) for cell in row]) for row in _with_header(header, rows)
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_header(header: list[str], rows: Iterable[Iterable[Any]]):
    yield header
    yield from rows
