"""One world of the family: records, a planted truth of the drawn structure, and a
history chosen by the drawn policy.

True log-odds of a positive exit for a client–placement pair::

    b + w_goal·Σ_g tw_g·leads_to[s, g] + w_goal_quality·Σ_g tw_g·q[s, g]
      + w_quality·q[s] + w_interest·share of true interests offered
      − w_avoid·[offers a kind of work the client avoids]
      − w_support·((support − need)/1.5)² + w_schedule·schedule fit
      − w_distance·(log(1 + km) | 2·min(km / limit, 1.5))

with ``tw`` the truth's own goal-rank weights, ``leads_to`` partly visible (forms,
learning units, own-product tags) and partly a hidden speciality, ``q[s, g]`` a
goal-specific site quality seen only through past exits, and every weight drawn per
seed (:mod:`~matching.synthetic.family.structure`). Periods add a random effect of
the drawn noise. Age bands and languages of service never enter the truth.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.core.catalogue import TAG_INDEX, Catalogue, encode_clients
from matching.core.dataset import Dataset, Job, parse
from matching.core.rules import allowed, travel_km
from matching.synthetic.family import records as R
from matching.synthetic.family.structure import Structure, draw_structure
from matching.synthetic.history import calibrate, exit_reason
from matching.synthetic.people import self_assessments
from matching.synthetic.truth import TRUE_GOAL_RANK_WEIGHTS

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
AS_OF = dt.date(2026, 1, 1)
YEARS = 3
JOB_SHARE = 0.1


@dataclass(frozen=True, eq=False)
class FamilyWorld:
    """A data set with the hidden truth of its structure."""

    structure: Structure
    data: dict[str, Any]
    dataset: Dataset
    leads_to: F64  # (placements, goals), catalogue order: sites then jobs
    goal_quality: F64  # (placements, goals)
    quality: F64  # (placements,)
    popularity: F64  # (placements,) log-popularity used by a popularity history
    true_interests: F64  # (clients, tags)
    avoids: F64  # (clients, tags)
    need: F64
    goal_w: F64  # (clients, goals) the truth's goal weights
    audit: dict[str, list[str]]  # attribute -> group per client (records order)
    intercept: float
    client_row: dict[str, int]

    @property
    def seed(self) -> int:
        return self.structure.seed

    @property
    def cutoff(self) -> dt.date:
        """End of the training years: the last year's starters are the test clients."""
        return self.dataset.as_of - dt.timedelta(days=365)

    def true_logit(self, cat: Catalogue, ci: I64, pj: I64) -> F64:
        """True log-odds for pairs (client rows of the records, catalogue rows)."""
        s, c = self.structure, self.dataset.clients
        muni = np.array([cat.municipality_row[c[i].municipality] for i in ci.tolist()])
        km = cat.municipality_km[muni.astype(np.int64), pj] if ci.size else np.zeros(0)
        limit = np.array([c[i].max_travel_km for i in ci.tolist()], dtype=np.float64)
        remote_ok = np.array([c[i].remote_ok for i in ci.tolist()], dtype=bool)
        days = np.array([c[i].days_per_week for i in ci.tolist()], dtype=np.float64)
        hours = np.array([c[i].hours_per_day for i in ci.tolist()], dtype=np.float64)
        w = self.goal_w[ci]
        ti = self.true_interests[ci]
        interest = np.einsum("ij,ij->i", ti, cat.tags[pj]) / np.maximum(ti.sum(1), 1.0)
        avoid = np.einsum("ij,ij->i", self.avoids[ci], cat.tags[pj]) > 0
        mid_d = (cat.days_lo[pj] + cat.days_hi[pj]) / 2.0
        mid_h = (cat.hours_lo[pj] + cat.hours_hi[pj]) / 2.0
        schedule = 1.0 - np.abs(days - mid_d) / 3.0 - np.abs(hours - mid_h) / 4.0
        schedule = np.where(cat.is_job[pj], 0.5, schedule)
        support = -(((cat.support[pj] - self.need[ci]) / 1.5) ** 2)
        beyond = (km > limit) & cat.remote[pj] & remote_ok
        travel = np.where(beyond, 0.0, km)
        if s.distance_form == "log_km":
            burden = np.log1p(travel)
        else:
            burden = 2.0 * np.minimum(travel / np.maximum(limit, 1.0), 1.5)
        logit: F64 = (
            s.w_goal * np.einsum("ij,ij->i", w, self.leads_to[pj])
            + s.w_goal_quality * np.einsum("ij,ij->i", w, self.goal_quality[pj])
            + s.w_quality * self.quality[pj]
            + s.w_interest * interest
            - s.w_avoid * avoid
            + s.w_support * support
            + s.w_schedule * schedule
            - s.w_distance * burden
        )
        return logit

    def true_probability(self, cat: Catalogue, client_ids: list[str]) -> F64:
        """True P(positive exit), clients × all catalogue placements."""
        rows = np.array([self.client_row[c] for c in client_ids], dtype=np.int64)
        ci = np.repeat(rows, len(cat))
        pj = np.tile(np.arange(len(cat), dtype=np.int64), rows.size)
        z = self.true_logit(cat, ci, pj) + self.intercept
        return (1.0 / (1.0 + np.exp(-z))).reshape(rows.size, len(cat))

    def audit_groups(self, client_ids: list[str]) -> dict[str, list[str]]:
        """Each audit attribute's group for these clients (never in the data set)."""
        rows = [self.client_row[c] for c in client_ids]
        return {name: [groups[r] for r in rows] for name, groups in self.audit.items()}


