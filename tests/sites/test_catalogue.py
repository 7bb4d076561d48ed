"""The public catalogue: filters, search, pagination and a constant number of queries."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.accounts import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
)
from tests.factories.sites import make_site

URL = "/tyotoimintapaikat/"


def titles(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.title for s in response.context["catalogue"].page.object_list]


@pytest.fixture
def world(polku):  # type: ignore[no-untyped-def]
    north = RegionFactory(slug="north", name_fi="Pohjoinen")
    south = RegionFactory(slug="south", name_fi="Etelä")
    oulu = MunicipalityFactory(
        code="564", name="Oulu", region=north, lat=65.01, lon=25.47
    )
    lahti = MunicipalityFactory(
        code="398", name="Lahti", region=south, lat=60.98, lon=25.66
    )
    ngo = OrganisationFactory(name="Kierrätys ry", region=south)
    make_site(
        title="Puupaja Höylä",
        organisation=ngo,
        municipality=lahti,
        tags=("woodwork",),
        forms=("workshop",),
        seats=(10, 3),
        accessibility=("step_free", "quiet_space"),
        learning_units=("Puusepän työt",),
    )
    make_site(
        title="Kahvila Kulma",
        organisation=ngo,
        municipality=lahti,
        tags=("cafe", "kitchen"),
        forms=("workshop",),
        seats=(6, 0),
        voucher_price_cents=4500,
        description="Asiakaspalvelua ja leivontaa kahvilassa.",
    )
    make_site(
        title="Etätyöpaja Bitti",
        municipality=oulu,
        services=("disability",),
        tags=("digital_media",),
        forms=("remote",),
        seats=(8, 8),
        accessibility=("step_free",),
        languages=("fi", "sv"),
    )
    make_site(title="Luonnos (ei julkaistu)", municipality=oulu, live=False)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Etätyöpaja Bitti", "Kahvila Kulma", "Puupaja Höylä"]),
        ("region=north", ["Etätyöpaja Bitti"]),
        ("municipality=398", ["Kahvila Kulma", "Puupaja Höylä"]),
        ("service=disability", ["Etätyöpaja Bitti"]),
        ("form=remote", ["Etätyöpaja Bitti"]),
        ("tag=cafe&tag=woodwork", ["Kahvila Kulma", "Puupaja Höylä"]),
        ("free_seats=on", ["Etätyöpaja Bitti", "Puupaja Höylä"]),
        ("accessibility=step_free&accessibility=quiet_space", ["Puupaja Höylä"]),
        ("accessibility=step_free", ["Etätyöpaja Bitti", "Puupaja Höylä"]),
        ("language=sv", ["Etätyöpaja Bitti"]),
        ("learning=on", ["Puupaja Höylä"]),
        ("pricing=voucher", ["Kahvila Kulma"]),
        ("pricing=free", ["Etätyöpaja Bitti", "Puupaja Höylä"]),
        ("municipality=398&free_seats=on", ["Puupaja Höylä"]),
        ("region=south&tag=kitchen", ["Kahvila Kulma"]),
    ],
)
def test_filters_combine_and_live_in_the_url(client, world, query, expected):
    # Given three published sites and a draft; when the catalogue is filtered
    response = client.get(f"{URL}?{query}")
    # then exactly the matching published sites are listed
    assert response.status_code == 200
    assert titles(response) == expected


def test_a_filtered_page_keeps_the_filters_in_its_links(client, world):
    response = client.get(f"{URL}?municipality=398&free_seats=on")
    form = response.context["catalogue"].filterset.form
    assert form["municipality"].value() == "398"
    assert 'value="398" selected' in response.content.decode()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Höylä", ["Puupaja Höylä"]),
        ("leivontaa", ["Kahvila Kulma"]),  # description
        ("Kierrätys", ["Kahvila Kulma", "Puupaja Höylä"]),  # organisation name
    ],
)
def test_search_finds_words_in_name_description_and_organisation(
    client, world, words, expected
):
    response = client.get(URL, {"q": words})
    assert sorted(titles(response)) == expected


def test_search_finds_sites_by_tag_label_in_any_language(client, world):
    with_english = client.get(URL, {"q": "Digital"})
    assert titles(with_english) == ["Etätyöpaja Bitti"]


def test_search_and_filters_combine(client, world):
    response = client.get(URL, {"q": "Kierrätys", "free_seats": "on"})
    assert titles(response) == ["Puupaja Höylä"]


def test_unknown_filter_value_is_reported_not_crashing(client, world):
    response = client.get(URL, {"municipality": "999"})
    assert response.status_code == 200
    assert response.context["catalogue"].filterset.form.errors


def test_results_paginate(client, polku):
    org = OrganisationFactory()
    town = MunicipalityFactory(region=org.region)
    for n in range(25):
        make_site(title=f"Paikka {n:02d}", organisation=org, municipality=town)
    first = client.get(URL)
    second = client.get(URL, {"page": 2})
    assert len(titles(first)) == 20 and len(titles(second)) == 5
    assert first.context["catalogue"].total == 25
    assert 'rel="next"' in first.content.decode()


PARAMS = {"free_seats": "on", "tag": ["woodwork", "cafe"]}


def test_listing_runs_a_constant_number_of_queries(
    client, polku, django_assert_num_queries
):
    # Given a catalogue with 2 sites (and a first request that warms Wagtail's caches)
    for n in range(2):
        make_site(
            title=f"A {n}",
            tags=("woodwork", "cafe"),
            accessibility=("step_free",),
            learning_units=("Asiakaspalvelu",),
        )
    client.get(URL, PARAMS)
    cache.clear()  # measure the rendering, not the cached fragment
    with CaptureQueriesContext(connection) as two:
        assert len(titles(client.get(URL, PARAMS))) == 2
    # when there are 20 sites of different organisations with more related rows
    for n in range(18):
        make_site(
            title=f"B {n}",
            tags=("woodwork",),
            accessibility=("quiet_space",),
            learning_units=("Kiinteistönhoito", "Asiakaspalvelu"),
        )
    # then the page runs exactly as many queries for 20 results as for 2
    cache.clear()
    with django_assert_num_queries(len(two.captured_queries)):
        assert len(titles(client.get(URL, PARAMS))) == 20


@pytest.mark.parametrize(
    "words",
    ["asiakaspalvelun", "asiakaspalvelu", "kahvilaan", "kahviloissa", "leivonta"],
)
def test_search_finds_inflected_finnish_words_on_every_database(client, world, words):
    # "Asiakaspalvelua ja leivontaa kahvilassa." is found by other forms of its words
    assert "Kahvila Kulma" in titles(client.get(URL, {"q": words}))


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Puupaja Höylä", ["Puupaja Höylä"]),  # the whole compound and a name
        (
            "pajassa",
            ["Etätyöpaja Bitti", "Kahvila Kulma", "Puupaja Höylä"],
        ),  # last part
        ("Lahdessa", ["Kahvila Kulma", "Puupaja Höylä"]),  # a place in a case form
        ("Oulussa", ["Etätyöpaja Bitti"]),
        ("snickeri", ["Etätyöpaja Bitti", "Puupaja Höylä"]),  # Swedish: "puutöitä"
        ("kahvla", ["Kahvila Kulma"]),  # one letter missing
        ("Lahdessa kahvila", ["Kahvila Kulma"]),  # every word must be found
    ],
)
def test_search_reads_base_forms_compounds_places_and_typos(
    client, world, words, expected
):
    assert sorted(titles(client.get(URL, {"q": words}))) == expected


def test_a_site_of_that_kind_of_work_ranks_above_a_passing_mention(client, world):
    # Höylä is tagged woodwork; Bitti's description mentions "puutöitä" in passing
    assert titles(client.get(URL, {"q": "puutyö"})) == [
        "Puupaja Höylä",
        "Etätyöpaja Bitti",
    ]
    assert titles(client.get(URL, {"q": "puupaja"})) == ["Puupaja Höylä"]


def test_words_not_found_are_named_with_the_nearest_terms(client, world):
    # when a word is in no site and not one letter from any word of the index
    response = client.get(URL, {"q": "kahvilla hitsaamo"})
    catalogue = response.context["catalogue"]
    # then nothing is listed, the page names the word and offers near terms
    assert catalogue.total == 0
    assert catalogue.search.missing == ["hitsaamo"]
    body = response.content.decode()
    assert "hitsaamo" in body
    assert "Metallityöt" in [s.label for s in catalogue.suggestions]
    assert "?q=Metallity%C3%B6t" in body
    assert "Kokeile poistaa" not in body  # no filter is set: no "remove a filter"


def test_an_empty_filtered_result_suggests_removing_a_filter(client, world):
    response = client.get(URL, {"q": "kahvila", "region": "north"})
    assert response.context["catalogue"].total == 0
    assert response.context["catalogue"].filtered
    assert "Kokeile poistaa jokin rajaus." in response.content.decode()


def test_a_published_change_is_searchable_at_once(client, world):
    # given a published site whose description changes and is published again
    from marketplace.models import WorkSite

    site = WorkSite.objects.get(title="Etätyöpaja Bitti")
    site.description = "Valokuvaamista ja videoiden editointia."
    site.save_revision().publish()
    # then the new words find it and the old page text is gone from the index
    assert titles(client.get(URL, {"q": "valokuvaus"})) == ["Etätyöpaja Bitti"]
    site.unpublish()
    assert titles(client.get(URL, {"q": "videoita"})) == []


@pytest.mark.parametrize(
    "words",
    [
        "'; DROP TABLE x; --",
        "%_%",
        "a" * 300,
        "-ö-",
        "🙂 kahvila",
        "1234",
        "ja ja",
        "x",
    ],
)
def test_any_search_words_give_a_page_not_an_error(client, world, words):
    response = client.get(URL, {"q": words})
    assert response.status_code == 200
    assert response.context["catalogue"].total in (0, 1, 2, 3)
