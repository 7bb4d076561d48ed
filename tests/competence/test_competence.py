"""Competence at work: the supervisor records, the client reads and prints, the
rules hold, reads are logged, and the outcome figures count the clients."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from marketplace.access import roles
from marketplace.competence import services
from marketplace.models import AccessLogEntry, CompetenceRecord
from tests.factories.accounts import OrganisationFactory, make_user
from tests.factories.sites import make_site


def record(school: dict[str, Any], unit: int = 0, **fields: Any) -> CompetenceRecord:
    today = timezone.localdate()
    values = {
        "parts": "Työturvallisuus\nMittaaminen",
        "level": "shown",
        "start": school["start"],
        "end": today - dt.timedelta(days=1),
        "tasks": "Hyllyjen kokoaminen ja hionta.",
    } | fields
    return services.competence_record_add(
        actor=school["supervisor"],
        placement=school["placement"],
        unit=school["units"][unit],
        **values,
    )


def test_the_supervisor_records_through_the_form_and_the_read_is_logged(client, school):
    client.force_login(school["supervisor"])
    url = f"/oma/osaaminen/{school['placement'].pk}/"
    response = client.post(
        url,
        {
            "unit": school["units"][1].pk,
            "parts": "Maalaus\nLakkaus",
            "level": "worked_on",
            "start": school["start"].isoformat(),
            "end": timezone.localdate().isoformat(),
            "tasks": "Tuolien maalaus.",
        },
    )
    assert response.status_code == 302
    saved = CompetenceRecord.objects.get()
    assert saved.unit_name == "Pintakäsittely"
    assert saved.part_list() == ["Maalaus", "Lakkaus"]
    assert saved.recorded_by == school["supervisor"]
    client.get(url)
    actions = set(
        AccessLogEntry.objects.filter(client=school["person"]).values_list(
            "action", flat=True
        )
    )
    assert actions == {"edit", "view"}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"end": timezone.localdate() + dt.timedelta(days=1)}, "no future dates"),
        ({"start": timezone.localdate() - dt.timedelta(days=400)}, "time at the site"),
        (
            {
                "start": timezone.localdate(),
                "end": timezone.localdate() - dt.timedelta(days=2),
            },
            "before the start",
        ),
        ({"level": "mastered"}, "what was done"),
    ],
)
def test_a_record_that_breaks_a_rule_is_refused(school, fields, message):
    with (
        translation.override("en"),
        pytest.raises(services.CompetenceError, match=message),
    ):
        record(school, **fields)
    assert CompetenceRecord.objects.count() == 0


def test_another_sites_unit_or_another_organisations_supervisor_is_refused(school):
    other = make_site(title="Muu paja", learning_units=("Siivous",))
    with pytest.raises(services.CompetenceError):
        services.competence_record_add(
            actor=school["supervisor"],
            placement=school["placement"],
            unit=other.learning_units.get(),
            parts="x",
            level="shown",
            start=school["start"],
            end=timezone.localdate(),
            tasks="x",
        )
    stranger = make_user(roles.SUPERVISOR, organisation=OrganisationFactory())
    with pytest.raises(services.CompetenceError):
        services.competence_record_add(
            actor=stranger,
            placement=school["placement"],
            unit=school["units"][0],
            parts="x",
            level="shown",
            start=school["start"],
            end=timezone.localdate(),
            tasks="x",
        )


def test_the_client_sees_two_units_and_downloads_the_certificate(client, school):
    record(school, 0)
    record(school, 1, level="worked_on", parts="Maalaus")
    client.force_login(school["client_user"])
    page = client.get("/oma/minun/").content.decode()
    assert "Puusepän perustyöt" in page and "Pintakäsittely" in page
    url = f"/oma/minun/osaaminen/{school['placement'].pk}/todistus/"
    html = client.get(url).content.decode()
    for words in ("Puupaja Höylä", "Paula Pajamestari", "Polku ei myönnä tutkintoja"):
        assert words in html
    response = client.get(url.replace("todistus/", "todistus.pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    )
    for words in (
        "Osaamistodistus",
        "Puusepän perustyöt",
        "Pintakäsittely",
        "Paula Pajamestari",
    ):
        assert words in text
    # a client staff did not read: nothing in the access log for the client's reads
    assert not AccessLogEntry.objects.filter(actor=school["client_user"]).exists()


def test_a_client_cannot_open_another_clients_certificate(client, school):
    record(school)
    other = make_user(roles.CLIENT, username="toinen")
    from tests.factories.clients import make_client

    make_client(user=other, name="Toinen")
    client.force_login(other)
    url = f"/oma/minun/osaaminen/{school['placement'].pk}/todistus/"
    assert client.get(url).status_code == 404


def test_the_outcome_figures_count_clients_with_competence_per_site(school):
    from marketplace.models import WorkSite
    from marketplace.outcomes.scope import OutcomeScope, Window
    from marketplace.outcomes.selectors.competence import competence_by_site

    record(school)
    record(school, 1)
    today = timezone.localdate()
    scope = OutcomeScope(
        sites=WorkSite.objects.all(),
        window=Window(today - dt.timedelta(days=365), today),
    )
    found = competence_by_site(scope)
    assert list(found) == [school["site"].pk]
    assert (found[school["site"].pk].value, found[school["site"].pk].clients) == (1, 1)


def test_the_sites_participants_come_a_page_at_a_time_by_name(client, school):
    from marketplace.competence.views import PARTICIPANTS_PER_PAGE
    from marketplace.models import Placement
    from tests.factories.clients import make_client

    for i in range(PARTICIPANTS_PER_PAGE):
        Placement.objects.create(
            client=make_client(name=f"Osallistuja {i:02d}"),
            site=school["site"],
            status=Placement.Status.ENDED,
            start_date=school["start"],
        )
    client.force_login(school["supervisor"])
    url = f"/oma/paikat/{school['site'].pk}/osaaminen/"

    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()

    # by name: "Aino Oma" first, the last "Osallistuja" on the second page
    assert first.count('<th scope="row">') == PARTICIPANTS_PER_PAGE
    assert "Aino Oma" in first and 'href="?page=2"' in first
    last = f"Osallistuja {PARTICIPANTS_PER_PAGE - 1:02d}"
    assert last not in first and second.count('<th scope="row">') == 1
    assert last in second
    read = AccessLogEntry.objects.filter(actor=school["supervisor"], action="list")
    assert read.count() == PARTICIPANTS_PER_PAGE + 1  # each client once, as shown
    assert client.get(url, {"page": "x"}).status_code == 200
