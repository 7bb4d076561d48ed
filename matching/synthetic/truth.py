"""The planted truth of a synthetic world (see :mod:`matching.synthetic.world`).

True log-odds of a positive exit for any client–placement pair:
``intercept + 3.2·goal + 1.6·interest + 0.7·schedule + 1.1·support + quality
− 0.25·log(1 + km) − 0.4·[disability service]``, each term computed from hidden
quantities (what a site really leads to, true interests, true support need, site
quality) that the matcher only sees through noisy or partial records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.core.catalogue import Catalogue
from matching.core.dataset import Dataset

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
Region = Literal["paijat-hame", "finland"]

#: The truth's own rank weights of goals (the matcher uses 1, ½, ¼ …: not these).
TRUE_GOAL_RANK_WEIGHTS = (1.0, 0.45, 0.2, 0.1, 0.05, 0.03, 0.02)
#: Coefficients of the true logit.
TRUTH = {
    "goal": 3.2,
    "interest": 1.6,
    "schedule": 0.7,
    "support": 1.1,
    "quality": 1.0,
    "distance": 0.25,
    "disability": -0.4,
}
POSITIVE_RATE = 0.30  # domain.md: about 30 % of periods end positively


@dataclass(frozen=True)
class WorldSpec:
    """Size and shape of a synthetic world."""

    n_clients: int = 2500
    n_sites: int = 150
    n_jobs: int = 60
    seed: int = 0
    region: Region = "paijat-hame"
    n_municipalities: int = 300  # for the national world only
    as_of: dt.date = dt.date(2026, 1, 1)
    years: int = 3
    history: bool = True
    n_queries: int | None = None


@dataclass(frozen=True, eq=False)
class World:
    """A data set (as a dict and parsed) with its hidden truth."""

    spec: WorldSpec
    data: dict[str, Any]
    dataset: Dataset
    leads_to: F64  # (placements, goals), catalogue row order: sites then jobs
    quality: F64  # (placements,)
    true_interests: F64  # (clients, tags), dataset.clients order
    need: F64  # (clients,) true support need 1…3
    intercept: float
    client_row: dict[str, int]
    client_arrays: dict[str, np.ndarray]

    @property
    def history_start(self) -> dt.date:
        return self.spec.as_of - dt.timedelta(days=365 * self.spec.years)

    @property
    def seed(self) -> int:
        return self.spec.seed

    @property
    def cutoff(self) -> dt.date:
        """End of the training years: the last year's starters are the test clients."""
        return self.spec.as_of - dt.timedelta(days=365)

    def audit_groups(self, client_ids: list[str]) -> dict[str, list[str]]:
        """The fixed worlds record no audit attributes."""
        return {}

    def true_logit_pairs(
        self, cat: Catalogue, ci: I64, pj: I64, km: F64 | None = None
    ) -> F64:
        """True log-odds for pairs (client rows of ``dataset.clients``, catalogue rows)."""
        return true_logit_pairs(self, cat, ci, pj, km) + self.intercept

    def true_probability(self, cat: Catalogue, client_ids: list[str]) -> F64:
        """True P(positive exit), clients × all catalogue placements."""
        rows = np.array([self.client_row[c] for c in client_ids], dtype=np.int64)
        ci = np.repeat(rows, len(cat))
        pj = np.tile(np.arange(len(cat), dtype=np.int64), rows.size)
        z = self.true_logit_pairs(cat, ci, pj)
        return (1.0 / (1.0 + np.exp(-z))).reshape(rows.size, len(cat))


def true_logit_pairs(
    world: World, cat: Catalogue, ci: I64, pj: I64, km: F64 | None = None
) -> F64:
    """The truth without its intercept (see the module docstring)."""
    a = world.client_arrays
    if km is None:
        km = cat.municipality_km[a["muni"][ci], pj]
    goal = np.einsum("ij,ij->i", a["goal_w"][ci], world.leads_to[pj])
    ti = world.true_interests[ci]
    interest = np.einsum("ij,ij->i", ti, cat.tags[pj]) / np.maximum(ti.sum(1), 1.0)
    mid_d = (cat.days_lo[pj] + cat.days_hi[pj]) / 2.0
    mid_h = (cat.hours_lo[pj] + cat.hours_hi[pj]) / 2.0
    schedule = (
        1.0 - np.abs(a["days"][ci] - mid_d) / 3.0 - np.abs(a["hours"][ci] - mid_h) / 4.0
    )
    schedule = np.where(cat.is_job[pj], 0.5, schedule)
    support = -(((cat.support[pj] - world.need[ci]) / 1.5) ** 2)
    remote = (km > a["max_km"][ci]) & cat.remote[pj] & a["remote_ok"][ci]
    travel = np.where(remote, 0.0, km)
    t = TRUTH
    logit: F64 = (
        t["goal"] * goal
        + t["interest"] * interest
        + t["schedule"] * schedule
        + t["support"] * support
        + t["quality"] * world.quality[pj]
        - t["distance"] * np.log1p(travel)
        + t["disability"] * a["disability"][ci]
    )
    return logit


def client_arrays(dataset: Dataset) -> dict[str, np.ndarray]:
    """Raw client columns the truth reads (dataset.clients order)."""
    cs = dataset.clients
    rows = {m.code: i for i, m in enumerate(dataset.municipalities)}
    goal_w = np.zeros((len(cs), len(V.GOALS)))
    for i, c in enumerate(cs):
        for rank, g in enumerate(c.goals):
            goal_w[i, V.GOALS.index(g)] = TRUE_GOAL_RANK_WEIGHTS[rank]
    goal_w /= np.maximum(goal_w.sum(1, keepdims=True), 1e-9)
    return {
        "muni": np.array([rows[c.municipality] for c in cs], dtype=np.int64),
        "goal_w": goal_w,
        "days": np.array([c.days_per_week for c in cs], dtype=np.float64),
        "hours": np.array([c.hours_per_day for c in cs], dtype=np.float64),
        "max_km": np.array([c.max_travel_km for c in cs], dtype=np.float64),
        "remote_ok": np.array([c.remote_ok for c in cs], dtype=bool),
        "disability": np.array([c.service == "disability" for c in cs], float),
    }


def with_dataset(
    world: World, data: dict[str, Any], dataset: Dataset, b: float
) -> World:
    """The same world with new records (history, queries) and a calibrated intercept."""
    return dataclasses.replace(world, data=data, dataset=dataset, intercept=b)
