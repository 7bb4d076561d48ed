"""Competence at work and the network plan in a real browser, axe clean, also at
390 px: a supervisor records two learning units for a participant and the client
downloads the certificate; an instructor records a network meeting with three
actors' tasks and, at the three-month review, what was done and the next step."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from marketplace.access import roles
from marketplace.competence import services as competence
from marketplace.models import Placement, PlacementPeriod
from marketplace.network import services as network
from tests.factories.accounts import MunicipalityFactory, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def fits(page: Any) -> bool:
    return (
        page.evaluate("document.documentElement.scrollWidth")
        <= page.viewport_size["width"]
    )


@pytest.fixture
def people(polku: Any) -> dict[str, Any]:
    town = MunicipalityFactory(code="398", name="Lahti", lat=60.98, lon=25.66)
    unit = OrganisationFactory(name="Puupaja ry", region=town.region)
    county = OrganisationFactory(kind="wellbeing_county", region=town.region)
    site = make_site(
        title="Puupaja Höylä",
        organisation=unit,
        municipality=town,
        learning_units=("Puusepän perustyöt", "Pintakäsittely"),
    )
    supervisor = make_user(roles.SUPERVISOR, organisation=unit, username="paula")
    instructor = make_user(roles.INSTRUCTOR, organisation=county, username="sanna")
    client_user = make_user(roles.CLIENT, username="aino")
    person = make_client(
        instructor=instructor, name="Aino Oma", user=client_user, municipality=town
    )
    start = timezone.localdate() - dt.timedelta(days=92)
    placement = Placement.objects.create(
        client=person, site=site, status=Placement.Status.ACTIVE, start_date=start
    )
    PlacementPeriod.objects.create(placement=placement, start=start)
    return {
        "site": site,
        "supervisor": supervisor,
        "instructor": instructor,
        "client_user": client_user,
        "person": person,
        "start": start,
    }


def record_unit(page: Any, unit: str, parts: str, level: str, start: dt.date) -> None:
    form = page.locator("main form.narrow-form")
    form.locator("[name=unit]").select_option(label=unit)
    form.locator("[name=parts]").fill(parts)
    form.locator(f"[name=level][value={level}]").check()
    form.locator("[name=start]").fill(start.isoformat())
    form.locator("[name=end]").fill(timezone.localdate().isoformat())
    form.locator("[name=tasks]").fill("Hyllyjen kokoaminen ja pintojen hionta.")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_a_supervisor_records_two_units_and_the_client_downloads_the_certificate(
    page, people, axe, shot
):
    # Given the supervisor on their site's competence page
    log_in(page, people["supervisor"])
    page.goto(f"/oma/paikat/{people['site'].pk}/osaaminen/")
    assert axe(page) == []
    page.set_viewport_size(PHONE)
    assert fits(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_navigation():
        page.get_by_role("link", name="Aino Oma").click()
    # when they record two units for the participant
    record_unit(
        page,
        "Puusepän perustyöt",
        "Työturvallisuus\nMittaaminen",
        "shown",
        people["start"],
    )
    record_unit(page, "Pintakäsittely", "Maalaus", "worked_on", people["start"])
    # then both are listed, and the page is clean and fits a phone
    rows = page.locator("main table tbody th").all_inner_texts()
    assert sorted(rows) == ["Pintakäsittely", "Puusepän perustyöt"]
    assert axe(page) == []
    page.set_viewport_size(PHONE)
    assert fits(page)
    shot(page, "competence-participant-390")
    # and the client sees them on their own page in plain Finnish
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, people["client_user"])
    page.goto("/oma/minun/")
    section = page.locator("#my-competence").locator("xpath=..")
    text = section.inner_text()
    assert "Puusepän perustyöt" in text and "olet näyttänyt, että osaat tämän" in text
    assert axe(page) == []
    with page.expect_navigation():
        section.get_by_role("link", name="Osaamistodistuksesi").click()
    assert "Polku ei myönnä tutkintoja." in page.locator("main").inner_text()
    assert axe(page) == []
    page.set_viewport_size(PHONE)
    assert fits(page)
    shot(page, "competence-certificate-390")
    # and downloads the certificate as a PDF that names the units and the site
    with page.expect_download() as download:
        page.get_by_role("link", name="Lataa PDF-tiedostona").click()
    data = open(download.value.path(), "rb").read()
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    for words in (
        "Osaamistodistus",
        "Puusepän perustyöt",
        "Pintakäsittely",
        "Puupaja Höylä",
    ):
        assert words in text


def meeting(page: Any, kind: str, date: dt.date, rows: list[tuple[str, str]]) -> None:
    form = page.locator("main form")
    form.locator(f"[name=kind][value={kind}]").check()
    form.locator("[name=date]").fill(date.isoformat())
    form.locator("[name=starting_point]").fill("Olen ollut pitkään kotona.")
    form.locator("[name=goals]").fill("Haluan opiskella puualaa.")
    for i, (role, organisation) in enumerate(rows):
        form.locator(f"[name=p-{i}-role]").fill(role)
        form.locator(f"[name=p-{i}-organisation]").fill(organisation)
    form.locator("[name=p-0-coordinates]").check()
    form.locator("[name=client_agreed]").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


ACTORS = [
    ("Asiakaskoordinaattori", "Sosiaalipalvelut"),
    ("Työvalmentaja", "Työllisyyspalvelut"),
    ("Terveydenhoitaja", "Terveysasema"),
]
TASKS = [
    ("Asiakaskoordinaattori, Sosiaalipalvelut", "Kutsuu seuraavan tapaamisen"),
    ("Työvalmentaja, Työllisyyspalvelut", "Selvittää puualan koulutukset"),
    ("Terveydenhoitaja, Terveysasema", "Varaa terveystarkastuksen"),
]


def test_an_instructor_records_the_network_and_the_three_month_review(
    page, people, axe, shot
):
    log_in(page, people["instructor"])
    page.goto(f"/oma/asiakkaat/{people['person'].pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Verkostosuunnitelma", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="Kirjaa verkostotapaaminen").click()
    assert axe(page) == []
    # the starting meeting three months ago, with three actors and the client
    started = people["start"]
    meeting(page, "start", started, ACTORS)
    for actor, task in TASKS:
        form = page.locator("main form.narrow-form")
        form.locator("[name=actor]").select_option(label=actor)
        form.locator("[name=description]").fill(task)
        form.locator("[name=due]").fill((started + dt.timedelta(days=60)).isoformat())
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
    assert page.locator("#meeting-tasks").count() == 1
    assert axe(page) == []
    # the review at three months
    page.goto(f"/oma/asiakkaat/{people['person'].pk}/verkosto/tapaaminen/")
    meeting(page, "review", timezone.localdate(), ACTORS[:2])
    page.goto(f"/oma/asiakkaat/{people['person'].pk}/verkosto/")
    with page.expect_navigation():
        page.locator(".meeting").last.get_by_role(
            "link", name="Arvioi tehtävät ja jatkosuunnitelma"
        ).click()
    fieldsets = page.locator("fieldset.task-review")
    assert fieldsets.count() == 3
    for i, (status, outcome) in enumerate(
        [("done", "Kutsuttu"), ("done", "Kolme vaihtoehtoa"), ("open", "Aika varattu")]
    ):
        fieldsets.nth(i).locator("select").select_option(status)
        fieldsets.nth(i).locator("input[type=text]").fill(outcome)
    form = page.locator("main form")
    form.locator("[name=next_step]").select_option("work_trial")
    form.locator("[name=next_step_note]").fill("Työkokeilu puusepänliikkeessä")
    form.locator("[name=placement_change][value=hold]").check()
    form.locator("[name=placement]").select_option(label="Puupaja Höylä")
    form.locator("[name=exit_reason]").select_option("work_trial")
    form.locator("[name=hold_weeks]").fill("8")
    assert axe(page) == []
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    # the plan shows what was done and the next step
    main = page.locator("main").inner_text()
    assert "Kolme vaihtoehtoa" in main and "Työkokeilu puusepänliikkeessä" in main
    assert "Työkokeilu" in page.locator(".next-step").last.inner_text()
    assert axe(page) == []
    page.set_viewport_size(PHONE)
    assert fits(page)
    assert axe(page) == []
    shot(page, "network-plan-390")
    assert Placement.objects.get(client=people["person"]).status == "held"


def recorded_and_planned(people: dict[str, Any]) -> None:
    """Two learning units recorded and a starting meeting with three actors' tasks."""
    today = timezone.localdate()
    placement = Placement.objects.get(client=people["person"])
    for unit, parts in zip(
        people["site"].learning_units.order_by("sort_order"),
        ("Työturvallisuus\nMittaaminen", "Maalaus"),
        strict=True,
    ):
        competence.competence_record_add(
            actor=people["supervisor"],
            placement=placement,
            unit=unit,
            parts=parts,
            level="shown",
            start=people["start"],
            end=today,
            tasks="Hyllyjen kokoaminen ja pintojen hionta.",
        )
    started = network.network_meeting_record(
        actor=people["instructor"],
        client=people["person"],
        kind="start",
        date=people["start"],
        starting_point="Olen ollut pitkään kotona.",
        goals="Haluan opiskella puualaa.",
        participants=[
            network.ActorInput(
                role=r, organisation=o, user=people["instructor"] if i == 0 else None
            )
            for i, (r, o) in enumerate(ACTORS)
        ],
        coordinator_index=0,
        next_meeting=today + dt.timedelta(days=14),
        client_agreed=True,
    )
    actors = {f"{a.role}, {a.organisation}": a for a in started.participants.all()}
    for days, (actor, task) in zip((60, 95, 100), TASKS, strict=True):
        network.network_task_add(
            actor=people["instructor"],
            meeting=started,
            task_actor=actors[actor],
            description=task,
            due=people["start"] + dt.timedelta(days=days),
        )


