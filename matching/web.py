"""The matcher seen from the web: Polku's rows as the matcher's records, a catalogue
kept per process and rebuilt when sites, seats or placements change, and the active
model from the registry (content-only ranking until one has been trained).

The matcher's pure core (:mod:`matching.core.ranking` and friends) knows nothing of Django;
this module is the only adapter between the two.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import (
    CharField,
    Count,
    F,
    Func,
    Max,
    Subquery,
    Value,
    prefetch_related_objects,
)
from django.utils import timezone

from marketplace.models import (
    Client,
    Municipality,
    Organisation,
    PlacementEvent,
    PlacementPeriod,
    SelfAssessment,
    WorkSite,
)
from marketplace.shared import languages
from matching.core import dataset as D
from matching.core import training
from matching.core.catalogue import Catalogue
from matching.core.content import ContentScorer
from matching.core.ranking import LazyModel, Ranker, Scorer
from matching.models import MatcherModel


class _GoalsOnly(NamedTuple):
    """What the catalogue's history needs of a past client: their first goal."""

    id: str
    goals: tuple[str, ...]


def site_key(site_id: int) -> str:
    return f"site:{site_id}"


def key_site_id(key: str) -> int | None:
    kind, _, ident = key.partition(":")
    return int(ident) if kind == "site" and ident.isdigit() else None


def _codes(terms: Any) -> tuple[str, ...]:
    return tuple(sorted(t.code for t in terms.all()))


def description_text(site: WorkSite) -> str:
    """The site's description in every language it is written in, one paragraph
    per language, Finnish first: the matcher reads each paragraph in its own
    language (``matching.core.text.tokens``). With more than one language the last
    paragraph is closed too, so that the tag words and units the matcher appends
    are read apart from the Swedish or English text."""
    written = [text for _lang, text in languages.texts(site, "description")]
    return "\n\n".join(written) + ("\n\n" if len(written) > 1 else "")


def site_record(site: WorkSite) -> D.Site:
    """A published work-activity site as the matcher's ``Site`` record."""
    capacity = getattr(site, "capacity", None)
    return D.Site(
        id=site_key(site.pk),
        organisation=str(site.organisation_id),
        name=site.title,
        municipality=site.municipality.code,
        lat=site.lat,
        lon=site.lon,
        services=_codes(site.services),
        forms=_codes(site.forms),
        tags=_codes(site.tags),
        description=description_text(site),
        seats_total=capacity.seats_total if capacity else 0,
        seats_free=capacity.seats_free if capacity else 0,
        days_per_week=(site.days_min, site.days_max),
        hours_per_day=(site.hours_min, site.hours_max),
        support_level=site.support_level,
        accessibility=_codes(site.accessibility),
        languages=_codes(site.languages),
        learning_units=tuple(u.name for u in site.learning_units.all()),
        voucher_price_cents=site.voucher_price_cents,
    )


def client_record(
    client: Client, codes: dict[str, tuple[str, ...]] | None = None
) -> D.Client:
    """A client as the matcher's ``Client``: goals, wishes, schedule, travel, needs.

    Name, age or anything else about the person is not passed on: the matcher cannot
    use what it never receives. ``codes`` (from :func:`client_codes`) saves reading
    the interests, needs and languages one relation at a time.
    """
    if codes is None:
        codes = {
            "interests": _codes(client.interests),
            "accessibility_needs": _codes(client.accessibility_needs),
            "languages": _codes(client.languages),
        }
    assessments = tuple(
        D.SelfAssessment(
            date=a.date, **{area: getattr(a, area) for area in SelfAssessment.AREAS}
        )
        for a in sorted(client.assessments.all(), key=lambda a: a.date)
    )
    return D.Client(
        id=str(client.pk),
        municipality=client.municipality.code,
        service=client.service,
        goals=tuple(client.goals or ()),
        interests=codes["interests"],
        wishes=client.wishes,
        days_per_week=client.days_per_week,
        hours_per_day=client.hours_per_day,
        max_travel_km=float(client.max_travel_km),
        remote_ok=client.remote_ok,
        accessibility_needs=codes["accessibility_needs"],
        languages=codes["languages"],
        self_assessment=assessments,
    )


