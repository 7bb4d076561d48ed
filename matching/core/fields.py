"""Reading one JSON object of a data set, field by field, collecting every error.

Each error names the record and the field (``sites[12].municipality: unknown code
"999"``) so that an importer can show all of them at once.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any


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
            self.fail(key, "unknown field")

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

    def text(self, name: str, required: bool = True, default: str = "") -> str:
        value = self.get(name, required)
        if value is None:
            return default
        if not isinstance(value, str):
            self.fail(name, f"must be a string, not {json.dumps(value)}")
            return default
        if required and not value.strip():
            self.fail(name, "must not be empty")
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
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"must be a whole number, not {json.dumps(value)}")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.fail(
                name,
                f"{value} is outside {lo}–{hi}"
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
            self.fail(name, f"must be a number, not {json.dumps(value)}")
            return 0.0
        if not lo <= value <= hi:
            self.fail(name, f"{value} is outside {lo}–{hi}")
        return float(value)

    def flag(self, name: str) -> bool:
        value = self.get(name, False)
        if value is not None and not isinstance(value, bool):
            self.fail(name, f"must be true or false, not {json.dumps(value)}")
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
            self.fail(name, f"must be a date YYYY-MM-DD, not {json.dumps(value)}")
            return None

    def choice(
        self, name: str, allowed: Iterable[str], required: bool = True
    ) -> str | None:
        value = self.get(name, required)
        if value is None:
            return None
        if value not in allowed:
            self.fail(name, f"unknown value {json.dumps(value)}")
            return None
        return str(value)

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
        for item in value:
            if item not in allowed:
                self.fail(name, f"unknown value {json.dumps(item)}")
        if len(set(map(str, value))) != len(value):
            self.fail(name, "lists a value twice")
        return tuple(v for v in value if v in allowed)

    def strings(self, name: str) -> tuple[str, ...]:
        value = self.get(name, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v.strip() for v in value
        ):
            self.fail(name, "must be a list of non-empty strings")
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
            self.fail(name, f"must be [min, max], not {json.dumps(value)}")
            return (lo, lo)
        a, b = value
        if not (lo <= a <= b <= hi):
            self.fail(name, f"[{a}, {b}] must satisfy {lo} ≤ min ≤ max ≤ {hi}")
        return (a, b)

    def ref(
        self, name: str, known: set[str] | dict[str, Any], required: bool = True
    ) -> str | None:
        value = self.text(name, required=required, default="") or None
        if value is not None and value not in known:
            self.fail(
                name,
                f"unknown {'code' if name == 'municipality' else 'id'} {json.dumps(value)}",
            )
        return value
