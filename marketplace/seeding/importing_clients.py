"""The ``clients`` and ``placements`` sections of a data set, by data-set id.

Rules enforced here:
- a client or placement whose stored values equal the record's is left untouched
  (no save, no new rows: its self-assessments and periods keep their ids);
- a changed client is validated by the model (named ``clients[i].field``);
- a placement is stored at a site only; its one period is the record's, and an open
  placement's current period ends at the 3-month review that ``as_of`` is in;
- a placement whose client or site was refused is skipped (that error is reported).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError

from marketplace.models import (
    Client,
    Placement,
    PlacementEvent,
    PlacementPeriod,
    SelfAssessment,
    WorkSite,
)
from marketplace.seeding.importing_run import ImportRun, Outcome, codes
from marketplace.shared.months import add_months
from matching.core import dataset as ds

CLIENT_RELATIONS = {
    "interests": "tag",
    "accessibility_needs": "accessibility",
    "languages": "language",
}


def import_clients(run: ImportRun) -> dict[str, Client]:
    """Create, update or leave each client; returns the clients by data-set id."""
    existing = {
        c.external_id: c
        for c in Client.objects.filter(external_id__isnull=False).prefetch_related(
            "interests", "accessibility_needs", "languages", "assessments"
        )
    }
    kept: dict[str, Client] = {}
    total = len(run.data.clients)
    for i, record in enumerate(run.data.clients):
        client = existing.get(record.id) or Client(external_id=record.id)
        created = client._state.adding
        before = None if created else _client_state(client)
        _fill_client(client, record, run)
        wanted_assessments = _assessments(record)
        if before is not None and before == (
            _fields(client),
            _relations_of_record(record),
            wanted_assessments,
        ):
            kept[record.id] = client
            run.count("clients", "unchanged")
            run.progress("clients", i + 1, total)
            continue
        try:
            client.full_clean(exclude=["instructor", "user"])
        except ValidationError as exc:
            run.refused(f"clients[{i}]", exc.message_dict)
            continue
        client.save()
        for relation, vocabulary in CLIENT_RELATIONS.items():
            getattr(client, relation).set(
                run.terms_for(vocabulary, getattr(record, relation))
            )
        if before is None or before[2] != wanted_assessments:
            client.assessments.all().delete()
            SelfAssessment.objects.bulk_create(
                [_assessment(client, a) for a in record.self_assessment]
            )
        kept[record.id] = client
        run.count("clients", "created" if created else "updated")
        run.progress("clients", i + 1, total)
    return kept


def _fill_client(client: Client, c: ds.Client, run: ImportRun) -> None:
    client.name = c.name or client.name or f"Asiakas {c.id}"
    client.municipality = run.municipalities[c.municipality]
    client.service = c.service
    client.goals = list(c.goals)
    client.wishes = c.wishes
    client.days_per_week, client.hours_per_day = c.days_per_week, c.hours_per_day
    client.max_travel_km = round(c.max_travel_km)
    client.remote_ok = c.remote_ok


def _fields(client: Client) -> tuple[Any, ...]:
    return (
        client.name, client.municipality_id, client.service, list(client.goals),
        client.wishes, client.days_per_week, client.hours_per_day,
        client.max_travel_km, client.remote_ok,
    )  # fmt: skip


def _client_state(client: Client) -> tuple[Any, ...]:
    relations = tuple(
        codes(getattr(client, relation).all()) for relation in CLIENT_RELATIONS
    )
    assessments = sorted(
        (a.date, tuple(getattr(a, area) for area in SelfAssessment.AREAS), a.consent)
        for a in client.assessments.all()
    )
    return (_fields(client), relations, assessments)


def _relations_of_record(c: ds.Client) -> tuple[frozenset[str], ...]:
    return tuple(frozenset(getattr(c, relation)) for relation in CLIENT_RELATIONS)


def _assessments(c: ds.Client) -> list[tuple[Any, ...]]:
    return sorted(
        (a.date, tuple(getattr(a, area) for area in SelfAssessment.AREAS), True)
        for a in c.self_assessment
    )


def _assessment(client: Client, a: ds.SelfAssessment) -> SelfAssessment:
    scores = {area: getattr(a, area) for area in SelfAssessment.AREAS}
    return SelfAssessment(client=client, date=a.date, consent=True, **scores)


def import_placements(run: ImportRun, clients: dict[str, Client]) -> None:
    """Placement history at sites; the sites' seat counts are the data set's own."""
    sites = {
        s.external_id: s for s in WorkSite.objects.filter(external_id__isnull=False)
    }
    existing = {
        p.external_id: p
        for p in Placement.objects.filter(external_id__isnull=False).prefetch_related(
            "periods"
        )
    }
    # a placement someone has moved in Polku since (it has history lines) is
    # Polku's from then on: a re-import does not undo what users did
    moved = set(
        PlacementEvent.objects.filter(placement__external_id__in=list(existing))
        .values_list("placement__external_id", flat=True)
        .distinct()
    )
    rows = [p for p in run.data.placements if p.site is not None]
    for i, p in enumerate(rows, 1):
        if p.client not in clients or p.site not in sites:
            continue  # the client's or the site's own error is already reported
        if p.id in moved:
            run.count("placements", "unchanged")
            run.progress("placements", i, len(rows))
            continue
        placement = existing.get(p.id) or Placement(external_id=p.id)
        outcome = _placement_store(
            placement, p, clients[p.client], sites[p.site], run.data.as_of
        )
        run.count("placements", outcome)
        run.progress("placements", i, len(rows))


def _placement_store(
    placement: Placement,
    p: ds.Placement,
    client: Client,
    site: WorkSite,
    as_of: dt.date,
) -> Outcome:
    created = placement._state.adding
    fields = {
        "client_id": client.pk,
        "site_id": site.pk,
        "start_date": p.start,
        "status": Placement.Status.ENDED if p.end else Placement.Status.ACTIVE,
        "planned_end": None if p.end else _current_period_end(p.start, as_of),
    }
    period = (p.start, p.end, p.exit_reason or "")
    periods = (
        []
        if created
        else [(x.start, x.end, x.exit_reason) for x in placement.periods.all()]
    )
    same = all(getattr(placement, k) == v for k, v in fields.items())
    if not created and same and periods == [period]:
        return "unchanged"
    for name, value in fields.items():
        setattr(placement, name, value)
    placement.save()
    if periods != [period]:
        placement.periods.all().delete()
        PlacementPeriod.objects.create(
            placement=placement,
            start=p.start,
            end=p.end,
            exit_reason=p.exit_reason or "",
        )
    return "created" if created else "updated"


def _current_period_end(start: dt.date, as_of: dt.date) -> dt.date:
    """The end of the period an open placement is in on ``as_of``: the first period
    is 3 months and each review extends it by 3 more (at most 24 in total)."""
    months = 3
    end = add_months(start, months)
    while end < as_of and months < 24:
        months += 3
        end = add_months(start, months)
    return end
