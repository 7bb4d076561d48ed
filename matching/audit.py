"""Outcome gaps between groups, for the periodic fairness check of the model card.

Groups come from :class:`matching.models.ClientAuditAttributes` (kept apart from the
features) and the client's service and municipality. Every figure is aggregated in
the database; any group with fewer than ``MIN_CELL`` clients is suppressed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q

from marketplace.models import Client, PlacementPeriod
from matching.core import vocabulary as V
from matching.models import ShownList

MIN_CELL = 5
GROUPINGS = {
    "age_band": "audit_attributes__age_band",
    "service_language": "audit_attributes__service_language",
    "service": "service",
    "municipality": "municipality__name",
}


@dataclass(frozen=True)
class AuditRow:
    group: str
    clients: int | None
    lists_per_client: float | None
    mean_score: float | None
    chosen_from_list: float | None
    ended_periods: int | None
    positive_exit_rate: float | None

    @property
    def suppressed(self) -> bool:
        return self.clients is None


def audit_rows(by: str, region_id: int | None = None) -> list[AuditRow]:
    """One row per group: how much the matcher suggested to it, how good the shown
    suggestions looked, how often a visit was booked from the list, and how periods
    really ended. Three queries whatever the number of clients."""
    field = GROUPINGS[by]
    clients = Client.objects.all()
    if region_id is not None:
        clients = clients.filter(municipality__region_id=region_id)
    sizes = {
        row["g"]: row["n"]
        for row in clients.values(g=F(field)).annotate(n=Count("pk", distinct=True))
    }
    lists = {
        row["g"]: row
        for row in ShownList.objects.filter(client__in=clients)
        .values(g=F(f"client__{field}"))
        .annotate(
            n=Count("pk"),
            mean=Avg("mean_score"),
            chosen=Count("pk", filter=Q(chosen_site__isnull=False)),
            shown_to_staff=Count("pk", filter=Q(audience="instructor")),
        )
    }
    periods = {
        row["g"]: row
        for row in PlacementPeriod.objects.filter(
            placement__client__in=clients, end__isnull=False
        )
        .values(g=F(f"placement__client__{field}"))
        .annotate(
            n=Count("pk"),
            positive=Count("pk", filter=Q(exit_reason__in=V.POSITIVE_EXITS)),
        )
    }
    out = []
    for group in sorted(sizes, key=lambda g: (g is None, str(g))):
        n = sizes[group]
        label = str(group) if group not in (None, "") else "(not recorded)"
        if n < MIN_CELL:
            out.append(AuditRow(label, None, None, None, None, None, None))
            continue
        shown = lists.get(group, {})
        ended = periods.get(group, {})
        staff_lists = shown.get("shown_to_staff", 0)
        ended_n = ended.get("n", 0)
        out.append(
            AuditRow(
                group=label,
                clients=n,
                lists_per_client=round(shown.get("n", 0) / n, 2),
                mean_score=round(shown["mean"], 3) if shown.get("mean") else None,
                chosen_from_list=(
                    round(shown.get("chosen", 0) / staff_lists, 3)
                    if staff_lists
                    else None
                ),
                ended_periods=ended_n if ended_n >= MIN_CELL else None,
                positive_exit_rate=(
                    round(ended.get("positive", 0) / ended_n, 3)
                    if ended_n >= MIN_CELL
                    else None
                ),
            )
        )
    return out
