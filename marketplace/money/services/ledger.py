"""The double-entry ledger: every money movement as lines that sum to zero.

Debits are positive, credits negative, all in integer cents. ``ledger_post`` is the
only writer: it refuses an unbalanced entry, a zero line or an entry with fewer than
two lines, and on PostgreSQL a deferred constraint trigger refuses the same at commit
(migration 0007), so a bug elsewhere cannot leave the books unbalanced.

The accounts (see :class:`LedgerAccount.Kind`):
- ``stripe``: the platform's Stripe balance (asset);
- ``stripe_fees``: Stripe's processing and dispute fees (expense);
- ``platform_fees``: the platform's share of paid jobs (revenue);
- ``escrow`` per job: money received for a job and not yet paid out or refunded;
- ``unit_cash`` per organisation: money transferred to its payout account;
- ``unit_fund`` per site: the unit's work-share fund, filled by job income;
- ``participant`` per site and client: work-share money allocated to a participant.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Sum

from marketplace.models import (
    Client,
    Job,
    LedgerAccount,
    LedgerEntry,
    LedgerLine,
    Organisation,
    User,
    WorkSite,
)

K = LedgerAccount.Kind


class UnbalancedEntry(ValueError):
    """An entry whose lines do not sum to zero (a programming error, never input)."""


def _account(kind: str, key: str, **links: Any) -> LedgerAccount:
    account, _created = LedgerAccount.objects.get_or_create(
        key=key, defaults={"kind": kind, **links}
    )
    return account


def stripe_account() -> LedgerAccount:
    return _account(K.STRIPE, "stripe")


def stripe_fees_account() -> LedgerAccount:
    return _account(K.STRIPE_FEES, "stripe_fees")


def platform_fees_account() -> LedgerAccount:
    return _account(K.PLATFORM_FEES, "platform_fees")


def escrow_account(job: Job) -> LedgerAccount:
    return _account(K.ESCROW, f"escrow:job:{job.pk}", job=job)


def unit_cash_account(organisation: Organisation) -> LedgerAccount:
    return _account(
        K.UNIT_CASH, f"unit_cash:org:{organisation.pk}", organisation=organisation
    )


def unit_fund_account(site: WorkSite) -> LedgerAccount:
    return _account(K.UNIT_FUND, f"unit_fund:site:{site.pk}", site=site)


def participant_account(site: WorkSite, client: Client) -> LedgerAccount:
    return _account(
        K.PARTICIPANT,
        f"participant:site:{site.pk}:client:{client.pk}",
        site=site,
        client=client,
    )


@dataclass(frozen=True)
class Line:
    account: LedgerAccount
    amount_cents: int


@transaction.atomic
def ledger_post(
    *,
    kind: str,
    lines: Iterable[Line],
    job: Job | None = None,
    site: WorkSite | None = None,
    stripe_object_id: str = "",
    memo: str = "",
    actor: User | None = None,
) -> LedgerEntry:
    """Write one balanced entry. A Stripe object is booked once per kind: posting
    the same (kind, object) again returns the existing entry and writes nothing."""
    lines = [line for line in lines]
    if any(line.amount_cents == 0 for line in lines) or len(lines) < 2:
        raise UnbalancedEntry("an entry needs two or more non-zero lines")
    if sum(line.amount_cents for line in lines) != 0:
        raise UnbalancedEntry("the lines of an entry must sum to zero")
    if stripe_object_id:
        existing = LedgerEntry.objects.filter(
            kind=kind, stripe_object_id=stripe_object_id
        ).first()
        if existing is not None:
            return existing
    entry = LedgerEntry.objects.create(
        kind=kind,
        job=job,
        site=site,
        stripe_object_id=stripe_object_id,
        memo=memo[:200],
        created_by=actor,
    )
    LedgerLine.objects.bulk_create(
        [
            LedgerLine(
                entry=entry, account=line.account, amount_cents=line.amount_cents
            )
            for line in lines
        ]
    )
    return entry


def balance(account: LedgerAccount) -> int:
    """The account's balance: debits minus credits (negative for a credit balance)."""
    total = account.lines.aggregate(total=Sum("amount_cents"))["total"]
    return int(total or 0)


def fund_balance(site: WorkSite) -> int:
    """Money in the unit's work-share fund (a credit balance, shown as positive)."""
    account = LedgerAccount.objects.filter(key=f"unit_fund:site:{site.pk}").first()
    return -balance(account) if account is not None else 0


def unbalanced_entries() -> list[int]:
    """Ids of entries whose lines do not sum to zero (always empty; checked in tests
    and on the money page as a self-check)."""
    from django.db.models import Q

    return list(
        LedgerEntry.objects.annotate(total=Sum("lines__amount_cents"))
        .filter(~Q(total=0) | Q(total__isnull=True))
        .values_list("pk", flat=True)
    )
