"""Counts and proportions of the outcome figures: pure values, no database, no rules.

The selectors count in SQL and return :class:`Count` cells (a number, the distinct
clients behind it and the sum of their record keys); ``marketplace.outcomes.
disclosure`` turns them into published figures once; the tables, charts and exports
read only the published figures.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: The smallest number of clients a published cell may describe.
MIN_CLIENTS = 5
#: The z value of a two-sided 95 % interval.
Z95 = 1.959963984540054


class Suppressed:
    """A hidden value: shown as "< 5" in pages, charts and exports."""

    _instance: Suppressed | None = None

    def __new__(cls) -> Suppressed:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return f"< {MIN_CLIENTS}"

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __bool__(self) -> bool:
        return False


SUPPRESSED = Suppressed()


@dataclass(frozen=True)
class Count:
    """A count of records (periods, answers, days), the distinct clients behind them,
    and the sum of the record keys of those records (the cell key before the modulo:
    see ``disclosure``). The same records always give the same ``key``."""

    value: int
    clients: int
    key: int = 0


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


@dataclass(frozen=True)
class Rate:
    """A proportion with its 95 % Wilson score interval."""

    value: float
    interval: Interval


def wilson_interval(successes: int, trials: int, z: float = Z95) -> Interval:
    """The Wilson score interval of a proportion (good for small n and p near 0 or 1).

    centre = (p + z²/2n) / (1 + z²/n), half width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
    """
    if trials <= 0:
        raise ValueError("a proportion needs at least one trial")
    if not 0 <= successes <= trials:
        raise ValueError("successes must be between 0 and the number of trials")
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    half /= denominator
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def rate(part: int, whole: int) -> Rate:
    """``part / whole`` with its Wilson interval."""
    return Rate(part / whole, wilson_interval(part, whole))
