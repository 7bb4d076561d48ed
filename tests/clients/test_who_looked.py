"""The client sees every read of their data on "who has looked at your information",
in plain words in their language: who (name and role), when, what, how and why, one
line per person, day and kind of read with a count (the log keeps every read)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone, translation

from marketplace.clients.selectors.access_log import HOW, access_lines
from marketplace.models import AccessLogEntry, AttendanceDay
from tests.security.objects import realm_build

Subject, Purpose = AccessLogEntry.Subject, AccessLogEntry.Purpose


@pytest.fixture
def realm(polku: Any) -> Any:
    realm = realm_build("oma", "983")
    realm["instructor"].first_name, realm["instructor"].last_name = "Maija", "Ohjaaja"
    realm["instructor"].save()
    realm["supervisor"].first_name, realm["supervisor"].last_name = "Pekka", "Pajala"
    realm["supervisor"].save()
    AttendanceDay.objects.create(
        placement=realm["placement"], date=timezone.localdate()
    )
    return realm


def staff_read_everything(client: Any, realm: Any) -> None:
    """The instructor lists, opens (three times), assesses and exports the client;
    the supervisor keeps attendance, exports it and collects feedback."""
    person = realm["person"]
    client.force_login(realm["instructor"])
    assert client.get("/oma/asiakkaat/").status_code == 200
    for _time in range(3):
        assert client.get(f"/oma/asiakkaat/{person.pk}/").status_code == 200
    assert client.get(f"/oma/asiakkaat/{person.pk}/itsearvio/").status_code == 200
    assert client.get(f"/oma/asiakkaat/{person.pk}/muokkaa/").status_code == 200
    assert client.get(f"/oma/asiakkaat/{person.pk}/lasnaolo.csv").status_code == 200
    site = realm["site"].pk
    client.force_login(realm["supervisor"])
    assert client.get(f"/oma/paikat/{site}/lasnaolo/").status_code == 200
    assert client.get(f"/oma/paikat/{site}/lasnaolo.csv").status_code == 200
    assert client.get(f"/oma/paikat/{site}/palaute/").status_code == 200


def section(html: str) -> str:
    """The text of the "who has looked" section of the client's page."""
    part = html.split('id="who-viewed"', 1)[1].split("</section>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part))


def test_the_client_sees_each_read_once_a_day_with_a_count(client, realm):
    # given staff who listed, opened, assessed and exported the client's data
    staff_read_everything(client, realm)
    # when the lines of the client's page are read (in English here)
    with translation.override("en"):
        lines = access_lines(realm["person"])
        seen = {(li.who, li.what, li.how, li.why, li.times) for li in lines}
        own, keeps = str(Purpose.OWN_WORKER.label), str(Purpose.ATTENDANCE.label)
        feedback = str(Purpose.FEEDBACK.label)
        looked, listed, saved = (str(HOW[a]) for a in ("view", "list", "export"))
        caseload, record = str(Subject.CASELOAD.label), str(Subject.RECORD.label)
        assessed = str(Subject.SELF_ASSESSMENT.label)
        days, answers = str(Subject.ATTENDANCE.label), str(Subject.FEEDBACK.label)
    # then each kind of read is there once, with who, what, how, why and how often
    me, pekka = "Maija Ohjaaja", "Pekka Pajala"
    assert (me, caseload, listed, own, 1) in seen
    assert (me, record, looked, own, 4) in seen  # three times, and the form
    assert (me, assessed, looked, own, 1) in seen
    assert (me, days, saved, own, 1) in seen
    assert (pekka, days, listed, keeps, 1) in seen
    assert (pekka, days, saved, keeps, 1) in seen
    assert (pekka, answers, listed, feedback, 1) in seen
    assert {line.role for line in lines} == {"Social instructor", "Site supervisor"}
    # and the log itself keeps every read
    assert realm["person"].access_log.filter(subject="record").count() == 4


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_page_says_it_all_in_the_clients_language(client, realm, language):
    # given the reads of staff
    staff_read_everything(client, realm)
    # when the client opens their page in Finnish or Swedish
    client.force_login(realm["client"])
    response = client.get("/oma/minun/", HTTP_ACCEPT_LANGUAGE=language)
    text = section(response.content.decode())
    # then every line is there in that language ...
    with translation.override(language):
        for subject in (Subject.RECORD, Subject.ATTENDANCE, Subject.FEEDBACK):
            assert str(subject.label) in text
        assert str(Purpose.ATTENDANCE.label) in text
        assert str(HOW["export"]) in text
    assert "Maija Ohjaaja" in text and "Pekka Pajala" in text
    # ... with no English words and no codes
    with translation.override("en"):
        english = [str(label) for label in HOW.values()]
        english += [str(c.label) for c in (*Subject, *Purpose)]
        english += [str(c.label) for c in AccessLogEntry.Action]
    codes = [c.value for c in (*Subject, *Purpose, *AccessLogEntry.Action)]
    assert [e for e in english if e in text] == []
    assert [c for c in codes if re.search(rf"\b{c}\b", text)] == []
    assert "job work days" not in text and "attendance" not in text
