"""Strict reader of the Polku data set format (``polku-dataset/1``).

The format is described in ``docs/dataset-format.md``. Reading is all-or-nothing: every
problem is collected with the record and field it concerns
(``sites[12].municipality: unknown code "999"``) and :class:`DatasetError` is raised
with all of them, so an importer can refuse the whole file and show every error at once.
No Django here: the matcher's command-line tools use the same reader as the web importer.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from matching.core import vocabulary as V


class DatasetError(ValueError):
    """A data set broke the format; ``errors`` names every record and field."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        shown = "\n".join(errors[:50])
        more = f"\n… and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} error(s) in the data set:\n{shown}{more}")


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    kind: str
    business_id: str | None = None


@dataclass(frozen=True)
class Site:
    id: str
    organisation: str
    name: str
    municipality: str
    lat: float
    lon: float
    services: tuple[str, ...]
    forms: tuple[str, ...]
    tags: tuple[str, ...]
    description: str
    seats_total: int
    seats_free: int
    days_per_week: tuple[int, int]
    hours_per_day: tuple[int, int]
    support_level: int
    accessibility: tuple[str, ...]
    languages: tuple[str, ...]
    learning_units: tuple[str, ...]
    voucher_price_cents: int | None
    address: str = ""
    postal_code: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


@dataclass(frozen=True)
class Job:
    id: str
    organisation: str
    title: str
    description: str
    tags: tuple[str, ...]
    municipality: str
    lat: float
    lon: float
    remote: bool
    workers_needed: int
    effort_days: int
    deadline: dt.date
    price_cents: int


@dataclass(frozen=True)
class SelfAssessment:
    date: dt.date
    work_ability: int
    physical: int
    mental: int
    social: int
    skills: int
    daily_life: int


@dataclass(frozen=True)
class Client:
    id: str
    municipality: str
    service: str
    goals: tuple[str, ...]
    interests: tuple[str, ...]
    wishes: str
    days_per_week: int
    hours_per_day: int
    max_travel_km: float
    remote_ok: bool
    accessibility_needs: tuple[str, ...]
    languages: tuple[str, ...]
    self_assessment: tuple[SelfAssessment, ...]
    name: str = ""


@dataclass(frozen=True)
class Placement:
    id: str
    client: str
    site: str | None
    job: str | None
    start: dt.date
    end: dt.date | None
    exit_reason: str | None


@dataclass(frozen=True)
class Query:
    client: str
    k: int


