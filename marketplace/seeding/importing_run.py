"""What one import of a data set carries along: the records already written, the
vocabulary terms, the errors found and the summary of what changed.

A record is *created*, *updated* (something in it differs from the database) or
*unchanged* (nothing is written for it: no save, no page revision, no log entry, no
background task).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from django.utils.text import slugify

from marketplace.models import Municipality, Organisation, Region, Term
from matching.core import dataset as ds

Progress = Callable[[str, int, int], None]
Outcome = Literal["created", "updated", "unchanged"]
SECTIONS = ("municipalities", "organisations", "sites", "jobs", "clients", "placements")


@dataclass
class ImportSummary:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    not_imported: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) + sum(self.updated.values()))

    def lines(self) -> list[str]:
        out = [
            f"{section}: {self.created[section]} created, "
            f"{self.updated[section]} updated, {self.unchanged[section]} unchanged"
            for section in SECTIONS
        ]
        for section, count in self.not_imported.items():
            if count:
                out.append(
                    f"{section}: {count} records read and checked, not stored by this version"
                )
        if not self.changed:
            out.append("Nothing changed: every record was unchanged.")
        return out


class ImportRun:
    """The state of one import; sections add to ``errors`` and ``summary``."""

    def __init__(self, data: ds.Dataset, progress: Progress | None) -> None:
        self.data = data
        self.progress: Progress = progress or (lambda section, done, total: None)
        self.summary = ImportSummary()
        self.errors: list[str] = []
        self.regions = {r.slug: r for r in Region.objects.all()}
        self.municipalities: dict[str, Municipality] = {}
        self.organisations: dict[str, Organisation] = {}
        self.terms = {(t.vocabulary, t.code): t for t in Term.objects.all()}

    def term(self, vocabulary: str, code: str) -> Term:
        key = (vocabulary, code)
        if key not in self.terms:
            self.terms[key] = Term.objects.create(vocabulary=vocabulary, code=code)
        return self.terms[key]

    def terms_for(self, vocabulary: str, codes: Iterable[str]) -> list[Term]:
        return [self.term(vocabulary, c) for c in codes]

    def count(self, section: str, outcome: Outcome) -> None:
        getattr(self.summary, outcome)[section] += 1

    def refused(self, where: str, messages: dict[str, list[str]]) -> None:
        """The database's own rules refused a record: ``where.field: message``."""
        for name, texts in messages.items():
            prefix = where if name == "__all__" else f"{where}.{name}"
            self.errors += [f"{prefix}: {text}" for text in texts]


def codes(terms: Iterable[Term]) -> frozenset[str]:
    """A set of vocabulary codes, to compare what is stored with a record."""
    return frozenset(t.code for t in terms)


def free_slug(title: str, ident: str, taken: set[str], fallback: str) -> str:
    """A new page's address from its title and data-set id, unique among its
    siblings (``taken``) even when two titles and ids slugify alike."""
    base = slugify(f"{title}-{ident}")[:240].strip("-") or fallback
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug
