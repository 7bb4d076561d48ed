"""Reading one JSON object of a data set, field by field, collecting every error.

Each error names the record and the field (``sites[12].municipality: unknown code
"999"``) so that an importer can show all of them at once. Every value is bounded
(``matching.core.limits``): text by length and by the characters it may hold, whole
numbers by the columns that store them, lists by length; a value of any JSON shape
is refused with a message, never an exception.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from matching.core import limits as L
from matching.core.jsontext import KeyedTwice, Unreadable


def show_key(key: str) -> str:
    """A key of a JSON object for an error message (as it is, if short and plain)."""
    plain = 0 < len(key) <= 40 and key.isprintable() and not set(key) & set(" :.[]")
    return key if plain else show(key)


def show(value: Any) -> str:
    """A value for an error message: short, whatever its size or shape."""
    if isinstance(value, str):
        return json.dumps(value[:40] + ("…" if len(value) > 40 else ""))
    if isinstance(value, bool | None | float | Unreadable):
        return json.dumps(value) if not isinstance(value, Unreadable) else repr(value)
    if isinstance(value, int):
        return str(value) if value.bit_length() <= 96 else "a number of 30+ digits"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class FieldReader:
    """One JSON object being read; errors are reported as ``where.field: message``.

    Methods are named for what they read (``text``, ``whole``, ``number``, ``flag``,
    ``date`` …) and return a default after recording an error, so one pass collects
    every problem of a record.
    """

    def __init__(self, raw: Any, where: str, errors: list[str], allowed: set[str]):
        self.where = where
        self.errors = errors
        self.ok = True
        if not isinstance(raw, dict):
            self.fail("", "must be an object")
            raw = {}
        self.raw: dict[str, Any] = raw
        for key in sorted(set(raw) - allowed):
            self.fail(show_key(key), "unknown field")
        if isinstance(raw, KeyedTwice):
            for key in raw.twice:
                self.fail(
                    show_key(key), "is given twice (only one value could be kept)"
                )

    def fail(self, name: str, message: str) -> None:
        self.ok = False
        self.errors.append(
            f"{self.where}.{name}: {message}" if name else f"{self.where}: {message}"
        )

    def get(self, name: str, required: bool) -> Any:
        value = self.raw.get(name)
        if value is None and required:
            self.fail(name, "is required")
        return value

    def text(
        self,
        name: str,
        required: bool = True,
        default: str = "",
        *,
        limit: int,
        line: bool = True,
    ) -> str:
        """A string of at most ``limit`` characters: one line (a name, a title) or,
        with ``line=False``, free text with line breaks."""
        value = self.get(name, required)
        if value is None:
            return default
        if not isinstance(value, str):
            self.fail(name, f"must be a string, not {show(value)}")
            return default
        if required and not value.strip():
            self.fail(name, "must not be empty")
        if len(value) > limit:
            self.fail(name, f"{len(value)} characters, at most {limit}")
            return default
        problem = L.text_problem(value, line=line)
        if problem:
            self.fail(name, problem)
            return default
        return value

    def ident(self, name: str) -> str:
        """A record's data-set id (required)."""
        value = self.text(name, limit=2**31)
        problem = L.id_problem(value) if value else ""
        if problem:
            self.fail(name, problem)
            return ""
        return value

    def whole(
        self,
        name: str,
        lo: int | None = None,
        hi: int | None = None,
        required: bool = True,
    ) -> int | None:
        value = self.get(name, required)
        if value is None:
            return None
        if isinstance(value, Unreadable) and hi is not None:
            self.fail(name, f"{show(value)} is outside {lo}–{hi}")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"must be a whole number, not {show(value)}")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.fail(
                name,
                f"{show(value)} is outside {lo}–{hi}"
                if hi is not None
                else f"must be at least {lo}",
            )
            return None
        return value

    def number(self, name: str, lo: float, hi: float) -> float:
        value = self.get(name, True)
        if value is None:
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(name, f"must be a number, not {show(value)}")
            return 0.0
        if not lo <= value <= hi:
            self.fail(name, f"{show(value)} is outside {lo}–{hi}")
            return float(lo)
        return float(value)

    def flag(self, name: str) -> bool:
        value = self.get(name, False)
        if value is not None and not isinstance(value, bool):
            self.fail(name, f"must be true or false, not {show(value)}")
            return False
        return bool(value)

    def date(self, name: str, required: bool = True) -> dt.date | None:
        value = self.get(name, required)
        if value is None:
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(name, f"must be a date YYYY-MM-DD, not {show(value)}")
            return None

    def choice(
        self, name: str, allowed: Iterable[str], required: bool = True
    ) -> str | None:
        value = self.get(name, required)
        if value is None:
            return None
        if not isinstance(value, str) or value not in allowed:
            self.fail(name, f"unknown value {show(value)}")
            return None
        return value

    def choices(
        self, name: str, allowed: Iterable[str], required: bool = False
    ) -> tuple[str, ...]:
        value = self.get(name, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(name, "must be a list")
            return ()
        allowed = set(allowed)
        known = [v for v in value if isinstance(v, str) and v in allowed]
        wrong = [v for v in value if not (isinstance(v, str) and v in allowed)]
        for item in wrong[:3]:
            self.fail(name, f"unknown value {show(item)}")
        if len(wrong) > 3:
            self.fail(name, f"… and {len(wrong) - 3} more unknown values")
        if len(set(known)) != len(known):
            self.fail(name, "lists a value twice")
        return tuple(dict.fromkeys(known))

    def strings(self, name: str, *, items: int, limit: int) -> tuple[str, ...]:
        """A list of at most ``items`` different names of at most ``limit``
        characters each."""
        value = self.get(name, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v.strip() for v in value
        ):
            self.fail(name, "must be a list of non-empty strings")
            return ()
        if len(value) > items:
            self.fail(name, f"{len(value)} items, at most {items}")
            return ()
        for n, item in enumerate(value):
            problem = L.text_problem(item, line=True)
            if len(item) > limit:
                problem = f"{len(item)} characters, at most {limit}"
            if problem:
                self.fail(f"{name}[{n}]", problem)
                return ()
        if len(set(value)) != len(value):
            self.fail(name, "lists a value twice")
            return ()
        return tuple(value)

    def range(self, name: str, lo: int, hi: int) -> tuple[int, int]:
        value = self.get(name, True)
        if value is None:
            return (lo, lo)
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            self.fail(name, f"must be [min, max], not {show(value)}")
            return (lo, lo)
        a, b = value
        if not (lo <= a <= b <= hi):
            self.fail(name, f"[{a}, {b}] must satisfy {lo} ≤ min ≤ max ≤ {hi}")
        return (a, b)

    def ref(
        self, name: str, known: set[str] | dict[str, Any], required: bool = True
    ) -> str | None:
        value = self.text(name, required=required, default="", limit=L.ID) or None
        if value is not None and value not in known:
            self.fail(
                name,
                f"unknown {'code' if name == 'municipality' else 'id'} {show(value)}",
            )
        return value
