"""The placement path in a real browser: an instructor walks a client from a booked
visit to an active placement, a work-trial exit with a held seat and the return; the
client then logs in and reads it on their own page in plain Finnish."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from marketplace.access import roles
from marketplace.models import Placement, SiteCapacity
from tests.factories.accounts import MunicipalityFactory, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser


def step(page, action: str, fields: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Click the placement's link for ``action``, fill its form and save."""
    with page.expect_navigation():
        page.locator(f"#placements a[href$='/{action}/']").click()
    for selector, value in fields.items():
        control = page.locator(selector)
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator(".messages, [role=status]").first.is_visible()


@pytest.fixture
def journey(polku):  # type: ignore[no-untyped-def]
    county = OrganisationFactory(kind="wellbeing_county", name="Testin hyvinvointialue")
    lahti = MunicipalityFactory(
        code="398", name="Lahti", region=county.region, lat=60.98, lon=25.66
    )
    instructor = make_user(roles.INSTRUCTOR, organisation=county, username="ohjaaja")
    instructor.first_name, instructor.last_name = "Sanna", "Ohjaaja"
    instructor.save()
    site = make_site(
        title="Puupaja Höylä",
        organisation=OrganisationFactory(region=county.region, name="Kierrätys ry"),
        municipality=lahti,
        seats=(5, 2),
    )
    client_user = make_user(roles.CLIENT, username="aino")
    person = make_client(
        instructor=instructor, name="Aino Oma", user=client_user, municipality=lahti
    )
    return {
        "instructor": instructor,
        "site": site,
        "client_user": client_user,
        "person": person,
    }


def free_seats(site) -> int:  # type: ignore[no-untyped-def]
    return SiteCapacity.objects.get(site=site).seats_free


def test_instructor_walks_a_client_to_a_held_return_and_the_client_reads_it(
    page, browser, live_server, journey, shot, axe, clock
):
    today = timezone.localdate()
    then = lambda days: clock.set(today + dt.timedelta(days=days))  # noqa: E731
    d = lambda days: (today + dt.timedelta(days=days)).isoformat()  # noqa: E731
    site, person = journey["site"], journey["person"]

    # Given the instructor on their client's page, ten weeks ago
    then(-70)
    log_in(page, journey["instructor"])
    page.goto(f"/oma/asiakkaat/{person.pk}/")
    assert page.locator("h1").inner_text() == "Aino Oma"
    # when they suggest Puupaja Höylä and book an introductory visit
    page.locator("#id_site").select_option(str(site.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Lisää ehdotukseksi").click()
    step(page, "visit", {"#id_visit_at": f"{d(-70)}T10:00"})
    # and record the agreement: 3 days a week, 5 hours a day, woodwork
    step(
        page,
        "agree",
        {
            "#id_start_date": d(-60),
            "#id_days_per_week": "3",
            "#id_hours_per_day": "5",
            "#id_tasks": "Puutyöt ja pihatyöt",
        },
    )
    # then agreeing took one of the two free seats
    assert free_seats(site) == 1
    then(-60)
    step(page, "activate", {"#id_start_date": d(-60)})
    placement = Placement.objects.get(client=person)
    assert placement.status == Placement.Status.ACTIVE
    shot(page, "journey-active")

    # when the client moves on to a work trial and the seat is held for 6 weeks
    then(-20)
    step(
        page,
        "hold",
        {"#id_end_date": d(-20), "#id_exit_reason": "work_trial", "#id_weeks": "6"},
    )
    placement.refresh_from_db()
    assert placement.status == Placement.Status.HELD
    # then the seat stays taken for the client, and the page says until when
    assert free_seats(site) == 1
    held_until = (today + dt.timedelta(days=-20 + 42)).strftime("%-d.%-m.%Y")
    assert held_until in page.locator("#placements").inner_text()

    # when the work trial does not work out and the client returns with one action
    then(-5)
    step(page, "return", {"#id_start_date": d(-5)})
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACTIVE
    assert free_seats(site) == 1
    # then the history shows both periods, the first ended by the work trial
    rows = page.locator("#placements table tbody tr").all_inner_texts()
    assert len(rows) == 2
    assert any("Työkokeilu" in row for row in rows)
    shot(page, "journey-returned")
    assert axe(page) == []

    # Given the client logging in on their own device, today
    then(0)
    context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    own = context.new_page()
    try:
        log_in(own, journey["client_user"])
        own.goto("/oma/minun/")
        assert urlparse(own.url).path == "/oma/minun/"
        text = own.locator("main").inner_text()
        # then they read where they are, how often, and the next review, in Finnish
        assert "Hei, Aino Oma" in text
        assert "Puupaja Höylä" in text
        assert "Käyt siellä 3 päivänä viikossa, 5 tuntia päivässä." in text
        assert re.search(r"Seuraava arviointitapaamisesi on viimeistään \d", text)
        # and both of their periods at the place, the first ending in a work trial
        assert "(sitten: Työkokeilu)" in text
        # and that their instructor has looked at their information
        viewers = own.locator(
            "section[aria-labelledby=who-viewed] .access-lines"
        ).inner_text()
        assert "Sanna" in viewers
        shot(own, "journey-client-own-page")
        assert axe(own) == []
        # and they cannot open the instructor's page of their own record
        response = own.goto(f"/oma/asiakkaat/{person.pk}/")
        assert response is not None and response.status == 403
    finally:
        context.close()
