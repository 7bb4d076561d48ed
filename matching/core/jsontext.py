"""Decoding a data set's JSON text so that no input can crash the reader.

Python's ``json`` module accepts what the data set format must refuse, and fails on
some inputs with errors that are not ``JSONDecodeError``:

- a key given twice in one object keeps only the last value: here the object
  remembers the keys given twice (:class:`KeyedTwice`), and the reader names them;
- a whole number of more than 4,300 digits raises ``ValueError``, and ``NaN``,
  ``Infinity`` or ``1e400`` become floats no column can hold: here they become
  :class:`Unreadable` values, which every field refuses with its record's name;
- arrays nested a few thousand deep raise ``RecursionError``: here the error names
  the path where the nesting went too deep (:func:`too_deep_at`).

No Django here (matching/core is pure).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

#: Digits of the longest whole number read as a number (no column holds more).
MAX_DIGITS = 30


class Unreadable:
    """A JSON number that no field can hold (too long, not finite)."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __repr__(self) -> str:
        return self.what


class KeyedTwice(dict[str, Any]):
    """A JSON object that gave one or more keys twice (``twice``: those keys)."""

    twice: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    twice: list[str] = []
    for key, _value in pairs:
        if key in seen and key not in twice:
            twice.append(key)
        seen.add(key)
    marked = KeyedTwice(obj)
    marked.twice = tuple(twice)
    return marked


def _whole(text: str) -> int | Unreadable:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        return Unreadable(f"a number of {digits} digits")
    return int(text)


def _real(text: str) -> float | Unreadable:
    value = float(text)
    if not math.isfinite(value):
        return Unreadable(f"a number too large ({text[:20]})")
    return value


def _constant(name: str) -> Unreadable:
    return Unreadable(name)  # NaN, Infinity, -Infinity are not JSON


def decode(text: str) -> Any:
    """The JSON document; raises ``json.JSONDecodeError`` or ``RecursionError``."""
    return json.loads(
        text,
        object_pairs_hook=_pairs,
        parse_int=_whole,
        parse_float=_real,
        parse_constant=_constant,
    )


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{},:]')


def too_deep_at(text: str, limit: int) -> str:
    """Where ``text`` first nests more than ``limit`` arrays or objects, as a path
    (``sites[0].tags[0]``); '' when it does not."""
    stack: list[list[Any]] = []  # [kind, key or index, expecting a key]
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            if len(stack) >= limit:
                return _path(stack)
            stack.append(["[", 0, False] if token == "[" else ["{", "", True])
        elif token in "]}":
            if stack:
                stack.pop()
        elif token == ",":
            if stack and stack[-1][0] == "[":
                stack[-1][1] += 1
            elif stack:
                stack[-1][2] = True
        elif token == ":":
            if stack:
                stack[-1][2] = False
        elif stack and stack[-1][0] == "{" and stack[-1][2]:
            stack[-1][1] = json.loads(token)
    return ""


def _path(stack: list[list[Any]], shown: int = 4) -> str:
    out = ""
    for kind, key, _expecting in stack[:shown]:
        if kind == "[":
            out += f"[{key}]"
        else:
            out += f".{key}" if out else str(key)
    return (out or "(the document)") + ("…" if len(stack) > shown else "")
