"""``manage.py rebuild_search_index``: index every published site and job again."""

from typing import Any

from django.core.management.base import BaseCommand

from marketplace.search.indexing import rebuild_index


class Command(BaseCommand):
    help = (
        "Rebuild the search index of published sites and jobs (after an upgrade of "
        "the lemmatiser or the work words; publishing keeps it up to date otherwise)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {rows} terms."))
