"""``manage.py notifications_daily``: the morning's e-mail reminders, for cron.

Enqueues (or with ``--now`` runs at once) the reminders of review meetings due in
two weeks and of held seats let go within a week, and sends again what is still
pending; and the network plan's reminders (tasks due soon or overdue, meetings
coming). Safe to run twice: each reminder is told once.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from marketplace.network.tasks import network_reminders_task
from marketplace.notifications.tasks import notifications_daily_task


class Command(BaseCommand):
    help = (
        "Reminders by e-mail: reviews, returns, network tasks and meetings "
        "(enqueued for db_worker)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="run here instead of enqueuing for the task worker (db_worker)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for task in (notifications_daily_task, network_reminders_task):
            if options["now"]:
                self.stdout.write(f"{task.name}: {task.call()}")
            else:
                self.stdout.write(f"{task.name}: enqueued ({task.enqueue().id})")
