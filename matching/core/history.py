"""What past placements at a site or job led to: counts for the history features.

Only the TRAINING period counts: placements that ended on or before ``until`` with an
exit reason. A placement still open, or one that ended later, is unknown at training
time; counting it would leak the future into the features (and in evaluation, the
test period's outcomes into the model's inputs).

The counts are kept raw and smoothed by :func:`rate_tables` with a Beta prior
(empirical Bayes), so a new site with no history gets exactly the prior rate and is
ranked on its content alone. Training rows read the counts OUT OF FOLD
(:func:`out_of_fold`): each row sees the outcomes of the other folds of clients, never
its own, as a ranking on serving day sees everything but the period to come.
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
#: Pseudo-count of the prior of a goal's rate at a site (towards the site's rate
#: shifted by the goal's overall rate).
GOAL_PRIOR_STRENGTH = 8.0
#: Folds of clients for the out-of-fold history of training rows.
FOLDS = 5

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
    goal_rate: F64  # positive rate of clients by first goal, shrunk to prior_rate
    tables: HistoryTables  # the shrunk rates per place (serving)

    @property
    def priors(self) -> Priors:
        return Priors(
            self.prior_rate, self.prior_strength, self.goal_prior, self.goal_rate
        )

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
    by_goal_n = counts["n_goal"].sum(axis=0)
    by_goal_pos = counts["pos_goal"].sum(axis=0)
    goal_rate = (by_goal_pos + GOAL_PRIOR_STRENGTH * rate) / (
        by_goal_n + GOAL_PRIOR_STRENGTH
    )
    priors = Priors(
        prior_rate=rate,
        prior_strength=prior_strength(counts["n"], counts["pos"], rate),
        goal_prior=goal_prior,
        goal_rate=goal_rate,
    )
    tables = rate_tables(
        counts["n"],
        counts["pos"],
        counts["n_goal"],
        counts["pos_goal"],
        counts["exit_goal"],
        priors,
    )
    return HistoryStats(
        until=until,
        prior_rate=priors.prior_rate,
        prior_strength=priors.prior_strength,
        goal_prior=goal_prior,
        goal_rate=goal_rate,
        tables=tables,
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


@dataclass(frozen=True)
class Priors:
    """The means the rates are shrunk towards (from the whole training history)."""

    prior_rate: float
    prior_strength: float
    goal_prior: F64
    goal_rate: F64


@dataclass(frozen=True, eq=False)
class HistoryTables:
    """Shrunk rates: one row per place (serving) or per pair (training)."""

    rate: F64  # (rows,) positive-exit rate
    goal_rate: F64  # (rows, goals) rate among clients whose first goal is g
    goal_history: F64  # (rows, goals) share of periods whose positive exit served g


def rate_tables(
    n: F64, pos: F64, n_goal: F64, pos_goal: F64, exit_goal: F64, p: Priors
) -> HistoryTables:
    """Empirical-Bayes rates, hierarchical by goal.

    ``rate = (pos + κm)/(n + κ)``; the rate of goal g at the place is shrunk towards
    the place's rate shifted by how goal g does overall:
    ``(pos_g + κ_g·prior_g)/(n_g + κ_g)`` with
    ``prior_g = clip(rate + goal_rate[g] − m, 0.01, 0.99)``.
    """
    k, m = p.prior_strength, p.prior_rate
    rate = (pos + k * m) / (n + k)
    prior = np.clip(rate[:, None] + p.goal_rate[None, :] - m, 0.01, 0.99)
    kg = GOAL_PRIOR_STRENGTH
    goal_rate = (pos_goal + kg * prior) / (n_goal + kg)
    goal_history = (exit_goal + k * p.goal_prior[None, :]) / (n[:, None] + k)
    return HistoryTables(rate=rate, goal_rate=goal_rate, goal_history=goal_history)


@dataclass(frozen=True, eq=False)
class PairHistory:
    """History counts as seen by particular rows (one value or goal row per row)."""

    n: F64
    pos: F64
    n_goal: F64  # (rows, goals) periods by clients whose first goal is g
    pos_goal: F64
    exit_goal: F64  # (rows, goals)


def fold_of(client_ids: list[str], folds: int = FOLDS) -> NDArray[np.int64]:
    """A client's fold: stable across runs (a checksum of the id), so all periods of
    one client fall in the same fold."""
    return np.array(
        [sum(ident.encode()) * 2654435761 % 2**32 % folds for ident in client_ids],
        dtype=np.int64,
    )


def out_of_fold(
    place: NDArray[np.int64],
    first_goal: NDArray[np.int64],
    label: F64,
    exit_goals: F64,
    fold: NDArray[np.int64],
    known: NDArray[np.bool_],
    n_places: int,
) -> PairHistory:
    """For each row, the outcomes at its place of the KNOWN rows of other folds.

    ``known`` marks the rows whose outcome may be counted (the training part); rows
    not known (a hold-out) see every known row, as a ranking would.
    """
    g = len(GOALS)
    goal_hot = np.zeros((place.size, g))
    has = first_goal >= 0
    goal_hot[np.flatnonzero(has), first_goal[has]] = 1.0
    values = np.column_stack(
        [np.ones(place.size), label, goal_hot, goal_hot * label[:, None], exit_goals]
    )
    values = values * known[:, None]
    folds = int(fold.max(initial=0)) + 1
    total = np.zeros((n_places, values.shape[1]))
    np.add.at(total, place, values)
    by_fold = np.zeros((folds, n_places, values.shape[1]))
    np.add.at(by_fold, (fold, place), values)
    seen = total[place] - np.where(known[:, None], by_fold[fold, place], 0.0)
    return PairHistory(
        n=seen[:, 0],
        pos=seen[:, 1],
        n_goal=seen[:, 2 : 2 + g],
        pos_goal=seen[:, 2 + g : 2 + 2 * g],
        exit_goal=seen[:, 2 + 2 * g :],
    )
