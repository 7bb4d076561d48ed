"""Synthetic municipalities, sites and jobs (records as data set dicts) and their
hidden qualities: what each site really leads to, and how good it is."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.synthetic.text import (
    FILLER,
    FINLAND,
    FORM_PHRASES,
    LEARNING_UNITS,
    PAIJAT_HAME,
    TAG_CLUSTERS,
    TAG_PHRASES,
)

F64 = NDArray[np.float64]
Record = dict[str, Any]
OWN_PRODUCT_TAGS = frozenset({"digital_media", "photography", "crafts"})


def municipality_records(
    rng: np.random.Generator, region: str, n_national: int
) -> list[Record]:
    """Päijät-Häme's ten municipalities, or Finland: real towns plus small ones."""
    seeds = PAIJAT_HAME if region == "paijat-hame" else FINLAND
    out: list[Record] = [
        {"code": c, "name": n, "lat": lat, "lon": lon, "_pop": pop}
        for c, n, lat, lon, pop in seeds
    ]
    if region == "paijat-hame":
        return out
    used = {m["code"] for m in out}
    free = [f"{i:03d}" for i in range(1, 1000) if f"{i:03d}" not in used]
    pops = np.array([m["_pop"] for m in out])
    for code in rng.choice(free, size=max(0, n_national - len(out)), replace=False):
        seed = out[int(rng.choice(len(seeds), p=pops / pops.sum()))]
        lat = float(np.clip(seed["lat"] + rng.normal(0, 0.5), 59.9, 69.5))
        lon = float(np.clip(seed["lon"] + rng.normal(0, 1.0), 21.0, 30.5))
        pop = float(np.exp(rng.normal(1.6, 0.8)))
        out.append(
            {
                "code": str(code),
                "name": f"Kunta {code}",
                "lat": round(lat, 4),
                "lon": round(lon, 4),
                "_pop": pop,
            }
        )
    return out


def weights(munis: list[Record], power: float = 1.0) -> F64:
    """Choice probabilities of municipalities by population."""
    pop = np.array([m["_pop"] for m in munis], dtype=np.float64) ** power
    out: F64 = pop / pop.sum()
    return out


def _near(rng: np.random.Generator, muni: Record, spread: float) -> tuple[float, float]:
    lat = muni["lat"] + rng.normal(0, spread)
    lon = muni["lon"] + rng.normal(0, spread * 2.0)
    return round(float(np.clip(lat, -90, 90)), 5), round(float(lon), 5)


def _tags(rng: np.random.Generator, low: int, high: int) -> list[str]:
    cluster = TAG_CLUSTERS[int(rng.integers(len(TAG_CLUSTERS)))]
    n = int(rng.integers(low, min(high, len(cluster)) + 1))
    return [str(t) for t in rng.choice(cluster, size=n, replace=False)]


def _phrase(rng: np.random.Generator, tag: str) -> str:
    options = TAG_PHRASES[tag]
    return str(options[int(rng.integers(len(options)))])


def site_records(
    rng: np.random.Generator, n: int, munis: list[Record], orgs: list[Record]
) -> list[Record]:
    """Sites spread around municipality centres, more in the bigger towns."""
    p = weights(munis, 0.8)
    out = []
    for i in range(n):
        org = orgs[int(rng.integers(len(orgs)))]
        muni = munis[int(rng.choice(len(munis), p=p))]
        out.append(_site(rng, f"s{i + 1}", org, muni))
    return out


def _some(
    rng: np.random.Generator,
    options: tuple[str, ...],
    low: int,
    high: int,
    p: list[float] | None = None,
) -> list[str]:
    """Between ``low`` and ``high - 1`` distinct options."""
    size = int(rng.integers(low, high))
    return [str(x) for x in rng.choice(options, size=size, replace=False, p=p)]


def _description(
    rng: np.random.Generator, tags: list[str], forms: list[str], units: list[str]
) -> str:
    words = [f"Teemme {_phrase(rng, t)}." for t in tags]
    words += [FORM_PHRASES[f] for f in forms]
    if units:
        words.append("Voit suorittaa tutkinnon osia: " + ", ".join(units) + ".")
    words.append(str(FILLER[int(rng.integers(len(FILLER)))]))
    return " ".join(words)


