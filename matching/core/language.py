"""Finnish and Swedish words to their base forms, with the parts of compounds.

One module for every place that compares words: the catalogue's and the job bank's
search (at index time and at query time) and the matcher's wishes against site texts.
People type as they speak: *puutöitä*, *kahvilassa*, *Lahdessa*, *ompelemaan*; a site's
page says *puutyöpaja*, *kahvila*, *Lahti*, *ompelu*. Both sides go through
:func:`lemmas`, so they meet on base forms.

Base forms come from simplemma's dictionaries (pure Python, Finnish and Swedish, the
same on every machine; its memory-frugal backend: about 55 MB for Finnish, loaded once
per process on first use). Compounds are split against the same dictionary: a word
is cut where the tail is a base form and the head a known word form, so
``puutyöpaja`` also yields ``puu``, ``työ``, ``paja``, ``puutyö`` and ``työpaja`` and is
found by any of them. Why simplemma and not Voikko, with the figures, is in
``docs/search.md``.

Pure: no Django, no marketplace imports (checked in CI).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY

#: Languages with a lemmatiser here; text in any other language is only lower-cased.
LANGUAGES: tuple[str, ...] = ("fi", "sv")

#: A compound part has at least four letters, or is one of these short words that
#: often stand in compounds (*puu|työ*, *hautaus|maa*, *trä|arbete*); without the list,
#: dictionary words such as *kas* or *met* would cut *asiakas* and *metalli*.
MIN_PART = 4
SHORT_PARTS: dict[str, frozenset[str]] = {
    "fi": frozenset("puu työ maa pää tie suo jää kuu yö uni osa ilo apu".split()),
    "sv": frozenset("trä ved kök bil hus mat sy ur".split()),
}

#: Longer "words" (a pasted string, a URL) are left as they are: no dictionary word is
#: this long, and cutting them would take time for nothing.
MAX_WORD = 40

#: Words the dictionary gets wrong and that matter here (simplemma 2.0 takes *työ* for
#: a form of *sinä* and *avussa* for a form of *avu*). Checked by
#: tests/matching/core/test_language.py.
_FIXED: dict[str, dict[str, str]] = {
    "fi": {
        "työ": "työ",
        "pyöriä": "pyörä",
        "pyörien": "pyörä",
        "avussa": "apu",
        "avun": "apu",
        "avuksi": "apu",
        "avusta": "apu",
        "avulla": "apu",
    },
    "sv": {},
}

_STOPWORDS: dict[str, frozenset[str]] = {
    "fi": frozenset(
        """ja tai sekä että mutta kun jos niin kuin myös vain sitten vielä jo ei en et
        eivät emme olla olen olet on olemme olette ovat oli olisi ollut ole minä sinä
        hän me te he se ne tämä tuo nämä nuo joka jotka mikä mitä missä mihin mistä
        siellä täällä tässä siinä meillä teillä haluan haluaisin haluaa haluat voisin
        voin voi voisi paljon hyvin kanssa mukaan ennen jälkeen aina joskus vähän ehkä
        noin kaikki muut muuta muita jotain jotakin joku jokin esim esimerkiksi eli
        kuten sekä kohti luona lähellä tai vai""".split()
    ),
    "sv": frozenset(
        """och eller att det som en ett jag du han hon vi ni de den detta dessa vill
        är var för med på till av har inte men om så också bara i från vid hos eller
        kan skulle gärna någon något några""".split()
    ),
}
# Both lists apply to every text: a Swedish query typed on a Finnish page is common.
STOPWORDS: frozenset[str] = _STOPWORDS["fi"] | _STOPWORDS["sv"]

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")


@dataclass(frozen=True)
class Word:
    """One analysed word: its base form and, for a compound, its parts' base forms."""

    form: str
    lemma: str
    parts: tuple[str, ...] = ()

    def terms(self) -> list[str]:
        """The base form, then every run of adjacent parts (``puu``, ``puutyö`` …)."""
        out = [self.lemma]
        n = len(self.parts)
        for size in range(n - 1, 0, -1):
            for start in range(n - size + 1):
                joined = "".join(self.parts[start : start + size])
                if joined not in out:
                    out.append(joined)
        return out


def words(text: str) -> list[str]:
    """The words of a text, lower-cased, hyphenated words kept whole (*ruoka-apu*)."""
    return _WORD.findall(text.lower())


def _dictionary(lang: str) -> Mapping[str, str]:
    return LOW_MEMORY_DICTIONARY_FACTORY.get_dictionary(lang)


def _lookup(word: str, lang: str) -> str | None:
    """The dictionary's base form of a word form (proper names are stored
    capitalised: *Heinolassa*), or None for a word it does not know."""
    fixed = _FIXED[lang].get(word)
    if fixed is not None:
        return fixed
    dictionary = _dictionary(lang)
    found = dictionary.get(word) or dictionary.get(word.capitalize())
    return found.lower() if found else None


