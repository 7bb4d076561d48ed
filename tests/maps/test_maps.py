"""Map configuration, the catalogue's "near a place" and the pages' map data."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings.maps import journey_planners_from_env, tile_origin
from marketplace.maps.config import journey_planner_url
from tests.factories.accounts import MunicipalityFactory, RegionFactory
from tests.factories.sites import make_site

URL = "/tyotoimintapaikat/"


@pytest.mark.parametrize(
    ("template", "origin"),
    [
        (
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "https://tile.openstreetmap.org",
        ),
        (
            "https://{s}.tiles.example.fi/{z}/{x}/{y}{r}.png",
            "https://*.tiles.example.fi",
        ),
        ("http://127.0.0.1:8080/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
    ],
)
def test_the_csp_names_the_tile_host_of_the_template(template, origin):
    assert tile_origin(template) == origin


@pytest.mark.parametrize(
    "bad", ["tiles/{z}/{x}/{y}.png", "https://{z}.x.fi/{x}", "ftp://x"]
)
def test_a_tile_template_that_is_not_a_url_is_refused_at_start(bad):
    with pytest.raises(ImproperlyConfigured):
        tile_origin(bad)


def test_a_regions_journey_planner_can_be_set_and_bad_json_is_refused():
    planners = journey_planners_from_env(
        {"POLKU_JOURNEY_PLANNERS": '{"north": "https://north.example/{lat},{lon}"}'}
    )
    assert planners["north"] == "https://north.example/{lat},{lon}"
    assert "paijat-hame" in planners  # the defaults stay
    with pytest.raises(ImproperlyConfigured):
        journey_planners_from_env({"POLKU_JOURNEY_PLANNERS": "[1, 2]"})


def test_the_journey_link_uses_the_regions_planner_else_the_default(settings):
    settings.POLKU_JOURNEY_PLANNERS = {"north": "https://north.example/{lat}/{lon}"}
    settings.POLKU_JOURNEY_PLANNER_URL = "https://all.example/reitti/-/{destination}"
    assert (
        journey_planner_url(name="Paja", lat=65.0, lon=25.5, region_slug="north")
        == "https://north.example/65.000000/25.500000"
    )
    other = journey_planner_url(name="Paja, Lahti", lat=61, lon=25.6, region_slug="x")
    assert other.startswith("https://all.example/reitti/-/")
    assert unquote(other.rsplit("/", 1)[1]) == "Paja, Lahti::61.000000,25.600000"


def test_the_site_pages_csp_allows_the_tile_host(client, polku, settings):
    site = make_site(title="Paja")
    response = client.get(site.url)
    policy = response.headers["Content-Security-Policy"]
    img_src = next(p for p in policy.split(";") if p.strip().startswith("img-src"))
    assert "https://tiles.polku.test" in img_src
    assert "script-src 'self';" in policy + ";"


@pytest.fixture
def towns(polku):
    region = RegionFactory(slug="paijat-hame")
    lahti = MunicipalityFactory(
        code="398", name="Lahti", region=region, lat=60.983, lon=25.656
    )
    hollola = MunicipalityFactory(
        code="098", name="Hollola", region=region, lat=60.988, lon=25.438
    )
    oulu = MunicipalityFactory(code="564", name="Oulu", lat=65.012, lon=25.465)
    return {
        "far": make_site(title="Hollolan paja", municipality=hollola),
        "near": make_site(title="Lahden paja", municipality=lahti),
        "oulu": make_site(title="Oulun paja", municipality=oulu),
    }


def _map(response, map_id):  # type: ignore[no-untyped-def]
    html = response.content.decode()
    start = html.index(f'id="{map_id}-data" type="application/json">')
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body)


def test_near_a_place_lists_the_sites_within_the_distance_nearest_first(client, towns):
    response = client.get(URL, {"near": "398", "km": "20"})
    titles = [s.title for s in response.context["catalogue"].page.object_list]
    assert titles == ["Lahden paja", "Hollolan paja"]
    data = _map(response, "catalogue-map")
    assert [p["title"] for p in data["points"]] == titles
    assert data["home"]["radius_km"] == 20.0 and data["home"]["label"] == "Lahti"
    assert data["cluster"] is True
    # a shorter distance leaves Hollola (12 km) out
    response = client.get(URL, {"near": "398", "km": "5"})
    assert [s.title for s in response.context["catalogue"].page.object_list] == [
        "Lahden paja"
    ]


def test_the_catalogue_map_has_every_result_of_the_filters(client, towns):
    data = _map(client.get(URL), "catalogue-map")
    assert sorted(p["title"] for p in data["points"]) == [
        "Hollolan paja",
        "Lahden paja",
        "Oulun paja",
    ]
    assert all(p["list_id"].startswith("site-") for p in data["points"])


def test_the_maps_text_says_where_the_rest_are_when_the_list_has_pages(
    client, towns, monkeypatch
):
    from django.core.cache import cache

    from marketplace.sites import selectors as sites_selectors

    one_page = client.get(URL).content.decode()
    assert "Kaikki kartan paikat ovat myös tämän sivun listassa." in one_page
    # with two to a page, the three results are on two pages of the list
    monkeypatch.setattr(sites_selectors, "SITES_PER_PAGE", 2)
    cache.clear()  # the catalogue's fragment of the same filters is cached
    response = client.get(URL)
    html = response.content.decode()
    assert len(_map(response, "catalogue-map")["points"]) == 3
    assert len(response.context["catalogue"].page.object_list) == 2
    assert "listassa: tällä sivulla ja listan muilla sivuilla." in html
    assert "tämän sivun listassa." not in html


def test_an_unknown_place_is_a_form_error_not_a_crash(client, towns):
    response = client.get(URL, {"near": "999"})
    assert response.status_code == 200
    assert response.context["catalogue"].near is None


def test_the_site_page_links_to_its_regions_journey_planner(client, towns):
    response = client.get(towns["near"].url)
    html = response.content.decode()
    assert "https://lahti.digitransit.fi/reitti/-/" in html
    assert _map(response, "site-map")["points"][0]["title"] == "Lahden paja"


def test_without_a_tile_source_no_map_is_drawn_and_the_list_stays(
    client, towns, settings
):
    settings.POLKU_MAP_TILE_URL = ""
    html = client.get(URL).content.decode()
    assert "catalogue-map" not in html
    assert "Lahden paja" in html
