"""Maps in a real browser, with a local tile stub: no request leaves the machine.

A visitor finds sites near a place on the map and in the list at once; a site's page
shows it on a map with a journey-planner link; the instructor and the client see the
client's suggestions around the home municipality with the travel limit drawn; the
job bank shows its jobs. Every map is keyboard-operable, named, and the page works
without JavaScript."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from marketplace.access import roles
from matching import web
from tests.browser.conftest import TILE, TILE_HOST
from tests.factories.accounts import MunicipalityFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def offline(page: Any, live_server: Any) -> dict[str, list[str]]:
    """Tiles answered by the stub; any other outside request refused and recorded,
    as are Content Security Policy violations reported on the console."""
    seen: dict[str, list[str]] = {"tiles": [], "outside": [], "csp": [], "errors": []}
    own = urlparse(live_server.url).netloc

    def answer(route: Any) -> None:
        url = route.request.url
        host = urlparse(url).netloc
        if host == own:
            route.continue_()
        elif host == TILE_HOST:
            seen["tiles"].append(url)
            route.fulfill(status=200, content_type="image/png", body=TILE)
        else:
            seen["outside"].append(url)
            route.abort()

    page.context.unroute(f"https://{TILE_HOST}/**")  # answered here, and counted
    page.context.route("**/*", answer)
    page.on(
        "console",
        lambda msg: (
            seen["csp"].append(msg.text)
            if "Content Security Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    return seen


def wait_for_map(page: Any, map_id: str) -> int:
    """The map's marker count once drawn (the script sets it when done)."""
    locator = page.locator(f"#{map_id}[data-map-ready]")
    locator.wait_for(state="attached")
    return int(locator.get_attribute("data-map-ready"))


@pytest.fixture
def places(polku: Any) -> dict[str, Any]:
    """Sites in Lahti, in Hollola (12 km away) and in Oulu (about 390 km away)."""
    lahti = MunicipalityFactory(code="398", name="Lahti", lat=60.983, lon=25.656)
    hollola = MunicipalityFactory(
        code="098", name="Hollola", region=lahti.region, lat=60.988, lon=25.438
    )
    oulu = MunicipalityFactory(code="564", name="Oulu", lat=65.012, lon=25.465)
    sites = {
        "hoyla": make_site(
            title="Puupaja Höylä",
            municipality=lahti,
            address="Teollisuuskatu 5",
            tags=("woodwork",),
        ),
        "kulma": make_site(title="Kahvila Kulma", municipality=lahti, tags=("cafe",)),
        "pelto": make_site(
            title="Puutarha Pelto", municipality=hollola, tags=("gardening",)
        ),
        "bitti": make_site(title="Etätyöpaja Bitti", municipality=oulu),
    }
    return {"lahti": lahti, "hollola": hollola, "oulu": oulu, **sites}


def list_titles(page: Any) -> list[str]:
    return page.locator(".results .site-card h3").all_inner_texts()


def test_a_visitor_finds_sites_near_a_place_on_the_map_and_in_the_list(
    page, places, offline, axe, shot
):
    # Given the catalogue
    page.goto("/tyotoimintapaikat/")
    assert wait_for_map(page, "catalogue-map") == 4
    # when the visitor asks for sites within 20 km of Lahti
    form = page.locator("form.filter-form")
    form.locator("#id_near").select_option("398")
    form.locator("#id_km").select_option("20")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    # then the list has the three sites nearby, nearest first, with their distance
    titles = list_titles(page)
    assert set(titles) == {"Puupaja Höylä", "Kahvila Kulma", "Puutarha Pelto"}
    assert titles[-1] == "Puutarha Pelto"
    assert "km" in page.locator(f"#site-{places['pelto'].pk} .meta").inner_text()
    # and the map shows the same three, with the 20 km circle around Lahti
    assert wait_for_map(page, "catalogue-map") == 3
    assert page.locator("#catalogue-map path.map-limit").count() == 1
    label = page.locator("#catalogue-map").get_attribute("aria-label")
    assert "3" in label
    shot(page, "map-catalogue-near")
    # and the tiles came from the stub, nothing else left the machine, CSP is quiet
    assert offline["tiles"] and not offline["outside"] and not offline["csp"]
    assert not offline["errors"]
    assert axe(page) == []
    # and on a phone: the page fits, the map is there, axe stays clean
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.locator("#catalogue-map").is_visible()
    assert axe(page) == []


def test_a_marker_opens_the_sites_card_with_the_keyboard(page, places, offline):
    # Given the catalogue narrowed to Hollola's one site
    page.goto("/tyotoimintapaikat/?municipality=098")
    assert wait_for_map(page, "catalogue-map") == 1
    # when the keyboard user tabs to the marker and presses Enter
    marker = page.locator("#catalogue-map .map-pin")
    assert marker.get_attribute("title") == "Puutarha Pelto"
    marker.focus()
    page.keyboard.press("Enter")
    # then the site's card opens on the map with the focus on its link
    card = page.locator("#catalogue-map .map-card")
    card.wait_for()
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Puutarha Pelto"
    assert unquote(card.locator("a").first.get_attribute("href")) == unquote(
        places["pelto"].url
    )
    # and "show in the list" leads to the same card in the list
    card.get_by_role("link", name="Näytä listassa").click()
    assert page.evaluate("document.activeElement.closest('article').id") == (
        f"site-{places['pelto'].pk}"
    )
    # and Escape closes the card
    marker.focus()
    page.keyboard.press("Enter")
    card.wait_for()
    page.keyboard.press("Escape")
    card.wait_for(state="detached")  # after the fade-out
    assert not offline["outside"] and not offline["csp"]


