"""Search over the index of base forms: the same rows and the same order on SQLite
and PostgreSQL (the score is computed here from the rows the database returns).

How a query is read (docs/search.md):
- each typed word stands for its base forms in Finnish and Swedish and for the word
  itself; a word that names a kind of work also stands for that kind's other words
  in Finnish, Swedish and English (*snickeri* finds *puutyö*);
- every word must be found (*Heinola puutyö* finds Heinola's woodwork sites); a
  compound that no page has is looked for as its parts (*kahvilatyö*), then a word
  one letter away from a word in the index (*kahvla* → *kahvila*);
- a compound also stands for the part before its last if that has six letters or
  more (*puutyöpaja* finds *puutyö*, but *puutyö* does not find every *puu*), at 0.3 (below the whole word: *puu*tarha is not woodwork);
- the score adds up, for each word, its best term's weight times how rare the term
  is among the candidates (``ln(1 + N / df)``); a synonym counts 0.6, a correction 0.5.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from rapidfuzz import process
from rapidfuzz.distance import OSA
from wagtail.models import Page

from marketplace.models import SearchTerm
from matching.core import language, work_words

MAX_WORDS = 10
#: Words longer than this are not corrected (a typo is looked for among ~60
#: one-letter edits per letter, each looked up in the dictionary).
MAX_CORRECTED = 20
SYNONYM, CORRECTION, MODIFIER = 0.6, 0.5, 0.3
#: A compound's first part counts alone only if this long: *puutyö*paja, not *puu*työ.
MODIFIER_LETTERS = 6
_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"


@dataclass
class Group:
    """One typed word and the terms that count as finding it (term → factor)."""

    word: str
    terms: dict[str, float] = field(default_factory=dict)

    def add(self, terms: Iterable[str], factor: float) -> None:
        for term in terms:
            if self.terms.get(term, 0.0) < factor:
                self.terms[term] = factor


@dataclass(frozen=True)
class SearchResult:
    ids: list[int]  # matching page ids, best first
    words: list[str]  # the words of the query that count
    missing: list[str]  # words found on no candidate page, even corrected
    corrected: dict[str, list[str]]  # word -> the index terms it was read as


def query_words(query: str) -> list[str]:
    """The words of a query that count (no stop words), at most ``MAX_WORDS``."""
    out = [
        w
        for w in language.words(query)
        if w not in language.STOPWORDS and (len(w) > 1 or w.isdigit())
    ]
    return list(dict.fromkeys(out))[:MAX_WORDS]


def _group(word: str) -> Group:
    """The terms that find a typed word: its base forms, the words of the kind of
    work it names, and for a compound the part before its last (*puutyö*paja,
    *keramiikka*paja: a workshop for that work)."""
    group = Group(word)
    forms = language.base_forms(word)
    group.add(forms, 1.0)
    for lang in language.LANGUAGES:
        parts = language.analyse(word, lang).parts
        modifier = "".join(parts[:-1])
        if len(modifier) >= MODIFIER_LETTERS:
            group.add([modifier], MODIFIER)  # as the index has it: *järven*pää
    for form, factor in list(group.terms.items()):
        group.add(work_words.synonyms(form) - {form}, factor * SYNONYM)
    return group


def _rows(
    candidates: QuerySet[Page], terms: Iterable[str]
) -> list[tuple[int, str, int]]:
    rows = SearchTerm.objects.filter(
        term__in=sorted(set(terms)), page__in=candidates.values("pk")
    ).values_list("page_id", "term", "weight")
    return sorted(rows)


def _edits(word: str) -> set[str]:
    """Every string one edit away (deleted, swapped, replaced or added letter)."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in _ALPHABET}
    out |= {a + c + b for a, b in splits for c in _ALPHABET}
    return out


def _corrections(word: str, vocabulary: set[str]) -> list[str]:
    """Index terms one letter away from the word or from its base forms, and base
    forms of dictionary words one letter away from it (*kahvlassa* → *kahvila*)."""
    if not 4 <= len(word) <= MAX_CORRECTED or not word.isalpha():
        return []
    forms = language.base_forms(word)
    terms = sorted(vocabulary)
    found = {
        term
        for form in forms
        for term, _, _ in process.extract(
            form, terms, scorer=OSA.distance, score_cutoff=1, limit=None
        )
    }
    if not found:
        for edit in _edits(word):
            for lang in language.LANGUAGES:
                base = language.known_lemma(edit, lang)
                if base in vocabulary:
                    found.add(base)
    return sorted(t for t in found if len(t) > 2 and t not in language.STOPWORDS)


def search(candidates: QuerySet[Page], query: str) -> SearchResult:
    """The candidate pages that have every word of ``query``, best first."""
    words = query_words(query)
    if not words:
        return SearchResult(ids=[], words=[], missing=[], corrected={})
    groups = [_group(w) for w in words]
    rows = _rows(candidates, (t for g in groups for t in g.terms))
    present = {term for _, term, _ in rows}
    missing: list[str] = []
    corrected: dict[str, list[str]] = {}
    vocabulary: set[str] | None = None
    for i, group in enumerate(list(groups)):
        if present & group.terms.keys():
            continue
        part_groups = [_group(p) for p in language.analyse(group.word).parts]
        if part_groups and _all_found(candidates, part_groups):
            groups[i : i + 1] = part_groups
            continue
        if vocabulary is None:
            vocabulary = set(
                SearchTerm.objects.filter(page__in=candidates.values("pk"))
                .values_list("term", flat=True)
                .distinct()
            )
        fixes = _corrections(group.word, vocabulary)
        if fixes:
            corrected[group.word] = fixes
            group.add(fixes, CORRECTION)
            for fix in fixes:
                group.add(work_words.synonyms(fix) - {fix}, CORRECTION * SYNONYM)
        else:
            missing.append(group.word)
    if missing:
        return SearchResult(ids=[], words=words, missing=missing, corrected=corrected)
    if corrected or len(groups) != len(words):
        rows = _rows(candidates, (t for g in groups for t in g.terms))
    return SearchResult(
        ids=_ranked(rows, groups, candidates.count()),
        words=words,
        missing=[],
        corrected=corrected,
    )


def _all_found(candidates: QuerySet[Page], groups: list[Group]) -> bool:
    """Whether every group has a term on some candidate page (*pyörän|huoltoa*:
    *pyörä* and *huolto*, each somewhere)."""
    present = {t for _, t, _ in _rows(candidates, (t for g in groups for t in g.terms))}
    return all(present & g.terms.keys() for g in groups)


def _ranked(
    rows: list[tuple[int, str, int]], groups: list[Group], total: int
) -> list[int]:
    """Pages that have a term of every group, by score, then by page id."""
    by_page: dict[int, dict[str, int]] = defaultdict(dict)
    pages_with: dict[str, int] = defaultdict(int)
    for page_id, term, weight in rows:
        by_page[page_id][term] = weight
        pages_with[term] += 1
    scored: list[tuple[float, int]] = []
    for page_id, terms in by_page.items():
        score = 0.0
        for group in groups:
            best = max(
                (
                    (1.0 + math.log(terms[t]))
                    * f
                    * math.log(1.0 + total / pages_with[t])
                    for t, f in group.terms.items()
                    if t in terms
                ),
                default=None,
            )
            if best is None:
                break
            score += best
        else:
            scored.append((round(score, 9), page_id))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [page_id for _, page_id in scored]
