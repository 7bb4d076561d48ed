"""Public pages: the home page, a site's page, the language switch, error pages."""

from __future__ import annotations

import pytest

from marketplace.access import roles
from tests.factories.accounts import (
    PASSWORD,
    MunicipalityFactory,
    OrganisationFactory,
    make_user,
)
from tests.factories.sites import make_site


@pytest.fixture
def site(polku):  # type: ignore[no-untyped-def]
    org = OrganisationFactory(name="Lahden Puupaja ry")
    town = MunicipalityFactory(code="398", name="Lahti", region=org.region)
    return make_site(
        title="Puupaja Höylä",
        organisation=org,
        municipality=town,
        description="Huonekalujen korjausta ja pientä puusepäntyötä.",
        tags=("woodwork", "crafts"),
        forms=("workshop",),
        accessibility=("step_free",),
        languages=("fi", "sv"),
        learning_units=("Puusepän työt",),
        seats=(12, 3),
        voucher_price_cents=4550,
        address="Puupajantie 5",
        postal_code="15100",
        contact_name="Työtoiminnan ohjaaja",
        contact_phone="040 000 1234",
        contact_email="puupaja@example.fi",
        days_min=2,
        days_max=4,
        hours_min=4,
        hours_max=6,
        support_level=3,
    )


def test_site_page_shows_everything_a_social_instructor_needs(client, site):
    response = client.get(site.url)
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        "Puupaja Höylä",
        "Lahden Puupaja ry",
        "Puupajantie 5",
        "15100",
        "Lahti",
        "Huonekalujen korjausta",
        "Puusepän työt",
        "2–4",  # days per week
        "4–6",  # hours per day
        "Työtoiminnan ohjaaja",
        "040 000 1234",
        "puupaja@example.fi",
        "45,50",  # price per day in Finnish number format
    ):
        assert text in body, text
    shown = response.context["site"]
    assert (shown.capacity.seats_free, shown.capacity.seats_total) == (3, 12)
    assert [t.code for t in shown.tags.all()] == ["crafts", "woodwork"]
    assert [a.code for a in shown.accessibility.all()] == ["step_free"]
    assert body.count("<h1") == 1


def test_free_by_agreement_site_says_so(client, polku):
    site = make_site(title="Ilmainen paja", voucher_price_cents=None)
    response = client.get(site.url)
    assert response.context["site"].is_free_by_agreement
    assert "€" not in response.content.decode().split("<main")[1]


def test_seat_update_link_only_for_the_sites_own_supervisor(client, site):
    other = make_user(roles.SUPERVISOR, organisation=OrganisationFactory())
    own = make_user(roles.SUPERVISOR, organisation=site.organisation)
    link = f"/oma/paikat/{site.pk}/paikkamaara/"
    assert link not in client.get(site.url).content.decode()
    client.login(username=other.username, password=PASSWORD)
    assert link not in client.get(site.url).content.decode()
    client.login(username=own.username, password=PASSWORD)
    assert link in client.get(site.url).content.decode()


def test_unpublished_site_is_not_public(client, polku):
    draft = make_site(title="Luonnos", live=False)
    assert client.get(f"/tyotoimintapaikat/{draft.slug}/").status_code == 404


def test_home_page_shows_catalogue_figures(client, site):
    response = client.get("/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert (figures.sites, figures.free_seats, figures.municipalities) == (1, 3, 1)
    assert 'href="/tyotoimintapaikat/"' in response.content.decode()


def test_finnish_is_the_default_language(client, polku):
    response = client.get("/")
    assert response.context["LANGUAGE_CODE"] == "fi"
    assert '<html lang="fi">' in response.content.decode()


@pytest.mark.parametrize("language", ["sv", "en", "fi"])
def test_language_switch_changes_the_interface_language(client, site, language):
    response = client.post(
        "/kieli/", {"language": language, "next": site.url}, follow=True
    )
    assert response.redirect_chain[-1][0] == site.url
    assert f'<html lang="{language}">' in response.content.decode()
    assert response.context["LANGUAGE_CODE"] == language


def test_ui_text_is_translated(client, site):
    # the same label in the three languages is three different words
    labels = set()
    for language in ("fi", "sv", "en"):
        client.post("/kieli/", {"language": language, "next": "/"})
        body = client.get(site.url).content.decode()
        start = body.index('id="contact-heading">') + len('id="contact-heading">')
        labels.add(body[start : body.index("<", start)])
    assert len(labels) == 3


def test_unknown_page_gets_a_friendly_404(client, polku):
    response = client.get("/ei-ole-olemassa/")
    assert response.status_code == 404


def test_dashboard_needs_login_and_shows_the_role(client, polku):
    assert client.get("/oma/").status_code == 302
    user = make_user(roles.SUPERVISOR, organisation=OrganisationFactory(name="Oma ry"))
    client.login(username=user.username, password=PASSWORD)
    response = client.get("/oma/")
    assert response.status_code == 200
    assert response.context["polku_role"] == roles.SUPERVISOR
    assert "/oma/paikat/" in response.content.decode()
