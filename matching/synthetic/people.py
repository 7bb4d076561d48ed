"""Synthetic organisations and clients (records as data set dicts).

Clients carry hidden truth besides their records: interests they only mention in
their wishes, and a true need for support that the self-assessment measures noisily.
Nothing here models age, gender, origin, language or health: the truth does not
depend on them, so a matcher cannot be rewarded for using them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.synthetic.places import Record, weights
from matching.synthetic.text import (
    GOAL_PHRASES,
    TAG_CLUSTERS,
    TAG_PHRASES,
    WISH_OPENERS,
)

F64 = NDArray[np.float64]

ORGANISATION_KINDS = {
    "association": 0.34,
    "municipality": 0.18,
    "foundation": 0.14,
    "parish": 0.1,
    "wellbeing_county": 0.1,
    "state": 0.04,
    "company": 0.1,
}
ORG_NAMES = ("Yhdistys", "Säätiö", "Seurakunta", "Kaupunki", "Paja", "Osuuskunta")
FIRST_GOAL = {
    "rehabilitative": {
        "employment": 0.22,
        "studies": 0.2,
        "work_trial": 0.18,
        "life_management": 0.18,
        "social_participation": 0.12,
        "work_ability_assessment": 0.08,
        "own_product": 0.02,
    },
    "disability": {
        "own_product": 0.3,
        "social_participation": 0.28,
        "life_management": 0.18,
        "employment": 0.12,
        "work_trial": 0.07,
        "studies": 0.03,
        "work_ability_assessment": 0.02,
    },
}


def business_id(rng: np.random.Generator) -> str | None:
    """A random Finnish business ID with a valid check digit (None if unlucky)."""
    digits = [int(d) for d in rng.integers(0, 10, 7)]
    rem = sum(d * w for d, w in zip(digits, (7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    if rem == 1:
        return None
    check = 0 if rem == 0 else 11 - rem
    return "".join(map(str, digits)) + f"-{check}"


def organisation_records(rng: np.random.Generator, n: int) -> list[Record]:
    """Organisations of every kind; about one in ten a company."""
    kinds = list(ORGANISATION_KINDS)
    p = np.array(list(ORGANISATION_KINDS.values()))
    out = []
    for i in range(n):
        kind = kinds[int(rng.choice(len(kinds), p=p / p.sum()))]
        record: Record = {
            "id": f"o{i + 1}",
            "name": f"{ORG_NAMES[i % len(ORG_NAMES)]} {i + 1}",
            "kind": kind,
        }
        bid = business_id(rng) if rng.random() < 0.6 else None
        if bid:
            record["business_id"] = bid
        out.append(record)
    return out


def _goals(rng: np.random.Generator, service: str) -> list[str]:
    table = FIRST_GOAL[service]
    names = list(table)
    p = np.array(list(table.values()))
    n = int(rng.choice([1, 2, 3], p=[0.35, 0.4, 0.25]))
    return [str(g) for g in rng.choice(names, size=n, replace=False, p=p / p.sum())]


def _interests(rng: np.random.Generator) -> tuple[list[str], list[str]]:
    """Stated interests (mostly one cluster) and hidden ones (only in the wishes)."""
    cluster = TAG_CLUSTERS[int(rng.integers(len(TAG_CLUSTERS)))]
    stated = [
        str(t) for t in rng.choice(cluster, size=int(rng.integers(1, 3)), replace=False)
    ]
    pool = [t for t in V.TAGS if t not in stated]
    other = TAG_CLUSTERS[int(rng.integers(len(TAG_CLUSTERS)))]
    pool = [t for t in other if t not in stated] or pool
    n_hidden = int(rng.choice([0, 1, 2], p=[0.25, 0.5, 0.25]))
    hidden = [
        str(t) for t in rng.choice(pool, size=min(n_hidden, len(pool)), replace=False)
    ]
    return stated, hidden


def _wishes(
    rng: np.random.Generator, goals: list[str], stated: list[str], hidden: list[str]
) -> str:
    parts = [str(rng.choice(GOAL_PHRASES[goals[0]]))]
    mentioned = hidden + [t for t in stated if rng.random() < 0.4]
    for tag in mentioned:
        opener = WISH_OPENERS[int(rng.integers(len(WISH_OPENERS)))]
        parts.append(f"{opener} {rng.choice(TAG_PHRASES[tag])}.")
    return " ".join(parts)


def client_records(
    rng: np.random.Generator, n: int, munis: list[Record]
) -> tuple[list[Record], list[list[str]], F64]:
    """Clients, their hidden interests and their true support need (1…3)."""
    p = weights(munis)
    out, hidden_all = [], []
    need = rng.uniform(1.0, 3.0, n)
    for i in range(n):
        service = "rehabilitative" if rng.random() < 0.8 else "disability"
        goals = _goals(rng, service)
        stated, hidden = _interests(rng)
        days = (
            int(rng.choice([1, 2, 3, 4], p=[0.1, 0.3, 0.35, 0.25]))
            if service == "rehabilitative"
            else int(rng.choice([3, 4, 5], p=[0.3, 0.3, 0.4]))
        )
        n_needs = int(rng.choice([0, 1, 2], p=[0.65, 0.28, 0.07]))
        out.append(
            {
                "id": f"c{i + 1}",
                "municipality": munis[int(rng.choice(len(munis), p=p))]["code"],
                "service": service,
                "goals": goals,
                "interests": stated,
                "wishes": _wishes(rng, goals, stated, hidden),
                "days_per_week": days,
                "hours_per_day": int(rng.choice([4, 5, 6], p=[0.45, 0.25, 0.3])),
                "max_travel_km": int(rng.choice([10, 15, 20, 30, 40, 60])),
                "remote_ok": bool(rng.random() < 0.35),
                "accessibility_needs": [
                    str(a)
                    for a in rng.choice(V.ACCESSIBILITY, size=n_needs, replace=False)
                ],
                "languages": ["fi"],
                "self_assessment": [],
            }
        )
        hidden_all.append(hidden)
    return out, hidden_all, need


def self_assessments(
    rng: np.random.Generator, need: float, first: dt.date, as_of: dt.date
) -> list[dict[str, Any]]:
    """0–2 self-assessments measuring the true need with noise (a quarter have none)."""
    if rng.random() < 0.25 or first >= as_of:
        return []
    base = 10.0 - (need - 1.0) / 2.0 * 8.0
    out = []
    dates = [first]
    second = first + dt.timedelta(days=91)
    if rng.random() < 0.5 and second < as_of:
        dates.append(second)
    for n, date in enumerate(dates):
        scores = np.clip(np.round(base + 0.5 * n + rng.normal(0, 1.3, 6)), 0, 10)
        entry: dict[str, Any] = {"date": date.isoformat()}
        entry.update(
            {a: int(s) for a, s in zip(V.SELF_ASSESSMENT_AREAS, scores, strict=True)}
        )
        out.append(entry)
    return out
