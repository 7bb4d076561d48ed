"""Keeping the search index: the base forms of published sites' and jobs' words.

Rules:
- a site or job is in the index while it is published, with the text of its live
  version (publishing, also by the importer or a workflow approval, rewrites its
  rows; unpublishing or deleting removes them);
- every text is reduced to base forms with ``matching.core.language`` in its own
  language (Finnish fields in Finnish, a Swedish label in Swedish), so that index and
  query meet on base forms; a compound also stands as its parts;
- a term's weight adds up the places it stands: title 8, kinds of work and place 4,
  organisation 2, description 1; a whole word counts twice as much as a compound's
  part (so ``paja`` ranks a *Paja* above a *puutyöpaja*).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import translation

from marketplace.models import Job, SearchTerm, WorkSite
from marketplace.shared import languages, vocabularies
from matching.core import language

TITLE, KINDS, PLACE, ORGANISATION, TEXT = 8, 4, 4, 2, 1
MAX_TERM = 64

#: (text, language code, weight)
Field = tuple[str, str, int]


def _labels(codes: Iterable[tuple[str, str]]) -> list[Field]:
    """Vocabulary labels (kinds of work, forms, services) in each interface language."""
    out: list[Field] = []
    codes = list(codes)
    for lang in ("fi", "sv", "en"):
        with translation.override(lang):
            text = " ".join(vocabularies.label(v, c) for v, c in codes)
        out.append((text, lang, KINDS))
    return out


def _translated(page: WorkSite | Job, name: str, weight: int) -> list[Field]:
    """A text field in every language the page has it written in (Finnish, and
    ``description_sv``, ``description_en`` where written), each in its language."""
    return [(text, lang, weight) for lang, text in languages.texts(page, name)]


def _place(page: WorkSite | Job) -> list[Field]:
    municipality = page.municipality
    out: list[Field] = [(municipality.name, "fi", PLACE)]
    region = municipality.region
    if region is not None:
        out += [(region.name_fi, "fi", TEXT), (region.name_sv, "sv", TEXT)]
    return out


def page_fields(page: WorkSite | Job) -> list[Field]:
    """The texts of a site or job that search looks at, with language and weight."""
    codes = [("tag", t.code) for t in page.tags.all()]
    codes += [("service", s.code) for s in page.services.all()]
    fields = [
        *_translated(page, "title", TITLE),
        *_translated(page, "description", TEXT),
    ]
    if isinstance(page, WorkSite):
        codes += [("form", f.code) for f in page.forms.all()]
        fields += [(u.name, "fi", TEXT) for u in page.learning_units.all()]
    fields += _labels(codes) + _place(page)
    fields.append((page.organisation.name, "fi", ORGANISATION))
    return fields


def terms_of(fields: Iterable[Field]) -> dict[str, int]:
    """Each base form and compound part with its summed weight."""
    weights: dict[str, int] = defaultdict(int)
    for text, lang, weight in fields:
        for form in language.words(text):
            if form in language.STOPWORDS or len(form) < 2:
                continue
            word = language.analyse(form, lang)
            for term in word.terms():
                if term in language.STOPWORDS:  # *sen* → *se*
                    continue
                whole = term == word.lemma
                weights[term[:MAX_TERM]] += weight * (2 if whole else 1)
    return dict(weights)


def index_page(page: WorkSite | Job) -> int:
    """Replace a published page's terms; a page that is not live is removed."""
    with transaction.atomic():
        SearchTerm.objects.filter(page_id=page.pk).delete()
        if not page.live:
            return 0
        rows = [
            SearchTerm(page_id=page.pk, term=term, weight=weight)
            for term, weight in sorted(terms_of(page_fields(page)).items())
        ]
        SearchTerm.objects.bulk_create(rows)
    return len(rows)


def unindex_page(page_id: int) -> None:
    SearchTerm.objects.filter(page_id=page_id).delete()


def indexable(page: object) -> WorkSite | Job | None:
    """The site or job behind a Wagtail page object, or None for other pages."""
    specific = getattr(page, "specific", page)
    return specific if isinstance(specific, WorkSite | Job) else None


def rebuild_index() -> int:
    """Index every published site and job again (``manage.py rebuild_search_index``,
    ``polku_setup`` when pages are missing from the index). Returns the row count."""
    total = 0
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        for model in (WorkSite, Job):
            pages = model.objects.live().select_related(
                "organisation", "municipality__region"
            )
            for page in pages.prefetch_related("tags", "services"):
                total += index_page(page)
    return total


def index_is_incomplete() -> bool:
    """True when a published site or job has no terms (a new database, or one
    migrated from before the index existed)."""
    for model in (WorkSite, Job):
        if (
            model.objects.live()
            .exclude(pk__in=SearchTerm.objects.values("page_id"))
            .exists()
        ):
            return True
    return False