@dataclass(frozen=True)
class Dataset:
    as_of: dt.date
    municipalities: tuple[Municipality, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    sites: tuple[Site, ...] = ()
    jobs: tuple[Job, ...] = ()
    clients: tuple[Client, ...] = ()
    placements: tuple[Placement, ...] = ()
    queries: tuple[Query, ...] = ()


def business_id_is_valid(value: str) -> bool:
    """A Finnish business ID (Y-tunnus) ``NNNNNNN-C`` with a correct check digit.

    Weights 7, 9, 10, 5, 8, 4, 2; remainder 0 gives check 0, remainder 1 is never
    issued, otherwise the check digit is 11 minus the remainder.
    """
    if len(value) != 9 or value[7] != "-" or not (value[:7] + value[8]).isdigit():
        return False
    total = sum(
        int(d) * w for d, w in zip(value[:7], (7, 9, 10, 5, 8, 4, 2), strict=True)
    )
    remainder = total % 11
    if remainder == 1:
        return False
    check = 0 if remainder == 0 else 11 - remainder
    return int(value[8]) == check


# --- field readers -------------------------------------------------------------------


class _Record:
    """One JSON object being read; errors are reported as ``where.field: message``."""

    def __init__(self, raw: Any, where: str, errors: list[str], allowed: set[str]):
        self.where = where
        self.errors = errors
        self.ok = True
        if not isinstance(raw, dict):
            self.fail("", "must be an object")
            raw = {}
        self.raw: dict[str, Any] = raw
        for key in sorted(set(raw) - allowed):
            self.fail(key, "unknown field")

    def fail(self, name: str, message: str) -> None:
        self.ok = False
        self.errors.append(
            f"{self.where}.{name}: {message}" if name else f"{self.where}: {message}"
        )

    def _get(self, name: str, required: bool) -> Any:
        value = self.raw.get(name)
        if value is None and required:
            self.fail(name, "is required")
        return value

    def str(self, name: str, required: bool = True, default: str = "") -> str:
        value = self._get(name, required)
        if value is None:
            return default
        if not isinstance(value, str):
            self.fail(name, f"must be a string, not {json.dumps(value)}")
            return default
        if required and not value.strip():
            self.fail(name, "must not be empty")
        return value

    def int(
        self,
        name: str,
        lo: int | None = None,
        hi: int | None = None,
        required: bool = True,
    ) -> int | None:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"must be a whole number, not {json.dumps(value)}")
            return None
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            self.fail(
                name,
                f"{value} is outside {lo}–{hi}"
                if hi is not None
                else f"must be at least {lo}",
            )
            return None
        return value

    def num(self, name: str, lo: float, hi: float) -> float:
        value = self._get(name, True)
        if value is None:
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.fail(name, f"must be a number, not {json.dumps(value)}")
            return 0.0
        if not lo <= value <= hi:
            self.fail(name, f"{value} is outside {lo}–{hi}")
        return float(value)

    def bool(self, name: str) -> bool:
        value = self._get(name, False)
        if value is not None and not isinstance(value, bool):
            self.fail(name, f"must be true or false, not {json.dumps(value)}")
            return False
        return bool(value)

    def date(self, name: str, required: bool = True) -> dt.date | None:
        value = self._get(name, required)
        if value is None:
            return None
        try:
            if not isinstance(value, str) or len(value) != 10:
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(name, f"must be a date YYYY-MM-DD, not {json.dumps(value)}")
            return None

    def choice(
        self, name: str, allowed: Iterable[str], required: bool = True
    ) -> str | None:
        value = self._get(name, required)
        if value is None:
            return None
        if value not in allowed:
            self.fail(name, f"unknown value {json.dumps(value)}")
            return None
        return value

    def choices(
        self, name: str, allowed: Iterable[str], required: bool = False
    ) -> tuple[str, ...]:
        value = self._get(name, required)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail(name, "must be a list")
            return ()
        allowed = set(allowed)
        for item in value:
            if item not in allowed:
                self.fail(name, f"unknown value {json.dumps(item)}")
        if len(set(map(str, value))) != len(value):
            self.fail(name, "lists a value twice")
        return tuple(v for v in value if v in allowed)

    def strings(self, name: str) -> tuple[str, ...]:
        value = self._get(name, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(
            isinstance(v, str) and v.strip() for v in value
        ):
            self.fail(name, "must be a list of non-empty strings")
            return ()
        return tuple(value)

    def range(self, name: str, lo: int, hi: int) -> tuple[int, int]:
        value = self._get(name, True)
        if value is None:
            return (lo, lo)
        if (
            not isinstance(value, list)
            or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        ):
            self.fail(name, f"must be [min, max], not {json.dumps(value)}")
            return (lo, lo)
        a, b = value
        if not (lo <= a <= b <= hi):
            self.fail(name, f"[{a}, {b}] must satisfy {lo} ≤ min ≤ max ≤ {hi}")
        return (a, b)

    def ref(
        self, name: str, known: set[str] | dict[str, Any], required: bool = True
    ) -> str | None:
        value = self.str(name, required=required, default="") or None
        if value is not None and value not in known:
            self.fail(
                name,
                f"unknown {'code' if name == 'municipality' else 'id'} {json.dumps(value)}",
            )
        return value


_SITE_FIELDS = {
    "id", "organisation", "name", "municipality", "lat", "lon", "services", "forms", "tags",
    "description", "seats_total", "seats_free", "days_per_week", "hours_per_day",
    "support_level", "accessibility", "languages", "learning_units", "voucher_price_cents",
    # optional extensions, documented in docs/dataset-format.md
    "address", "postal_code", "contact_name", "contact_phone", "contact_email",
}  # fmt: skip
_JOB_FIELDS = {
    "id", "organisation", "title", "description", "tags", "municipality", "lat", "lon",
    "remote", "workers_needed", "effort_days", "deadline", "price_cents",
}  # fmt: skip
_CLIENT_FIELDS = {
    "id", "municipality", "service", "goals", "interests", "wishes", "days_per_week",
    "hours_per_day", "max_travel_km", "remote_ok", "accessibility_needs", "languages",
    "self_assessment",
    "name",  # optional extension: the name the client wants to be called
}  # fmt: skip
_TOP_FIELDS = {
    "format", "as_of", "municipalities", "organisations", "sites", "jobs", "clients",
    "placements", "queries",
}  # fmt: skip


def _lat_lon(r: _Record) -> tuple[float, float]:
    return r.num("lat", -90, 90), r.num("lon", -180, 180)


def _read_municipality(r: _Record) -> Municipality:
    code = r.str("code")
    if code and not (code.isdigit() and len(code) == 3):
        r.fail(
            "code", f"must be a three-digit municipality code, not {json.dumps(code)}"
        )
    lat, lon = _lat_lon(r)
    return Municipality(code=code, name=r.str("name"), lat=lat, lon=lon)


def _read_organisation(r: _Record) -> Organisation:
    business_id = r.str("business_id", required=False) or None
    if business_id is not None and not business_id_is_valid(business_id):
        r.fail(
            "business_id",
            f"{json.dumps(business_id)} is not a valid Finnish business ID",
        )
    return Organisation(
        id=r.str("id"),
        name=r.str("name"),
        kind=r.choice("kind", V.ORGANISATION_KINDS) or "",
        business_id=business_id,
    )


def _read_site(r: _Record, ctx: _Context) -> Site:
    lat, lon = _lat_lon(r)
    organisation = r.ref("organisation", ctx.organisations) or ""
    services = r.choices("services", V.SERVICES, required=True)
    if not services and "services" in r.raw:
        r.fail("services", "must name at least one service")
    if (
        "rehabilitative" in services
        and ctx.organisations.get(organisation) in V.FOR_PROFIT_KINDS
    ):
        r.fail("services", "a company may not offer rehabilitative work activity")
    seats_total = r.int("seats_total", lo=0) or 0
    seats_free = r.int("seats_free", lo=0) or 0
    if seats_free > seats_total:
        r.fail("seats_free", f"{seats_free} is more than seats_total {seats_total}")
    price = r.int("voucher_price_cents", lo=0, required=False)
    return Site(
        id=r.str("id"),
        organisation=organisation,
        name=r.str("name"),
        municipality=r.ref("municipality", ctx.municipalities) or "",
        lat=lat,
        lon=lon,
        services=services,
        forms=r.choices("forms", V.FORMS),
        tags=r.choices("tags", V.TAGS),
        description=r.str("description", required=False),
        seats_total=seats_total,
        seats_free=seats_free,
        days_per_week=r.range("days_per_week", 1, 7),
        hours_per_day=r.range("hours_per_day", 1, 24),
        support_level=r.int("support_level", lo=1, hi=3) or 1,
        accessibility=r.choices("accessibility", V.ACCESSIBILITY),
        languages=r.choices("languages", V.ISO_639_1),
        learning_units=r.strings("learning_units"),
        voucher_price_cents=price,
        address=r.str("address", required=False),
        postal_code=r.str("postal_code", required=False),
        contact_name=r.str("contact_name", required=False),
        contact_phone=r.str("contact_phone", required=False),
        contact_email=r.str("contact_email", required=False),
    )


def _read_job(r: _Record, ctx: _Context) -> Job:
    lat, lon = _lat_lon(r)
    return Job(
        id=r.str("id"),
        organisation=r.ref("organisation", ctx.organisations) or "",
        title=r.str("title"),
        description=r.str("description", required=False),
        tags=r.choices("tags", V.TAGS),
        municipality=r.ref("municipality", ctx.municipalities) or "",
        lat=lat,
        lon=lon,
        remote=r.bool("remote"),
        workers_needed=r.int("workers_needed", lo=0) or 0,
        effort_days=r.int("effort_days", lo=1) or 1,
        deadline=r.date("deadline") or ctx.as_of,
        price_cents=r.int("price_cents", lo=0) or 0,
    )


def _read_assessment(raw: Any, where: str, errors: list[str]) -> SelfAssessment:
    r = _Record(raw, where, errors, {"date", *V.SELF_ASSESSMENT_AREAS})
    scores = {area: r.int(area, lo=0, hi=10) or 0 for area in V.SELF_ASSESSMENT_AREAS}
    return SelfAssessment(date=r.date("date") or dt.date.min, **scores)


def _read_client(r: _Record, ctx: _Context) -> Client:
    goals = r.choices("goals", V.GOALS)
    if not goals and "goals" in r.raw:
        r.fail("goals", "must name at least one goal")
    raw_sa = r.raw.get("self_assessment") or []
    if not isinstance(raw_sa, list):
        r.fail("self_assessment", "must be a list")
        raw_sa = []
    assessments = tuple(
        _read_assessment(item, f"{r.where}.self_assessment[{i}]", r.errors)
        for i, item in enumerate(raw_sa)
    )
    if [a.date for a in assessments] != sorted(a.date for a in assessments):
        r.fail("self_assessment", "must be in date order, newest last")
    max_travel = r._get("max_travel_km", True)
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
        id=r.str("id"),
        municipality=r.ref("municipality", ctx.municipalities) or "",
        service=r.choice("service", V.SERVICES) or "",
        goals=goals,
        interests=r.choices("interests", V.TAGS),
        wishes=r.str("wishes", required=False),
        days_per_week=r.int("days_per_week", lo=1, hi=7) or 1,
        hours_per_day=r.int("hours_per_day", lo=1, hi=24) or 1,
        max_travel_km=float(max_travel or 0),
        remote_ok=r.bool("remote_ok"),
        accessibility_needs=r.choices("accessibility_needs", V.ACCESSIBILITY),
        languages=r.choices("languages", V.ISO_639_1),
        self_assessment=assessments,
        name=r.str("name", required=False),
    )


