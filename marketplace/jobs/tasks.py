"""Background work of the job bank (django-tasks; ids in, safe to run twice).

``manage.py jobs_daily`` enqueues the daily ones; transfers and refunds are enqueued
when the transaction that decided them commits.
"""

from __future__ import annotations

from django_tasks import task


@task()
def jobs_auto_accept_task() -> list[int]:
    """Accept the deliveries that waited the acceptance period without a dispute."""
    from marketplace.jobs.services.jobs import auto_accept_due

    return auto_accept_due()
