"""``manage.py import_dataset FILE.json``: read a Polku data set, all or nothing."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError

from marketplace.seeding.importing import dataset_import
from marketplace.shared.database_busy import is_database_busy, patient_writes
from matching.core.dataset import DatasetError, load

#: On SQLite, how long an import waits for another writer (another import) to finish.
WAIT_FOR_OTHERS_SECONDS = 15 * 60
#: Errors printed (all are counted): a broken file of 200,000 records stays readable.
SHOWN_ERRORS = 200


class Command(BaseCommand):
    help = (
        "Import municipalities, organisations and work-activity sites from a "
        "polku-dataset/1 JSON file. Strict and all-or-nothing; safe to run again "
        "(records are updated by id, and an unchanged record is not written)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path to the data set JSON file")

    def handle(self, *args: Any, **options: Any) -> None:
        path = options["file"]
        self.verbose = options["verbosity"] >= 2
        self.stdout.write(f"Reading {path} …")
        try:
            data = load(path)
            with patient_writes(WAIT_FOR_OTHERS_SECONDS):
                summary = dataset_import(data=data, progress=self._progress)
        except OperationalError as exc:
            if not is_database_busy(exc):
                raise
            raise CommandError(
                f"Nothing was imported: the database stayed busy for "
                f"{WAIT_FOR_OTHERS_SECONDS // 60} minutes (another import?). "
                "Try again."
            ) from exc
        except DatasetError as exc:
            self.stderr.write("")
            for line in exc.errors[:SHOWN_ERRORS]:
                self.stderr.write(f"  {line}")
            if len(exc.errors) > SHOWN_ERRORS:
                self.stderr.write(f"  … and {len(exc.errors) - SHOWN_ERRORS} more")
            raise CommandError(
                f"Nothing was imported: {len(exc.errors)} error(s) in {path}."
            ) from exc
        if summary.changed:
            self.stdout.write(self.style.SUCCESS(f"Imported {path}:"))
        else:
            self.stdout.write(self.style.SUCCESS(f"{path} is unchanged:"))
        for line in summary.lines():
            self.stdout.write(f"  {line}")

    def _progress(self, section: str, done: int, total: int) -> None:
        """Counts as the import goes (``-v 2``: a big file takes a while)."""
        if not self.verbose:
            return
        if total and (done == total or done % 10 == 0):
            end = "\n" if done == total else ""
            self.stdout.write(f"\r  {section}: {done}/{total}", ending=end)
            if hasattr(sys.stdout, "flush"):
                self.stdout.flush()
