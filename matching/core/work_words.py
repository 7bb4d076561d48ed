"""Words for each kind of work, in Finnish, Swedish and English (base forms).

The work tags of the data set format (``matching.core.vocabulary.TAGS``) are codes;
people write words. These lists say which words name each kind of work, so that a
Swedish query or wish (*snickeri*, *kafé*) finds a site tagged ``woodwork`` or ``cafe``
whose page is written in Finnish, and a Finnish verb (*ompelemaan* → *ommella*) finds
*ompelu*. The catalogue and job-bank search expand a query word with
:func:`synonyms`; the matcher reads the same lists.

Only words that name the kind of work without doubt are listed: *asiakaspalvelu*
belongs to both cafés and sales and is left to the texts themselves. Every word is a
base form as :func:`matching.core.language.lemma` gives it (tests check that).

Pure: no Django, no marketplace imports.
"""

from __future__ import annotations

from functools import lru_cache

from matching.core import language

WORK_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "woodwork": {
        "fi": ("puutyö", "puusepäntyö", "puuseppä", "nikkarointi", "puusepänverstas"),
        "sv": ("snickeri", "snickare", "träarbete", "träslöjd", "snickra"),
        "en": ("woodwork", "carpentry", "joinery"),
    },
    "metalwork": {
        "fi": ("metallityö", "hitsaus", "hitsata", "sepäntyö", "metallipaja"),
        "sv": ("metallarbete", "svetsning", "svetsa", "smide"),
        "en": ("metalwork", "welding"),
    },
    "textile": {
        "fi": ("tekstiilityö", "ompelu", "ommella", "ompelimo", "tekstiili", "kangas"),
        "sv": ("textil", "sömnad", "sy", "syateljé"),
        "en": ("textile", "sewing"),
    },
    "kitchen": {
        "fi": ("keittiö", "keittiötyö", "ruoanlaitto", "kokata", "keittiöapu"),
        "sv": ("kök", "köksarbete", "matlagning"),
        "en": ("kitchen", "cooking"),
    },
    "cafe": {
        "fi": ("kahvila", "kahvio", "leivonta", "leipoa", "kahvilatyö"),
        "sv": ("kafé", "café", "kafeteria", "bakning", "baka"),
        "en": ("cafe", "café", "baking"),
    },
    "cleaning": {
        "fi": ("siivous", "siivota", "siivoaminen", "puhtaanapito", "siivoustyö"),
        "sv": ("städning", "städa", "lokalvård"),
        "en": ("cleaning",),
    },
    "laundry": {
        "fi": ("pesula", "pyykki", "pyykkihuolto", "pyykinpesu", "tekstiilihuolto"),
        "sv": ("tvätteri", "tvätt", "tvätta"),
        "en": ("laundry",),
    },
    "recycling": {
        "fi": ("kierrätys", "kierrättää", "kierrätyskeskus", "lajittelu", "kirpputori"),
        "sv": ("återvinning", "återbruk", "loppis", "sortering"),
        "en": ("recycling",),
    },
    "sales": {
        "fi": ("myynti", "myyjä", "myymälä", "kauppa", "kassa"),
        "sv": ("försäljning", "butik", "kassa", "kundservice"),
        "en": ("sales", "shop"),
    },
    "warehouse": {
        "fi": ("varasto", "varastotyö", "logistiikka"),
        "sv": ("lager", "lagerarbete", "logistik"),
        "en": ("warehouse", "logistics"),
    },
    "property_maintenance": {
        "fi": ("kiinteistönhoito", "kiinteistöhuolto", "talonmies", "huoltotyö"),
        "sv": ("fastighetsskötsel", "fastighetsservice", "vaktmästare"),
        "en": ("maintenance", "caretaking"),
    },
    "gardening": {
        "fi": ("puutarha", "puutarhatyö", "viherhoito", "viherala", "kasvihuone"),
        "sv": ("trädgård", "trädgårdsarbete", "grönområde", "växthus"),
        "en": ("gardening", "garden"),
    },
    "office": {
        "fi": ("toimisto", "toimistotyö", "paperityö", "arkistointi"),
        "sv": ("kontor", "kontorsarbete", "arkivering"),
        "en": ("office",),
    },
    "mailing": {
        "fi": ("postitus", "posti", "kirje", "jakelu"),
        "sv": ("utskick", "post", "brev"),
        "en": ("mailing", "mail"),
    },
    "digital_media": {
        "fi": ("media", "video", "verkkosivu", "somesisältö", "graafinen"),
        "sv": ("media", "video", "webbplats"),
        "en": ("media", "video", "website"),
    },
    "photography": {
        "fi": ("valokuvaus", "valokuvata", "valokuva", "kuvaaminen"),
        "sv": ("fotografering", "fotografera", "foto"),
        "en": ("photography", "photo"),
    },
    "crafts": {
        "fi": ("käsityö", "askartelu", "askarrella", "keramiikka", "kädentaito"),
        "sv": ("hantverk", "slöjd", "pyssel", "keramik"),
        "en": ("crafts", "handicraft"),
    },
    "bicycle_repair": {
        "fi": ("polkupyörä", "pyörä", "pyöräpaja", "pyöränkorjaus"),
        "sv": ("cykel", "cykelreparation", "cykelverkstad"),
        "en": ("bicycle", "bike"),
    },
    "small_engines": {
        "fi": ("pienkone", "moottori", "mopo", "ruohonleikkuri", "pienkonehuolto"),
        "sv": ("småmotor", "motor", "moped"),
        "en": ("engine", "moped"),
    },
    "care_assistance": {
        "fi": ("hoiva", "hoivatyö", "vanhus", "ikäihminen", "palvelutalo"),
        "sv": ("vård", "äldreomsorg", "äldre"),
        "en": ("care", "elderly"),
    },
    "childcare_assistance": {
        "fi": ("lastenhoito", "päiväkoti", "päiväkerho", "lapsi"),
        "sv": ("barnomsorg", "daghem", "barn"),
        "en": ("childcare", "children"),
    },
    "library": {
        "fi": ("kirjasto", "kirja"),
        "sv": ("bibliotek", "bok"),
        "en": ("library", "books"),
    },
    "animals": {
        "fi": ("eläin", "eläintenhoito", "hevonen", "koira", "talli", "eläinpiha"),
        "sv": ("djur", "djurskötsel", "häst", "hund", "stall"),
        "en": ("animals", "animal", "horse", "dog"),
    },
    "food_aid": {
        "fi": ("ruoka-apu", "ruokajakelu", "ruokapankki", "yhteisölounas"),
        "sv": ("mathjälp", "matutdelning", "matbank"),
        "en": ("food aid", "food bank"),
    },
    "firewood": {
        "fi": ("polttopuu", "klapi", "halko", "metsätyö", "halkotyö"),
        "sv": ("ved", "vedhuggning", "skogsarbete"),
        "en": ("firewood",),
    },
    "packing_assembly": {
        "fi": ("pakkaus", "pakata", "pakkaaminen", "kokoonpano", "alihankinta"),
        "sv": ("packning", "packa", "montering", "underleverans"),
        "en": ("packing", "assembly"),
    },
    "driving_help": {
        "fi": ("kuljetus", "kuljettaa", "kuljetusapu", "ajaminen", "kuljettaja"),
        "sv": ("transport", "transporthjälp", "chaufför"),
        "en": ("driving", "transport"),
    },
    "it_support": {
        "fi": ("tietotekniikka", "tietokone", "atk", "it-tuki"),
        "sv": ("dator", "it-stöd", "datorstöd"),
        "en": ("computer", "it support"),
    },
}


