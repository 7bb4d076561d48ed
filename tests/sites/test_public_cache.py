"""The catalogue and site pages are rendered once and reused until something they show
changes: publishing, unpublishing, seats, language, or the viewer's seat link."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.access import roles
from marketplace.clients.services import placements as placement_svc
from marketplace.sites.services import site_seats_update
from tests.factories.accounts import OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

URL = "/tyotoimintapaikat/"


def queries(client, url: str, **params) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    # in English (picked with the language switch: an English browser gets Finnish)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured.captured_queries]


def main(html: str) -> str:
    return html.split("<main", 1)[1].split("</main>", 1)[0]


@pytest.fixture
def site(polku):  # type: ignore[no-untyped-def]
    org = OrganisationFactory(name="Kierrätys ry")
    return make_site(
        title="Puupaja Höylä",
        organisation=org,
        description="Huonekalujen kunnostusta.",
        seats=(10, 3),
    )


def test_a_repeated_catalogue_request_reuses_the_rendered_list(client, site):
    # Given the catalogue rendered once
    first, rendered = queries(client, URL, tag="woodwork")
    # when the same filters are asked again
    again, reused = queries(client, URL, tag="woodwork")
    # then the page is the same and the search, filters and cards are not run again
    assert main(again) == main(first)
    assert any("marketplace_worksite_tags" in sql for sql in rendered)
    assert not any("marketplace_worksite_tags" in sql for sql in reused)
    assert "Puupaja Höylä" in again


def test_publishing_a_change_shows_at_once(client, site):
    queries(client, URL)
    # When the site's new description is published through a revision
    site.description = "Pyöräkorjaamo ja huonekalut."
    site.save_revision().publish()
    # then the catalogue and the site page show it
    html, _ = queries(client, URL)
    assert "Pyöräkorjaamo ja huonekalut." in html
    page, _ = queries(client, site.url)
    assert "Pyöräkorjaamo ja huonekalut." in page


def test_a_new_or_unpublished_site_shows_at_once(client, site):
    assert "Puupaja Höylä" in queries(client, URL)[0]
    make_site(title="Kahvila Kulma", tags=("cafe",))
    html, _ = queries(client, URL)
    assert "Kahvila Kulma" in html
    site.unpublish()
    html, _ = queries(client, URL)
    assert "Puupaja Höylä" not in html
    assert "Kahvila Kulma" in html


def test_a_seat_taken_by_an_agreement_shows_at_once(client, site, clock):
    clock.set(dt.date(2026, 1, 5))
    # Given the catalogue and the site page showing 3 free seats of 10
    assert "3 of 10" in queries(client, URL)[0]
    assert "3 free of 10" in queries(client, site.url)[0]
    instructor = make_user(roles.INSTRUCTOR, organisation=site.organisation)
    person = make_client(instructor=instructor)
    placement = placement_svc.placement_suggest(
        actor=instructor, client=person, site=site
    )
    placement = placement_svc.placement_book_visit(
        actor=instructor,
        placement=placement,
        visit_at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC),
    )
    # when an agreement takes a seat (a conditional UPDATE, not a save)
    placement_svc.placement_agree(
        actor=instructor,
        placement=placement,
        start_date=dt.date(2026, 1, 12),
        days_per_week=3,
        hours_per_day=5,
        tasks="Puutyöt",
    )
    # then both pages show 2 free seats
    assert "2 of 10" in queries(client, URL)[0]
    assert "2 free of 10" in queries(client, site.url)[0]


def test_a_seat_update_by_the_supervisor_shows_at_once(client, site):
    supervisor = make_user(roles.SUPERVISOR, organisation=site.organisation)
    assert "3 free of 10" in queries(client, site.url)[0]
    site_seats_update(user=supervisor, site=site, seats_total=12, seats_free=7)
    assert "7 free of 12" in queries(client, site.url)[0]


def test_each_language_has_its_own_rendering(client, site):
    fi = client.get(URL, HTTP_ACCEPT_LANGUAGE="fi").content.decode()
    sv = client.get(URL, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    # the filter headings, inside the cached part, are in each page's language
    assert "Hae ja rajaa" in fi and "Sök och filtrera" not in fi
    assert "Sök och filtrera" in sv and "Hae ja rajaa" not in sv


def test_the_seat_link_is_only_in_the_supervisors_rendering(client, site):
    link = reverse("seats_update", args=[site.pk])
    assert link not in queries(client, site.url)[0]
    supervisor = make_user(roles.SUPERVISOR, organisation=site.organisation)
    client.force_login(supervisor)
    assert link in queries(client, site.url)[0]
    client.logout()
    assert link not in queries(client, site.url)[0]


def test_a_repeated_site_page_request_reuses_the_rendered_page(client, site):
    first, rendered = queries(client, site.url)
    again, reused = queries(client, site.url)
    assert main(again) == main(first)
    assert any("marketplace_learningunit" in sql for sql in rendered)
    assert not any("marketplace_learningunit" in sql for sql in reused)


def test_a_saved_draft_does_not_change_the_public_page(client, site):
    """Only publishing changes what visitors see; the cached page stays right."""
    from django.core.cache import cache

    cache.clear()
    site.description = "Luonnos, ei julkaistu."
    site.save_revision()  # a draft: the live page is unchanged
    html, _ = queries(client, site.url)
    assert "Luonnos, ei julkaistu." not in html
    assert "Huonekalujen kunnostusta." in html
