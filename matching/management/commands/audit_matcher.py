"""``manage.py audit_matcher``: outcome gaps between groups (model card's check)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching.audit import GROUPINGS, MIN_CELL, audit_rows


def _fmt(value: Any, missing: str = "–") -> str:
    return missing if value is None else str(value)


class Command(BaseCommand):
    help = (
        "Print suggestion and outcome figures per group (age band, language of "
        "service, service, municipality) for the fairness check; groups with fewer "
        f"than {MIN_CELL} clients are suppressed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--by", choices=sorted(GROUPINGS), default="age_band")
        parser.add_argument("--region", type=int, default=None, help="region id")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = audit_rows(options["by"], options["region"])
        header = (
            f"{options['by']:<24}{'clients':>8}{'lists/cl':>10}{'mean score':>12}"
            f"{'chosen':>8}{'ended':>7}{'positive':>10}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        small = f"<{MIN_CELL}"
        for r in rows:
            if r.suppressed:
                self.stdout.write(f"{r.group:<24}{'<' + str(MIN_CELL):>8}")
                continue
            self.stdout.write(
                f"{r.group:<24}{r.clients:>8}{r.lists_per_client:>10}"
                f"{_fmt(r.mean_score):>12}{_fmt(r.chosen_from_list):>8}"
                f"{_fmt(r.ended_periods, small):>7}{_fmt(r.positive_exit_rate, small):>10}"
            )
        self.stdout.write(
            "Figures are aggregates; compare groups for gaps the hard rules do not "
            "explain (docs/model-card.md)."
        )
