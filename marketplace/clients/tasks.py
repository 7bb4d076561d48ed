"""Background work of the placement path (django-tasks; safe to run twice).

``manage.py placements_daily`` enqueues it every night (docs/operations.md).
"""

from __future__ import annotations

from django_tasks import task


@task()
def placement_holds_expire_task() -> int:
    """End the held seats whose hold ran out unused and free the seats; returns how
    many. Uses the date when the worker runs it, so a late run still ends them."""
    from django.utils import timezone

    from marketplace.clients.services.placements import placement_holds_expire

    return placement_holds_expire(today=timezone.localdate())
