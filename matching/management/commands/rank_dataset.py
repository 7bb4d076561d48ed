"""``manage.py rank_dataset DATASET.json --out RANKING.json``: a thin wrapper."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from matching.cli import rank_dataset
from matching.core.dataset import DatasetError
from matching.core.pipeline import MODEL_KINDS


class Command(BaseCommand):
    help = (
        "Train on a polku-dataset/1 file's history and rank placements for its "
        "queries, writing polku-ranking/1. A placement that breaks a hard rule is "
        "never suggested."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("dataset", help="the data set (polku-dataset/1 JSON)")
        parser.add_argument("--out", required=True, help="where to write the ranking")
        parser.add_argument("--model", choices=MODEL_KINDS, default="logreg")
        parser.add_argument(
            "--save-model", default=None, help="also save the trained model artifact"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = rank_dataset(
                options["dataset"],
                options["out"],
                progress=self.stdout.write,
                model=options["model"],
                model_out=options["save_model"],
            )
        except DatasetError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(
                f"{len(exc.errors)} error(s) in {options['dataset']}; nothing was ranked."
            ) from exc
        except OSError as exc:
            raise CommandError(f"cannot write {options['out']}: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(summary.text()))
