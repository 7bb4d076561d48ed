"""Bounds of a data set: what the database columns can hold and what a record can
sensibly be, so that a file is refused with ``record.field: message`` before
anything is written (and before it can take minutes or gigabytes).

The numbers follow the columns the importer writes (``marketplace.models``; a test
checks that each bound fits its column) and docs/dataset-format.md. No Django here.
"""

from __future__ import annotations

import unicodedata

#: The largest file read (bytes). A county's data set is a few megabytes.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Arrays and objects nested deeper than this are refused (the format needs four).
MAX_DEPTH = 32
#: Records in one section.
MAX_RECORDS = 200_000

#: PositiveSmallIntegerField and PositiveIntegerField on PostgreSQL.
SMALL_INT = 32_767
INT = 2_147_483_647

#: Characters of text fields (the CharField's max_length, or a sensible bound for
#: free text).
ID = 64
TEXT = {
    "municipality.name": 80,
    "organisation.name": 200,
    "site.name": 255,
    "site.description": 20_000,
    "site.address": 200,
    "site.postal_code": 5,
    "site.contact_name": 120,
    "site.contact_phone": 40,
    "site.contact_email": 254,
    "site.learning_unit": 200,
    "job.title": 255,
    "job.description": 20_000,
    "client.name": 120,
    "client.wishes": 5_000,
}
#: Items of list fields that are not vocabularies (a vocabulary list is bounded by
#: its vocabulary: each code once).
LEARNING_UNITS = 50
SELF_ASSESSMENTS = 100

#: Invisible characters that change how the text around them reads: bidirectional
#: overrides and isolates, and marks.
_BIDI = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_FREE_TEXT_CONTROLS = frozenset("\t\n\r")


def text_problem(value: str, *, line: bool) -> str:
    """Why ``value`` cannot be stored and shown as it is ('' when it can).

    Everywhere: no control characters (tab and line breaks only in free text), no
    unpaired surrogates (no database can store them), no bidirectional overrides
    (U+202E makes "exe.txt" read "txt.exe"). In a name, title or id (``line``) also
    no invisible format characters (U+200B zero width space and the like), private
    or unassigned code points, or line and paragraph separators.
    """
    for char in value:
        kind = unicodedata.category(char)
        if char in _BIDI:
            return f"contains the invisible direction mark U+{ord(char):04X}"
        if kind == "Cs":
            return f"contains an unpaired surrogate U+{ord(char):04X}"
        if kind == "Cc" and not (not line and char in _FREE_TEXT_CONTROLS):
            return f"contains the control character U+{ord(char):04X}"
        if line and kind in ("Cf", "Co", "Cn", "Zl", "Zp"):
            return f"contains the invisible character U+{ord(char):04X}"
    return ""


def id_problem(value: str) -> str:
    """Why ``value`` is not a usable data-set id ('' when it is): ids are stored in a
    64-character column and compared as stored, so they must be that short, free of
    invisible characters and surrounding spaces, and in Unicode NFC form (two ids
    that look the same are the same id)."""
    if len(value) > ID:
        return f"{len(value)} characters, at most {ID}"
    if value != value.strip():
        return "must not start or end with a space"
    problem = text_problem(value, line=True)
    if problem:
        return problem
    if unicodedata.normalize("NFC", value) != value:
        return "must be in Unicode NFC form (it has a look-alike that is another id)"
    return ""
