"""Builders for small, valid ``polku-dataset/1`` documents (pure: no Django, no DB).

Every builder returns a plain dict that :func:`matching.core.dataset.parse` accepts; a
test changes only the fields its rule is about, so a failing assertion points at one
rule. The home municipality is Lahti; the default site is about 1 km away.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from matching.core.catalogue import Catalogue
from matching.core.dataset import Dataset, parse

AS_OF = dt.date(2026, 1, 1)
LAHTI = {"code": "398", "name": "Lahti", "lat": 60.983, "lon": 25.656}
HEINOLA = {"code": "111", "name": "Heinola", "lat": 61.204, "lon": 26.031}
Doc = dict[str, Any]


def site(**changes: Any) -> Doc:
    base: Doc = {
        "id": "s1",
        "organisation": "o1",
        "name": "Puupaja",
        "municipality": "398",
        "lat": 60.99,
        "lon": 25.66,
        "services": ["rehabilitative", "disability"],
        "forms": ["workshop"],
        "tags": ["woodwork"],
        "description": "Teemme puutöitä ja huonekaluja.",
        "seats_total": 10,
        "seats_free": 3,
        "days_per_week": [1, 4],
        "hours_per_day": [4, 6],
        "support_level": 2,
        "accessibility": ["step_free", "quiet_space"],
        "languages": ["fi"],
        "learning_units": [],
        "voucher_price_cents": None,
    }
    return {**base, **changes}


def job(**changes: Any) -> Doc:
    base: Doc = {
        "id": "j1",
        "organisation": "o1",
        "title": "Postitus",
        "description": "Kirjeiden postitusta.",
        "tags": ["mailing"],
        "municipality": "398",
        "lat": 60.98,
        "lon": 25.65,
        "remote": False,
        "workers_needed": 2,
        "effort_days": 3,
        "deadline": (AS_OF + dt.timedelta(days=30)).isoformat(),
        "price_cents": 0,
    }
    return {**base, **changes}


def client(**changes: Any) -> Doc:
    base: Doc = {
        "id": "c1",
        "municipality": "398",
        "service": "rehabilitative",
        "goals": ["studies"],
        "interests": ["woodwork"],
        "wishes": "",
        "days_per_week": 3,
        "hours_per_day": 5,
        "max_travel_km": 25,
        "remote_ok": False,
        "accessibility_needs": [],
        "languages": ["fi"],
        "self_assessment": [],
    }
    return {**base, **changes}


def placement(
    ident: str,
    where: str,
    start: str,
    end: str | None,
    exit_reason: str | None,
    who: str = "c1",
) -> Doc:
    kind = "job" if where.startswith("j") else "site"
    other = "site" if kind == "job" else "job"
    return {
        "id": ident,
        "client": who,
        kind: where,
        other: None,
        "start": start,
        "end": end,
        "exit_reason": exit_reason,
    }


def document(
    sites: list[Doc] | None = None,
    jobs: list[Doc] | None = None,
    clients: list[Doc] | None = None,
    placements: list[Doc] | None = None,
    queries: list[Doc] | None = None,
) -> Doc:
    return {
        "format": "polku-dataset/1",
        "as_of": AS_OF.isoformat(),
        "municipalities": [LAHTI, HEINOLA],
        "organisations": [
            {"id": "o1", "name": "Kierrätys ry", "kind": "association"},
            {"id": "o2", "name": "Yritys Oy", "kind": "company"},
        ],
        "sites": [site()] if sites is None else sites,
        "jobs": [job()] if jobs is None else jobs,
        "clients": [client()] if clients is None else clients,
        "placements": placements or [],
        "queries": queries or [],
    }


def load(doc: Doc) -> tuple[Dataset, Catalogue]:
    ds = parse(doc)
    return ds, Catalogue.from_dataset(ds)