def known_lemma(word: str, lang: str = "fi") -> str | None:
    """The base form of a word form the dictionary knows, or None: a look-up only,
    no guessing (for trying many candidate spellings quickly)."""
    word = word.lower()
    return _lookup(word, lang) if lang in LANGUAGES else None


def _is_part(word: str, lang: str) -> bool:
    return (
        len(word) >= MIN_PART or word in SHORT_PARTS[lang]
    ) and word not in STOPWORDS


def _compound_lemma(word: str, lang: str) -> str | None:
    """The base form of a compound the dictionary lacks: the known head as written
    and the base form of the longest known tail (*keittiö|töitä* → *keittiötyö*)."""
    for cut in range(MIN_PART - 1, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if not (_is_part(head, lang) and _is_part(tail, lang)):
            continue
        base = _lookup(tail, lang)
        if base and (_lookup(head, lang) or _compound_lemma(head, lang)):
            return head + base
    return None


@lru_cache(maxsize=100_000)
def lemma(word: str, lang: str = "fi") -> str:
    """The base form of one word (lower case); an unknown word stays as it is."""
    word = word.lower()
    if (
        lang not in LANGUAGES
        or len(word) > MAX_WORD
        or not word.replace("-", "").isalpha()
    ):
        return word
    if "-" in word:
        first, _, last = word.rpartition("-")
        return f"{first}-{lemma(last, lang)}" if last else word
    found = _lookup(word, lang) or _compound_lemma(word, lang)
    if found:
        return found
    return str(simplemma.lemmatize(word, lang=lang, low_memory=True)).lower()


def _heads(head: str, lang: str) -> list[str]:
    """Ways the first part of a compound may stand: as itself, or in Swedish without
    a linking -s- (*arbets|plats*)."""
    out = [head]
    if lang == "sv" and head.endswith("s") and len(head) > 3:
        out.append(head[:-1])
    return out


@lru_cache(maxsize=100_000)
def compound_parts(word: str, lang: str = "fi") -> tuple[str, ...]:
    """The parts of a compound base form, or () if ``word`` is not a compound.

    The cut is where the tail is a base form and the head a known word form
    (nominative *puu|työ*, genitive *järven|pää*, in Swedish with a linking *s*);
    among cuts, a head that is itself a base form wins, then the longest head. Both
    sides are split again, so *puutyöpaja* gives *puu, työ, paja*. A head that is not
    a base form stays as written (*järven*), the way it stands in the compound.
    """
    word = word.lower()
    if lang not in LANGUAGES or len(word) > MAX_WORD:
        return ()
    if "-" in word:
        parts: list[str] = []
        for piece in filter(None, word.split("-")):
            base = lemma(piece, lang)
            parts.extend(compound_parts(base, lang) or (base,))
        return tuple(parts) if len(parts) > 1 else ()
    best: tuple[int, int, str, str] | None = None
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if not _is_part(tail, lang) or _lookup(tail, lang) != tail:
            continue
        for candidate in _heads(head, lang):
            if not _is_part(candidate, lang) or _lookup(candidate, lang) is None:
                continue
            rank = (int(_lookup(candidate, lang) == candidate), cut, candidate, tail)
            best = rank if best is None or rank > best else best
    if best is None:
        return ()
    head, tail = best[2], best[3]
    return (
        *(compound_parts(head, lang) or (head,)),
        *(compound_parts(tail, lang) or (tail,)),
    )


def analyse(word: str, lang: str = "fi") -> Word:
    """One word's base form and compound parts."""
    form = word.lower()
    base = lemma(form, lang)
    return Word(form=form, lemma=base, parts=compound_parts(base, lang))


def lemmas(text: str, lang: str = "fi") -> list[str]:
    """Base forms of a text's words, each followed by its compound parts and their
    runs (``puutyöpajassa`` → ``puutyöpaja, puutyö, työpaja, puu, työ, paja``); stop
    words left out, also when only the base form is one (the spoken ``mä`` is
    ``minä``). The one function that index time and query time share."""
    out: list[str] = []
    for form in words(text):
        if form in STOPWORDS or len(form) < 2:
            continue
        out.extend(t for t in analyse(form, lang).terms() if t not in STOPWORDS)
    return out


def base_forms(word: str, langs: Iterable[str] = LANGUAGES) -> list[str]:
    """What one typed word may stand for: its base form in each language and the word
    itself (a Swedish *kök* is not a Finnish word; *Lahdessa* is not Swedish)."""
    form = word.lower()
    out = [form]
    for lang in langs:
        base = lemma(form, lang)
        if base not in out:
            out.append(base)
    return out


def warm_up() -> None:
    """Load every language's dictionary now (a server worker calls this before its
    first request; otherwise the first word looked up pays for it)."""
    for lang in LANGUAGES:
        _dictionary(lang)
        lemma("kissa", lang)
