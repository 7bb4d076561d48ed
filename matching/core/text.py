"""Finnish free text as TF-IDF vectors: wishes against site descriptions and tags.

A client's wishes ("haluaisin tehdä puutöitä") and a site's description are compared
after stemming with the Snowball Finnish stemmer, so that inflected forms meet
(*puutöitä*, *puutöissä* → *puutö*). Tags are turned into words too, so a site tagged
``woodwork`` matches wishes about *puutyö* even if its description is empty.

The weights are a pure function of the catalogue's own texts (document frequencies over
its sites and jobs): no fitted state lives outside the scikit-learn Pipeline, and
training and serving compute the same thing from the same kind of records.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
import snowballstemmer
from numpy.typing import NDArray

#: Words for each tag of the shared list (base forms; the stemmer does the rest).
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

_STOPWORDS = frozenset(
    """ja tai sekä että mutta kun jos niin kuin myös vain sitten vielä jo ei en et
    olla olen olet on olemme olette ovat oli olisi ollut ole ovat minä sinä hän me te he
    se ne tämä tuo nämä ne joka jotka mikä mitä siellä täällä tässä siinä meillä
    haluan haluaisin haluaa voisin voin voi tehdä teen tekee paljon hyvin sekä kanssa
    myös mukaan ennen jälkeen aina joskus vähän ehkä noin kaikki muut muuta muita
    och att det som en ett jag vill är för med på till av den har inte
    and the to of in for with a an is are be i want would like at on""".split()
)
_TOKEN = re.compile(r"[a-zåäöüéšž]+")
_local = threading.local()


def _stemmer() -> snowballstemmer.stemmer:
    """The Snowball stemmer keeps state while stemming: one per thread."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer("finnish")
        _local.stemmer = stemmer
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Finnish Snowball stem of one lower-case word."""
    return str(_stemmer().stemWord(word))


def tokens(text: str) -> list[str]:
    """Stemmed content words of a free text (stop words and 1–2 letter words out)."""
    return [
        stem(w)
        for w in _TOKEN.findall(text.lower())
        if len(w) > 2 and w not in _STOPWORDS
    ]


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
        return cls(vocabulary=vocabulary, idf=idf, matrix=matrix)

    def transform(self, documents: Sequence[str]) -> sp.csr_matrix:
        """TF-IDF vectors of other texts (clients' wishes) in the catalogue's space."""
        return self._vectorise([tokens(d) for d in documents])

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

    def shared_words(self, text_a: str, text_b: str, limit: int = 3) -> list[str]:
        """Words of ``text_a`` whose stem also occurs in ``text_b`` (for reasons)."""
        stems_b = set(tokens(text_b))
        seen: set[str] = set()
        out: list[str] = []
        for word in _TOKEN.findall(text_a.lower()):
            s = stem(word) if len(word) > 2 and word not in _STOPWORDS else ""
            if s and s in stems_b and s in self.vocabulary and s not in seen:
                seen.add(s)
                out.append(word)
        return out[:limit]
