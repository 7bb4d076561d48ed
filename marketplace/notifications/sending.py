"""The worker's side of notifications: claim a row, send it, retry a failure.

Rules enforced here:
- a notification is sent at most once: a worker claims the row with one UPDATE
  before sending, and a claim older than ``CLAIM_SECONDS`` (a worker that died)
  may be taken over;
- a failed send is tried again after 5, 10, 20 … minutes, ``MAX_ATTEMPTS`` times
  in all, then marked failed;
- the log says which notification, its kind and the error's class: never an
  address, a name or a message text.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db.models import F, Q
from django.utils import timezone
from django_tasks import default_task_backend

from marketplace.models import Notification
from marketplace.notifications import messages

log = logging.getLogger("polku.notifications")
S = Notification.Status
MAX_ATTEMPTS = 6
FIRST_RETRY = dt.timedelta(minutes=5)
CLAIM_SECONDS = 600
#: The daily run sends again what is still pending after this long.
RESEND_AFTER = dt.timedelta(minutes=30)
#: … but not what is older than this (news that is this late is no news).
RESEND_WITHIN = dt.timedelta(days=3)


def _claim(notification_id: int) -> bool:
    now = timezone.now()
    stale = now - dt.timedelta(seconds=CLAIM_SECONDS)
    return bool(
        Notification.objects.filter(pk=notification_id, status=S.PENDING)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        .update(claimed_at=now, attempts=F("attempts") + 1)
    )


def _finish(row: Notification, status: str, error: str = "") -> None:
    Notification.objects.filter(pk=row.pk).update(
        status=status,
        claimed_at=None,
        last_error=error[:100],
        sent_at=timezone.now() if status == S.SENT else None,
    )


def notification_send(*, notification_id: int) -> str:
    """Send one notification; returns what happened ("sent", "skipped" …)."""
    if not _claim(notification_id):
        return "not pending"
    row = Notification.objects.select_related("recipient").get(pk=notification_id)
    try:
        message = messages.build(row)
    except messages.Skip as reason:
        _finish(row, S.SKIPPED, str(reason))
        log.info("notification %s (%s) skipped: %s", row.pk, row.kind, reason)
        return "skipped"
    try:
        message.send()
    except Exception as exc:  # noqa: BLE001 - any failure of the mail server
        return _failed(row, type(exc).__name__)
    _finish(row, S.SENT)
    log.info("notification %s (%s) sent to user %s", row.pk, row.kind, row.recipient_id)
    return "sent"


def _failed(row: Notification, error: str) -> str:
    if row.attempts >= MAX_ATTEMPTS:
        _finish(row, S.FAILED, error)
        log.error("notification %s (%s) failed for good: %s", row.pk, row.kind, error)
        return "failed"
    _finish(row, S.PENDING, error)
    delay = FIRST_RETRY * 2 ** (row.attempts - 1)
    log.warning(
        "notification %s (%s) not sent (attempt %s): %s; again in %s",
        row.pk,
        row.kind,
        row.attempts,
        error,
        delay,
    )
    if default_task_backend.supports_defer:
        from marketplace.notifications.tasks import notification_send_task

        notification_send_task.using(run_after=timezone.now() + delay).enqueue(row.pk)
    return "retry"


def pending_resend() -> int:
    """Enqueue again the notifications still pending a while after they were made
    (their first enqueue was lost, or their retries were not deferred)."""
    from marketplace.notifications.tasks import notification_send_task

    now = timezone.now()
    ids = list(
        Notification.objects.filter(
            status=S.PENDING,
            created_at__lt=now - RESEND_AFTER,
            created_at__gt=now - RESEND_WITHIN,
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        notification_send_task.enqueue(pk)
    return len(ids)
