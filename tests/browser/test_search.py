"""Search as a visitor types it, on a phone (390 px), in Finnish and Swedish."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

URL = "/tyotoimintapaikat/"


def result_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(".results .site-card h3").all_inner_texts()


def search(page, words: str) -> None:  # type: ignore[no-untyped-def]
    """Type the words and submit, as a visitor does: on a phone the search form is
    folded behind its heading ("Hae ja rajaa"), which they tap open first."""
    if not page.locator("details.filters").evaluate("d => d.open"):
        page.locator("details.filters > summary").click()
    page.locator("#id_q").fill(words)
    page.locator("form.filter-form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_visitor_finds_sites_by_inflected_words_and_place_names_on_a_phone(
    page, world, shot, axe
):
    # Given the catalogue on a phone
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(URL)
    # when the visitor types a partitive plural, then a place in the inessive
    search(page, "puutöitä")
    assert result_titles(page)[0] == "Puupaja Höylä"
    search(page, "kahvila Lahdessa")
    shot(page, "search-inflected-390")
    assert result_titles(page) == ["Kahvila Kulma"]
    # then the page fits the phone's width and passes axe
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert axe(page) == []


def test_a_word_not_found_is_named_and_near_terms_offered(page, world, shot, axe):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(URL)
    # when a word is in no site (and not one letter from any)
    search(page, "kahvila hitsaamo")
    shot(page, "search-not-found-390")
    results = page.locator("section.results")
    # then the page says which word was not found, with no talk of filters
    assert "hitsaamo" in results.inner_text()
    assert "rajaus" not in results.inner_text()
    # and a near kind of work is offered as a link that searches for it
    page.locator(".suggestions a", has_text="Metallityöt").click()
    page.wait_for_load_state()
    assert page.locator("#id_q").input_value() == "Metallityöt"
    assert axe(page) == []


def test_a_swedish_visitor_finds_a_finnish_site_in_swedish(page, world, shot):
    # Given a visitor who chose Swedish
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(URL)
    page.context.add_cookies(
        [{"name": "django_language", "value": "sv", "url": page.url}]
    )
    page.goto(URL)
    assert page.locator("html").get_attribute("lang") == "sv"
    # when they search for carpentry and a café in Swedish
    search(page, "snickeri")
    assert result_titles(page)[0] == "Puupaja Höylä"
    search(page, "kaféet")
    shot(page, "search-swedish-390")
    # then the Finnish pages are found, in a Swedish interface
    assert result_titles(page) == ["Kahvila Kulma"]
    assert "platser hittades" in page.locator("#results-heading").inner_text() or (
        "plats hittades" in page.locator("#results-heading").inner_text()
    )