def test_show_on_the_map_from_the_list_opens_the_marker(page, places, offline):
    page.goto("/tyotoimintapaikat/")
    wait_for_map(page, "catalogue-map")
    item = page.locator(f"#site-{places['bitti'].pk}")
    button = item.locator("button.map-show")
    assert button.text_content() == "Näytä kartalla: Etätyöpaja Bitti"
    button.click()
    card = page.locator("#catalogue-map .map-card")
    card.wait_for()
    assert card.locator(".map-card-title").inner_text() == "Etätyöpaja Bitti"


def test_without_javascript_the_catalogue_is_the_list_alone(
    browser, live_server, places
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/tyotoimintapaikat/?near=398&km=20")
    assert len(list_titles(page)) == 3
    assert page.locator("#catalogue-map-figure").is_hidden()
    context.close()


def test_a_site_page_shows_the_map_and_links_to_the_journey_planner(
    page, places, offline, axe, shot
):
    page.goto(places["hoyla"].url)
    assert wait_for_map(page, "site-map") == 1
    link = page.get_by_role("link", name="Suunnittele matka joukkoliikenteellä")
    href = unquote(link.get_attribute("href"))
    assert href.startswith("https://opas.matka.fi/reitti/-/")
    assert href.endswith("Puupaja Höylä, Teollisuuskatu 5, Lahti::60.983000,25.656000")
    shot(page, "map-site-page")
    assert axe(page) == []
    assert not offline["outside"] and not offline["csp"]


@pytest.fixture
def suggested(places: dict[str, Any]) -> dict[str, Any]:
    web.clear_cache()
    county = places["hoyla"].organisation
    instructor = make_user(roles.INSTRUCTOR, organisation=county, username="ohjaaja")
    client_user = make_user(roles.CLIENT, username="aino")
    person = make_client(
        instructor=instructor,
        name="Aino Oma",
        user=client_user,
        municipality=places["lahti"],
        max_travel_km=15,
    )
    yield {"instructor": instructor, "client_user": client_user, "person": person}
    web.clear_cache()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_instructor_sees_the_clients_suggestions_on_a_map(
    page, suggested, offline, axe, shot, width
):
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, suggested["instructor"])
    page.goto(f"/oma/asiakkaat/{suggested['person'].pk}/ehdotukset/")
    items = page.locator("#suggestions .suggestion")
    # the map has one numbered marker per suggestion in the list, and the circle
    assert wait_for_map(page, "suggestions-map") == items.count() > 0
    numbers = page.locator("#suggestions-map .map-pin .map-pin-label").all_inner_texts()
    assert sorted(numbers) == [str(n) for n in range(1, items.count() + 1)]
    assert page.locator("#suggestions-map path.map-limit").count() == 1
    caption = page.locator("#suggestions-map-figure figcaption").inner_text()
    assert "Lahti" in caption and "15 km" in caption
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    shot(page, f"map-suggestions-{width}")
    assert axe(page) == []
    assert not offline["outside"] and not offline["csp"]


def test_the_client_sees_their_suggestions_on_a_map(page, suggested, offline, axe):
    page.set_viewport_size(PHONE)
    log_in(page, suggested["client_user"])
    page.goto("/oma/minun/ehdotukset/")
    assert wait_for_map(page, "suggestions-map") > 0
    caption = page.locator("#suggestions-map-figure figcaption").inner_text()
    assert "sinulle" in caption and "15 km" in caption
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []


def test_the_site_editor_picks_the_location_on_the_map_or_by_address(
    page, places, offline, monkeypatch, shot
):
    from marketplace.maps import geocoding

    monkeypatch.setattr(
        geocoding,
        "_ask",
        lambda query: [
            geocoding.Place("Teollisuuskatu 5, 15100 Lahti", 60.9801, 25.6702)
        ],
    )
    site = places["hoyla"]
    supervisor = make_user(roles.SUPERVISOR, organisation=site.organisation)
    log_in(page, supervisor)
    page.goto(f"/admin/pages/{site.pk}/edit/")
    picker = page.locator(".location-picker")
    picker.locator(".map .leaflet-tile").first.wait_for(state="attached")
    # a click on the map fills in the coordinates (the fields stay editable)
    lat, lon = page.locator("#id_lat"), page.locator("#id_lon")
    before = (lat.input_value(), lon.input_value())
    area = picker.locator(".map")
    area.scroll_into_view_if_needed()
    box = area.bounding_box()
    area.click(position={"x": box["width"] * 0.75, "y": box["height"] * 0.25})
    after = (lat.input_value(), lon.input_value())
    assert after != before
    assert all(len(v.split(".")[1]) == 6 for v in after)  # 6 decimals, ~0.1 m
    # the point clicked is east of the site's old place (right of the centre)
    assert float(after[1]) > float(before[1])
    # the address search, by keyboard, offers the place and sets it
    query = picker.locator("#location-picker-query")
    assert query.input_value().startswith("Teollisuuskatu 5")
    query.press("Enter")
    choice = picker.get_by_role("button", name="Käytä tätä paikkaa: Teollisuuskatu 5")
    choice.focus()
    page.keyboard.press("Enter")
    assert (lat.input_value(), lon.input_value()) == ("60.980100", "25.670200")
    shot(page, "map-location-picker")
    assert not offline["outside"] and not offline["errors"]
