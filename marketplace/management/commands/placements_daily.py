"""``manage.py placements_daily``: the placement path's nightly work, for cron.

Enqueues (or with ``--now`` runs at once) the end of held seats whose hold ran out:
the client did not return, so the seat is free for others. Safe to run twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from marketplace.clients.tasks import placement_holds_expire_task


class Command(BaseCommand):
    help = "End held seats whose hold ran out and free them (enqueued for db_worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="run here instead of enqueuing for the task worker (db_worker)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        task = placement_holds_expire_task
        if options["now"]:
            self.stdout.write(f"{task.name}: {task.call()} holds ended")
        else:
            self.stdout.write(f"{task.name}: enqueued ({task.enqueue().id})")
