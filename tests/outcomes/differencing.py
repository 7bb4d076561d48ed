"""The differencing attack on the outcome figures, as a curious organiser would run
it: ask for every period the page offers under every filter, and subtract.

The attacker of issue 16 compared windows that differed by one day: a difference of
one in an exit reason and in the total named one client's exit reason and day. Here
the attacker is stronger: for each filter and exit reason it takes every published
figure it can get (every period of the list, and the last twelve full months as
asked month after month) and solves them by least squares for the count of each
month (and quarter); where a month is determined by the figures and its estimate
rounds to one, it claims "exactly one client ended for this reason in this month
here" (with the filter, a site, the claim names a person to anyone who knows who
left that site that month).

Scored against the truth: a claim is right when exactly one period with that
reason ended there in that month. *Chance* is how often the claim is right when made
about every month in which the published figures show that such periods ended at all
(the share of single-client months among the non-empty ones they cover). "More often
than chance" is judged by a one-sided binomial test of the right claims against
that share (``Score.p_value``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from marketplace.outcomes.filters import OutcomeFilter
from marketplace.outcomes.published import publish_total
from marketplace.outcomes.scope import PARTS, Window, outcome_sites_for
from marketplace.outcomes.selectors.periods import period_figures
from marketplace.outcomes.statistics import MIN_CLIENTS, Suppressed
from tests.outcomes.attack_world import FIRST, LAST, Exit

Month = int  # year * 12 + month - 1


def month_of(day: dt.date) -> Month:
    return day.year * 12 + day.month - 1


@dataclass(frozen=True)
class Filter:
    """A choice of the outcome page's filters and which exits it selects."""

    name: str
    data: dict[str, str]
    selects: Callable[[Exit], bool]


def filters(world: dict[str, Any]) -> list[Filter]:
    out = [Filter("all", {}, lambda e: True)]
    out += [
        Filter(
            f"municipality {t.code}",
            {"municipality": t.code},
            _is("municipality", t.code),
        )
        for t in world["towns"]
    ]
    out += [
        Filter(
            f"organisation {o.pk}",
            {"organisation": str(o.pk)},
            _is("organisation", o.pk),
        )
        for o in world["orgs"]
    ]
    out += [
        Filter(f"site {s.pk}", {"site": str(s.pk)}, _is("site", s.pk))
        for s in world["sites"]
    ]
    out += [
        Filter(f"service {v}", {"service": v}, _is("service", v))
        for v in ("rehabilitative", "disability")
    ]
    return out


def _is(field: str, value: Any) -> Callable[[Exit], bool]:
    return lambda e: getattr(e, field) == value


@dataclass(frozen=True)
class Observation:
    months: tuple[Month, Month]  # first and last month of the window
    cells: dict[str, Any]  # exit reason → published cell (int or SUPPRESSED)