def test_the_instructor_sees_the_clients_competence_and_open_tasks(
    page, people, axe, shot
):
    # Given two recorded units and a network plan with three open tasks
    recorded_and_planned(people)
    # when the client's own worker opens the client's page
    log_in(page, people["instructor"])
    page.goto(f"/oma/asiakkaat/{people['person'].pk}/")
    # then the units and the open tasks are there, one task marked overdue
    competence_text = page.locator("#competence").inner_text()
    assert "Puusepän perustyöt" in competence_text
    assert "Pintakäsittely" in competence_text
    assert "Työturvallisuus; Mittaaminen" in competence_text
    tasks = page.locator("#network .task-list li")
    assert tasks.count() == 3
    assert "myöhässä" in tasks.first.inner_text().lower()
    assert axe(page) == []
    # and the page is clean and fits a phone
    page.set_viewport_size(PHONE)
    assert fits(page)
    assert axe(page) == []
    shot(page, "client-page-competence-network-390")
    with page.expect_navigation():
        page.get_by_role("link", name="Koko verkostosuunnitelma").click()
    assert "Selvittää puualan koulutukset" in page.locator("main").inner_text()
    # the instructor's own open tasks across clients, also on a phone
    page.goto("/oma/verkostotehtavat/")
    assert "Kutsuu seuraavan tapaamisen" in page.locator("main").inner_text()
    assert fits(page)
    assert axe(page) == []
