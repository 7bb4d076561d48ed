"""The organiser's money page: the ledger's figures, and the ledger reconciled with
Stripe's balance transactions.

Every ledger entry that moved the platform's Stripe balance carries the Stripe object
it came from (a charge, transfer, refund or dispute). For a month, the net amount the
ledger booked on the Stripe balance for each object is compared with the net of
Stripe's balance transactions whose source is that object; any object where they
differ, or that only one side knows, is listed. Organisers see their own region's
jobs and units; a platform admin sees everything, including balance transactions
that no job explains (payouts to the platform's bank are listed apart).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from marketplace.access import permissions
from marketplace.models import LedgerEntry, LedgerLine, User, WorkSite
from marketplace.money.payments import gateway
from marketplace.money.payments.exceptions import GatewayError, PaymentsNotConfigured
from marketplace.money.services import ledger
from marketplace.shared.months import month_bounds

MARGIN = dt.timedelta(days=2)


def _entries_for(user: User) -> QuerySet[LedgerEntry]:
    entries = LedgerEntry.objects.all()
    if permissions.is_platform_admin(user):
        return entries
    region = user.region_id
    return entries.filter(
        Q(job__municipality__region_id=region) | Q(site__municipality__region_id=region)
    )


def _lines(entries: QuerySet[LedgerEntry], kind: str) -> int:
    total = LedgerLine.objects.filter(entry__in=entries, account__kind=kind).aggregate(
        s=Sum("amount_cents")
    )["s"]
    return int(total or 0)


@dataclass
class Figures:
    received_cents: int
    stripe_fees_cents: int
    platform_fees_cents: int
    refunded_cents: int
    transferred_cents: int
    held_cents: int
    in_funds_cents: int
    allocated_cents: int
    unbalanced_entries: int


def figures(user: User) -> Figures:
    """Totals to date in the user's scope, read from the ledger lines."""
    entries = _entries_for(user)
    by_kind: dict[str, int] = defaultdict(int)
    rows = (
        LedgerLine.objects.filter(entry__in=entries)
        .values("entry__kind", "account__kind")
        .annotate(s=Sum("amount_cents"))
    )
    for row in rows:
        by_kind[f"{row['entry__kind']}:{row['account__kind']}"] += int(row["s"] or 0)
    return Figures(
        received_cents=by_kind["payment:stripe"],
        stripe_fees_cents=_lines(entries, "stripe_fees"),
        platform_fees_cents=-_lines(entries, "platform_fees"),
        refunded_cents=by_kind["refund:escrow"],
        transferred_cents=by_kind["transfer:unit_cash"],
        held_cents=-_lines(entries, "escrow"),
        in_funds_cents=-_lines(entries, "unit_fund"),
        allocated_cents=-_lines(entries, "participant"),
        unbalanced_entries=len(ledger.unbalanced_entries()),
    )


@dataclass
class FundRow:
    site: WorkSite
    received_cents: int
    allocated_cents: int

    @property
    def left_cents(self) -> int:
        return self.received_cents - self.allocated_cents


def funds(user: User) -> list[FundRow]:
    """Each unit's work-share fund in the user's scope: in, allocated, left."""
    entries = _entries_for(user)
    rows = (
        LedgerLine.objects.filter(entry__in=entries, account__kind="unit_fund")
        .values("account__site")
        .annotate(
            received=Sum("amount_cents", filter=Q(amount_cents__lt=0)),
            allocated=Sum("amount_cents", filter=Q(amount_cents__gt=0)),
        )
    )
    sites = WorkSite.objects.in_bulk([r["account__site"] for r in rows])
    out = [
        FundRow(
            sites[r["account__site"]],
            -int(r["received"] or 0),
            int(r["allocated"] or 0),
        )
        for r in rows
    ]
    return sorted(out, key=lambda f: f.site.title)


@dataclass
class Difference:
    stripe_object_id: str
    ledger_cents: int | None
    stripe_cents: int | None
    kinds: str = ""


@dataclass
class Reconciliation:
    month: dt.date
    checked: bool = False
    problem: str = ""  # not_configured, unreachable
    matched: int = 0
    ledger_cents: int = 0
    stripe_cents: int = 0
    payouts_cents: int = 0
    differences: list[Difference] = field(default_factory=list)

    @property
    def balanced(self) -> bool:
        return self.checked and not self.differences


def _ledger_by_object(entries: QuerySet[LedgerEntry]) -> dict[str, tuple[int, str]]:
    rows = (
        LedgerLine.objects.filter(entry__in=entries, account__kind="stripe")
        .exclude(entry__stripe_object_id="")
        .values("entry__stripe_object_id", "entry__kind")
        .annotate(s=Sum("amount_cents"))
    )
    out: dict[str, tuple[int, str]] = {}
    for r in rows:
        cents, kinds = out.get(r["entry__stripe_object_id"], (0, ""))
        kinds = ", ".join(sorted({*filter(None, kinds.split(", ")), r["entry__kind"]}))
        out[r["entry__stripe_object_id"]] = (cents + int(r["s"] or 0), kinds)
    return out


def reconcile(user: User, month: dt.date) -> Reconciliation:
    """Compare the month's ledger bookings on the Stripe balance with Stripe's own
    balance transactions, object by object."""
    first, last = month_bounds(month)
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    result = Reconciliation(month=first)
    scope = _entries_for(user)
    booked = _ledger_by_object(
        scope.filter(created_at__gte=since, created_at__lt=until)
    )
    try:
        bts = list(
            gateway.balance_transactions(since=since - MARGIN, until=until + MARGIN)
        )
    except PaymentsNotConfigured:
        result.problem = "not_configured"
        return result
    except GatewayError:
        result.problem = "unreachable"
        return result
    stripe_net: dict[str, int] = defaultdict(int)
    in_month: dict[str, bool] = defaultdict(bool)
    for bt in bts:
        if bt.type == "payout":
            if since <= bt.created < until:
                result.payouts_cents += bt.net
            continue
        key = bt.source_id or bt.id
        stripe_net[key] += bt.net
        in_month[key] |= since <= bt.created < until
    for object_id, (cents, kinds) in sorted(booked.items()):
        result.ledger_cents += cents
        theirs = stripe_net.get(object_id)
        if theirs is not None:
            result.stripe_cents += theirs
        if theirs == cents:
            result.matched += 1
        else:
            result.differences.append(Difference(object_id, cents, theirs, kinds))
    if permissions.is_platform_admin(user):
        known = set(
            LedgerEntry.objects.exclude(stripe_object_id="").values_list(
                "stripe_object_id", flat=True
            )
        )
        for object_id, net in sorted(stripe_net.items()):
            if in_month[object_id] and object_id not in known:
                result.stripe_cents += net
                result.differences.append(Difference(object_id, None, net))
    result.checked = True
    return result


def overview(user: User, month: dt.date) -> dict[str, Any]:
    """Everything the money page shows, for the user's scope."""
    return {
        "figures": figures(user),
        "funds": funds(user),
        "reconciliation": reconcile(user, month),
    }
