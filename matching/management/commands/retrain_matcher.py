"""``manage.py retrain_matcher``: train on Polku's placement history and register it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.core.training import InsufficientHistoryError
from matching.services import matcher_retrain


class Command(BaseCommand):
    help = (
        "Train the matcher on every ended placement period, register the artifact and "
        "put it in use if its evaluation is not worse than the model in use. "
        "--enqueue hands the work to a django-tasks worker instead (for nightly cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--model", choices=["logreg", "gbm"], default="logreg")
        parser.add_argument("--enqueue", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from matching.tasks import matcher_retrain_task

            result = matcher_retrain_task.enqueue(kind=options["model"])
            self.stdout.write(f"Retraining queued as task {result.id}.")
            return
        try:
            model = matcher_retrain(kind=options["model"], progress=self.stdout.write)
        except InsufficientHistoryError as exc:
            raise CommandError(f"Not enough history to train: {exc}") from exc
        figures = ", ".join(f"{k} {v}" for k, v in sorted(model.evaluation.items()))
        self.stdout.write(self.style.SUCCESS(f"Model {model.pk} registered. {figures}"))
