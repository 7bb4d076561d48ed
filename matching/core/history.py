"""What past placements at a site or job led to: counts for the history features.

Only the TRAINING period counts: placements that ended on or before ``until`` with an
exit reason. A placement still open, or one that ended later, is unknown at training
time; counting it would leak the future into the features (and in evaluation, the
test period's outcomes into the model's inputs).

The counts are kept raw; :mod:`matching.core.features` smooths them with a Beta prior
(empirical Bayes), so a new site with no history gets exactly the prior rate and is
ranked on its content alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.core.dataset import Placement

GOALS = V.GOALS
GOAL_INDEX = {g: i for i, g in enumerate(GOALS)}
POSITIVE_EXIT_LIST: tuple[str, ...] = tuple(
    e for e in V.EXIT_REASONS if e in V.POSITIVE_EXITS
)
EXIT_INDEX = {e: i for i, e in enumerate(POSITIVE_EXIT_LIST)}

#: Which client goals a positive exit serves (domain.md, Oulu's "next step" list).
EXIT_GOALS: dict[str, tuple[str, ...]] = {
    "studies": ("studies",),
    "apprenticeship": ("studies", "employment"),
    "work_trial": ("work_trial", "work_ability_assessment"),
    "open_labour_market": ("employment",),
    "pay_subsidy": ("employment",),
    "entrepreneurship": ("employment", "own_product"),
    "rehabilitation": (
        "life_management",
        "social_participation",
        "work_ability_assessment",
    ),
}

#: About 30 % of periods end in a positive exit (domain.md, Päijät-Häme 2020); the
#: prior when a data set has no history at all.
DEFAULT_POSITIVE_RATE = 0.30
DEFAULT_PRIOR_STRENGTH = 10.0

F64 = NDArray[np.float64]


def exit_goal_vector(exit_reason: str | None) -> F64:
    """1 for each goal a positive exit serves; all zeros for a negative exit."""
    out = np.zeros(len(GOALS))
    for goal in EXIT_GOALS.get(exit_reason or "", ()):
        out[GOAL_INDEX[goal]] = 1.0
    return out


def is_training_placement(p: Placement, until: dt.date) -> bool:
    """An ended placement with a known outcome on or before ``until``."""
    return p.end is not None and p.end <= until and p.exit_reason is not None


@dataclass(frozen=True, eq=False)
class HistoryStats:
    """Outcome counts per catalogue placement (row order of the catalogue)."""

    until: dt.date | None
    n: F64  # ended periods
    pos: F64  # of which positive
    n_goal: F64  # (n_placements, goals): periods by the client's first goal
    pos_goal: F64
    exit_goal: F64  # positive exits counted towards each goal they serve
    exits_by_goal: F64  # (n_placements, goals, positive exits), for reasons
    prior_rate: float
    prior_strength: float
    goal_prior: F64  # overall rate of positive exits serving each goal

    @classmethod
    def empty(cls, n_placements: int) -> HistoryStats:
        """No history: every site and job gets the default prior."""
        return collect([], {}, n_placements, {}, None)


def collect(
    placements: Iterable[Placement],
    index: Mapping[str, int],
    n_placements: int,
    first_goal: Mapping[str, int],
    until: dt.date | None,
) -> HistoryStats:
    """Count training-period outcomes per site/job (see the module docstring).

    ``index`` maps site and job ids to catalogue rows; ``first_goal`` maps client ids
    to the index of their first goal (clients without goals are left out of the
    per-goal counts only). Placements at places outside ``index`` still count
    towards the overall prior.
    """
    rows = [
        p for p in placements if until is not None and is_training_placement(p, until)
    ]
    y = np.array([p.exit_reason in V.POSITIVE_EXITS for p in rows], dtype=np.float64)
    goals = np.array([exit_goal_vector(p.exit_reason) for p in rows]).reshape(
        len(rows), len(GOALS)
    )
    counts = _place_counts(
        n_placements,
        place=np.array([index.get(p.site or p.job or "", -1) for p in rows], np.int64),
        goal=np.array([first_goal.get(p.client, -1) for p in rows], np.int64),
        exit=np.array(
            [EXIT_INDEX.get(p.exit_reason or "", -1) for p in rows], np.int64
        ),
        y=y,
        goals=goals,
    )
    if rows:
        rate = min(max(float(y.mean()), 0.01), 0.99)
        goal_prior = goals.mean(axis=0)
    else:
        rate = DEFAULT_POSITIVE_RATE
        goal_prior = np.full(len(GOALS), DEFAULT_POSITIVE_RATE / 2)
    return HistoryStats(
        until=until,
        prior_rate=rate,
        prior_strength=prior_strength(counts["n"], counts["pos"], rate),
        goal_prior=goal_prior,
        **counts,
    )


def _place_counts(
    n_placements: int,
    place: NDArray[np.int64],
    goal: NDArray[np.int64],
    exit: NDArray[np.int64],
    y: F64,
    goals: F64,
) -> dict[str, F64]:
    """Sum the periods' outcomes into per-place (and per first goal) counts."""
    g, e = len(GOALS), len(POSITIVE_EXIT_LIST)
    out = {
        "n": np.zeros(n_placements),
        "pos": np.zeros(n_placements),
        "n_goal": np.zeros((n_placements, g)),
        "pos_goal": np.zeros((n_placements, g)),
        "exit_goal": np.zeros((n_placements, g)),
        "exits_by_goal": np.zeros((n_placements, g, e)),
    }
    at = place >= 0
    np.add.at(out["n"], place[at], 1.0)
    np.add.at(out["pos"], place[at], y[at])
    np.add.at(out["exit_goal"], place[at], goals[at])
    at &= goal >= 0
    np.add.at(out["n_goal"], (place[at], goal[at]), 1.0)
    np.add.at(out["pos_goal"], (place[at], goal[at]), y[at])
    at &= exit >= 0
    np.add.at(out["exits_by_goal"], (place[at], goal[at], exit[at]), 1.0)
    return out


