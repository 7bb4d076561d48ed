"""Writing notifications and the user's choices about them.

Rules enforced here:
- a notification goes only to an active user with an e-mail address who has not
  turned its kind off;
- one event is told once to each recipient: ``(recipient, kind, key)`` is unique,
  so repeated or late daily runs add nothing;
- nothing is sent before the event's transaction commits (``on_commit``), and
  nothing at all while :func:`muted` (the demo data's history is not news);
- the recipient's choices cover only the kinds their roles can receive.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from marketplace.models import Notification, User
from marketplace.notifications.kinds import kinds_for

log = logging.getLogger("polku.notifications")

_muted: ContextVar[bool] = ContextVar("polku_notifications_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No notifications inside the block (seeding demo data, imports)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def wants(user: User, kind: str) -> bool:
    """Whether ``user`` gets notifications of ``kind`` by e-mail."""
    return bool(
        user.is_active and user.email and kind not in (user.notifications_off or [])
    )


def notify(
    *, kind: str, recipients: Iterable[User], key: str, params: dict[str, Any]
) -> list[int]:
    """Write a notification of ``kind`` for each recipient who wants it, and send
    each after the current transaction commits. Returns the new rows' ids (none
    for a recipient already told of this event)."""
    if _muted.get():
        return []
    created: list[int] = []
    seen: set[int] = set()
    for user in recipients:
        if user.pk in seen or not wants(user, kind):
            continue
        seen.add(user.pk)
        try:
            with transaction.atomic():
                row = Notification.objects.create(
                    recipient=user, kind=kind, key=key[:200], params=params
                )
        except IntegrityError:
            continue  # already told of this event
        created.append(row.pk)
        transaction.on_commit(partial(_enqueue, row.pk))
    return created


def _enqueue(notification_id: int) -> None:
    """Hand the sending to the worker; if the queue cannot be reached, the daily
    run sends it later (the event itself is saved)."""
    from marketplace.notifications.tasks import notification_send_task

    try:
        notification_send_task.enqueue(notification_id)
    except Exception as exc:  # noqa: BLE001 - the event has committed already
        log.warning(
            "notification %s not enqueued: %s", notification_id, type(exc).__name__
        )


def notification_settings_save(
    *, user: User, language: str, enabled: Iterable[str]
) -> User:
    """Save the language of the user's e-mails and which of their kinds they get."""
    if language and language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    offered = kinds_for(user)
    on = set(enabled)
    user.language = language
    user.notifications_off = [kind for kind in offered if kind not in on]
    user.save(update_fields=["language", "notifications_off"])
    return user
