"""The public catalogue in a real browser: filters, a site page, language, keyboard."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlparse

import pytest
from django.utils import translation

from marketplace.templatetags.polku_tags import euros

pytestmark = pytest.mark.browser

URL = "/tyotoimintapaikat/"


def result_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.locator(".results .site-card h3").all_inner_texts()


def text(value: str) -> str:
    """Collapse whitespace (and the no-break space before €) for comparisons."""
    return " ".join(value.replace("\u00a0", " ").split())


def finnish(msgid: str, **values: object) -> str:
    """The Finnish UI text for a message id, as the server renders it."""
    with translation.override("fi"):
        return text(translation.gettext(msgid) % values)


def test_two_filters_chosen_in_the_form_narrow_the_list_and_stay_in_the_url(
    page, world, shot
):
    # Given the catalogue with three published sites
    page.goto(URL)
    assert sorted(result_titles(page)) == [
        "Etätyöpaja Bitti",
        "Kahvila Kulma",
        "Puupaja Höylä",
    ]
    # when the user picks a municipality, ticks "free seats only" and submits
    form = page.locator("form.filter-form")
    form.locator("#id_municipality").select_option("398")
    form.locator("#id_free_seats").check()
    form.locator("button[type=submit]").click()
    page.wait_for_url("**free_seats=on**")
    shot(page, "catalogue-filtered")
    # then only Lahti's site with free seats is listed, and both filters are in the URL
    assert result_titles(page) == ["Puupaja Höylä"]
    query = parse_qs(urlparse(page.url).query)
    assert query["municipality"] == ["398"]
    assert query["free_seats"] == ["on"]
    # and the same URL, opened again, gives the same list with the same choices
    filtered_url = page.url
    page.goto("about:blank")
    page.goto(filtered_url)
    assert result_titles(page) == ["Puupaja Höylä"]
    assert page.locator("#id_municipality").input_value() == "398"
    assert page.locator("#id_free_seats").is_checked()


def test_a_site_page_opened_from_the_list_shows_its_details(page, world, shot):
    # Given the catalogue
    page.goto(URL)
    shot(page, "catalogue")
    # when the user clicks a result
    with page.expect_navigation():
        page.locator(".results").get_by_role("link", name="Puupaja Höylä").click()
    assert unquote(urlparse(page.url).path) == unquote(world["hoyla"].url)
    shot(page, "site-page")
    # then the site's own page shows its name, organisation, seats, price and contact
    assert page.locator("h1").all_inner_texts() == ["Puupaja Höylä"]
    meta = text(page.locator(".site-page > .meta").inner_text())
    assert "Kierrätys ry" in meta and "Lahti" in meta
    details = text(page.locator(".site-page").inner_text())
    assert finnish("%(free)s free of %(total)s", free=3, total=10) in details
    with translation.override("fi"):
        price = euros(4500)  # "45,00 €", whatever language an earlier test left active
    assert finnish("%(price)s a day with a service voucher", price=price) in details
    address = page.locator(".site-page address")
    for line in (
        "Kierrätys ry",
        "Teollisuuskatu 5",
        "15100 Lahti",
        "Paula Pajamestari",
        "040 123 4567",
        "paja@kierratys.example",
    ):
        assert line in text(address.inner_text())
    assert address.locator("a[href='tel:0401234567']").count() == 1
    assert address.locator("a[href='mailto:paja@kierratys.example']").count() == 1


def test_the_language_switch_changes_the_interface_language(page, world, shot):
    # Given the catalogue in Finnish (the default), with a filter in the URL
    page.goto(f"{URL}?free_seats=on")
    assert page.evaluate("document.documentElement.lang") == "fi"
    nav_link = page.locator("header nav a").first
    finnish_nav = nav_link.inner_text()
    seen = {"fi": finnish_nav}
    for code in ("sv", "en"):
        # when the user chooses another language in the header and submits
        page.locator("#lang-select").select_option(code)
        with page.expect_navigation():
            page.locator("form.lang-form button[type=submit]").click()
        shot(page, f"catalogue-{code}")
        # then the page is in that language, on the same address
        assert page.evaluate("document.documentElement.lang") == code
        assert urlparse(page.url).path == URL
        assert parse_qs(urlparse(page.url).query) == {"free_seats": ["on"]}
        assert page.locator("#lang-select").input_value() == code
        seen[code] = nav_link.inner_text()
    # and the main navigation's text is no longer the Finnish one
    assert seen["sv"] != finnish_nav, seen
    assert seen["en"] != finnish_nav, seen


def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, world, shot):
    # Given the front page
    page.goto("/")
    # when the user presses Tab once
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "({cls: document.activeElement.className,"
        " href: document.activeElement.getAttribute('href')})"
    )
    # then the skip link has the focus and is visible on screen
    assert focused == {"cls": "skip-link", "href": "#main"}
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
    shot(page, "home-skip-link-focused")
    # and Enter on it moves the focus to the main content
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.id === 'main'")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"
    # so that the next Tab stop is inside main, not in the header
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.getElementById('main').contains(document.activeElement)"
    )