def prior_strength(n: F64, pos: F64, rate: float) -> float:
    """Empirical-Bayes strength κ of the Beta(κm, κ(1−m)) prior on a site's rate.

    Method of moments: the spread of observed rates beyond binomial noise estimates
    the true between-site variance τ², and κ = m(1−m)/τ² − 1. With too few sites
    the default κ = 10 is used; κ is kept within [2, 100].
    """
    seen = n >= 3
    if int(seen.sum()) < 5:
        return DEFAULT_PRIOR_STRENGTH
    rates = pos[seen] / n[seen]
    binomial = float(np.mean(rate * (1 - rate) / n[seen]))
    tau2 = float(np.var(rates)) - binomial
    if tau2 <= 1e-6:
        return 100.0
    return float(np.clip(rate * (1 - rate) / tau2 - 1.0, 2.0, 100.0))


@dataclass(frozen=True, eq=False)
class PairHistory:
    """History counts as seen by particular pairs (one value per pair).

    ``n_goal``/``pos_goal`` are for the pair's client's first goal (0 without one).
    """

    n: F64
    pos: F64
    n_goal: F64
    pos_goal: F64
    exit_goal: F64  # (pairs, goals)


def counts_before(
    place: NDArray[np.int64],
    end: NDArray[np.int64],
    first_goal: NDArray[np.int64],
    label: F64,
    exit_goals: F64,
    at: NDArray[np.int64],
) -> PairHistory:
    """For each period ``i``, the outcomes at its own place that ended before it began.

    ``place``, ``end`` (ordinal date), ``first_goal`` (-1: none), ``label`` and
    ``exit_goals`` describe the training periods; ``at`` is each period's start. A
    training row thus sees exactly what a ranking at its start date could have seen:
    never its own outcome, never a later one (no target leakage).
    """
    ones = np.ones(place.size)
    site = _sums_before(place, end, at, np.column_stack([ones, label, exit_goals]))
    by_goal = place * (len(GOALS) + 1) + first_goal + 1
    goal = _sums_before(by_goal, end, at, np.column_stack([ones, label]))
    has_goal = first_goal >= 0
    return PairHistory(
        n=site[:, 0],
        pos=site[:, 1],
        n_goal=np.where(has_goal, goal[:, 0], 0.0),
        pos_goal=np.where(has_goal, goal[:, 1], 0.0),
        exit_goal=site[:, 2:],
    )


def _sums_before(
    group: NDArray[np.int64], end: NDArray[np.int64], at: NDArray[np.int64], values: F64
) -> F64:
    """Row i: the sum of ``values[j]`` over rows j of i's group with ``end[j] < at[i]``.

    One sort and two binary searches: rows sorted by (group, end), cumulative sums,
    and for each row the slice of its group that ended strictly before ``at``.
    """
    big = int(max(end.max(initial=0), at.max(initial=0))) + 2
    key = group * big + end
    order = np.argsort(key, kind="stable")
    cum = np.zeros((group.size + 1, values.shape[1]))
    cum[1:] = np.cumsum(values[order], axis=0)
    lo = np.searchsorted(key[order], group * big, side="left")
    hi = np.searchsorted(key[order], group * big + at, side="left")
    return cum[hi] - cum[lo]
