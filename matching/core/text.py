"""Free text as TF-IDF vectors of base forms: wishes against site descriptions and tags.

A client's wishes ("haluaisin tehdä puutöitä") and a site's description are compared
on base forms and compound parts (:mod:`matching.core.language`: *puutöitä*,
*puutyöpajassa* → *puutyö*, *puu*, *työ*), Finnish or Swedish as the text is written.
Only the words a client WANTS count (:mod:`matching.core.wishes`: an avoided word is
never a match). Tags are turned into words too, so a site tagged ``woodwork``
matches wishes about *puutyö* even if its description is empty.

The weights are a pure function of the catalogue's own texts (document frequencies over
its sites and jobs): no fitted state lives outside the scikit-learn Pipeline, and
training and serving compute the same thing from the same kind of records.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from matching.core import language
from matching.core.wishes import guess_language

#: Words for each tag of the shared list (base forms), for matching tags against text.
TAG_WORDS: dict[str, str] = {
    "woodwork": "puutyö puutyöt puusepäntyö puu",
    "metalwork": "metallityö metalli hitsaus",
    "textile": "tekstiili ompelu kangas",
    "kitchen": "keittiö ruoanlaitto ruoka",
    "cafe": "kahvila leivonta asiakaspalvelu",
    "cleaning": "siivous siivoaminen puhtaanapito",
    "laundry": "pesula pyykki pyykinpesu",
    "recycling": "kierrätys kierrätyskeskus lajittelu",
    "sales": "myynti kassa asiakaspalvelu",
    "warehouse": "varasto varastotyö logistiikka",
    "property_maintenance": "kiinteistönhoito kiinteistö huolto",
    "gardening": "puutarha puutarhatyö viherhoito",
    "office": "toimisto toimistotyö paperityö",
    "mailing": "postitus posti kirjeet",
    "digital_media": "media video verkkosivut",
    "photography": "valokuvaus kuvaaminen valokuva",
    "crafts": "käsityö askartelu",
    "bicycle_repair": "polkupyörä pyörä korjaus",
    "small_engines": "pienkone moottori mopo",
    "care_assistance": "hoiva avustaminen vanhukset",
    "childcare_assistance": "lapset lastenhoito päiväkoti",
    "library": "kirjasto kirjat",
    "animals": "eläimet eläin hevonen koira",
    "food_aid": "ruoka-apu ruokajakelu",
    "firewood": "polttopuu klapit halot",
    "packing_assembly": "pakkaaminen kokoonpano pakkaus",
    "driving_help": "kuljetus ajaminen auto",
    "it_support": "tietotekniikka tietokone atk",
}


PARAGRAPH = re.compile(r"\n\s*\n")

#: Base forms too general to say anything about a kind of work (to do, work, want …).
GENERIC = frozenset(
    """tehdä työ haluta toivoa olla päästä paikka kiinnostaa voida osata tykätä
    mukava kiva olla minä ryhmä jobba arbete göra vilja gilla work want like""".split()
)


def tokens(text: str) -> list[str]:
    """Base forms of a text's content words, with compound parts
    (:func:`matching.core.language.lemmas`, in the language the text is written in),
    without the :data:`GENERIC` ones. Paragraphs (split by a blank line) are read
    each in its own language: a site's description in Finnish and in Swedish comes
    as two paragraphs (``matching.web.description_text``)."""
    out: list[str] = []
    for part in PARAGRAPH.split(text):
        lemmas = language.lemmas(part, guess_language(part))
        out.extend(t for t in lemmas if t not in GENERIC)
    return out


def tag_text(tags: Iterable[str]) -> str:
    """The words of a list of tags, for matching tags against free text."""
    return " ".join(TAG_WORDS.get(t, t.replace("_", " ")) for t in tags)


@dataclass(frozen=True)
class TextIndex:
    """TF-IDF vectors of the catalogue's texts (rows L2-normalised, CSR).

    ``idf = ln((1 + n) / (1 + df)) + 1`` as in scikit-learn's smoothed TF-IDF, with
    sublinear term frequency; words the catalogue never uses get no column, because
    they cannot make a client resemble any placement.
    """

    vocabulary: dict[str, int]
    idf: NDArray[np.float64]
    matrix: sp.csr_matrix
    names: tuple[str, ...] = ()  # column -> base form
    df: NDArray[np.float64] = field(default_factory=lambda: np.zeros(0))  # documents
    row_terms: tuple[frozenset[str], ...] = ()  # per indexed document

    @classmethod
    def build(cls, documents: Sequence[str]) -> TextIndex:
        """Index the placements' texts (one document per site or job)."""
        docs = [tokens(d) for d in documents]
        vocabulary: dict[str, int] = {}
        for doc in docs:
            for word in doc:
                vocabulary.setdefault(word, len(vocabulary))
        df = np.zeros(len(vocabulary), dtype=np.float64)
        for doc in docs:
            for word in set(doc):
                df[vocabulary[word]] += 1.0
        idf = np.log((1.0 + len(docs)) / (1.0 + df)) + 1.0
        index = cls(vocabulary=vocabulary, idf=idf, matrix=sp.csr_matrix((0, 0)))
        matrix = index._vectorise(docs)
        names = tuple(sorted(vocabulary, key=vocabulary.__getitem__))
        return cls(vocabulary=vocabulary, idf=idf, matrix=matrix, names=names, df=df)

    def transform(self, documents: Sequence[str]) -> sp.csr_matrix:
        """TF-IDF vectors of other texts (a job's) in the catalogue's space."""
        return self._vectorise([tokens(d) for d in documents])

    def transform_terms(self, terms: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """TF-IDF vectors of lists of base forms (clients' wanted words)."""
        return self._vectorise([list(t) for t in terms])

    def terms_of(self, row: int) -> frozenset[str]:
        """The base forms of one indexed document (for reasons)."""
        cols = self.matrix.indices[
            self.matrix.indptr[row] : self.matrix.indptr[row + 1]
        ]
        return frozenset(self.names[c] for c in cols.tolist())

    def _vectorise(self, docs: list[list[str]]) -> sp.csr_matrix:
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for doc in docs:
            counts: dict[int, int] = {}
            for word in doc:
                col = self.vocabulary.get(word)
                if col is not None:
                    counts[col] = counts.get(col, 0) + 1
            cols = list(counts)
            weights = [(1.0 + math.log(counts[c])) * float(self.idf[c]) for c in cols]
            norm = math.sqrt(sum(w * w for w in weights)) or 1.0
            indices.extend(cols)
            values.extend(w / norm for w in weights)
            indptr.append(len(indices))
        shape = (len(docs), len(self.vocabulary))
        return sp.csr_matrix(
            (np.asarray(values, dtype=np.float64), indices, indptr), shape=shape
        )
