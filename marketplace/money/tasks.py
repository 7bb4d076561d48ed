"""Background work of the job bank (django-tasks; ids in, safe to run twice).

``manage.py jobs_daily`` enqueues the daily ones; transfers and refunds are enqueued
when the transaction that decided them commits.
"""

from __future__ import annotations

from django_tasks import task


@task()
def job_transfer_task(transfer_id: int) -> str:
    """Send one decided transfer to Stripe (its idempotency key makes reruns safe)."""
    from marketplace.money.services.payments import transfer_execute

    return transfer_execute(transfer_id=transfer_id).status


@task()
def job_refund_task(refund_id: int) -> str:
    """Send one decided refund to Stripe (its idempotency key makes reruns safe)."""
    from marketplace.money.services.payments import refund_execute

    return refund_execute(refund_id=refund_id).status


@task()
def money_retry_task() -> dict[str, int]:
    """Try again the transfers and refunds that have not gone through yet."""
    from django.db import transaction

    from marketplace.money.services.payouts import retry_refunds, retry_transfers

    with transaction.atomic():
        return {"transfers": retry_transfers(), "refunds": retry_refunds()}
