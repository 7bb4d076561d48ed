"""Units' payout accounts (Stripe Express) and the retries of money that has not
gone yet.

- An organisation's supervisors set up its account through Stripe's onboarding
  (Account Links); Polku creates the account once, with an idempotency key from its
  own row, and sends Stripe nothing about participants.
- The account is ready when Stripe reports the details submitted, payouts enabled
  and the transfers capability active; a unit without a ready account cannot take
  paid jobs, and its transfers wait until the account is ready.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from marketplace.access import permissions
from marketplace.models import (
    ConnectedAccount,
    JobRefund,
    JobTransfer,
    Organisation,
    User,
)
from marketplace.money.payments import gateway
from marketplace.money.services.payments import payments_required


def payout_account_link(
    *, actor: User, organisation: Organisation, refresh_url: str, return_url: str
) -> str:
    """Stripe's onboarding page for the organisation's Express account (created on
    first use, with an idempotency key from our own row)."""
    if not permissions.can_manage_payouts(actor, organisation):
        raise PermissionDenied
    payments_required()
    with transaction.atomic():
        account, _created = ConnectedAccount.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        if not account.idempotency_key:
            account.idempotency_key = f"polku-account-{account.pk}"
            account.save(update_fields=["idempotency_key"])
    if not account.stripe_account_id:
        stripe_id = gateway.create_express_account(
            organisation_id=organisation.pk, idempotency_key=account.idempotency_key
        )
        ConnectedAccount.objects.filter(
            pk=account.pk, stripe_account_id__isnull=True
        ).update(stripe_account_id=stripe_id)
        account.refresh_from_db()
    return gateway.create_onboarding_link(
        account_id=account.stripe_account_id,
        refresh_url=refresh_url,
        return_url=return_url,
    )


def payout_account_apply(state: gateway.AccountState) -> ConnectedAccount | None:
    """Store what Stripe says of an account (its onboarding and capabilities)."""
    account = ConnectedAccount.objects.filter(stripe_account_id=state.id).first()
    if account is None:
        return None
    account.details_submitted = state.details_submitted
    account.payouts_enabled = state.payouts_enabled
    account.transfers_active = state.transfers_active
    account.save()
    if account.is_ready:
        retry_transfers(organisation_id=account.organisation_id)
    return account


def payout_account_refresh(*, actor: User, organisation: Organisation) -> Any:
    if not permissions.can_manage_payouts(actor, organisation):
        raise PermissionDenied
    account = ConnectedAccount.objects.filter(organisation=organisation).first()
    if account is None or not account.stripe_account_id:
        return account
    return payout_account_apply(gateway.retrieve_account(account.stripe_account_id))


def retry_transfers(*, organisation_id: int | None = None) -> int:
    """Enqueue every transfer that has not gone yet (failed, or waited for an
    account or a chargeback); returns how many. Safe to run twice."""
    from marketplace.money.tasks import job_transfer_task

    waiting = JobTransfer.objects.exclude(status=JobTransfer.Status.SUCCEEDED)
    if organisation_id is not None:
        waiting = waiting.filter(site__organisation_id=organisation_id)
    ids = list(waiting.values_list("pk", flat=True))
    for pk in ids:
        transaction.on_commit(lambda pk=pk: job_transfer_task.enqueue(pk))
    return len(ids)


def retry_refunds() -> int:
    from marketplace.money.tasks import job_refund_task

    ids = list(
        JobRefund.objects.filter(
            status__in=[JobRefund.Status.PENDING, JobRefund.Status.FAILED],
            stripe_refund_id__isnull=True,
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        transaction.on_commit(lambda pk=pk: job_refund_task.enqueue(pk))
    return len(ids)
