"""When a search finds nothing: the vocabulary's terms nearest to the words that were
not found, in the user's language (kinds of work and municipalities)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from rapidfuzz import fuzz

from marketplace.models import Municipality
from marketplace.shared import vocabularies
from matching.core import language, work_words

#: How alike (0-100, rapidfuzz's normalised Indel similarity) a word and a term
#: must be for the term to be offered.
MIN_SIMILARITY = 70
LIMIT = 5


@dataclass(frozen=True)
class Suggestion:
    label: str  # what the link says and searches for
    similarity: float


def _similarity(forms: list[str], words: set[str]) -> float:
    return max((fuzz.ratio(f, w) for f in forms for w in words), default=0.0)


def nearest_terms(
    missing: list[str], municipalities: QuerySet[Municipality]
) -> list[Suggestion]:
    """Up to ``LIMIT`` kinds of work and municipality names nearest to the words
    that were not found, most alike first."""
    forms = [f for word in missing for f in language.base_forms(word)]
    for word in missing:  # and a compound's parts: *kirjaston*hoitaja → Kirjasto
        for part in language.analyse(word).parts:
            forms += language.base_forms(part)
    if not forms:
        return []
    best: dict[str, float] = {}
    for tag in vocabularies.codes("tag"):
        label = vocabularies.label("tag", tag)
        words = set(work_words.words_for(tag)) | set(language.lemmas(label, "fi"))
        words |= {w.lower() for w in language.words(label)}
        best[label] = _similarity(forms, words)
    for name in municipalities.values_list("name", flat=True).distinct():
        best[name] = _similarity(forms, {name.lower(), language.lemma(name, "fi")})
    ranked = sorted(
        (
            Suggestion(label, score)
            for label, score in best.items()
            if score >= MIN_SIMILARITY
        ),
        key=lambda s: (-s.similarity, s.label),
    )
    return ranked[:LIMIT]
