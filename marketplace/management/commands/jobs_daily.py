"""``manage.py jobs_daily``: the job bank's daily work, for cron or a scheduler.

Enqueues (or with ``--now`` runs at once) the automatic acceptance of deliveries that
waited the acceptance period without a dispute, and the retry of transfers and
refunds that have not gone through. Both are safe to run twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from marketplace.jobs.tasks import jobs_auto_accept_task
from marketplace.money.tasks import money_retry_task


class Command(BaseCommand):
    help = "Accept deliveries due for automatic acceptance; retry waiting transfers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="run here instead of enqueuing for the task worker (db_worker)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for task in (jobs_auto_accept_task, money_retry_task):
            if options["now"]:
                result = task.call()
                self.stdout.write(f"{task.name}: {result}")
            else:
                queued = task.enqueue()
                self.stdout.write(f"{task.name}: enqueued ({queued.id})")
