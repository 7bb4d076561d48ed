"""Finnish and Swedish base forms and compound parts (matching/core/language.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from matching.core import language, work_words
from matching.core.vocabulary import TAGS


@pytest.mark.parametrize(
    ("typed", "base"),
    [
        ("puutyöt", "puutyö"),
        ("puutöitä", "puutyö"),
        ("puutöissä", "puutyö"),
        ("kahvilassa", "kahvila"),
        ("kahviloissa", "kahvila"),
        ("keittiössä", "keittiö"),
        ("ompelemaan", "ommella"),
        ("eläimet", "eläin"),
        ("kierrätyksessä", "kierrätys"),
        ("Lahdessa", "lahti"),
        ("lahdessa", "lahti"),
        ("Heinolassa", "heinola"),
        ("heinolassa", "heinola"),
        ("Järvenpäässä", "järvenpää"),
        ("työ", "työ"),  # simplemma 2.0 alone says "sinä"
        ("ruoka-avussa", "ruoka-apu"),
        ("keittiötöitä", "keittiötyö"),  # a compound the dictionary lacks
        ("puutyöpajassa", "puutyöpaja"),
    ],
)
def test_finnish_words_meet_on_their_base_form(typed: str, base: str) -> None:
    assert language.lemma(typed, "fi") == base


@pytest.mark.parametrize(
    ("typed", "base"),
    [("snickeriet", "snickeri"), ("köket", "kök"), ("kaféerna", "kafé")],
)
def test_swedish_words_meet_on_their_base_form(typed: str, base: str) -> None:
    assert language.lemma(typed, "sv") == base


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("puutyöpaja", ("puu", "työ", "paja")),
        ("kierrätyskeskus", ("kierrätys", "keskus")),
        ("ruoka-apu", ("ruoka", "apu")),
        ("kahvila", ()),
        ("asiakas", ()),
        ("heinola", ()),
    ],
)
def test_compounds_split_into_their_parts(word: str, parts: tuple[str, ...]) -> None:
    assert language.compound_parts(word, "fi") == parts


def test_a_compound_is_found_by_its_parts_and_their_runs() -> None:
    # given a site text with a compound in an inflected form
    indexed = set(language.lemmas("Puutyöpajassa tehdään huonekaluja."))
    # then the base form of the compound and of its parts are among its terms
    for query in ("puutyö", "paja", "puutyöpaja", "työpaja", "huonekalu"):
        assert set(language.lemmas(query)) & indexed, query
    assert "tehdä" in indexed


def test_stop_words_and_numbers_carry_no_meaning() -> None:
    assert language.lemmas("ja tai että och att") == []
    assert language.lemma("2024") == "2024"


def test_base_forms_cover_both_languages_and_the_word_as_typed() -> None:
    forms = language.base_forms("Lahdessa")
    assert forms[0] == "lahdessa"
    assert "lahti" in forms


def test_every_work_word_names_its_kind_of_work() -> None:
    assert set(work_words.WORK_WORDS) == set(TAGS)
    for tag in TAGS:
        for lang in ("fi", "sv"):
            for entry in work_words.WORK_WORDS[tag][lang]:
                for word in entry.split():
                    base = language.lemma(word, lang)
                    assert tag in work_words.tags_named_by(base), (tag, word)


def test_a_swedish_word_finds_the_finnish_words_of_its_kind_of_work() -> None:
    assert "puutyö" in work_words.synonyms("snickeri")
    assert "kahvila" in work_words.synonyms(language.lemma("kaféet", "sv"))
    assert work_words.synonyms("lahti") == frozenset({"lahti"})


def test_language_and_work_words_are_pure() -> None:
    for module in (language, work_words):
        tree = ast.parse(Path(module.__file__ or "").read_text())
        imported = {
            (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        assert not any(
            name.split(".")[0] in {"django", "wagtail", "marketplace", "cms"}
            for name in imported
        ), imported


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
@example(text="MÄ")  # spoken "mä" is the stop word "minä" (found by Hypothesis)
def test_any_text_gives_lower_case_terms_without_stop_words(text: str) -> None:
    for term in language.lemmas(text):
        assert term and term == term.lower()
        assert term not in language.STOPWORDS or term in language.words(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnoprstuvyäöå-", min_size=1, max_size=20))
def test_compound_parts_join_back_into_the_word(word: str) -> None:
    # a Finnish compound base form is its parts as they stand in it, joined
    parts = language.compound_parts(word)
    assert parts == () or len(parts) > 1
    if parts and "-" not in word:
        assert "".join(parts) == word