def _entries(tag: str) -> set[str]:
    """A kind of work's listed words and their base forms as :mod:`language` gives
    them (the Swedish lemmatiser takes *tvätt* to *tvätta*: both are kept)."""
    out: set[str] = set()
    for lang, entries in WORK_WORDS.get(tag, {}).items():
        for word in (w for entry in entries for w in entry.split()):
            out.add(word)
            out.add(language.lemma(word, lang))
    return out


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    """Each word (every word of a multi-word entry too) → the tags it names."""
    out: dict[str, set[str]] = {}
    for tag in WORK_WORDS:
        for word in _entries(tag):
            out.setdefault(word, set()).add(tag)
    return {word: frozenset(tags) for word, tags in out.items()}


def tags_named_by(word: str) -> frozenset[str]:
    """The kinds of work (tag codes) that a word or base form names; empty if none."""
    return _index().get(word.lower(), frozenset())


@lru_cache(maxsize=64)
def words_for(tag: str) -> frozenset[str]:
    """Every word of one kind of work, in all three languages, with base forms."""
    return frozenset(_entries(tag))


def synonyms(word: str) -> frozenset[str]:
    """The words that name the same kind of work as ``word`` (``word`` itself
    included); just ``{word}`` for a word that names no kind of work."""
    out = {word.lower()}
    for tag in tags_named_by(word):
        out.update(words_for(tag))
    return frozenset(out)
