"""Disclosure control of the outcome figures: the cell-key method, then small-number
suppression. Pure functions on :class:`~marketplace.outcomes.statistics.Count` cells;
``marketplace.outcomes.published`` applies them once to every figure of a report.

**Cell-key method** (consistent perturbation, as statistical offices use for flexible
table builders: the Australian Bureau of Statistics' TableBuilder, Eurostat's
harmonised protection of the 2021 census; Fraser & Wooton 2005, Giessing 2016):

* every client record carries a random *record key*, an integer in
  ``[0, KEY_RANGE)`` drawn when the record is created, stored with it
  (``Client.record_key``) and never shown;
* a cell's *cell key* is the sum of the record keys of the records behind it
  (periods, answers, work days), modulo ``KEY_RANGE``; it is uniformly distributed,
  and the same set of records always has the same cell key;
* the published value is the true value plus the noise that the fixed
  *perturbation table* gives for (true value, cell key). The same records therefore
  always get the same figure, so asking again and averaging does not help, and two
  different sets get independent noise, so subtracting two figures does not give the
  difference of the true counts: a difference of one may come from 0, 1, 2, 3 … clients.

The table: the noise is at most ``MAX_NOISE`` (2) either way, has mean 0 (no bias)
and variance ``NOISE_VARIANCE`` (1) for every true value from 2 up; for 1 the noise
is −1…+2 with mean 0 (a figure never goes below zero), and 0 stays 0. Each row is the
distribution of largest entropy with that mean and variance, and the key ranges of a
row list the noise 0 first (so a cell key of 0 gives the true value).

**Then suppression**, on top: a cell is shown as "< 5" when fewer than
``MIN_CLIENTS`` distinct clients are behind it *or* its published value is below
five; secondary suppression hides one more part of a total that has exactly one
hidden part; a share is shown only when its part and the rest both count five or more
(clients and published values), and computed from the published counts; an average
needs a shown count of five or more clients behind it.

Perturbed figures are not additive: a total is perturbed on its own and need not
equal the sum of its published parts. The other protections, whole-month periods from
a fixed list with a span of at most a year (``marketplace.outcomes.scope``), are
documented in ``docs/outcomes.md`` with the attack they answer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from marketplace.outcomes.statistics import (
    MIN_CLIENTS,
    SUPPRESSED,
    Count,
    Rate,
    Suppressed,
    rate,
)

#: Record keys and cell keys are integers in ``[0, KEY_RANGE)``.
KEY_RANGE = 2**16
#: The largest noise added to or taken from a figure.
MAX_NOISE = 2
#: The variance of the noise (for true values of ``MAX_NOISE`` and more).
NOISE_VARIANCE = 1.0

Cell = int | Suppressed


def _max_entropy(noises: Sequence[int], variance: float) -> list[float]:
    """The distribution over ``noises`` of largest entropy with mean 0 and the given
    variance: p(d) ∝ exp(a·d − b·d²), a and b found by Newton's method."""
    a = b = 0.0
    p: list[float] = []
    for _ in range(100):
        weights = [math.exp(a * d - b * d * d) for d in noises]
        total = sum(weights)
        p = [w / total for w in weights]
        m1, m2, m3, m4 = (
            sum(q * d**k for q, d in zip(p, noises, strict=True)) for k in (1, 2, 3, 4)
        )
        g1, g2 = m1, m2 - variance
        if abs(g1) < 1e-13 and abs(g2) < 1e-13:
            break
        j11, j12 = m2 - m1 * m1, -(m3 - m1 * m2)
        j21, j22 = m3 - m1 * m2, -(m4 - m2 * m2)
        det = j11 * j22 - j12 * j21
        a -= (j22 * g1 - j12 * g2) / det
        b -= (j11 * g2 - j21 * g1) / det
    return p


def _row(value: int) -> tuple[tuple[int, int], ...]:
    """The perturbation table's row for a true value: (noise, upper end of its key
    range), noise 0 first, then −1, +1, −2, +2 …; the ranges cover the keys."""
    if value == 0:
        return ((0, KEY_RANGE),)
    noises = list(range(-min(value, MAX_NOISE), MAX_NOISE + 1))
    probability = dict(zip(noises, _max_entropy(noises, NOISE_VARIANCE), strict=True))
    order = sorted(noises, key=lambda d: (abs(d), d))
    row, cumulative = [], 0.0
    for d in order:
        cumulative += probability[d]
        row.append((d, min(KEY_RANGE, round(cumulative * KEY_RANGE))))
    row[-1] = (row[-1][0], KEY_RANGE)
    return tuple(row)