def _site(rng: np.random.Generator, ident: str, org: Record, muni: Record) -> Record:
    """One site; a company's site serves disability work activity only."""
    lat, lon = _near(rng, muni, 0.04)
    services = [["rehabilitative", "disability"], ["rehabilitative"], ["disability"]][
        int(rng.choice(3, p=[0.45, 0.42, 0.13]))
    ]
    if org["kind"] == "company":
        services = ["disability"]
    forms = _some(rng, V.FORMS, 1, 3, p=[0.3, 0.25, 0.1, 0.2, 0.15])
    tags = _tags(rng, 2, 4)
    units = _some(rng, LEARNING_UNITS, 1, 3) if rng.random() < 0.35 else []
    total = int(rng.integers(4, 21))
    d_lo = int(rng.choice([1, 2, 3], p=[0.4, 0.4, 0.2]))
    h_lo = int(rng.choice([3, 4, 5], p=[0.3, 0.5, 0.2]))
    free = 0 if rng.random() < 0.2 else int(rng.integers(1, min(6, total) + 1))
    return {
        "id": ident,
        "organisation": org["id"],
        "municipality": muni["code"],
        "name": f"{org['name']}, {muni['name']} ({ident})",
        "lat": lat,
        "lon": lon,
        "services": services,
        "forms": forms,
        "tags": tags,
        "description": _description(rng, tags, forms, units),
        "seats_total": total,
        "seats_free": free,
        "days_per_week": [d_lo, min(5, d_lo + int(rng.integers(1, 4)))],
        "hours_per_day": [h_lo, min(8, h_lo + int(rng.integers(1, 4)))],
        "support_level": int(rng.integers(1, 4)),
        "accessibility": [a for a in V.ACCESSIBILITY if rng.random() < 0.55],
        "languages": ["fi"] + (["sv"] if rng.random() < 0.1 else []),
        "learning_units": units,
        "voucher_price_cents": None
        if rng.random() < 0.5
        else int(rng.integers(30, 61)) * 100,
    }


def job_records(
    rng: np.random.Generator,
    n: int,
    munis: list[Record],
    orgs: list[Record],
    as_of: dt.date,
    years: int,
) -> list[Record]:
    """Job-bank jobs with deadlines over the history and a little after ``as_of``."""
    p = weights(munis, 0.8)
    span = 365 * years + 90
    out = []
    for i in range(n):
        org = orgs[int(rng.integers(len(orgs)))]
        muni = munis[int(rng.choice(len(munis), p=p))]
        lat, lon = _near(rng, muni, 0.04)
        tags = _tags(rng, 1, 2)
        deadline = (
            as_of
            - dt.timedelta(days=365 * years)
            + dt.timedelta(days=int(rng.integers(span)))
        )
        out.append(
            {
                "id": f"j{i + 1}",
                "organisation": org["id"],
                "title": f"Apua: {_phrase(rng, tags[0])}",
                "municipality": muni["code"],
                "description": " ".join(f"Tarvitaan {_phrase(rng, t)}." for t in tags),
                "tags": tags,
                "lat": lat,
                "lon": lon,
                "remote": bool(rng.random() < 0.15),
                "workers_needed": 0 if rng.random() < 0.15 else int(rng.integers(1, 7)),
                "effort_days": int(rng.integers(1, 16)),
                "deadline": deadline.isoformat(),
                "price_cents": 0
                if rng.random() < 0.5
                else int(rng.integers(20, 101)) * 1000,
            }
        )
    return out


def site_latent(
    rng: np.random.Generator, sites: list[Record], jobs: list[Record]
) -> tuple[F64, F64]:
    """Hidden truth per placement: what it leads to (per goal) and its quality.

    Partly visible (learning units → studies, forms, own-product tags), partly a
    hidden specialty that only shows in the exits of past clients.
    """
    g = {goal: i for i, goal in enumerate(V.GOALS)}
    leads = np.clip(
        rng.normal(0.12, 0.08, (len(sites) + len(jobs), len(V.GOALS))), 0, 1
    )
    for row, s in enumerate(sites):
        forms = set(s["forms"])
        leads[row, g["studies"]] += 0.55 * bool(s["learning_units"])
        leads[row, g["employment"]] += 0.35 * bool(
            forms & {"individual", "group_outside"}
        )
        leads[row, g["work_trial"]] += 0.35 * bool(forms & {"assisting", "individual"})
        leads[row, g["life_management"]] += 0.35 * ("workshop" in forms)
        leads[row, g["social_participation"]] += 0.35 * bool(
            forms & {"group_outside", "workshop"}
        )
        leads[row, g["own_product"]] += 0.45 * bool(OWN_PRODUCT_TAGS & set(s["tags"]))
        leads[row, g["work_ability_assessment"]] += 0.3 * bool(
            forms & {"assisting", "workshop"}
        )
        if rng.random() < 0.7:
            leads[row, int(rng.integers(len(V.GOALS)))] += 0.45
    for row in range(len(sites), len(sites) + len(jobs)):
        for goal in ("employment", "work_trial", "own_product", "social_participation"):
            leads[row, g[goal]] += 0.2
    quality = np.concatenate(
        [rng.normal(0.0, 0.5, len(sites)), rng.normal(-0.2, 0.4, len(jobs))]
    )
    return np.clip(leads, 0.0, 1.0), quality
