"""``manage.py polku_setup``: vocabularies, regions, roles, page tree and workflow."""

from typing import Any

from django.core.management.base import BaseCommand

from marketplace.seeding.setup import polku_setup


class Command(BaseCommand):
    help = "Create what every Polku installation needs (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        catalogue = polku_setup()
        self.stdout.write(
            self.style.SUCCESS(f"Polku is set up; catalogue at {catalogue.url_path}")
        )
