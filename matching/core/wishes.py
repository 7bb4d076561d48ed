"""A client's wishes read as wanted and avoided words, in their own words.

Wishes are free text in Finnish (sometimes Swedish or English). They are split into
clauses (at punctuation and at *mutta*, *men*, *but*); a clause with a negation is
an **avoidance**: "Toivon rauhallista paikkaa, jossa ei ole liikaa ihmisiä" wants
*rauhallinen paikka* and avoids *ihminen*; "Siivous ei kiinnosta" avoids *siivous*.
A cue like *ilman*, *liikaa*, *utan* or *without* negates only the words after it
("puutöitä ilman kiirettä" still wants *puutyö*). A few words turn a negation back
("ei haittaa", "en pelkää"). Words become base forms with their compound parts
(:mod:`matching.core.language`), and each keeps the form the client wrote, so that
a reason can quote the client's own word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from matching.core import language

#: Negate the whole clause (verbal negation, wherever it stands).
CLAUSE_NEGATIONS = frozenset(
    """ei en et emme ette eivät enkä eikä etkä älä äläkä inte ej icke aldrig ingen
    inget inga not no never don't dont doesn't isn't""".split()
)
#: Negate the words after them in the clause ("ilman kiirettä", "för mycket folk").
FORWARD_NEGATIONS = frozenset(
    """ilman liikaa liian vältän välttää vältellä inhoan utan undvika slippa without
    avoid too""".split()
)
#: "Ei haittaa", "en pelkää", "stör inte": a negated negative is no avoidance.
NEGATION_UNDOERS = frozenset(
    "haittaa haitannut pelkää pelkään väliä stör störa mind matter".split()
)
_CLAUSE = re.compile(r"[.!?;:,\n]+|\b(?:mutta|vaan|men|but)\b", re.IGNORECASE)
_SWEDISH = frozenset(
    "jag och att vill inte med är för på av till gärna helst utan jobba gillar".split()
)
_FINNISH = frozenset(
    "ja ei en haluan haluaisin olen on minua minulle että tai kanssa olisi".split()
)
_ENGLISH = frozenset("i and to want would like the with not work".split())


def guess_language(text: str) -> str:
    """``fi``, ``sv`` or ``en``: the language whose common words the text has most."""
    tokens = language.words(text)
    counts = {
        "fi": sum(t in _FINNISH for t in tokens),
        "sv": sum(t in _SWEDISH for t in tokens) + 2 * ("å" in text.lower()),
        "en": sum(t in _ENGLISH for t in tokens),
    }
    best = max(counts, key=lambda k: (counts[k], k == "fi"))
    return best if counts[best] > 0 else "fi"


@dataclass(frozen=True)
class Wish:
    """Base forms the client wants and avoids; ``written`` maps a base form (or a
    compound part) to the first form the client wrote it in."""

    wanted: tuple[str, ...] = ()
    avoided: tuple[str, ...] = ()
    written: dict[str, str] = field(default_factory=dict)
    lang: str = "fi"


def _clause_terms(
    tokens: list[str], lang: str, written: dict[str, str]
) -> tuple[list[str], list[str]]:
    """Wanted and avoided base forms of one clause (see the module docstring)."""
    negated_all = any(t in CLAUSE_NEGATIONS for t in tokens) and not any(
        t in NEGATION_UNDOERS for t in tokens
    )
    wanted: list[str] = []
    avoided: list[str] = []
    forward = False
    for token in tokens:
        if token in FORWARD_NEGATIONS:
            forward = True
            continue
        if token in language.STOPWORDS or token in CLAUSE_NEGATIONS or len(token) < 3:
            continue
        terms = language.analyse(token, lang).terms()
        for term in terms:
            written.setdefault(term, token)
        (avoided if negated_all or forward else wanted).extend(terms)
    return wanted, avoided


@lru_cache(maxsize=50_000)
def read_wish(text: str) -> Wish:
    """The wanted and avoided base forms of a wish (module docstring)."""
    if not text.strip():
        return Wish()
    lang = guess_language(text)
    written: dict[str, str] = {}
    wanted: list[str] = []
    avoided: list[str] = []
    for clause in _CLAUSE.split(text):
        if not clause or not clause.strip():
            continue
        w, a = _clause_terms(language.words(clause), lang, written)
        wanted += w
        avoided += a
    return Wish(
        wanted=tuple(dict.fromkeys(wanted)),
        avoided=tuple(dict.fromkeys(t for t in avoided if t not in wanted)),
        written=written,
        lang=lang,
    )
