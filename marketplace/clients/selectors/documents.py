"""Reads for the placement agreement and client plan (a printable document)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from marketplace.access import permissions, roles
from marketplace.models import Client, Placement, PlacementPeriod, User, WorkSite
from marketplace.models.attendance import EXPENSE_COMPENSATION_CENTS
from marketplace.shared import vocabularies


def placements_with_documents(user: User) -> QuerySet[Placement]:
    """Placements whose agreement the user may read: the own worker's caseload, the
    client's own placements (a platform admin: every one)."""
    rows = Placement.objects.select_related(
        "client__municipality",
        "client__instructor__organisation",
        "site__organisation",
        "site__municipality",
        "agreement_signed_by",
    )
    if not user.is_authenticated:
        return rows.none()
    if permissions.is_platform_admin(user):
        return rows
    mine = Q(client__user=user)
    if user.has_role(roles.INSTRUCTOR):
        mine |= Q(client__instructor=user)
    return rows.filter(mine)


@dataclass(frozen=True)
class AgreementDocument:
    """What the agreement and client plan says, ready for a template."""

    placement: Placement
    goals: list[str]
    periods: list[PlacementPeriod]
    review_on: dt.date | None
    money_kind: str
    money_per_day_cents: int

    @property
    def client(self) -> Client:
        return self.placement.client

    @property
    def site(self) -> WorkSite:
        return self.placement.site


def agreement_document(placement: Placement) -> AgreementDocument:
    """The agreement of ``placement``: the client's goals in their own order, the
    site, days and hours, dates, contacts, the review date and the daily money."""
    client = placement.client
    if client.service == "rehabilitative":
        kind, cents = "expense_compensation", EXPENSE_COMPENSATION_CENTS
    else:
        kind, cents = "work_share", placement.site.work_share_cents_per_day or 0
    return AgreementDocument(
        placement=placement,
        goals=[vocabularies.label("goal", code) for code in client.goals],
        periods=list(placement.periods.all()),
        review_on=placement.review_date(),
        money_kind=kind,
        money_per_day_cents=cents,
    )