def _read_placement(r: _Record, ctx: _Context) -> Placement:
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
        id=r.str("id"),
        client=r.ref("client", ctx.clients) or "",
        site=site,
        job=job,
        start=start,
        end=end,
        exit_reason=exit_reason,
    )


def _read_query(r: _Record, ctx: _Context) -> Query:
    return Query(
        client=r.ref("client", ctx.clients) or "", k=r.int("k", lo=1, hi=1000) or 10
    )


@dataclass
class _Context:
    as_of: dt.date
    municipalities: dict[str, Any] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)  # id -> kind
    sites: dict[str, Any] = field(default_factory=dict)
    jobs: dict[str, Any] = field(default_factory=dict)
    clients: dict[str, Any] = field(default_factory=dict)


def _read_list(
    data: dict[str, Any],
    section: str,
    allowed: set[str],
    read: Callable[[_Record], Any],
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
        record = _Record(item, f"{section}[{i}]", errors, allowed)
        value = read(record)
        if key is not None:
            ident = getattr(value, key)
            if ident in seen:
                record.fail(key, f"duplicate {key} {json.dumps(ident)}")
            seen.add(ident)
        out.append(value)
    return out


def parse(data: Any) -> Dataset:
    """Read a decoded ``polku-dataset/1`` document; raise :class:`DatasetError`."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise DatasetError(["the document must be a JSON object"])
    for key in sorted(set(data) - _TOP_FIELDS):
        errors.append(f"{key}: unknown section")
    if data.get("format") != V.FORMAT:
        errors.append(
            f"format: must be {json.dumps(V.FORMAT)}, not {json.dumps(data.get('format'))}"
        )
    top = _Record({"as_of": data.get("as_of")}, "as_of", [], {"as_of"})
    as_of = top.date("as_of")
    if as_of is None:
        errors.append('as_of: must be a date YYYY-MM-DD ("today" for this data set)')
        as_of = dt.date.today()
    ctx = _Context(as_of=as_of)

    municipalities = _read_list(
        data,
        "municipalities",
        {"code", "name", "lat", "lon"},
        _read_municipality,
        errors,
        "code",
    )
    ctx.municipalities = {m.code: m for m in municipalities}
    organisations = _read_list(
        data,
        "organisations",
        {"id", "name", "kind", "business_id"},
        _read_organisation,
        errors,
    )
    ctx.organisations = {o.id: o.kind for o in organisations}
    sites = _read_list(
        data, "sites", _SITE_FIELDS, lambda r: _read_site(r, ctx), errors
    )
    ctx.sites = {s.id: s for s in sites}
    jobs = _read_list(data, "jobs", _JOB_FIELDS, lambda r: _read_job(r, ctx), errors)
    ctx.jobs = {j.id: j for j in jobs}
    overlap = sorted(set(ctx.sites) & set(ctx.jobs))
    for ident in overlap:
        errors.append(
            f"jobs: id {json.dumps(ident)} is also a site id; ids must not clash"
        )
    clients = _read_list(
        data, "clients", _CLIENT_FIELDS, lambda r: _read_client(r, ctx), errors
    )
    ctx.clients = {c.id: c for c in clients}
    placements = _read_list(
        data,
        "placements",
        {"id", "client", "site", "job", "start", "end", "exit_reason"},
        lambda r: _read_placement(r, ctx),
        errors,
    )
    queries = _read_list(
        data, "queries", {"client", "k"}, lambda r: _read_query(r, ctx), errors, None
    )
    if errors:
        raise DatasetError(errors)
    return Dataset(
        as_of=as_of,
        municipalities=tuple(municipalities),
        organisations=tuple(organisations),
        sites=tuple(sites),
        jobs=tuple(jobs),
        clients=tuple(clients),
        placements=tuple(placements),
        queries=tuple(queries),
    )


def load(path: str | Path) -> Dataset:
    """Read and validate a data set file; raise :class:`DatasetError` on any problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DatasetError([f"cannot read {path}: {exc.strerror}"]) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            [f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"]
        ) from exc
    return parse(data)
