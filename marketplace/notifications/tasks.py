"""Background work of notifications (django-tasks; ids in, safe to run twice).

``manage.py notifications_daily`` enqueues the daily one every morning (the
reminders, and pending notifications sent again); each notification is enqueued
when the transaction of its event commits.
"""

from __future__ import annotations

from django_tasks import task


@task()
def notification_send_task(notification_id: int) -> str:
    """Send one notification (claimed first, so a second run sends nothing)."""
    from marketplace.notifications.sending import notification_send

    return notification_send(notification_id=notification_id)


@task()
def notifications_daily_task() -> dict[str, int]:
    """Reviews due in two weeks, returns ending within a week; and whatever is
    still pending sent again. Uses the day the worker runs it."""
    from django.utils import timezone

    from marketplace.notifications.events import reminders_send
    from marketplace.notifications.sending import pending_resend

    done = reminders_send(today=timezone.localdate())
    done["resent"] = pending_resend()
    return done


@task()
def password_reset_send_task(user_id: int, language: str) -> str:
    """E-mail a password reset link to a client or a job poster."""
    from marketplace.notifications.password_reset import password_reset_send

    return password_reset_send(user_id=user_id, language=language)