_CODE_RELATIONS = ("interests", "accessibility_needs", "languages")


def client_codes(client: Client) -> dict[str, tuple[str, ...]]:
    """The codes of one client's interests, accessibility needs and languages, in
    one query (a UNION of the three link tables)."""
    parts = [
        getattr(Client, name)
        .through.objects.filter(client_id=client.pk)
        .annotate(relation=Value(name, output_field=CharField()))
        .values_list("relation", "term__code")
        .order_by()
        for name in _CODE_RELATIONS
    ]
    found: dict[str, list[str]] = {name: [] for name in _CODE_RELATIONS}
    for relation, code in parts[0].union(*parts[1:], all=True):
        found[relation].append(code)
    return {name: tuple(sorted(codes)) for name, codes in found.items()}


def ranking_record(client: Client) -> D.Client:
    """:func:`client_record` for the instance a view has: two queries (the codes and
    the self-assessments), the municipality loaded if it is not yet."""
    prefetch_related_objects([client], "municipality", "assessments")
    return client_record(client, client_codes(client))


def clients_for_ranking() -> Any:
    """Clients with everything :func:`client_record` reads, in a fixed number of queries."""
    return Client.objects.select_related("municipality").prefetch_related(
        "interests", "accessibility_needs", "languages", "assessments"
    )


def published_sites() -> Any:
    return (
        WorkSite.objects.live()
        .select_related("organisation", "municipality", "capacity")
        .prefetch_related(
            "services", "forms", "tags", "accessibility", "languages", "learning_units"
        )
        .order_by("pk")
    )


def history_records(
    until: dt.date | None = None,
) -> tuple[list[Any], list[D.Placement]]:
    """Every period at a site as a ``Placement`` record (ended ones carry their exit),
    with the first goal of each client who had one."""
    periods = PlacementPeriod.objects.filter(placement__site__isnull=False)
    if until is not None:
        periods = periods.filter(start__lte=until)
    rows = periods.values_list(
        "pk",
        "placement__client_id",
        "placement__site_id",
        "start",
        "end",
        "exit_reason",
    ).order_by("pk")
    placements = [
        D.Placement(
            id=f"period:{pk}",
            client=str(client_id),
            site=site_key(site_id),
            job=None,
            start=start,
            end=end,
            exit_reason=exit_reason or None,
        )
        for pk, client_id, site_id, start, end, exit_reason in rows
    ]
    ids = {p.client for p in placements}
    goals = Client.objects.filter(pk__in=ids).values_list("pk", "goals")
    return [_GoalsOnly(str(pk), tuple(g or ())) for pk, g in goals], placements


def build_catalogue(as_of: dt.date | None = None) -> Catalogue:
    """All published sites with their seats and the whole placement history."""
    as_of = as_of or timezone.localdate()
    sites = [site_record(s) for s in published_sites()]
    org_ids = {int(s.organisation) for s in sites}
    organisations = [
        D.Organisation(id=str(pk), name=name, kind=kind)
        for pk, name, kind in Organisation.objects.filter(pk__in=org_ids).values_list(
            "pk", "name", "kind"
        )
    ]
    municipalities = [
        D.Municipality(code=m.code, name=m.name, lat=m.lat, lon=m.lon)
        for m in Municipality.objects.order_by("code")
    ]
    clients, placements = history_records()
    return Catalogue.build(
        as_of=as_of,
        municipalities=municipalities,
        organisations=organisations,
        sites=sites,
        jobs=[],
        clients=clients,  # type: ignore[arg-type]  # only id and goals are read
        placements=placements,
        history_until=as_of,
    )


def _events_scalar(function: str) -> Subquery:
    """``(SELECT COUNT(id) FROM events)`` or ``MAX(id)``: one uncorrelated scalar."""
    return Subquery(
        PlacementEvent.objects.order_by()
        .annotate(v=Func(F("pk"), function=function))
        .values("v")[:1]
    )


