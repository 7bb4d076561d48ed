"""Documents and e-mails as people meet them: an instructor books a visit in the
browser and the client and the supervisor get it by e-mail with a calendar file;
the instructor opens the agreement, downloads its PDF (which reads back with the
client's goals in order and the dates) and marks it signed; the client reads their
own; the e-mail settings page. Every page axe-clean and usable at 390 px."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.utils import timezone, translation
from pypdf import PdfReader

from marketplace.access import roles
from marketplace.clients.services import placements as psvc
from marketplace.shared import vocabularies
from tests.factories.accounts import (
    MunicipalityFactory,
    OrganisationFactory,
    make_user,
)
from tests.factories.clients import make_client
from tests.factories.sites import make_site
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser
GOALS = ["own_product", "studies", "life_management"]


def with_address(user, **fields):  # type: ignore[no-untyped-def]
    user.email = f"{user.username}@example.org"
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


@pytest.fixture
def people(polku):  # type: ignore[no-untyped-def]
    county = OrganisationFactory(kind="wellbeing_county", name="Testin hyvinvointialue")
    lahti = MunicipalityFactory(code="398", name="Lahti", region=county.region)
    unit = OrganisationFactory(region=county.region, name="Kierrätys ry")
    instructor = with_address(
        make_user(roles.INSTRUCTOR, organisation=county, username="ohjaaja"),
        first_name="Sanna",
        last_name="Ohjaaja",
    )
    client_user = with_address(make_user(roles.CLIENT, username="aino"))
    site = make_site(
        title="Puupaja Höylä",
        organisation=unit,
        municipality=lahti,
        seats=(5, 2),
        days_min=1,
        days_max=4,
        hours_min=4,
        hours_max=6,
    )
    person = make_client(
        instructor=instructor,
        name="Aino Oma",
        user=client_user,
        municipality=lahti,
        goals=GOALS,
    )
    return {
        "instructor": instructor,
        "client_user": client_user,
        "supervisor": with_address(
            make_user(roles.SUPERVISOR, organisation=unit, username="tuomas")
        ),
        "site": site,
        "person": person,
    }


def fits_390(page) -> bool:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 390, "height": 844})
    fits = page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth"
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    return bool(fits)


def test_a_visit_booked_in_the_browser_reaches_the_client_and_the_supervisor(
    page, live_server, people, clock
):
    clock.set(dt.date(2030, 3, 1))  # the visit is booked three days ahead
    person, site = people["person"], people["site"]
    psvc.placement_suggest(actor=people["instructor"], client=person, site=site)
    log_in(page, people["instructor"])
    page.goto(f"/oma/asiakkaat/{person.pk}/")
    mail.outbox.clear()

    with page.expect_navigation():
        page.locator("#placements a[href$='/visit/']").click()
    page.locator("#id_visit_at").fill("2030-03-04T11:30")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    told = {m.to[0]: m for m in mail.outbox}
    assert set(told) == {"aino@example.org", "tuomas@example.org"}
    for message in told.values():
        ((name, data, mimetype),) = message.attachments
        assert (name, mimetype) == ("kaynti.ics", "text/calendar")
        assert "DTSTART:20300304T093000Z" in data
        assert "Puupaja Höylä" in message.body
    assert "Aino" not in told["tuomas@example.org"].body
    # and the page offers the same calendar file
    link = page.locator("a[href$='/kaynti.ics']")
    with page.expect_download() as download:
        link.click()
    assert "DTSTART:20300304T093000Z" in open(download.value.path()).read()


def test_the_agreement_prints_to_a_pdf_that_reads_back(
    page, live_server, people, axe, shot
):
    person, site = people["person"], people["site"]
    p = psvc.placement_suggest(actor=people["instructor"], client=person, site=site)
    p = psvc.placement_book_visit(
        actor=people["instructor"],
        placement=p,
        visit_at=timezone.now(),
    )
    start = timezone.localdate()
    psvc.placement_agree(
        actor=people["instructor"],
        placement=p,
        start_date=start,
        days_per_week=3,
        hours_per_day=5,
        tasks="Puutyöt ja kokoonpano",
    )
    log_in(page, people["instructor"])
    page.goto(f"/oma/asiakkaat/{person.pk}/")

    with page.expect_navigation():
        page.get_by_role("link", name="Sopimus ja asiakassuunnitelma").click()

    assert page.locator("h1").inner_text() == "Työtoimintasopimus ja asiakassuunnitelma"
    assert axe(page) == []
    assert fits_390(page)
    shot(page, "agreement")
    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa PDF-tiedostona").click()
    assert download.value.suggested_filename == f"sopimus-{start:%Y-%m-%d}.pdf"
    with open(download.value.path(), "rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    text = "\n".join(page_.extract_text() for page_ in reader.pages)
    with translation.override("fi"):
        labels = [vocabularies.label("goal", g) for g in GOALS]
    assert [text.index(label) for label in labels] == sorted(
        text.index(label) for label in labels
    )
    end = p.__class__.objects.get(pk=p.pk).planned_end
    for day in (start, end, end - dt.timedelta(days=14)):
        assert f"{day.day}.{day.month}.{day.year}" in text
    assert "Puupaja Höylä" in text and "Aino Oma" in text

    # when the instructor marks it signed today
    page.locator("#id_signed_on").fill(start.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Tallenna allekirjoituspäivä").click()
    assert "Sopimus on merkitty allekirjoitetuksi." in page.content()
    assert axe(page) == []


def test_the_client_reads_their_own_agreement_and_chooses_their_e_mails(
    page, live_server, people, axe
):
    person, site = people["person"], people["site"]
    p = psvc.placement_suggest(actor=people["instructor"], client=person, site=site)
    p = psvc.placement_book_visit(
        actor=people["instructor"], placement=p, visit_at=timezone.now()
    )
    psvc.placement_agree(
        actor=people["instructor"],
        placement=p,
        start_date=timezone.localdate(),
        days_per_week=2,
        hours_per_day=4,
        tasks="Puutyöt",
    )
    log_in(page, people["client_user"])
    page.goto("/oma/minun/")

    with page.expect_navigation():
        page.get_by_role(
            "link", name="Sopimuksesi ja suunnitelmasi (tulostettava)"
        ).click()
    assert axe(page) == [] and fits_390(page)
    assert page.locator("#id_signed_on").count() == 0

    page.goto("/oma/tili/")
    with page.expect_navigation():
        page.get_by_role(
            "link", name="Valitse, mitä sähköposteja saat ja millä kielellä"
        ).click()
    assert axe(page) == [] and fits_390(page)
    page.get_by_label("Työtoiminnasta tehdään sopimus").uncheck()
    page.get_by_label("Svenska").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Tallenna").click()
    people["client_user"].refresh_from_db()
    assert people["client_user"].language == "sv"
    assert people["client_user"].notifications_off == ["agreement_made"]


def test_the_password_reset_pages_are_clean_and_fit(page, live_server, people, axe):
    import re

    page.goto("/kirjaudu/")
    with page.expect_navigation():
        page.get_by_role("link", name="Unohditko salasanasi?").click()
    assert axe(page) == [] and fits_390(page)
    mail.outbox.clear()
    page.get_by_label("Sähköpostiosoitteesi").fill("aino@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Lähetä linkki").click()
    assert page.locator("h1").inner_text() == "Katso sähköpostisi"
    assert axe(page) == []

    (message,) = mail.outbox
    link = re.search(r"http://testserver(/kirjaudu/uusi-salasana/\S+)", message.body)
    page.goto(link[1])
    assert page.locator("h1").inner_text() == "Aseta uusi salasana"
    assert axe(page) == [] and fits_390(page)
    for field in ("#id_new_password1", "#id_new_password2"):
        page.locator(field).fill("Uusi-salasana-2030!")
    with page.expect_navigation():
        page.get_by_role("button", name="Tallenna uusi salasana").click()
    assert page.locator("h1").inner_text() == "Salasanasi on vaihdettu"
    assert axe(page) == [] and fits_390(page)
