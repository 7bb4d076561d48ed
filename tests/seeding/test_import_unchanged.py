"""Importing the same data set again changes nothing: not a row of any table (page
revisions, log entries and queued background tasks included), and the command
says the file is unchanged. A change to one record writes that record only."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Max
from wagtail.models import PageLogEntry, Revision

from marketplace.models import Client, SelfAssessment, WorkSite
from tests.seeding.tables import changed_tables, table_rows
from tests.seeding.test_import import WITH_HISTORY, write

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "polku-demo.json"


@pytest.fixture
def queued_tasks(settings):  # type: ignore[no-untyped-def]
    """Background tasks kept in the database, as in production (tests run them at
    once otherwise), so that a queued task shows as a row."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def run_import(path: str, capsys) -> str:  # type: ignore[no-untyped-def]
    call_command("import_dataset", path)
    return capsys.readouterr().out


def test_the_demo_imported_twice_leaves_every_table_as_it_was(
    polku, queued_tasks, capsys
):
    # Given the demo data set imported once (pages, revisions, tasks queued)
    first = run_import(str(DEMO), capsys)
    assert "Imported" in first and "76 created" in first
    before = table_rows()
    assert before["django_tasks_database_dbtaskresult"], "tasks are not kept"
    # When it is imported again
    again = run_import(str(DEMO), capsys)
    # then no table changed at all, and the command says so
    assert changed_tables(before, table_rows()) == {}
    assert "is unchanged" in again
    assert "sites: 0 created, 0 updated, 76 unchanged" in again
    assert "clients: 0 created, 0 updated, 420 unchanged" in again
    assert "Nothing changed: every record was unchanged." in again


def test_a_changed_record_is_the_only_one_written(tmp_path, polku, capsys):
    # Given a data set with history imported once
    path = write(tmp_path, WITH_HISTORY)
    run_import(path, capsys)
    revisions = Revision.objects.count()
    logs = PageLogEntry.objects.count()
    last_log = PageLogEntry.objects.aggregate(m=Max("pk"))["m"]
    assessment_ids = list(SelfAssessment.objects.values_list("pk", flat=True))
    # When one site's name and one client's wishes change
    changed = copy.deepcopy(WITH_HISTORY)
    changed["sites"][0]["name"] = "Kierrätyskeskus Patina"
    changed["clients"][0]["wishes"] = "Haluan oppia myös metallitöitä."
    out = run_import(write(tmp_path, changed), capsys)
    # then that site alone gets one new revision (and its publish log entry)
    assert Revision.objects.count() == revisions + 1
    site = WorkSite.objects.get(external_id="s1")
    assert site.latest_revision_id == Revision.objects.aggregate(m=Max("pk"))["m"]
    assert PageLogEntry.objects.count() > logs
    assert not PageLogEntry.objects.filter(
        page=WorkSite.objects.get(external_id="s2"), pk__gt=last_log
    ).exists()
    # and the client keeps its self-assessment rows
    assert Client.objects.get(external_id="c1").wishes.startswith("Haluan oppia myös")
    assert list(SelfAssessment.objects.values_list("pk", flat=True)) == assessment_ids
    assert "sites: 0 created, 1 updated, 1 unchanged" in out
    assert "clients: 0 created, 1 updated, 0 unchanged" in out
    assert "placements: 0 created, 0 updated, 2 unchanged" in out


def test_seats_alone_change_without_a_page_revision(tmp_path, polku, capsys):
    run_import(write(tmp_path, WITH_HISTORY), capsys)
    revisions = Revision.objects.count()
    changed = json.loads(json.dumps(WITH_HISTORY))
    changed["sites"][0]["seats_free"] = 5
    out = run_import(write(tmp_path, changed), capsys)
    assert WorkSite.objects.get(external_id="s1").capacity.seats_free == 5
    assert Revision.objects.count() == revisions
    assert "sites: 0 created, 1 updated, 1 unchanged" in out
