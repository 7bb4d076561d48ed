"""Competence at work in the outcome figures: per site, the clients with competence
recorded (a record overlapping the window), one query."""

from __future__ import annotations

from django.db.models import Count, Q, Sum

from marketplace.models import CompetenceRecord
from marketplace.outcomes.scope import OutcomeScope
from marketplace.outcomes.statistics import Count as Counted


def competence_by_site(scope: OutcomeScope) -> dict[int, Counted]:
    """Distinct clients with at least one competence record in the window, by site,
    with the sum of the records' keys (the cell key, ``disclosure``)."""
    w = scope.window
    records = CompetenceRecord.objects.filter(
        Q(start__lte=w.end) & Q(end__gte=w.start),
        placement__site__in=scope.sites,
    )
    if scope.service:
        records = records.filter(placement__client__service=scope.service)
    rows = records.values("placement__site").annotate(
        clients=Count("placement__client", distinct=True),
        key=Sum("placement__client__record_key"),
    )
    return {
        row["placement__site"]: Counted(
            row["clients"], row["clients"], int(row["key"] or 0)
        )
        for row in rows
    }
