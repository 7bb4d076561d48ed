"""The one CSV writer of Polku: every export (attendance, work-share statements,
outcome tables) is written here, so that every file is safe to open in a spreadsheet.

* **Formula injection** (OWASP "CSV injection"): a text cell that begins with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula by
  Excel or LibreOffice (a client named ``=HYPERLINK("https://…";"…")`` becomes a
  link that sends data away). Such a cell gets a leading apostrophe, which the
  spreadsheet shows as text. A cell that is a plain number (``-3``, ``-0,5``,
  ``12,5 %``) is a number, not a formula, and is left as it is.
* **Format**: semicolons (Finnish spreadsheets use the comma as the decimal
  separator), UTF-8 with a byte-order mark (so that Excel reads ä and ö), CRLF line
  ends; the file name in ``Content-Disposition`` is quoted and also given
  RFC 6266-encoded (``filename*``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from django.http import HttpResponse
from django.utils.http import content_disposition_header

#: Characters that make a spreadsheet read a cell as a formula or a command.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A cell that is only a number (optionally signed, with a decimal comma or point,
#: thousands separated by spaces, a trailing percent sign) is safe as it is.
_NUMBER = re.compile(r"[+-]?[0-9][0-9 \u00a0]*(?:[.,][0-9]+)?(?:[ \u00a0]?%)?")
CONTENT_TYPE = "text/csv; charset=utf-8"


def escape_cell(value: object) -> str:
    """The text of one cell, with a leading apostrophe if it could run as a formula.

    ``None`` is an empty cell; numbers are written as they are.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """Rows as CSV text (semicolons, CRLF, a byte-order mark), every cell escaped."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in rows:
        writer.writerow([escape_cell(cell) for cell in row])
    return buffer.getvalue()


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    return csv_text(rows).encode("utf-8")


def csv_response(filename: str, rows: Iterable[Sequence[object]]) -> HttpResponse:
    """A CSV download of ``rows`` (the first row is usually the header)."""
    response = HttpResponse(csv_bytes(rows), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
