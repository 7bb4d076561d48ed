"""The documented schedule (deploy/polku.crontab) works: every line's command
enqueues its work in the database queue, and a ``db_worker`` does it — held seats
that ran out are ended and freed, the matcher is retrained, the job bank's daily
work runs — and a second run changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import shlex
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from marketplace.access import roles
from marketplace.models import Placement, PlacementPeriod, SiteCapacity
from matching.models import MatcherModel
from tests.factories.accounts import MunicipalityFactory, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

CRONTAB = Path(__file__).resolve().parents[2] / "deploy" / "polku.crontab"
DB_QUEUE = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


def scheduled_commands() -> list[list[str]]:
    """The ``manage.py`` command of every schedule line, as arguments."""
    out = []
    for line in CRONTAB.read_text().splitlines():
        if line.strip() and not line.startswith("#") and "polku-manage" in line:
            out.append(shlex.split(line.split("polku-manage", 1)[1]))
    return out


@pytest.fixture
def region(polku: Any) -> dict[str, Any]:
    county = OrganisationFactory(kind="wellbeing_county")
    town = MunicipalityFactory(code="398", name="Lahti", region=county.region)
    ngo = OrganisationFactory(region=county.region)
    instructor = make_user(roles.INSTRUCTOR, organisation=county)
    return {"town": town, "ngo": ngo, "instructor": instructor}


def held_past_its_end(region: dict[str, Any]) -> Placement:
    site = make_site(organisation=region["ngo"], municipality=region["town"])
    # the held placement takes one of the seats (SiteCapacity.seats_taken)
    SiteCapacity.objects.filter(site=site).update(
        seats_total=4, seats_free=0, seats_taken=1
    )
    person = make_client(instructor=region["instructor"], municipality=region["town"])
    today = timezone.localdate()
    placement = Placement.objects.create(
        client=person,
        site=site,
        status=Placement.Status.HELD,
        start_date=today - dt.timedelta(days=200),
        held_until=today - dt.timedelta(days=1),
    )
    PlacementPeriod.objects.create(
        placement=placement,
        start=placement.start_date,
        end=today - dt.timedelta(days=30),
        exit_reason="work_trial",
    )
    return placement


def history(region: dict[str, Any], n: int = 60) -> None:
    """Ended periods at two sites that look alike to the content ranking, one of
    which leads on far more often: a history a trained model clearly learns from
    (so it is put in use whatever order the database returns the random ids in)."""
    near = make_site(
        title="Opinpaja", organisation=region["ngo"], municipality=region["town"]
    )
    far = make_site(
        title="Kaukopaja", organisation=region["ngo"], municipality=region["town"]
    )
    start = timezone.localdate() - dt.timedelta(days=900)
    for i in range(n):
        person = make_client(
            instructor=region["instructor"],
            municipality=region["town"],
            name=f"Historia {i}",
            goals=["studies"],
        )
        site = near if i % 2 else far
        positive = (i % 2 and i % 7 != 0) or (not i % 2 and i % 9 == 0)
        placement = Placement.objects.create(client=person, site=site, status="ended")
        begin = start + dt.timedelta(days=7 * i)
        PlacementPeriod.objects.create(
            placement=placement,
            start=begin,
            end=begin + dt.timedelta(days=90),
            exit_reason="studies" if positive else "non_commitment",
        )


def run_schedule() -> None:
    for args in scheduled_commands():
        call_command(*args, stdout=io.StringIO())
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload")


def test_the_schedule_names_the_nightly_work():
    names = [args[0] for args in scheduled_commands()]
    assert names == [
        "placements_daily",
        "jobs_daily",
        "retrain_matcher",
        "clearsessions",
        "prune_db_task_results",
        "axes_reset_logs",
        "notifications_daily",
    ]
    assert ["retrain_matcher", "--enqueue"] in scheduled_commands()
    assert "deploy/backup_restore_check.sh /var/backups/" in CRONTAB.read_text()


def test_every_scheduled_command_enqueues_work_that_a_db_worker_does(
    committed, region, settings, tmp_path
):
    # (committed: the worker closes the connection between tasks, as in production,
    # so the test cannot run inside one transaction)
    # Given the database queue, a seat held past its end and a history to train on
    settings.TASKS = DB_QUEUE
    settings.MATCHER_ARTIFACT_DIR = str(tmp_path)
    placement = held_past_its_end(region)
    history(region)
    # When cron runs every line of the schedule, and a worker empties the queue
    run_schedule()
    # then every task ran and succeeded (Wagtail's own, which keep the search and
    # reference indexes up to date when pages are published, go the same way)
    results = DBTaskResult.objects.exclude(task_path__startswith="wagtail.").exclude(
        task_path__startswith="modelsearch."
    )
    assert {r.task_path.rsplit(".", 1)[1] for r in results} == {
        "placement_holds_expire_task",
        "jobs_auto_accept_task",
        "money_retry_task",
        "matcher_retrain_task",
        "notifications_daily_task",
        "network_reminders_task",
    }
    assert [r.status for r in results if r.status != "SUCCESSFUL"] == []
    # the hold ended and freed its seat, and a model is in use
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ENDED
    assert SiteCapacity.objects.get(site=placement.site).seats_free == 1
    assert MatcherModel.objects.filter(is_active=True).count() == 1
    # and running the night again changes nothing of that
    run_schedule()
    assert SiteCapacity.objects.get(site=placement.site).seats_free == 1
    assert MatcherModel.objects.filter(is_active=True).count() == 1
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_placements_daily_now_runs_at_once(region):
    placement = held_past_its_end(region)
    out = io.StringIO()
    call_command("placements_daily", "--now", stdout=out)
    assert "1 holds ended" in out.getvalue()
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ENDED
