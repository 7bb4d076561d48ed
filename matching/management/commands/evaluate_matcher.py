"""``manage.py evaluate_matcher [--seeds N]``: a thin wrapper over the evaluation."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from matching.cli import TARGET_GAP, TARGET_NDCG, evaluate_matcher, targets_met
from matching.core.pipeline import MODEL_KINDS


class Command(BaseCommand):
    help = (
        "Evaluate the matcher against the planted truth of synthetic worlds (train on "
        "years 1–2, test on year 3) next to simple baselines, and print the table."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seeds", type=int, default=5, help="number of worlds")
        parser.add_argument("--model", choices=MODEL_KINDS, default="logreg")
        parser.add_argument("--clients", type=int, default=2500)
        parser.add_argument("--sites", type=int, default=150)
        parser.add_argument("--jobs", type=int, default=60)
        parser.add_argument(
            "--check",
            action="store_true",
            help=f"fail unless NDCG@10 ≥ {TARGET_NDCG}, ≥ {TARGET_GAP} above "
            "tags-then-distance and no hard-rule violations",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["seeds"] < 1:
            raise CommandError("--seeds must be at least 1")
        results = evaluate_matcher(
            options["seeds"],
            progress=self.stdout.write,
            model=options["model"],
            n_clients=options["clients"],
            n_sites=options["sites"],
            n_jobs=options["jobs"],
        )
        if options["check"] and not targets_met(results):
            raise CommandError("the matcher missed its evaluation targets")