def offered_periods() -> list[tuple[dict[str, str] | None, Window]]:
    """Every period of the page's list in the world's years, and the last twelve
    full months as they were at the end of each month (asked month after month)."""
    out: list[tuple[dict[str, str] | None, Window]] = [
        ({"year": str(year), "part": part}, Window.part_of_year(year, part))
        for year in range(FIRST.year, LAST.year + 1)
        for part in PARTS
    ]
    for month in range(month_of(FIRST), month_of(LAST) + 1):
        today = dt.date(month // 12, month % 12 + 1, 1) + dt.timedelta(days=40)
        out.append((None, Window.last_twelve_months(today.replace(day=3))))
    return out


def observe_published(
    organiser: Any, chosen: Filter, periods: Iterable[tuple[dict | None, Window]]
) -> Iterator[Observation]:
    """The exit table of each period under a filter, as the page publishes it."""
    sites = outcome_sites_for(organiser)
    for data, window in periods:
        filterset = OutcomeFilter({**chosen.data, **(data or {})}, queryset=sites)
        assert filterset.is_valid(), filterset.form.errors
        scope = dataclasses.replace(filterset.scope(), window=window)
        breakdown = period_figures(scope)
        _total, exits = publish_total(breakdown.totals, breakdown.exits)
        yield Observation((month_of(window.start), month_of(window.end)), exits)


def observe_unprotected(
    exits: list[Exit], chosen: Filter, windows: Iterable[tuple[Month, Month]]
) -> Iterator[Observation]:
    """The exit table as published before: true counts, hidden under five clients."""
    mine = [e for e in exits if chosen.selects(e)]
    for first, last in windows:
        counts: dict[str, int] = defaultdict(int)
        for e in mine:
            if first <= month_of(e.end) <= last:
                counts[e.reason] += 1
        cells = {
            r: (n if n >= MIN_CLIENTS else Suppressed()) for r, n in counts.items()
        }
        yield Observation((first, last), cells)


def any_month_windows() -> list[tuple[Month, Month]]:
    """Every window of whole months up to a year long (what a date range allowed)."""
    first, last = month_of(FIRST), month_of(LAST)
    return [
        (a, b)
        for b in range(first, last + 1)
        for a in range(max(first - 11, b - 11), b + 1)
    ]


@dataclass
class Score:
    claims: int = 0
    right: int = 0
    non_empty: int = 0
    single: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.claims if self.claims else 0.0

    @property
    def chance(self) -> float:
        return self.single / self.non_empty if self.non_empty else 0.0

    @property
    def p_value(self) -> float:
        """How likely this many right claims (or more) would be if each claim were
        right by chance alone (one-sided binomial test): small means the attacker
        does better than chance."""
        n, p = self.claims, self.chance
        return sum(
            math.comb(n, k) * p**k * (1 - p) ** (n - k)
            for k in range(self.right, n + 1)
        )

    def __str__(self) -> str:
        return (
            f"{self.right} of {self.claims} claims right ({self.precision:.2f}); "
            f"chance {self.single} of {self.non_empty} ({self.chance:.2f}); "
            f"p = {self.p_value:.3g}"
        )


def attack(
    observations: list[Observation],
    truth: dict[tuple[str, Month], int],
    unit: int,
    score: Score,
) -> None:
    """Least squares over one filter's observations, for every exit reason; claims
    and scores at the resolution of ``unit`` months (1: months, 3: quarters)."""
    first = min(o.months[0] for o in observations)
    last = max(o.months[1] for o in observations)
    columns = list(range(first, last + 1))
    reasons = {r for o in observations for r in o.cells} | {r for r, _m in truth}
    for reason in reasons:
        rows, values = [], []
        for o in observations:
            value = o.cells.get(reason)
            if isinstance(value, int):
                rows.append(
                    [1.0 if o.months[0] <= m <= o.months[1] else 0.0 for m in columns]
                )
                values.append(float(value))
        if not rows:
            continue
        a = np.array(rows)
        pinv = np.linalg.pinv(a)
        estimate, projection = pinv @ np.array(values), pinv @ a
        for start in range(month_of(FIRST), month_of(LAST) + 1, unit):
            u = np.array([1.0 if start <= m < start + unit else 0.0 for m in columns])
            true = sum(truth.get((reason, m), 0) for m in range(start, start + unit))
            covered = bool((a @ u).any())
            if covered and true >= 1:
                score.non_empty += 1
                score.single += true == 1
            if np.allclose(u @ projection, u, atol=1e-6) and round(u @ estimate) == 1:
                score.claims += 1
                score.right += true == 1


def truth_of(exits: list[Exit], chosen: Filter) -> dict[tuple[str, Month], int]:
    counts: dict[tuple[str, Month], int] = defaultdict(int)
    for e in exits:
        if chosen.selects(e):
            counts[(e.reason, month_of(e.end))] += 1
    return counts


def day_scan(exits: list[Exit], chosen: Filter) -> tuple[int, int]:
    """Issue 16's scan on true counts hidden under five: windows from the first day
    to each day in turn; one more in a reason and in the total names a client's exit
    reason and day. Returns (claims, right)."""
    mine = sorted((e for e in exits if chosen.selects(e)), key=lambda e: e.end)
    claims = right = 0
    day = FIRST
    while day < LAST:
        before = [e for e in mine if e.end <= day]
        after = [e for e in mine if e.end <= day + dt.timedelta(days=1)]
        total_before, total_after = len(before), len(after)
        if total_before >= MIN_CLIENTS and total_after - total_before == 1:
            for reason in {e.reason for e in after}:
                n0 = sum(e.reason == reason for e in before)
                n1 = sum(e.reason == reason for e in after)
                if n0 >= MIN_CLIENTS and n1 - n0 == 1:
                    claims += 1
                    right += after[-1].reason == reason
        day += dt.timedelta(days=1)
    return claims, right