def catalogue_version() -> tuple[Any, ...]:
    """Changes whenever a site is published or unpublished, seats change (every
    seat update sets ``updated_at``), or a placement moves (every transition writes
    an event). One query."""
    v = WorkSite.objects.live().aggregate(
        n=Count("pk"),
        published=Max("last_published_at"),
        seats=Max("capacity__updated_at"),
        events=Max(_events_scalar("COUNT")),
        last_event=Max(_events_scalar("MAX")),
    )
    return (
        timezone.localdate(),
        v["n"],
        v["published"],
        v["seats"],
        v["events"],
        v["last_event"],
    )


class _Cache:
    """One catalogue and one scorer per process, rebuilt when their version moves."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.catalogue: tuple[Any, Catalogue] | None = None
        self.scorer: tuple[int | None, Scorer, MatcherModel | None] | None = None

    def clear(self) -> None:
        with self.lock:
            self.catalogue = None
            self.scorer = None


_cache = _Cache()


def clear_cache() -> None:
    _cache.clear()


def current_catalogue() -> Catalogue:
    version = catalogue_version()
    cached = _cache.catalogue
    if cached is not None and cached[0] == version:
        return cached[1]
    catalogue = build_catalogue()
    with _cache.lock:
        _cache.catalogue = (version, catalogue)
    return catalogue


def current_scorer() -> tuple[Scorer, MatcherModel | None]:
    """The active registered model, or content-only ranking when there is none (or
    its artifact cannot be used, e.g. made by another scikit-learn version)."""
    active = MatcherModel.objects.filter(is_active=True).first()
    key = active.pk if active else None
    cached = _cache.scorer
    if cached is not None and cached[0] == key:
        return cached[1], cached[2]
    scorer: Scorer = ContentScorer()
    model = None
    if active is not None:
        lazy = LazyModel(active.path)
        try:
            lazy.get()
        except training.ArtifactError:
            active = None
        else:
            scorer, model = lazy, active
    with _cache.lock:
        _cache.scorer = (key, scorer, model)
    return scorer, model


def current_ranker() -> tuple[Ranker, MatcherModel | None]:
    scorer, model = current_scorer()
    return Ranker(scorer, current_catalogue()), model


def client_prefetched(client: Client) -> Client:
    """The client with everything :func:`client_record` reads, loaded onto the
    instance the view already has (no second read of the client's row)."""
    prefetch_related_objects(
        [client],
        "municipality",
        "interests",
        "accessibility_needs",
        "languages",
        "assessments",
    )
    return client


# --- job bank ---------------------------------------------------------------------


def job_record(job: Any) -> D.Job:
    """A job-bank job as the matcher's ``Job`` record."""
    return D.Job(
        id=f"job:{job.pk}",
        organisation=str(job.organisation_id),
        title=job.title,
        description=job.description,
        tags=_codes(job.tags),
        municipality=job.municipality.code,
        lat=job.lat,
        lon=job.lon,
        remote=job.remote,
        workers_needed=job.workers_needed,
        effort_days=job.effort_days,
        deadline=job.deadline,
        price_cents=job.price_cents,
    )


@dataclass(frozen=True)
class GroupForJob:
    site: WorkSite
    score: float
    reasons: list[str]


def groups_for_job(job: Any, k: int = 5) -> list[GroupForJob]:
    """The sites whose groups suit a job (tags, words, distance, group size), best
    first, with reasons in the reader's language. Nothing about any client is used
    beyond how many seats are taken."""
    from marketplace.sites.selectors import published_sites_with_details
    from matching.core.jobbank import sites_for_job
    from matching.display import reasons_text

    catalogue = current_catalogue()
    suggestions = sites_for_job(
        job_record(job), catalogue, organisation_kind=job.organisation.kind, k=k
    )
    ids = [key_site_id(s.site_id) for s in suggestions]
    sites = published_sites_with_details().in_bulk([i for i in ids if i is not None])
    return [
        GroupForJob(
            site=sites[site_id],
            score=s.score,
            reasons=reasons_text(s.reasons, to_client=False),
        )
        for s, site_id in zip(suggestions, ids, strict=True)
        if site_id in sites
    ]
