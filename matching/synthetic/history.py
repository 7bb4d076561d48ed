"""A biased history for a synthetic world: who went where, and how it ended.

Placements were chosen by habit: with probability :data:`HABIT_SHARE` the choice
favours the nearest allowed site (weights ``exp(-km / HABIT_KM)``), otherwise any
allowed site — a little exploration, as when a social instructor knows a place. The
choice ignores goals, interests and quality entirely: the history is confounded by
geography, as real histories are. Outcomes are drawn from the planted truth, with the
intercept calibrated so that about 30 % of periods end positively.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.core.catalogue import Catalogue, encode_clients
from matching.core.dataset import Job, parse
from matching.core.rules import allowed, travel_km
from matching.synthetic.people import self_assessments
from matching.synthetic.truth import (
    POSITIVE_RATE,
    World,
    true_logit_pairs,
    with_dataset,
)

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]

HABIT_SHARE = 0.85
HABIT_KM = 3.0
JOB_SHARE = 0.1
GOAL_EXITS: dict[str, dict[str, float]] = {
    "employment": {
        "pay_subsidy": 0.5,
        "open_labour_market": 0.35,
        "apprenticeship": 0.1,
        "entrepreneurship": 0.05,
    },
    "studies": {"studies": 0.85, "apprenticeship": 0.15},
    "work_trial": {"work_trial": 1.0},
    "life_management": {"rehabilitation": 0.7, "work_trial": 0.3},
    "social_participation": {"rehabilitation": 0.6, "work_trial": 0.4},
    "own_product": {"entrepreneurship": 0.3, "work_trial": 0.4, "pay_subsidy": 0.3},
    "work_ability_assessment": {"rehabilitation": 0.5, "work_trial": 0.5},
}
#: Negative exits with the Päijät-Häme 2020 frequencies (domain.md).
NEGATIVE_EXITS: dict[str, float] = {
    "did_not_start": 28,
    "refused": 9,
    "death": 3,
    "other": 50,
    "moved_within_region": 11,
    "moved_away": 14,
    "pension": 12,
    "family_reasons": 3,
    "illness": 37,
    "non_commitment": 87,
    "ended_job_seeker": 129,
    "health_investigation": 53,
}


@dataclasses.dataclass(frozen=True, eq=False)
class Episodes:
    """Planned periods before the choice of place: client row, dates, job wish."""

    client: I64
    start: I64  # ordinal dates
    days: I64  # planned length
    wants_job: NDArray[np.bool_]


def plan_episodes(rng: np.random.Generator, world: World) -> Episodes:
    """0–4 consecutive periods per client over the history years."""
    first = world.history_start.toordinal()
    last = world.spec.as_of.toordinal()
    client, start, days = [], [], []
    for row in range(len(world.dataset.clients)):
        t = first + int(rng.integers(0, 500))
        for _ in range(int(rng.choice([0, 1, 1, 2, 2, 3, 4]))):
            if t >= last:
                break
            length = int(rng.integers(90, 331))
            client.append(row)
            start.append(t)
            days.append(length)
            t += length + int(rng.integers(20, 201))
    n = len(client)
    return Episodes(
        client=np.array(client, dtype=np.int64),
        start=np.array(start, dtype=np.int64),
        days=np.array(days, dtype=np.int64),
        wants_job=rng.random(n) < JOB_SHARE,
    )


def choose_places(
    rng: np.random.Generator, world: World, cat: Catalogue, ep: Episodes
) -> I64:
    """Catalogue row chosen for each episode by habit (-1: nothing allowed)."""
    past = dataclasses.replace(cat, available=np.ones(len(cat), dtype=bool))
    batch = encode_clients(world.dataset.clients, cat)
    deadline = np.array(
        [r.deadline.toordinal() if isinstance(r, Job) else 0 for r in cat.records],
        dtype=np.int64,
    )
    chosen = np.full(ep.client.size, -1, dtype=np.int64)
    if len(cat) == 0:
        return chosen
    step = max(1, 500_000 // max(1, len(cat)))
    for lo in range(0, ep.client.size, step):
        part = slice(lo, min(ep.client.size, lo + step))
        sub = batch.take(ep.client[part])
        km = travel_km(sub, cat)
        mask = allowed(sub, past, km)
        window = (deadline[None, :] >= ep.start[part, None] + 7) & (
            deadline[None, :] <= ep.start[part, None] + 180
        )
        habit = np.asarray(rng.random(len(sub))) < HABIT_SHARE
        logits = np.where(habit[:, None], -km / HABIT_KM, 0.0) + rng.gumbel(
            size=km.shape
        )
        site = np.where(mask & ~cat.is_job[None, :], logits, -np.inf)
        job = np.where(mask & cat.is_job[None, :] & window, logits, -np.inf)
        best_site, best_job = site.argmax(axis=1), job.argmax(axis=1)
        has_site, has_job = np.isfinite(site.max(axis=1)), np.isfinite(job.max(axis=1))
        take_job = ep.wants_job[part] & has_job
        pick = np.where(take_job, best_job, np.where(has_site, best_site, -1))
        chosen[part] = np.where(take_job | has_site, pick, -1)
    return chosen


def calibrate(z: F64, rate: float = POSITIVE_RATE) -> float:
    """Intercept b with mean(sigmoid(z + b)) = rate (bisection)."""
    lo, hi = -20.0, 20.0
    for _ in range(60):
        mid = (lo + hi) / 2.0
        if np.mean(1.0 / (1.0 + np.exp(-(z + mid)))) < rate:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def _pick(rng: np.random.Generator, table: dict[str, float]) -> str:
    names = list(table)
    p = np.array(list(table.values()), dtype=np.float64)
    return str(names[int(rng.choice(len(names), p=p / p.sum()))])


def exit_reason(
    rng: np.random.Generator, positive: bool, goal_w: F64, leads_to: F64
) -> str:
    """A positive exit follows the goal the placement served; else a common negative."""
    if not positive:
        return _pick(rng, NEGATIVE_EXITS)
    served = goal_w * leads_to
    if served.sum() <= 0:
        served = np.ones_like(served)
    goal = V.GOALS[int(rng.choice(len(served), p=served / served.sum()))]
    return _pick(rng, GOAL_EXITS[goal])


def add_history(rng: np.random.Generator, world: World) -> World:
    """The world with placements, self-assessments and queries added."""
    cat = Catalogue.from_dataset(world.dataset)
    ep = plan_episodes(rng, world)
    chosen = choose_places(rng, world, cat, ep)
    keep = chosen >= 0
    ci, pj = ep.client[keep], chosen[keep]
    z = true_logit_pairs(world, cat, ci, pj)
    b = calibrate(z)
    y = rng.random(ci.size) < 1.0 / (1.0 + np.exp(-(z + b)))
    data = dict(world.data)
    data["placements"] = _placements(rng, world, cat, ep, keep, pj, y)
    data["clients"] = _with_assessments(rng, world, ep)
    data["queries"] = _queries(rng, world, data["placements"])
    return with_dataset(world, data, parse(data), b)


def _placements(
    rng: np.random.Generator,
    world: World,
    cat: Catalogue,
    ep: Episodes,
    keep: NDArray[np.bool_],
    pj: I64,
    y: NDArray[np.bool_],
) -> list[dict[str, Any]]:
    as_of = world.spec.as_of.toordinal()
    goal_w = world.client_arrays["goal_w"]
    out = []
    for n, (row, start, days) in enumerate(
        zip(ep.client[keep], ep.start[keep], ep.days[keep], strict=True)
    ):
        place = int(pj[n])
        is_job = bool(cat.is_job[place])
        end = int(start + (min(days, int(rng.integers(14, 61))) if is_job else days))
        reason = exit_reason(rng, bool(y[n]), goal_w[row], world.leads_to[place])
        done = end <= as_of
        out.append(
            {
                "id": f"p{n + 1}",
                "client": world.dataset.clients[int(row)].id,
                "site": None if is_job else cat.ids[place],
                "job": cat.ids[place] if is_job else None,
                "start": dt.date.fromordinal(int(start)).isoformat(),
                "end": dt.date.fromordinal(end).isoformat() if done else None,
                "exit_reason": reason if done else None,
            }
        )
    return out


def _with_assessments(
    rng: np.random.Generator, world: World, ep: Episodes
) -> list[dict[str, Any]]:
    first_start: dict[int, int] = {}
    for row, start in zip(ep.client.tolist(), ep.start.tolist(), strict=True):
        first_start.setdefault(row, start)
    as_of = world.spec.as_of
    out = []
    for row, client in enumerate(world.data["clients"]):
        if row in first_start:
            first = dt.date.fromordinal(first_start[row] - 14)
        else:
            first = as_of - dt.timedelta(days=int(rng.integers(30, 300)))
        sa = self_assessments(rng, float(world.need[row]), first, as_of)
        out.append({**client, "self_assessment": sa})
    return out


def _queries(
    rng: np.random.Generator, world: World, placements: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    busy = {p["client"] for p in placements if p["end"] is None}
    free = [c["id"] for c in world.data["clients"] if c["id"] not in busy]
    n = world.spec.n_queries
    n = min(len(free), max(1, len(world.data["clients"]) // 5) if n is None else n)
    picked = rng.choice(len(free), size=n, replace=False).tolist() if n else []
    return [{"client": free[int(i)], "k": 10} for i in sorted(picked)]