def _tag_rows(tag_lists: list[list[str]]) -> F64:
    out = np.zeros((len(tag_lists), len(V.TAGS)))
    for i, tags in enumerate(tag_lists):
        out[i, [TAG_INDEX[t] for t in tags]] = 1.0
    return out


def _goal_weights(clients: list[dict[str, Any]]) -> F64:
    out = np.zeros((len(clients), len(V.GOALS)))
    for i, c in enumerate(clients):
        for rank, g in enumerate(c["goals"]):
            out[i, V.GOALS.index(g)] = TRUE_GOAL_RANK_WEIGHTS[rank]
    out /= np.maximum(out.sum(1, keepdims=True), 1e-9)
    return out


def site_leads_to(
    rng: np.random.Generator, s: Structure, sites: list[dict[str, Any]], n_jobs: int
) -> F64:
    """What each place really leads to, per goal (0–1).

    A visible part — forms, learning units and own-product tags, through a table
    drawn per world whose strength is ``s.visible`` (0: the records say nothing) —
    and a hidden speciality at 70 % of sites that only past exits reveal.
    """
    g = len(V.GOALS)
    form_table = rng.uniform(0.0, 0.6, (len(V.FORMS), g)) * (
        rng.random((len(V.FORMS), g)) < 0.4
    )
    units_goal = rng.choice(g, p=[0.1, 0.6, 0.1, 0.05, 0.05, 0.05, 0.05])
    leads = np.clip(rng.normal(0.12, 0.08, (len(sites) + n_jobs, g)), 0, 1)
    for row, site in enumerate(sites):
        visible = np.zeros(g)
        for form in site["forms"]:
            visible = np.maximum(visible, form_table[V.FORMS.index(form)])
        if site["learning_units"]:
            visible[units_goal] += 0.5
        if {"digital_media", "photography", "crafts"} & set(site["tags"]):
            visible[V.GOALS.index("own_product")] += 0.4
        leads[row] += s.visible * visible
        if rng.random() < 0.7:
            leads[row, int(rng.integers(g))] += 0.5
    for row in range(len(sites), len(sites) + n_jobs):
        leads[row, rng.choice(g, size=2, replace=False)] += 0.25
    return np.clip(leads, 0.0, 1.0)


