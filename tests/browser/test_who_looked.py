"""A client who was listed, assessed, exported and opened by staff sees each of
those on "Kuka on katsonut tietojasi", in Finnish, on a phone too."""

from __future__ import annotations

import pytest
from django.utils import timezone

from marketplace.models import AccessLogEntry, AttendanceDay, SelfAssessment
from tests.security.login import browser_log_in as log_in
from tests.security.objects import realm_build

pytestmark = pytest.mark.browser


def test_the_client_sees_who_listed_assessed_exported_and_opened_them(
    page, polku, axe, shot
):
    # given a client of an instructor, placed at a supervisor's site
    realm = realm_build("selain", "984")
    person, site = realm["person"], realm["site"]
    for role, first, last in (
        ("instructor", "Maija", "Ohjaaja"),
        ("supervisor", "Pekka", "Pajala"),
    ):
        realm[role].first_name, realm[role].last_name = first, last
        realm[role].save()
    AttendanceDay.objects.create(
        placement=realm["placement"], date=timezone.localdate()
    )
    # when the instructor lists, opens and assesses the client and exports the days
    log_in(page, realm["instructor"])
    page.goto("/oma/asiakkaat/")
    with page.expect_navigation():
        page.get_by_role("link", name=person.name).first.click()
    page.goto(f"/oma/asiakkaat/{person.pk}/itsearvio/")
    for area in SelfAssessment.AREAS:
        page.locator(f"#id_{area}").fill("6")
    page.locator("#id_consent").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert SelfAssessment.objects.filter(client=person).exists()
    assert page.request.get(f"/oma/asiakkaat/{person.pk}/lasnaolo.csv").ok
    page.context.clear_cookies()
    # and the supervisor keeps the site's attendance
    log_in(page, realm["supervisor"])
    page.goto(f"/oma/paikat/{site.pk}/lasnaolo/")
    page.context.clear_cookies()
    # then the client sees each of them on their own page, in plain Finnish
    log_in(page, realm["client"])
    page.goto("/oma/minun/")
    section = page.locator("section[aria-labelledby=who-viewed]")
    text = section.inner_text()
    for words in (
        "Maija Ohjaaja, Sosiaaliohjaaja",
        "Näki sinut luettelossa",  # listed
        "Itsearviosi",  # assessed
        "Muutti",  # the assessment saved
        "Tallensi tiedostoon",  # exported
        "Katsoi",  # opened
        "Hän on oma työntekijäsi",
        "Pekka Pajala, Työnohjaaja",
        "Toimintapäivien kirjaaminen paikassasi",
    ):
        assert words in text, words
    for english in ("attendance", "list", "view", "export", "own_worker"):
        assert english not in text
    section.scroll_into_view_if_needed()
    shot(page, "who-looked-client")
    assert axe(page) == []
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "who-looked-client-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # and the log keeps every read
    assert AccessLogEntry.objects.filter(client=person).count() >= 6
