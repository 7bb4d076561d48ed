"""Which kinds of work a client's words name: a curated list plus what the data shows.

* **Curated**: the work words of :mod:`matching.core.work_words` (Finnish, Swedish,
  English base forms; shared with the catalogue's search): *snickeri* and
  *nikkarointi* name ``woodwork``.
* **Learned** (:meth:`Lexicon.learn`): across the clients of a data set, a word of the
  wishes names a kind of work when clients who write it state that interest more
  often than others do. The weight is the excess share,
  ``(P(tag | word) − P(tag)) / (1 − P(tag))`` with ``P(tag | word)`` smoothed towards
  ``P(tag)``: 0 when the word says nothing, near 1 when everyone who writes it also
  states the interest. Only words written by at least :data:`MIN_CLIENTS` clients
  count. Stated interests and wishes are what clients say, not outcomes, so learning
  from them leaks no label.
* **Avoiding people**: in an avoidance ("ei liikaa ihmisiä", "ingen kundkontakt"),
  words for people and customers name the customer-facing kinds of work.

A learned lexicon is fitted state: it is saved with the model's artifact as plain
values (:meth:`Lexicon.to_plain`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.core import work_words
from matching.core.wishes import Wish

F64 = NDArray[np.float64]
TAG_INDEX = {t: i for i, t in enumerate(V.TAGS)}
MIN_CLIENTS = 4
SMOOTHING = 2.0
MIN_WEIGHT = 0.1
#: Customer-facing kinds of work, and the words that name people in an avoidance.
CUSTOMER_FACING: tuple[str, ...] = ("cafe", "sales", "food_aid")
PEOPLE_WORDS = frozenset(
    """ihminen ihmisjoukko väki väkijoukko asiakas asiakaspalvelu hälinä melu tungos
    folk människa kund kundkontakt kundservice trängsel people customer crowd""".split()
)


@dataclass(frozen=True)
class Lexicon:
    """Word (base form) → tag → weight 0–1 (curated words weigh 1)."""

    learned: dict[str, dict[str, float]] = field(default_factory=dict)

    def weights(self, word: str) -> dict[str, float]:
        """The kinds of work one base form names, with weights."""
        out = dict(self.learned.get(word, {}))
        for tag in work_words.tags_named_by(word):
            out[tag] = 1.0
        return out

    def profile(self, words: Iterable[str], avoided: bool = False) -> F64:
        """0–1 per tag: the strongest weight with which any of ``words`` names it."""
        out = np.zeros(len(V.TAGS))
        for word in words:
            for tag, weight in self.weights(word).items():
                out[TAG_INDEX[tag]] = max(out[TAG_INDEX[tag]], weight)
            if avoided and word in PEOPLE_WORDS:
                out[[TAG_INDEX[t] for t in CUSTOMER_FACING]] = 1.0
        return out

    def profiles(self, wishes: Sequence[Wish]) -> tuple[F64, F64]:
        """Wanted and avoided kinds of work per client (clients × tags)."""
        n = len(wishes)
        want = np.zeros((n, len(V.TAGS)))
        avoid = np.zeros((n, len(V.TAGS)))
        for i, wish in enumerate(wishes):
            want[i] = self.profile(wish.wanted)
            avoid[i] = self.profile(wish.avoided, avoided=True)
        return want, np.where(want >= avoid, 0.0, avoid)

    def to_plain(self) -> dict[str, dict[str, float]]:
        return {w: dict(t) for w, t in self.learned.items()}

    @classmethod
    def from_plain(cls, plain: Mapping[str, Mapping[str, float]]) -> Lexicon:
        return cls(
            {
                str(w): {str(t): float(v) for t, v in tags.items()}
                for w, tags in plain.items()
            }
        )

    @classmethod
    def learn(
        cls, wishes: Sequence[Wish], interests: Sequence[Sequence[str]]
    ) -> Lexicon:
        """Learn word → kind of work from clients' wishes and stated interests."""
        rows = [
            (set(w.wanted), set(tags))
            for w, tags in zip(wishes, interests, strict=True)
            if w.wanted and tags
        ]
        if not rows:
            return cls()
        prior = np.zeros(len(V.TAGS))
        for _, tags in rows:
            prior[[TAG_INDEX[t] for t in tags]] += 1.0
        prior /= len(rows)
        counts: dict[str, F64] = {}
        seen: dict[str, int] = {}
        for words, tags in rows:
            stated = np.zeros(len(V.TAGS))
            stated[[TAG_INDEX[t] for t in tags]] = 1.0
            for word in words:
                counts[word] = counts.get(word, np.zeros(len(V.TAGS))) + stated
                seen[word] = seen.get(word, 0) + 1
        learned: dict[str, dict[str, float]] = {}
        for word, n in seen.items():
            if n < MIN_CLIENTS:
                continue
            p = (counts[word] + SMOOTHING * prior) / (n + SMOOTHING)
            excess = (p - prior) / np.maximum(1.0 - prior, 1e-9)
            named = {
                V.TAGS[i]: round(float(excess[i]), 3)
                for i in np.flatnonzero(excess >= MIN_WEIGHT)
            }
            if named:
                learned[word] = named
        return cls(learned)
