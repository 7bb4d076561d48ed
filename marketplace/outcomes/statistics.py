"""Small-number suppression and confidence intervals for the outcome figures.

Pure functions, no database: the selectors count in SQL and hand the counts here.

Rules (so that no person can be recognised from the figures):

* **Primary suppression.** A cell that counts fewer than :data:`MIN_CLIENTS` distinct
  clients is shown as "< 5" — zero included, so that a 0 cannot be told apart from 1–4.
  Cells count *periods* or *answers*, but the rule looks at the distinct clients
  behind them, so one client with two periods can never make a cell of 2 visible.
* **Secondary suppression.** When the parts of a published total have exactly one
  suppressed cell, it could be recovered by subtraction; the smallest other part is
  then suppressed too (:func:`suppress_parts`).
* **Shares, rates and averages** are shown only when both the part and the rest count
  at least five clients (:func:`share_cell`): "all 6 moved on" or "2 of 40 did not"
  are as revealing as a small count. An average over fewer than five clients is
  suppressed (:func:`mean_cell`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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
    """A count of periods (or answers) and the distinct clients behind them."""

    value: int
    clients: int

    @property
    def hidden(self) -> bool:
        return self.clients < MIN_CLIENTS


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


def count_cell(count: Count) -> int | Suppressed:
    """The count, or :data:`SUPPRESSED` when fewer than five clients are behind it."""
    return SUPPRESSED if count.hidden else count.value


def suppress_parts(parts: Sequence[Count]) -> list[int | Suppressed]:
    """Cells for the parts of a published total, with secondary suppression.

    Primary: each part with fewer than five clients. Secondary: if exactly one part is
    hidden, the total would reveal it, so the smallest visible part is hidden too.
    """
    cells: list[int | Suppressed] = [count_cell(p) for p in parts]
    hidden = [i for i, cell in enumerate(cells) if cell is SUPPRESSED]
    visible = [i for i, cell in enumerate(cells) if cell is not SUPPRESSED]
    if len(hidden) == 1 and visible:
        smallest = min(visible, key=lambda i: (parts[i].value, i))
        cells[smallest] = SUPPRESSED
    return cells


def share_cell(
    part: int, whole: int, part_clients: int, rest_clients: int
) -> Rate | Suppressed:
    """``part / whole`` with its interval, if the part and the rest both have ≥ 5 clients."""
    if whole <= 0 or part_clients < MIN_CLIENTS or rest_clients < MIN_CLIENTS:
        return SUPPRESSED
    return Rate(part / whole, wilson_interval(part, whole))


def mean_cell(value: float | None, clients: int) -> float | Suppressed:
    """An average, shown only when at least five clients are behind it."""
    if value is None or clients < MIN_CLIENTS:
        return SUPPRESSED
    return float(value)