#: The fixed perturbation table: a row per true value 0 … MAX_NOISE; larger values
#: use the last row.
PERTURBATION_TABLE: dict[int, tuple[tuple[int, int], ...]] = {
    value: _row(value) for value in range(MAX_NOISE + 1)
}


def noise(value: int, cell_key: int) -> int:
    """The noise the table gives a true ``value`` with ``cell_key``."""
    row = PERTURBATION_TABLE[min(value, MAX_NOISE)]
    key = cell_key % KEY_RANGE
    return next(d for d, upper in row if key < upper)


def perturbed(count: Count) -> int:
    """The published value of a count (never below zero)."""
    return max(0, count.value + noise(count.value, count.key))


def cell(count: Count) -> Cell:
    """A count as published: perturbed, or "< 5" when fewer than five clients are
    behind it or its perturbed value is below five."""
    if count.clients < MIN_CLIENTS:
        return SUPPRESSED
    value = perturbed(count)
    return SUPPRESSED if value < MIN_CLIENTS else value


def parts(counts: Sequence[Count]) -> list[Cell]:
    """The published parts of a published total, with secondary suppression: when
    exactly one part is hidden, the smallest shown part is hidden too."""
    return _secondary([cell(c) for c in counts])


def amounts(counts: Sequence[Count]) -> list[Cell]:
    """Money about participants (``value`` in cents): shown as it is when the count
    of clients behind it would be shown, with secondary suppression."""
    return _secondary(
        [
            c.value
            if cell(Count(c.clients, c.clients, c.key)) is not SUPPRESSED
            else SUPPRESSED
            for c in counts
        ]
    )


def _secondary(cells: list[Cell]) -> list[Cell]:
    """When exactly one cell is hidden, hide the smallest shown one too."""
    hidden = [i for i, c in enumerate(cells) if c is SUPPRESSED]
    shown = [i for i, c in enumerate(cells) if c is not SUPPRESSED]
    if len(hidden) == 1 and shown:
        cells[min(shown, key=lambda i: (cells[i], i))] = SUPPRESSED
    return cells


def parts_with_rest(counts: Sequence[Count], rest_clients: Sequence[int]) -> list[Cell]:
    """Parts shown beside their whole (e.g. positive exits beside the ended periods):
    a part is shown only if the rest of its whole also has five clients, then
    secondary suppression down the column."""
    guarded = [
        Count(c.value, c.clients if rest >= MIN_CLIENTS else 0, c.key)
        for c, rest in zip(counts, rest_clients, strict=True)
    ]
    return parts(guarded)


def groups(
    grouped: Sequence[Sequence[Count]], subtotals_shown: bool
) -> list[list[Cell]]:
    """Parts in groups whose subtotals are published (the positive and the other
    exits): secondary suppression in each group; when the subtotals are hidden, each
    group keeps at least one hidden part (else the shown parts and the grand total
    would give the hidden subtotals away)."""
    out = [parts(group) for group in grouped]
    if not subtotals_shown:
        for cells in out:
            shown = [i for i, c in enumerate(cells) if c is not SUPPRESSED]
            if shown and len(shown) == len(cells):
                cells[min(shown, key=lambda i: (cells[i], i))] = SUPPRESSED
    return out


def share(part: Count, whole: Count, rest_clients: int) -> Rate | Suppressed:
    """``part / whole`` from the published counts, with its Wilson interval; shown
    only if the part and the rest each have five clients and a published count of
    five or more (``rest_clients`` is a lower bound of the clients of the rest)."""
    part_cell, whole_cell = cell(part), cell(whole)
    if part_cell is SUPPRESSED or whole_cell is SUPPRESSED:
        return SUPPRESSED
    assert isinstance(part_cell, int) and isinstance(whole_cell, int)
    if rest_clients < MIN_CLIENTS or whole_cell - part_cell < MIN_CLIENTS:
        return SUPPRESSED
    return rate(part_cell, whole_cell)


def mean(value: float | None, behind: Count) -> float | Suppressed:
    """An average, shown only when the count of clients behind it is shown."""
    if value is None or cell(behind) is SUPPRESSED:
        return SUPPRESSED
    return float(value)