def make_family_world(seed: int, *, n_clients: int | None = None) -> FamilyWorld:
    """Build world ``seed`` of the family (``n_clients`` overrides the drawn size)."""
    s = draw_structure(seed)
    if n_clients is not None:
        s = dataclasses.replace(s, n_clients=n_clients)
    rng = np.random.default_rng([seed, 1])
    munis = R.municipalities(rng, s)
    orgs = R.organisations(rng, s)
    sites = R.site_records(rng, s.n_sites, munis, orgs)
    jobs = R.job_records(rng, s.n_jobs, munis, orgs, AS_OF)
    clients, truth = R.client_records(rng, s, munis)
    data: dict[str, Any] = {
        "format": V.FORMAT,
        "as_of": AS_OF.isoformat(),
        "municipalities": [{k: v for k, v in m.items() if k != "_pop"} for m in munis],
        "organisations": orgs,
        "sites": sites,
        "jobs": jobs,
        "clients": clients,
        "placements": [],
        "queries": [],
    }
    leads_to = site_leads_to(rng, s, sites, len(jobs))
    n_places = len(sites) + len(jobs)
    quality = rng.normal(0.0, 1.0, n_places)
    mix = s.popularity_quality
    popularity = mix * quality + np.sqrt(1 - mix**2) * rng.normal(0.0, 1.0, n_places)
    world = FamilyWorld(
        structure=s,
        data=data,
        dataset=parse(data),
        leads_to=leads_to,
        goal_quality=rng.normal(0.0, 1.0, (n_places, len(V.GOALS))),
        quality=quality,
        popularity=popularity,
        true_interests=_tag_rows(truth.interests),
        avoids=_tag_rows(truth.avoids),
        need=truth.need,
        goal_w=_goal_weights(clients),
        audit={"age_band": truth.age_band, "service_language": truth.service_language},
        intercept=0.0,
        client_row={c["id"]: i for i, c in enumerate(clients)},
    )
    return add_history(rng, world)


def _episodes(rng: np.random.Generator, n_clients: int) -> tuple[I64, I64, I64]:
    """Consecutive periods per client over the history years: client, start, days."""
    first, last = (
        (AS_OF - dt.timedelta(days=365 * YEARS)).toordinal(),
        AS_OF.toordinal(),
    )
    client, start, days = [], [], []
    for row in range(n_clients):
        t = first + int(rng.integers(0, 500))
        for _ in range(int(rng.choice([0, 1, 1, 2, 2, 3, 4]))):
            if t >= last:
                break
            length = int(rng.integers(90, 331))
            client.append(row)
            start.append(t)
            days.append(length)
            t += length + int(rng.integers(20, 201))
    return (
        np.array(client, dtype=np.int64),
        np.array(start, dtype=np.int64),
        np.array(days, dtype=np.int64),
    )


