"""The instructor's client page shows the client's recorded competence and their
network plan's open tasks with a link to the plan, for the client's own worker
only; the page logs the read of the record and, when shown, of the competence and
of the network plan (clients/reads.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from marketplace.access import roles
from marketplace.competence import services as competence
from marketplace.models import AccessLogEntry, NetworkTask
from marketplace.network import services as network
from tests.factories.accounts import make_user


def recorded(school: dict[str, Any]) -> None:
    today = timezone.localdate()
    for unit, parts, level in (
        (0, "Työturvallisuus\nMittaaminen", "shown"),
        (1, "Maalaus", "worked_on"),
    ):
        competence.competence_record_add(
            actor=school["supervisor"],
            placement=school["placement"],
            unit=school["units"][unit],
            parts=parts,
            level=level,
            start=school["start"],
            end=today - dt.timedelta(days=1),
            tasks="Hyllyjen kokoaminen ja hionta.",
        )


def planned(school: dict[str, Any]) -> None:
    today = timezone.localdate()
    meeting = network.network_meeting_record(
        actor=school["instructor"],
        client=school["person"],
        kind="start",
        date=today - dt.timedelta(days=30),
        starting_point="Olen ollut kotona.",
        goals="Haluan oppia puutöitä.",
        participants=[
            network.ActorInput(role="Sosiaaliohjaaja", organisation="Hyvinvointialue"),
            network.ActorInput(role="Työvalmentaja", organisation="Työllisyyspalvelut"),
            network.ActorInput(role=network.CLIENT_ROLE, is_client=True),
        ],
        coordinator_index=0,
        next_meeting=today + dt.timedelta(days=60),
        client_agreed=True,
    )
    actors = {a.role: a for a in meeting.participants.all()}
    for role, text, days in (
        ("Työvalmentaja", "Selvittää puualan koulutukset", -2),
        (network.CLIENT_ROLE, "Käy tutustumassa oppilaitokseen", 20),
        ("Sosiaaliohjaaja", "Hakee Kelan kuntoutusta", 10),
    ):
        network.network_task_add(
            actor=school["instructor"],
            meeting=meeting,
            task_actor=actors[role],
            description=text,
            due=meeting.date + dt.timedelta(days=30 + days),
        )
    NetworkTask.objects.filter(description="Hakee Kelan kuntoutusta").update(
        status="done"
    )


def test_the_own_worker_sees_competence_and_open_tasks_and_the_read_is_logged(
    client, school
):
    recorded(school)
    planned(school)
    client.force_login(school["instructor"])
    before = set(AccessLogEntry.objects.values_list("pk", flat=True))

    response = client.get(f"/oma/asiakkaat/{school['person'].pk}/")

    html = response.content.decode()
    competence_part = html[html.index('id="competence"') : html.index('id="network"')]
    assert (
        "Puusepän perustyöt" in competence_part and "Pintakäsittely" in competence_part
    )
    assert "Työturvallisuus; Mittaaminen" in competence_part
    assert "osoitettu käytännössä" in competence_part  # shown, in Finnish
    assert "Paula Pajamestari" in competence_part
    network_part = html[html.index('id="network"') :]
    assert "Selvittää puualan koulutukset" in network_part
    assert "Käy tutustumassa oppilaitokseen" in network_part
    assert "Hakee Kelan kuntoutusta" not in network_part  # done: not open
    assert network_part.count('class="badge"') == 1  # the overdue one
    assert f'href="/oma/asiakkaat/{school["person"].pk}/verkosto/"' in network_part
    entries = AccessLogEntry.objects.exclude(pk__in=before)
    assert sorted(
        entries.values_list("actor", "client", "action", "subject", "purpose")
    ) == [
        (school["instructor"].pk, school["person"].pk, "view", subject, "own_worker")
        for subject in ("competence", "network", "record")
    ]


def test_a_colleague_opening_with_a_purpose_sees_neither(client, school):
    recorded(school)
    planned(school)
    colleague = make_user(
        roles.INSTRUCTOR, organisation=school["instructor"].organisation
    )
    client.force_login(colleague)
    url = f"/oma/asiakkaat/{school['person'].pk}/"
    client.post(f"{url}peruste/", {"purpose": "substitute"})

    html = client.get(url).content.decode()

    assert "Aino Oma" in html
    assert 'id="competence"' not in html and 'id="network"' not in html
    assert "Selvittää puualan koulutukset" not in html
    entries = AccessLogEntry.objects.filter(actor=colleague, client=school["person"])
    assert list(entries.values_list("action", "subject", "purpose")) == [
        ("view", "record", "substitute")
    ]


def test_without_records_or_plan_the_page_says_so_and_offers_the_first_meeting(
    client, school
):
    client.force_login(school["instructor"])

    html = client.get(f"/oma/asiakkaat/{school['person'].pk}/").content.decode()

    assert "Asiakkaalle ei ole vielä kirjattu osaamista." in html
    assert f'href="/oma/asiakkaat/{school["person"].pk}/verkosto/tapaaminen/"' in html
    # nothing of the competence or the plan was shown: only the record's read
    entries = AccessLogEntry.objects.filter(actor=school["instructor"])
    assert list(entries.values_list("subject", flat=True)) == ["record"]


def test_outside_a_view_that_logs_reads_the_tags_show_nothing(rf, school):
    from django.template import Context, Template

    recorded(school)
    planned(school)
    request = rf.get("/")
    request.user = school["instructor"]
    template = Template(
        "{% load plan_tags %}{% client_competence client %}{% client_network client %}"
    )

    html = template.render(Context({"request": request, "client": school["person"]}))

    assert html.strip() == ""
    assert not AccessLogEntry.objects.filter(action="view").exists()
