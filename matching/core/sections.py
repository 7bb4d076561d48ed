"""The sections of a data set: one reader per record kind, with the format's rules
that span fields (a company may not offer rehabilitative work activity, a placement is
at a site or a job, an ended period has an exit reason …).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from matching.core import limits as L
from matching.core import vocabulary as V
from matching.core.fields import FieldReader, show
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
    code = r.text("code", limit=L.ID)
    if code and not (code.isascii() and code.isdigit() and len(code) == 3):
        r.fail("code", f"must be a three-digit municipality code, not {show(code)}")
    lat, lon = lat_lon(r)
    name = r.text("name", limit=L.TEXT["municipality.name"])
    return Municipality(code=code, name=name, lat=lat, lon=lon)


def read_organisation(r: FieldReader) -> Organisation:
    business_id = r.text("business_id", required=False, limit=L.ID) or None
    if business_id is not None and not business_id_is_valid(business_id):
        r.fail("business_id", f"{show(business_id)} is not a valid Finnish business ID")
    return Organisation(
        id=r.ident("id"),
        name=r.text("name", limit=L.TEXT["organisation.name"]),
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
    total = r.whole("seats_total", lo=0, hi=L.SMALL_INT)
    free = r.whole("seats_free", lo=0, hi=L.SMALL_INT)
    if total is not None and free is not None and free > total:
        r.fail("seats_free", f"{free} is more than seats_total {total}")
    seats_total, seats_free = total or 0, free or 0
    price = r.whole("voucher_price_cents", lo=0, hi=L.INT, required=False)

    def optional(name: str) -> str:
        return r.text(name, required=False, limit=L.TEXT[f"site.{name}"])

    return Site(
        id=r.ident("id"),
        organisation=organisation,
        name=r.text("name", limit=L.TEXT["site.name"]),
        municipality=r.ref("municipality", ctx.municipalities) or "",
        lat=lat,
        lon=lon,
        services=services,
        forms=r.choices("forms", V.FORMS),
        tags=r.choices("tags", V.TAGS),
        description=r.text(
            "description", required=False, limit=L.TEXT["site.description"], line=False
        ),
        seats_total=seats_total,
        seats_free=seats_free,
        days_per_week=r.range("days_per_week", 1, 7),
        hours_per_day=r.range("hours_per_day", 1, 24),
        support_level=r.whole("support_level", lo=1, hi=3) or 1,
        accessibility=r.choices("accessibility", V.ACCESSIBILITY),
        languages=r.choices("languages", V.ISO_639_1),
        learning_units=r.strings(
            "learning_units",
            items=L.LEARNING_UNITS,
            limit=L.TEXT["site.learning_unit"],
        ),
        voucher_price_cents=price,
        address=optional("address"),
        postal_code=optional("postal_code"),
        contact_name=optional("contact_name"),
        contact_phone=optional("contact_phone"),
        contact_email=optional("contact_email"),
    )


def read_job(r: FieldReader, ctx: Context) -> Job:
    lat, lon = lat_lon(r)
    return Job(
        id=r.ident("id"),
        organisation=r.ref("organisation", ctx.organisations) or "",
        title=r.text("title", limit=L.TEXT["job.title"]),
        description=r.text(
            "description", required=False, limit=L.TEXT["job.description"], line=False
        ),
        tags=r.choices("tags", V.TAGS),
        municipality=r.ref("municipality", ctx.municipalities) or "",
        lat=lat,
        lon=lon,
        remote=r.flag("remote"),
        workers_needed=r.whole("workers_needed", lo=0, hi=L.SMALL_INT) or 0,
        effort_days=r.whole("effort_days", lo=1, hi=L.SMALL_INT) or 1,
        deadline=r.date("deadline") or ctx.as_of,
        price_cents=r.whole("price_cents", lo=0, hi=L.INT) or 0,
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
    if len(raw_sa) > L.SELF_ASSESSMENTS:
        r.fail("self_assessment", f"{len(raw_sa)} items, at most {L.SELF_ASSESSMENTS}")
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
        or not 0 <= max_travel <= L.SMALL_INT
    ):
        r.fail(
            "max_travel_km",
            f"must be a number of kilometres 0–{L.SMALL_INT}, not {show(max_travel)}",
        )
        max_travel = 0
    return Client(
        id=r.ident("id"),
        municipality=r.ref("municipality", ctx.municipalities) or "",
        service=r.choice("service", V.SERVICES) or "",
        goals=goals,
        interests=r.choices("interests", V.TAGS),
        wishes=r.text(
            "wishes", required=False, limit=L.TEXT["client.wishes"], line=False
        ),
        days_per_week=r.whole("days_per_week", lo=1, hi=7) or 1,
        hours_per_day=r.whole("hours_per_day", lo=1, hi=24) or 1,
        max_travel_km=float(max_travel or 0),
        remote_ok=r.flag("remote_ok"),
        accessibility_needs=r.choices("accessibility_needs", V.ACCESSIBILITY),
        languages=r.choices("languages", V.ISO_639_1),
        self_assessment=assessments,
        name=r.text("name", required=False, limit=L.TEXT["client.name"]),
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
        id=r.ident("id"),
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
    if len(raw) > L.MAX_RECORDS:
        errors.append(f"{section}: {len(raw)} records, at most {L.MAX_RECORDS}")
        return []
    out, seen = [], set()
    for i, item in enumerate(raw):
        record = FieldReader(item, f"{section}[{i}]", errors, allowed)
        value = read(record)
        if key is not None:
            ident = getattr(value, key)
            if ident and ident in seen:
                record.fail(key, f"duplicate {key} {show(ident)}")
            seen.add(ident)
        out.append(value)
    return out


def check_open_placements(placements: list[Placement], errors: list[str]) -> None:
    """At most one open placement per client and site (the database's rule)."""
    open_at: dict[tuple[str, str], int] = {}
    for i, p in enumerate(placements):
        if p.site is None or p.end is not None or not p.client:
            continue
        first = open_at.setdefault((p.client, p.site), i)
        if first != i:
            errors.append(
                f"placements[{i}].site: client {show(p.client)} already has an open "
                f"placement at site {show(p.site)} (placements[{first}])"
            )
