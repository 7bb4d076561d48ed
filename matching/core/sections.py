"""The sections of a data set: one reader per record kind, with the format's rules
that span fields (a company may not offer rehabilitative work activity, a placement is
at a site or a job, an ended period has an exit reason …).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from matching.core import vocabulary as V
from matching.core.fields import FieldReader
from matching.core.records import (
    Client,
    Job,
    Municipality,
    Organisation,
    Placement,
    Query,
    SelfAssessment,
    Site,
    business_id_is_valid,
)

SITE_FIELDS = {
    "id", "organisation", "name", "municipality", "lat", "lon", "services", "forms", "tags",
    "description", "seats_total", "seats_free", "days_per_week", "hours_per_day",
    "support_level", "accessibility", "languages", "learning_units", "voucher_price_cents",
    # optional extensions, documented in docs/dataset-format.md
    "address", "postal_code", "contact_name", "contact_phone", "contact_email",
}  # fmt: skip
JOB_FIELDS = {
    "id", "organisation", "title", "description", "tags", "municipality", "lat", "lon",
    "remote", "workers_needed", "effort_days", "deadline", "price_cents",
}  # fmt: skip
CLIENT_FIELDS = {
    "id", "municipality", "service", "goals", "interests", "wishes", "days_per_week",
    "hours_per_day", "max_travel_km", "remote_ok", "accessibility_needs", "languages",
    "self_assessment",
    "name",  # optional extension: the name the client wants to be called
}  # fmt: skip
TOP_FIELDS = {
    "format", "as_of", "municipalities", "organisations", "sites", "jobs", "clients",
    "placements", "queries",
}  # fmt: skip


def lat_lon(r: FieldReader) -> tuple[float, float]:
    return r.number("lat", -90, 90), r.number("lon", -180, 180)


def read_municipality(r: FieldReader) -> Municipality:
    code = r.text("code")
    if code and not (code.isdigit() and len(code) == 3):
        r.fail(
            "code", f"must be a three-digit municipality code, not {json.dumps(code)}"
        )
    lat, lon = lat_lon(r)
    return Municipality(code=code, name=r.text("name"), lat=lat, lon=lon)


def read_organisation(r: FieldReader) -> Organisation:
    business_id = r.text("business_id", required=False) or None
    if business_id is not None and not business_id_is_valid(business_id):
        r.fail(
            "business_id",
            f"{json.dumps(business_id)} is not a valid Finnish business ID",
        )
    return Organisation(
        id=r.text("id"),
        name=r.text("name"),
        kind=r.choice("kind", V.ORGANISATION_KINDS) or "",
        business_id=business_id,
    )


def read_site(r: FieldReader, ctx: Context) -> Site:
    lat, lon = lat_lon(r)
    organisation = r.ref("organisation", ctx.organisations) or ""
    services = r.choices("services", V.SERVICES, required=True)
    if not services and "services" in r.raw:
        r.fail("services", "must name at least one service")
    if (
        "rehabilitative" in services
        and ctx.organisations.get(organisation) in V.FOR_PROFIT_KINDS
    ):
        r.fail("services", "a company may not offer rehabilitative work activity")
    seats_total = r.whole("seats_total", lo=0) or 0
    seats_free = r.whole("seats_free", lo=0) or 0
    if seats_free > seats_total:
        r.fail("seats_free", f"{seats_free} is more than seats_total {seats_total}")
    price = r.whole("voucher_price_cents", lo=0, required=False)
    return Site(
        id=r.text("id"),
        organisation=organisation,
        name=r.text("name"),
        municipality=r.ref("municipality", ctx.municipalities) or "",
        lat=lat,
        lon=lon,
        services=services,
        forms=r.choices("forms", V.FORMS),
        tags=r.choices("tags", V.TAGS),
        description=r.text("description", required=False),
        seats_total=seats_total,
        seats_free=seats_free,
        days_per_week=r.range("days_per_week", 1, 7),
        hours_per_day=r.range("hours_per_day", 1, 24),
        support_level=r.whole("support_level", lo=1, hi=3) or 1,
        accessibility=r.choices("accessibility", V.ACCESSIBILITY),
        languages=r.choices("languages", V.ISO_639_1),
        learning_units=r.strings("learning_units"),
        voucher_price_cents=price,
        address=r.text("address", required=False),
        postal_code=r.text("postal_code", required=False),
        contact_name=r.text("contact_name", required=False),
        contact_phone=r.text("contact_phone", required=False),
        contact_email=r.text("contact_email", required=False),
    )


def read_job(r: FieldReader, ctx: Context) -> Job:
    lat, lon = lat_lon(r)
    return Job(
        id=r.text("id"),
        organisation=r.ref("organisation", ctx.organisations) or "",
        title=r.text("title"),
        description=r.text("description", required=False),
        tags=r.choices("tags", V.TAGS),
        municipality=r.ref("municipality", ctx.municipalities) or "",
        lat=lat,
        lon=lon,
        remote=r.flag("remote"),
        workers_needed=r.whole("workers_needed", lo=0) or 0,
        effort_days=r.whole("effort_days", lo=1) or 1,
        deadline=r.date("deadline") or ctx.as_of,
        price_cents=r.whole("price_cents", lo=0) or 0,
    )


def read_assessment(raw: Any, where: str, errors: list[str]) -> SelfAssessment:
    r = FieldReader(raw, where, errors, {"date", *V.SELF_ASSESSMENT_AREAS})
    scores = {area: r.whole(area, lo=0, hi=10) or 0 for area in V.SELF_ASSESSMENT_AREAS}
    return SelfAssessment(date=r.date("date") or dt.date.min, **scores)


def read_client(r: FieldReader, ctx: Context) -> Client:
    goals = r.choices("goals", V.GOALS)
    if not goals and "goals" in r.raw:
        r.fail("goals", "must name at least one goal")
    raw_sa = r.raw.get("self_assessment") or []
    if not isinstance(raw_sa, list):
        r.fail("self_assessment", "must be a list")
        raw_sa = []
    assessments = tuple(
        read_assessment(item, f"{r.where}.self_assessment[{i}]", r.errors)
        for i, item in enumerate(raw_sa)
    )
    if [a.date for a in assessments] != sorted(a.date for a in assessments):
        r.fail("self_assessment", "must be in date order, newest last")
    max_travel = r.get("max_travel_km", True)
    if max_travel is not None and (
        isinstance(max_travel, bool)
        or not isinstance(max_travel, int | float)
        or max_travel < 0
    ):
        r.fail(
            "max_travel_km",
            f"must be a number of kilometres ≥ 0, not {json.dumps(max_travel)}",
        )
        max_travel = 0
    return Client(
        id=r.text("id"),
        municipality=r.ref("municipality", ctx.municipalities) or "",
        service=r.choice("service", V.SERVICES) or "",
        goals=goals,
        interests=r.choices("interests", V.TAGS),
        wishes=r.text("wishes", required=False),
        days_per_week=r.whole("days_per_week", lo=1, hi=7) or 1,
        hours_per_day=r.whole("hours_per_day", lo=1, hi=24) or 1,
        max_travel_km=float(max_travel or 0),
        remote_ok=r.flag("remote_ok"),
        accessibility_needs=r.choices("accessibility_needs", V.ACCESSIBILITY),
        languages=r.choices("languages", V.ISO_639_1),
        self_assessment=assessments,
        name=r.text("name", required=False),
    )


def read_placement(r: FieldReader, ctx: Context) -> Placement:
    site = r.ref("site", ctx.sites, required=False)
    job = r.ref("job", ctx.jobs, required=False)
    if (
        (site is None) == (job is None)
        and r.raw.get("site") is None
        and r.raw.get("job") is None
    ):
        r.fail("site", "one of site or job is required")
    elif r.raw.get("site") is not None and r.raw.get("job") is not None:
        r.fail("job", "a placement is at a site or a job, not both")
    start = r.date("start") or dt.date.min
    end = r.date("end", required=False)
    if end is not None and end < start:
        r.fail("end", f"{end} is before start {start}")
    exit_reason = r.choice("exit_reason", V.EXIT_REASONS, required=False)
    if end is not None and exit_reason is None and r.raw.get("exit_reason") is None:
        r.fail("exit_reason", "is required when the period has ended")
    if end is None and exit_reason is not None:
        r.fail("end", "is required when an exit reason is given")
    return Placement(
        id=r.text("id"),
        client=r.ref("client", ctx.clients) or "",
        site=site,
        job=job,
        start=start,
        end=end,
        exit_reason=exit_reason,
    )


def read_query(r: FieldReader, ctx: Context) -> Query:
    return Query(
        client=r.ref("client", ctx.clients) or "", k=r.whole("k", lo=1, hi=1000) or 10
    )


@dataclass
class Context:
    as_of: dt.date
    municipalities: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)  # id -> kind
    sites: dict[str, Any] = field(default_factory=dict)
    jobs: dict[str, Any] = field(default_factory=dict)
    clients: dict[str, Any] = field(default_factory=dict)


def read_list(
    data: dict[str, Any],
    section: str,
    allowed: set[str],
    read: Callable[[FieldReader], Any],
    errors: list[str],
    key: str | None = "id",
) -> list[Any]:
    raw = data.get(section, [])
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        errors.append(f"{section}: must be a list")
        return []
    out, seen = [], set()
    for i, item in enumerate(raw):
        record = FieldReader(item, f"{section}[{i}]", errors, allowed)
        value = read(record)
        if key is not None:
            ident = getattr(value, key)
            if ident in seen:
                record.fail(key, f"duplicate {key} {json.dumps(ident)}")
            seen.add(ident)
        out.append(value)
    return out
