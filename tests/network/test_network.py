"""The network plan: a meeting with three actors' tasks, the staff actor's open
tasks (a page at a time), the three-month review with the next step (held return
through the placement services), the client's own view, and the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone, translation

from marketplace.access import roles
from marketplace.models import (
    AccessLogEntry,
    NetworkMeeting,
    NetworkTask,
    Placement,
    PlacementPeriod,
)
from marketplace.network import services
from marketplace.network.views import TASKS_PER_PAGE
from tests.factories.accounts import MunicipalityFactory, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def network(polku: Any) -> dict[str, Any]:
    town = MunicipalityFactory(code="398", name="Lahti")
    county = OrganisationFactory(kind="wellbeing_county", region=town.region)
    instructor = make_user(roles.INSTRUCTOR, organisation=county, username="sanna")
    coach = make_user(roles.INSTRUCTOR, organisation=county, username="valmentaja")
    client_user = make_user(roles.CLIENT, username="aino")
    person = make_client(
        instructor=instructor, name="Aino Oma", user=client_user, municipality=town
    )
    site = make_site(title="Puupaja", municipality=town)
    start = timezone.localdate() - dt.timedelta(days=90)
    placement = Placement.objects.create(
        client=person, site=site, status=Placement.Status.ACTIVE, start_date=start
    )
    PlacementPeriod.objects.create(placement=placement, start=start)
    return {
        "instructor": instructor,
        "coach": coach,
        "client_user": client_user,
        "person": person,
        "placement": placement,
    }


def start_meeting(n: dict[str, Any], **fields: Any) -> NetworkMeeting:
    values = {
        "kind": "start",
        "date": timezone.localdate() - dt.timedelta(days=90),
        "starting_point": "Olen ollut pitkään kotona.",
        "goals": "Haluan päästä opiskelemaan puualaa.",
        "participants": [
            services.ActorInput(role="Sosiaaliohjaaja", organisation="Hyvinvointialue"),
            services.ActorInput(
                role="Työvalmentaja", organisation="Työllisyyspalvelut", user=n["coach"]
            ),
            services.ActorInput(role="Terveydenhoitaja", organisation="Terveysasema"),
            services.ActorInput(role=services.CLIENT_ROLE, is_client=True),
        ],
        "coordinator_index": 0,
        "next_meeting": timezone.localdate(),
        "client_agreed": True,
    } | fields
    return services.network_meeting_record(
        actor=n["instructor"], client=n["person"], **values
    )


def three_tasks(n: dict[str, Any], meeting: NetworkMeeting) -> list[NetworkTask]:
    actors = {a.role: a for a in meeting.participants.all()}
    due = meeting.date + dt.timedelta(days=60)
    return [
        services.network_task_add(
            actor=n["instructor"],
            meeting=meeting,
            task_actor=actors[role],
            description=text,
            due=due,
        )
        for role, text in (
            ("Työvalmentaja", "Selvittää puualan koulutukset"),
            ("Terveydenhoitaja", "Varaa terveystarkastuksen"),
            (services.CLIENT_ROLE, "Käy tutustumassa oppilaitokseen"),
        )
    ]


def test_a_meeting_with_three_actors_tasks_and_the_review_with_the_next_step(
    client, network
):
    meeting = start_meeting(network)
    tasks = three_tasks(network, meeting)
    # the coach, who uses Polku, sees their open task across clients
    client.force_login(network["coach"])
    page = client.get("/oma/verkostotehtavat/").content.decode()
    assert "Selvittää puualan koulutukset" in page and "Aino Oma" in page
    assert "Varaa terveystarkastuksen" not in page
    # at about three months the review records what happened and the next step
    review = start_meeting(
        network, kind="review", date=timezone.localdate(), next_meeting=None
    )
    services.network_review_record(
        actor=network["instructor"],
        meeting=review,
        reviews=[
            services.TaskReview(tasks[0], "done", "Kolme vaihtoehtoa löytyi"),
            services.TaskReview(tasks[1], "done", ""),
            services.TaskReview(tasks[2], "open", "Käynti sovittu ensi viikolle"),
        ],
        next_step="work_trial",
        next_step_note="Työkokeilu puusepänliikkeessä",
        placement=network["placement"],
        placement_change="hold",
        exit_reason="work_trial",
        hold_weeks=8,
    )
    network["placement"].refresh_from_db()
    assert network["placement"].status == Placement.Status.HELD
    statuses = {t.description: t.status for t in NetworkTask.objects.all()}
    assert statuses["Selvittää puualan koulutukset"] == "done"
    assert statuses["Käy tutustumassa oppilaitokseen"] == "open"
    # the instructor's plan page shows what was done and the next step (logged)
    client.force_login(network["instructor"])
    page = client.get(f"/oma/asiakkaat/{network['person'].pk}/verkosto/")
    html = page.content.decode()
    assert (
        "Kolme vaihtoehtoa löytyi" in html and "Työkokeilu puusepänliikkeessä" in html
    )
    assert AccessLogEntry.objects.filter(
        actor=network["instructor"], action="view", subject="network"
    ).exists()
    # the client sees their plan and tasks on their own page
    client.force_login(network["client_user"])
    html = client.get("/oma/minun/").content.decode()
    assert "Haluan päästä opiskelemaan puualaa." in html
    assert "Käy tutustumassa oppilaitokseen" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"client_agreed": False}, "agrees"),
        ({"participants": []}, "at least one"),
        ({"coordinator_index": 9}, "coordinates"),
        ({"next_meeting": dt.date(2000, 1, 1)}, "after this one"),
    ],
)
def test_a_meeting_that_breaks_a_rule_is_refused(network, fields, message):
    with (
        translation.override("en"),
        pytest.raises(services.NetworkError, match=message),
    ):
        start_meeting(network, **fields)
    assert not NetworkMeeting.objects.exists()


def test_only_the_clients_own_worker_records_and_reads_the_plan(client, network):
    colleague = make_user(roles.INSTRUCTOR, organisation=network["coach"].organisation)
    with pytest.raises(services.NetworkError):
        services.network_meeting_record(
            actor=colleague,
            client=network["person"],
            kind="start",
            date=TODAY,
            starting_point="x",
            goals="y",
            participants=[services.ActorInput(role="x")],
            coordinator_index=0,
            next_meeting=None,
            client_agreed=True,
        )
    client.force_login(colleague)
    assert (
        client.get(f"/oma/asiakkaat/{network['person'].pk}/verkosto/").status_code
        == 404
    )


def test_a_task_for_someone_outside_the_plan_or_due_before_the_meeting_is_refused(
    network,
):
    meeting = start_meeting(network)
    other = make_client(instructor=network["instructor"], name="Toinen")
    other_meeting = services.network_meeting_record(
        actor=network["instructor"],
        client=other,
        kind="start",
        date=TODAY,
        starting_point="x",
        goals="y",
        participants=[services.ActorInput(role="Ohjaaja")],
        coordinator_index=0,
        next_meeting=None,
        client_agreed=True,
    )
    stranger = other_meeting.participants.get()
    with pytest.raises(services.NetworkError):
        services.network_task_add(
            actor=network["instructor"],
            meeting=meeting,
            task_actor=stranger,
            description="x",
            due=meeting.date,
        )
    with pytest.raises(services.NetworkError):
        services.network_task_add(
            actor=network["instructor"],
            meeting=meeting,
            task_actor=meeting.coordinator,
            description="x",
            due=meeting.date - dt.timedelta(days=1),
        )


def test_the_meeting_form_records_participants_and_the_coordinator(client, network):
    client.force_login(network["instructor"])
    url = f"/oma/asiakkaat/{network['person'].pk}/verkosto/tapaaminen/"
    form = {
        "kind": "start",
        "date": "2026-01-15",
        "client_present": "on",
        "starting_point": "Alku",
        "goals": "Tavoite",
        "client_agreed": "on",
        "p-TOTAL_FORMS": "6",
        "p-INITIAL_FORMS": "0",
        "p-0-role": "Työvalmentaja",
        "p-0-organisation": "Työllisyyspalvelut",
        "p-0-coordinates": "on",
        "p-1-role": "Kelan asiantuntija",
        "p-1-organisation": "Kela",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = NetworkMeeting.objects.get()
    assert str(meeting.coordinator) == "Työvalmentaja, Työllisyyspalvelut"
    assert meeting.participants.count() == 3  # and the client
    # two coordinators is a form error, nothing saved
    form["p-1-coordinates"] = "on"
    response = client.post(url, form)
    assert response.status_code == 200
    assert NetworkMeeting.objects.count() == 1


# --- the staff actor's open tasks a page at a time ---------------------------------

TASKS_URL = "/oma/verkostotehtavat/"


def coach_tasks(n: dict[str, Any], count: int) -> None:
    """``count`` open tasks for the coach, one client per task, due a day apart."""
    meeting_date = timezone.localdate() - dt.timedelta(days=90)
    for i in range(count):
        person = make_client(instructor=n["instructor"], name=f"Asiakas {i:02d}")
        meeting = start_meeting(n | {"person": person})
        coach = meeting.participants.get(user=n["coach"])
        services.network_task_add(
            actor=n["instructor"],
            meeting=meeting,
            task_actor=coach,
            description=f"Tehtävä {i:02d}",
            due=meeting_date + dt.timedelta(days=count - i),
        )


def test_the_open_tasks_come_a_page_at_a_time_soonest_first(client, network):
    coach_tasks(network, TASKS_PER_PAGE + 2)
    client.force_login(network["coach"])
    last = f"Tehtävä {TASKS_PER_PAGE + 1:02d}"  # due soonest

    first = client.get(TASKS_URL).content.decode()
    second = client.get(TASKS_URL, {"page": 2}).content.decode()

    assert first.count("<li><strong>Tehtävä") == TASKS_PER_PAGE
    assert first.index(last) < first.index("Tehtävä 02")
    assert 'aria-label="Tulossivut"' in first and 'href="?page=2"' in first
    assert second.count("<li><strong>Tehtävä") == 2
    assert "Tehtävä 00" in second and "Tehtävä 01" in second
    assert "Tehtävä 00" not in first
    # a bad or too large page number shows a page, never an error
    assert client.get(TASKS_URL, {"page": "x"}).status_code == 200
    assert "Tehtävä 00" in client.get(TASKS_URL, {"page": 99}).content.decode()


def test_only_the_clients_on_the_task_page_shown_are_logged(client, network):
    coach_tasks(network, TASKS_PER_PAGE + 2)
    client.force_login(network["coach"])

    client.get(TASKS_URL, {"page": 2})

    read = AccessLogEntry.objects.filter(actor=network["coach"])
    shown = NetworkTask.objects.filter(description__in=["Tehtävä 00", "Tehtävä 01"])
    assert sorted(read.values_list("client", flat=True)) == sorted(
        t.plan.client_id for t in shown
    )
