"""Background work of the network plan (django-tasks; safe to run twice).

``manage.py notifications_daily`` enqueues :func:`network_reminders_task` every
morning beside the notifications' own daily task.
"""

from __future__ import annotations

from django_tasks import task


@task()
def network_reminders_task() -> dict[str, int]:
    """Tasks due soon or overdue, and meetings coming: reminders by e-mail. Uses
    the day the worker runs it."""
    from django.utils import timezone

    from marketplace.network.reminders import network_reminders_send

    return network_reminders_send(today=timezone.localdate())
