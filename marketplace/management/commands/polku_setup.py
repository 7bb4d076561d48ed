"""``manage.py polku_setup``: vocabularies, regions, roles, page tree and workflow."""

import logging
from typing import Any

from django.core.management.base import BaseCommand

from marketplace.search.indexing import index_is_incomplete, rebuild_index
from marketplace.seeding.setup import polku_setup


class Command(BaseCommand):
    help = "Create what every Polku installation needs (safe to run again)."

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verbosity"] < 2:
            # one "Page created" line per page is noise in a set-up
            logging.getLogger("wagtail").setLevel(logging.WARNING)
        catalogue = polku_setup()
        if index_is_incomplete():
            rows = rebuild_index()
            self.stdout.write(f"Search index built: {rows} terms.")
        # the page's address on the site (url_path is its place in the page tree)
        self.stdout.write(
            self.style.SUCCESS(f"Polku is set up; catalogue at {catalogue.url}")
        )
