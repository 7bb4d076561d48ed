"""Hypothesis strategies for data sets: valid ones (within the format and the
models' rules) and ways to break one record's field, each with the ``record.field``
the refusal must name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from matching.core import vocabulary as V

#: Municipality codes with a wellbeing services county, and some without.
CODES = ["398", "111", "564", "186", "245", "091", "999"]
FINLAND = {"lat": (59.5, 70.0), "lon": (20.0, 31.0)}

names = st.text(
    alphabet=st.characters(
        categories=("Lu", "Ll", "Nd", "Zs", "Pd", "Po", "So"), max_codepoint=0x1F9FF
    ),
    min_size=1,
    max_size=30,
).filter(str.strip)
free_text = st.text(
    alphabet=st.characters(categories=("L", "Nd", "Zs", "P"), include_characters="\n"),
    max_size=120,
)
ids = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABC0123456789-_.:", min_size=1, max_size=12
)
dates = st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31))


def coordinate(kind: str) -> st.SearchStrategy[float]:
    lo, hi = FINLAND[kind]
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


def some(codes: list[str] | tuple[str, ...] | frozenset[str], most: int = 4) -> Any:
    return st.lists(st.sampled_from(sorted(codes)), max_size=most, unique=True)


@st.composite
def valid_datasets(draw: st.DrawFn) -> dict[str, Any]:
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=3, unique=True))
    municipalities = [
        {"code": c, "name": draw(names), "lat": draw(coordinate("lat")),
         "lon": draw(coordinate("lon"))}
        for c in codes
    ]  # fmt: skip
    all_ids = draw(st.lists(ids, min_size=15, max_size=15, unique=True))
    org_ids, site_ids = all_ids[:3], all_ids[3:7]
    job_ids, client_ids, placement_ids = all_ids[7:9], all_ids[9:12], all_ids[12:15]
    n_orgs = draw(st.integers(1, 3))
    organisations = [
        {"id": org_ids[n], "name": draw(names),
         "kind": draw(st.sampled_from(sorted(V.ORGANISATION_KINDS)))}
        for n in range(n_orgs)
    ]  # fmt: skip
    kinds = {o["id"]: o["kind"] for o in organisations}
    sites = [
        draw(_site(site_ids[n], organisations, codes, kinds))
        for n in range(draw(st.integers(0, 3)))
    ]
    jobs = [
        draw(_job(job_ids[n], organisations, codes))
        for n in range(draw(st.integers(0, 2)))
    ]
    clients = [
        draw(_client(client_ids[n], codes)) for n in range(draw(st.integers(0, 3)))
    ]
    placements = _placements(draw, placement_ids, clients, sites)
    return {
        "format": V.FORMAT,
        "as_of": draw(dates).isoformat(),
        "municipalities": municipalities,
        "organisations": organisations,
        "sites": sites,
        "jobs": jobs,
        "clients": clients,
        "placements": placements,
    }


@st.composite
def _site(
    draw: st.DrawFn,
    ident: str,
    organisations: list[dict[str, Any]],
    codes: list[str],
    kinds: dict[str, str],
) -> dict[str, Any]:
    org = draw(st.sampled_from([o["id"] for o in organisations]))
    services = (
        ["disability"]
        if kinds[org] in V.FOR_PROFIT_KINDS
        else draw(
            st.lists(st.sampled_from(sorted(V.SERVICES)), min_size=1, unique=True)
        )
    )
    total = draw(st.integers(0, 40))
    days = sorted(draw(st.lists(st.integers(1, 7), min_size=2, max_size=2)))
    hours = sorted(draw(st.lists(st.integers(1, 12), min_size=2, max_size=2)))
    return {
        "id": ident, "organisation": org, "name": draw(names),
        "municipality": draw(st.sampled_from(codes)),
        "lat": draw(coordinate("lat")), "lon": draw(coordinate("lon")),
        "services": services, "forms": draw(some(V.FORMS)), "tags": draw(some(V.TAGS)),
        "description": draw(free_text), "seats_total": total,
        "seats_free": draw(st.integers(0, total)), "days_per_week": days,
        "hours_per_day": hours, "support_level": draw(st.integers(1, 3)),
        "accessibility": draw(some(V.ACCESSIBILITY)),
        "languages": draw(some(["fi", "sv", "en"])),
        "learning_units": draw(st.lists(names, max_size=3, unique=True)),
        "voucher_price_cents": draw(st.none() | st.integers(0, 100_000)),
    }  # fmt: skip


@st.composite
def _job(
    draw: st.DrawFn, ident: str, organisations: list[dict[str, Any]], codes: list[str]
) -> dict[str, Any]:
    return {
        "id": ident, "organisation": draw(st.sampled_from([o["id"] for o in organisations])),
        "title": draw(names), "description": draw(free_text), "tags": draw(some(V.TAGS)),
        "municipality": draw(st.sampled_from(codes)),
        "lat": draw(coordinate("lat")), "lon": draw(coordinate("lon")),
        "remote": draw(st.booleans()), "workers_needed": draw(st.integers(0, 10)),
        "effort_days": draw(st.integers(1, 30)), "deadline": draw(dates).isoformat(),
        "price_cents": draw(st.integers(0, 100_000)),
    }  # fmt: skip


@st.composite
def _client(draw: st.DrawFn, ident: str, codes: list[str]) -> dict[str, Any]:
    service = draw(st.sampled_from(sorted(V.SERVICES)))
    rehab = service == "rehabilitative"
    assessments = sorted(draw(st.lists(dates, max_size=2, unique=True)))
    return {
        "id": ident, "municipality": draw(st.sampled_from(codes)), "service": service,
        "goals": draw(st.lists(st.sampled_from(sorted(V.GOALS)), min_size=1, max_size=3, unique=True)),
        "interests": draw(some(V.TAGS)), "wishes": draw(free_text),
        "days_per_week": draw(st.integers(1, 4 if rehab else 5)),
        "hours_per_day": draw(st.integers(4 if rehab else 1, 8)),
        "max_travel_km": draw(st.integers(0, 300)), "remote_ok": draw(st.booleans()),
        "accessibility_needs": draw(some(V.ACCESSIBILITY)),
        "languages": draw(some(["fi", "sv"])),
        "self_assessment": [
            {"date": d.isoformat(), **{a: draw(st.integers(0, 10)) for a in V.SELF_ASSESSMENT_AREAS}}
            for d in assessments
        ],
    }  # fmt: skip


def _placements(
    draw: st.DrawFn,
    placement_ids: list[str],
    clients: list[dict[str, Any]],
    sites: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    if not clients or not sites:
        return []
    out: list[dict[str, Any]] = []
    open_pairs: set[tuple[str, str]] = set()
    for ident in placement_ids[: draw(st.integers(0, 3))]:
        client = draw(st.sampled_from([c["id"] for c in clients]))
        site = draw(st.sampled_from([s["id"] for s in sites]))
        start = draw(dates)
        ended = (client, site) in open_pairs or draw(st.booleans())
        end = draw(st.dates(start, dt.date(2026, 12, 31))) if ended else None
        if not ended:
            open_pairs.add((client, site))
        out.append(
            {"id": ident, "client": client, "site": site, "job": None,
             "start": start.isoformat(), "end": end and end.isoformat(),
             "exit_reason": draw(st.sampled_from(sorted(V.EXIT_REASONS))) if end else None}
        )  # fmt: skip
    return out


#: Ways to break a field, whatever record it is in: (value, what it shows as).
BROKEN_VALUES = st.sampled_from(
    [
        10**30, 2**63, -1, 40_000, "9" * 50, {"nested": "object"}, [[[]]], True,
        "x" * 300, "NUL\u0000", "RLO\u202e", "ZWSP\u200b", "", None, 1.5,
    ]
)  # fmt: skip


@st.composite
def broken(draw: st.DrawFn, data: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """``data`` with one field of one record replaced by a value the format refuses
    there; returns it and the ``section[i].field`` the refusal must name."""
    sections = [
        s for s in ("municipalities", "organisations", "sites", "jobs", "clients")
        if data[s]
    ]  # fmt: skip
    section = draw(st.sampled_from(sections))
    index = draw(st.integers(0, len(data[section]) - 1))
    record = data[section][index]
    field = draw(st.sampled_from(sorted(_breakable(section))))
    value = draw(BROKEN_VALUES.filter(lambda v: _refused(section, field, v)))
    record[field] = value
    return data, f"{section}[{index}].{field}"


def _breakable(section: str) -> set[str]:
    return {
        "municipalities": {"name", "lat"},
        "organisations": {"id", "name", "kind"},
        "sites": {"id", "name", "seats_total", "tags", "learning_units", "lat",
                  "support_level", "description", "voucher_price_cents"},
        "jobs": {"id", "title", "workers_needed", "price_cents", "tags"},
        "clients": {"id", "days_per_week", "interests", "wishes", "max_travel_km"},
    }[section]  # fmt: skip


#: Values of BROKEN_VALUES that a field does accept (everything else is refused).
_ACCEPTED: dict[str, tuple[Any, ...]] = {
    "id": ("9" * 50,),
    "name": ("9" * 50,),
    "title": ("9" * 50,),
    "municipalities.lat": (-1, 1.5),
    "tags": (None,),
    "interests": (None,),
    "learning_units": (None,),
    "description": (None, "", "9" * 50, "x" * 300, "ZWSP\u200b"),
    "wishes": (None, "", "9" * 50, "x" * 300, "ZWSP\u200b"),
    "voucher_price_cents": (None, 40_000),
    "price_cents": (40_000,),
    "max_travel_km": (1.5,),
}


def _refused(section: str, field: str, value: Any) -> bool:
    """Whether the value is refused in this field (some are fine in some fields)."""
    accepted = _ACCEPTED.get(f"{section}.{field}", _ACCEPTED.get(field, ()))
    return not any(type(value) is type(ok) and value == ok for ok in accepted)
