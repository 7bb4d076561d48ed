"""E-mails of a cancelled visit and of the network plan, as people meet them: an
instructor cancels a booked visit in the browser and the client and the site's
supervisor are told, with a calendar file that removes it; a supervisor told of a
network task due soon follows the e-mail's link to their task list, and chooses
their e-mails on a page that lists the network tasks. Axe-clean and 390 px wide."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone

from marketplace.access import roles
from marketplace.clients.services import placements as psvc
from marketplace.network import services as network
from marketplace.network.reminders import network_reminders_send
from tests.factories.accounts import MunicipalityFactory, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser
VISIT = dt.datetime(2030, 3, 4, 9, 30, tzinfo=dt.UTC)


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
    )
    client_user = with_address(make_user(roles.CLIENT, username="aino"))
    site = make_site(title="Puupaja Höylä", organisation=unit, municipality=lahti)
    person = make_client(
        instructor=instructor, name="Aino Oma", user=client_user, municipality=lahti
    )
    supervisor = with_address(
        make_user(roles.SUPERVISOR, organisation=unit, username="tuomas")
    )
    return {
        "instructor": instructor,
        "client_user": client_user,
        "supervisor": supervisor,
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


def test_a_visit_cancelled_in_the_browser_is_told_with_a_calendar_cancellation(
    page, live_server, people, axe, clock
):
    clock.set(VISIT.date() - dt.timedelta(days=3))  # the visit is booked ahead
    person, site = people["person"], people["site"]
    placement = psvc.placement_suggest(
        actor=people["instructor"], client=person, site=site
    )
    psvc.placement_book_visit(
        actor=people["instructor"], placement=placement, visit_at=VISIT
    )
    mail.outbox.clear()
    log_in(page, people["instructor"])
    page.goto(f"/oma/asiakkaat/{person.pk}/")

    with page.expect_navigation():
        page.get_by_role("link", name="Ei johtanut sopimukseen").click()
    assert axe(page) == [] and fits_390(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()

    told = {m.to[0]: m for m in mail.outbox}
    assert set(told) == {"aino@example.org", "tuomas@example.org"}
    assert told["aino@example.org"].subject == (
        "Käyntisi paikkaan Puupaja Höylä on peruttu"
    )
    for message in told.values():
        ((name, data, mimetype),) = message.attachments
        assert (name, mimetype) == ("kaynti.ics", "text/calendar")
        assert "METHOD:CANCEL" in data and "STATUS:CANCELLED" in data
    assert "Aino" not in told["tuomas@example.org"].body


def test_a_supervisor_follows_the_reminder_of_a_network_task_to_their_list(
    page, live_server, people, axe, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    meeting = network.network_meeting_record(
        actor=people["instructor"],
        client=people["person"],
        kind="start",
        date=today - dt.timedelta(days=20),
        starting_point="Olen ollut kotona.",
        goals="Haluan oppia puutöitä.",
        participants=[
            network.ActorInput(role="Sosiaaliohjaaja", user=people["instructor"]),
            network.ActorInput(
                role="Työnohjaaja",
                organisation="Kierrätys ry",
                user=people["supervisor"],
            ),
        ],
        coordinator_index=0,
        next_meeting=today + dt.timedelta(days=70),
        client_agreed=True,
    )
    network.network_task_add(
        actor=people["instructor"],
        meeting=meeting,
        task_actor=meeting.participants.get(role="Työnohjaaja"),
        description="Näyttää verstaan koneet",
        due=today + dt.timedelta(days=2),
    )
    with django_capture_on_commit_callbacks(execute=True):
        network_reminders_send(today=today)
    (message,) = mail.outbox
    assert "Näyttää verstaan koneet" not in message.body
    link = re.search(r"https?://\S+/oma/verkostotehtavat/", message.body)
    assert link is not None
    log_in(page, people["supervisor"])

    page.goto(link.group(0).split("/oma/", 1)[1].join(["/oma/", ""]))

    assert page.get_by_text("Näyttää verstaan koneet").count() == 1
    assert axe(page) == [] and fits_390(page)
    page.goto("/oma/tili/ilmoitukset/")
    choice = page.get_by_label(
        "Asiakkaan verkostosuunnitelmassa sinulle sovitun tehtävän määräpäivä "
        "lähestyy tai on mennyt"
    )
    assert choice.is_checked()
    assert axe(page) == [] and fits_390(page)
