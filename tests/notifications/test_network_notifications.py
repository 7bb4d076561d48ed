"""The network plan's reminders: a staff member's task due within three days and
once more when overdue (never naming the client or the task's words), and the
client's next network meeting within a week (plain language, a calendar file).
Each told once, and the recipients asked again when the message is sent."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import formats, timezone, translation

from marketplace.models import NetworkMeeting, NetworkTask, Notification
from marketplace.network import services
from marketplace.network.reminders import network_reminders_send
from tests.factories.accounts import OrganisationFactory
from tests.notifications.conftest import ics_event, to

TASK = "Soittaa Ainon äidille kuntoutuksesta"
NOTHING = {"network_task_due": 0, "network_task_overdue": 0, "network_meeting": 0}


def meeting(county: dict[str, Any], **fields: Any) -> NetworkMeeting:
    today = timezone.localdate()
    values = {
        "kind": "start",
        "date": today - dt.timedelta(days=30),
        "starting_point": "Olen ollut pitkään kotona.",
        "goals": "Haluan töihin puutöihin.",
        "participants": [
            services.ActorInput(role="Sosiaaliohjaaja", user=county["instructor"]),
            services.ActorInput(
                role="Työnohjaaja", organisation="Verstas", user=county["supervisor"]
            ),
            services.ActorInput(role="Terveydenhoitaja", organisation="Terveysasema"),
            services.ActorInput(role=services.CLIENT_ROLE, is_client=True),
        ],
        "coordinator_index": 0,
        "next_meeting": today + dt.timedelta(days=60),
        "client_agreed": True,
    } | fields
    return services.network_meeting_record(
        actor=county["instructor"], client=county["client"], **values
    )


def task(county: dict[str, Any], m: NetworkMeeting, role: str, due: dt.date) -> Any:
    actor = m.participants.get(role=role)
    return services.network_task_add(
        actor=county["instructor"],
        meeting=m,
        task_actor=actor,
        description=TASK,
        due=due,
    )


def run(capture: Any, day: dt.date) -> dict[str, int]:
    with capture(execute=True):
        return network_reminders_send(today=day)


def test_a_task_due_within_three_days_reaches_its_staff_actor_once_without_the_client(
    county, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    m = meeting(county)
    task(county, m, "Työnohjaaja", today + dt.timedelta(days=2))
    task(county, m, "Terveydenhoitaja", today + dt.timedelta(days=1))  # no account
    task(county, m, services.CLIENT_ROLE, today + dt.timedelta(days=1))

    assert run(django_capture_on_commit_callbacks, today)["network_task_due"] == 1
    assert run(django_capture_on_commit_callbacks, today + dt.timedelta(1)) == NOTHING

    (message,) = mail.outbox
    assert message.to == [county["supervisor"].email]
    with translation.override("fi"):
        due = formats.date_format(today + dt.timedelta(days=2), "DATE_FORMAT")
    assert message.subject == f"Verkostotehtäväsi määräpäivä on {due}"
    assert "/oma/verkostotehtavat/" in message.body
    for secret in ("Aino", "Asiakas", TASK, "Terveysasema"):
        assert secret not in message.subject + message.body
    assert not message.attachments


def test_a_task_further_away_is_not_told_yet_and_a_closed_one_never(
    county, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    m = meeting(county)
    task(county, m, "Työnohjaaja", today + dt.timedelta(days=4))
    done = task(county, m, "Sosiaaliohjaaja", today + dt.timedelta(days=1))
    NetworkTask.objects.filter(pk=done.pk).update(status="done")

    assert run(django_capture_on_commit_callbacks, today) == NOTHING
    assert not mail.outbox


def test_an_overdue_task_is_told_once_more_and_only_within_two_weeks(
    county, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    m = meeting(county, date=today - dt.timedelta(days=40))
    task(county, m, "Sosiaaliohjaaja", today - dt.timedelta(days=1))
    task(county, m, "Työnohjaaja", today - dt.timedelta(days=20))

    done = run(django_capture_on_commit_callbacks, today)
    again = run(django_capture_on_commit_callbacks, today + dt.timedelta(days=1))

    assert (done["network_task_overdue"], again["network_task_overdue"]) == (1, 0)
    (message,) = mail.outbox
    assert message.to == [county["instructor"].email]
    assert message.subject == "Verkostotehtäväsi on myöhässä"
    assert TASK not in message.body and "Aino" not in message.body.replace(
        "Hei Sanna", ""
    )


def test_a_task_first_told_due_is_told_again_when_overdue(
    county, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    m = meeting(county)
    task(county, m, "Työnohjaaja", today + dt.timedelta(days=1))

    run(django_capture_on_commit_callbacks, today)
    run(django_capture_on_commit_callbacks, today + dt.timedelta(days=2))

    kinds = Notification.objects.values_list("key", flat=True)
    assert sorted(k.split(":")[1] for k in kinds) == ["due", "overdue"]
    assert len(to(county["supervisor"].email)) == 2


@pytest.mark.parametrize("change", ["done", "moved_region", "turned_off", "other_day"])
def test_the_task_and_its_actor_are_checked_again_when_sent(
    county, django_capture_on_commit_callbacks, change
):
    today = timezone.localdate()
    m = meeting(county)
    t = task(county, m, "Työnohjaaja", today + dt.timedelta(days=2))
    supervisor = county["supervisor"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        network_reminders_send(today=today)
    if change == "done":
        NetworkTask.objects.filter(pk=t.pk).update(status="done")
    elif change == "other_day":
        NetworkTask.objects.filter(pk=t.pk).update(due=today + dt.timedelta(days=9))
    elif change == "moved_region":
        supervisor.organisation = OrganisationFactory()  # another region
        supervisor.save()
    else:
        supervisor.notifications_off = ["network_task_due"]
        supervisor.save()

    for callback in callbacks:
        callback()

    assert not mail.outbox
    assert Notification.objects.get(recipient=supervisor).status == "skipped"


def test_the_client_is_told_of_their_next_network_meeting_in_plain_words(
    county, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    meeting(county, next_meeting=today + dt.timedelta(days=5))

    done = run(django_capture_on_commit_callbacks, today)
    again = run(django_capture_on_commit_callbacks, today + dt.timedelta(days=1))

    assert (done["network_meeting"], again["network_meeting"]) == (1, 0)
    (message,) = mail.outbox
    assert message.to == [county["client_user"].email]
    assert message.subject.startswith("Verkostotapaamisesi on ")
    assert "Hei Aino," in message.body
    assert "ihmiset, jotka auttavat sinua" in message.body
    assert "/oma/minun/" in message.body
    name, event = ics_event(message)
    assert name == "verkostotapaaminen.ics"
    assert event.decoded("dtstart") == today + dt.timedelta(days=5)
    ical = event.to_ical().decode()
    for secret in ("Aino", "Asiakas", "Terveysasema", "Sosiaaliohjaaja"):
        assert secret not in ical


def test_a_meeting_replaced_by_a_later_one_or_far_away_is_not_told(
    county, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    meeting(county, date=today - dt.timedelta(days=90), next_meeting=today)
    meeting(  # the review moved the next meeting further away
        county,
        kind="review",
        date=today - dt.timedelta(days=1),
        next_meeting=today + dt.timedelta(days=30),
    )

    assert run(django_capture_on_commit_callbacks, today) == NOTHING


def test_a_meeting_recorded_again_before_the_message_goes_is_not_told(
    county, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    meeting(county, next_meeting=today + dt.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        network_reminders_send(today=today)
    meeting(county, kind="review", date=today, next_meeting=today + dt.timedelta(90))

    for callback in callbacks:
        callback()

    assert not mail.outbox
    assert Notification.objects.get().status == "skipped"


def test_a_swedish_speaking_actor_gets_it_in_swedish(
    county, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    m = meeting(county)
    county["supervisor"].language = "sv"
    county["supervisor"].save()
    task(county, m, "Työnohjaaja", today + dt.timedelta(days=3))

    run(django_capture_on_commit_callbacks, today)

    (message,) = mail.outbox
    assert message.subject.startswith("Din uppgift i ett nätverk ska vara klar ")


def test_the_daily_command_runs_the_network_reminders_too(county):
    today = timezone.localdate()
    m = meeting(county, next_meeting=today + dt.timedelta(days=2))
    task(county, m, "Työnohjaaja", today)
    out = io.StringIO()

    call_command("notifications_daily", "--now", stdout=out)

    assert "'network_task_due': 1" in out.getvalue()
    assert "'network_meeting': 1" in out.getvalue()
    assert Notification.objects.filter(kind="network_task_due").count() == 1
