"""The network plan's reminders, sent by e-mail through the notifications.

Rules enforced here (each reminder is told once, so a repeated or late daily run
adds nothing; a missed day is caught up by the windows):

* a staff member in Polku is reminded of an open task of theirs when it is due
  within :data:`TASK_NOTICE_DAYS` days, and once more when its day has passed
  (up to :data:`OVERDUE_WITHIN` days late: older ones are for the review);
* the client is reminded of their network's next meeting within
  :data:`MEETING_NOTICE_DAYS` days, if it is still the one set at the latest
  meeting.
"""

from __future__ import annotations

import datetime as dt

from marketplace.network import selectors
from marketplace.notifications import events as notify

TASK_NOTICE_DAYS = 3
OVERDUE_WITHIN = 14
MEETING_NOTICE_DAYS = 7


def network_reminders_send(*, today: dt.date) -> dict[str, int]:
    """Tell of tasks due soon or overdue and of meetings coming; returns how many
    notifications were written of each."""
    day = dt.timedelta(days=1)
    soon = selectors.tasks_due_soon(today, until=today + day * TASK_NOTICE_DAYS)
    late = selectors.tasks_due_soon(today - day * OVERDUE_WITHIN, until=today - day)
    coming = selectors.meetings_coming(today, today + day * MEETING_NOTICE_DAYS)
    return {
        "network_task_due": sum(
            notify.network_task_due(t, overdue=False) for t in soon
        ),
        "network_task_overdue": sum(
            notify.network_task_due(t, overdue=True) for t in late
        ),
        "network_meeting": sum(notify.network_meeting_coming(m) for m in coming),
    }