def choose_places(
    rng: np.random.Generator, world: FamilyWorld, cat: Catalogue, client: I64,
    start: I64,
) -> I64:  # fmt: skip
    """Catalogue row of each period by the drawn policy (-1: nothing allowed)."""
    s = world.structure
    past = dataclasses.replace(cat, available=np.ones(len(cat), dtype=bool))
    batch = encode_clients(world.dataset.clients, cat)
    deadline = np.array(
        [r.deadline.toordinal() if isinstance(r, Job) else 0 for r in cat.records],
        dtype=np.int64,
    )
    wants_job = rng.random(client.size) < JOB_SHARE
    chosen = np.full(client.size, -1, dtype=np.int64)
    step = max(1, 400_000 // max(1, len(cat)))
    for lo in range(0, client.size, step):
        part = slice(lo, min(client.size, lo + step))
        sub = batch.take(client[part])
        km = travel_km(sub, cat)
        mask = allowed(sub, past, km)
        window = (deadline[None, :] >= start[part, None] + 7) & (
            deadline[None, :] <= start[part, None] + 180
        )
        if s.policy == "habit":
            base = -km / s.habit_km
        elif s.policy == "popularity":
            base = np.broadcast_to(1.5 * world.popularity[None, :], km.shape)
        else:
            base = np.zeros(km.shape)
        explore = rng.random(km.shape[0]) < s.explore
        logits = np.where(explore[:, None], 0.0, base) + rng.gumbel(size=km.shape)
        site = np.where(mask & ~cat.is_job[None, :], logits, -np.inf)
        job = np.where(mask & cat.is_job[None, :] & window, logits, -np.inf)
        has_site, has_job = np.isfinite(site.max(1)), np.isfinite(job.max(1))
        take_job = wants_job[part] & has_job
        pick = np.where(take_job, job.argmax(1), site.argmax(1))
        chosen[part] = np.where(take_job | has_site, pick, -1)
    return chosen


def add_history(rng: np.random.Generator, world: FamilyWorld) -> FamilyWorld:
    """Placements, outcomes, self-assessments and queries added to the world."""
    s = world.structure
    cat = Catalogue.from_dataset(world.dataset)
    client, start, days = _episodes(rng, len(world.dataset.clients))
    chosen = choose_places(rng, world, cat, client, start)
    keep = chosen >= 0
    ci, pj, start, days = client[keep], chosen[keep], start[keep], days[keep]
    z = world.true_logit(cat, ci, pj)
    b = calibrate(z, s.base_rate)
    noisy = z + b + rng.normal(0.0, s.noise, z.size)
    y = rng.random(ci.size) < 1.0 / (1.0 + np.exp(-noisy))
    data = dict(world.data)
    data["placements"] = _placements(rng, world, cat, ci, pj, start, days, y)
    data["clients"] = _with_assessments(rng, world, ci, start)
    busy = {p["client"] for p in data["placements"] if p["end"] is None}
    free = [c["id"] for c in data["clients"] if c["id"] not in busy]
    picked = sorted(rng.choice(len(free), size=min(len(free), 200), replace=False))
    data["queries"] = [{"client": free[int(i)], "k": 10} for i in picked]
    return dataclasses.replace(world, data=data, dataset=parse(data), intercept=b)


def _placements(
    rng: np.random.Generator, world: FamilyWorld, cat: Catalogue, ci: I64, pj: I64,
    start: I64, days: I64, y: NDArray[np.bool_],
) -> list[dict[str, Any]]:  # fmt: skip
    as_of = AS_OF.toordinal()
    out = []
    for n in range(ci.size):
        place, is_job = int(pj[n]), bool(cat.is_job[pj[n]])
        length = (
            min(int(days[n]), int(rng.integers(14, 61))) if is_job else int(days[n])
        )
        end = int(start[n]) + length
        reason = exit_reason(
            rng, bool(y[n]), world.goal_w[ci[n]], world.leads_to[place]
        )
        done = end <= as_of
        out.append(
            {
                "id": f"p{n + 1}",
                "client": world.dataset.clients[int(ci[n])].id,
                "site": None if is_job else cat.ids[place],
                "job": cat.ids[place] if is_job else None,
                "start": dt.date.fromordinal(int(start[n])).isoformat(),
                "end": dt.date.fromordinal(end).isoformat() if done else None,
                "exit_reason": reason if done else None,
            }
        )
    return out


def _with_assessments(
    rng: np.random.Generator, world: FamilyWorld, ci: I64, start: I64
) -> list[dict[str, Any]]:
    first: dict[int, int] = {}
    for row, day in zip(ci.tolist(), start.tolist(), strict=True):
        first[row] = min(first.get(row, day), day)
    out = []
    for row, client in enumerate(world.data["clients"]):
        sa: list[dict[str, Any]] = []
        if rng.random() >= world.structure.no_assessment:
            on = dt.date.fromordinal(first[row] - 14) if row in first else AS_OF
            on = min(on, AS_OF - dt.timedelta(days=30))
            sa = self_assessments(rng, float(world.need[row]), on, AS_OF)
        out.append({**client, "self_assessment": sa})
    return out
