"""The data set's ``jobs`` section: published job pages, updated by id, all or nothing."""

from __future__ import annotations

import copy
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from marketplace.jobs.services import jobs as svc
from marketplace.models import Job, JobProgress, Organisation
from tests.factories.money import ready_account

from .test_import import DATA, write

DEADLINE = (timezone.localdate() + dt.timedelta(days=40)).isoformat()
JOBS = [
    {"id": "j1", "organisation": "o1", "title": "Taita ja postita 800 kirjettä",
     "description": "Jäsenkirjeet kuoriin.", "tags": ["office", "mailing"],
     "municipality": "398", "lat": 60.98, "lon": 25.66, "remote": False,
     "workers_needed": 4, "effort_days": 3, "deadline": DEADLINE,
     "price_cents": 60000},
    {"id": "j2", "organisation": "o2", "title": "Pakkaa näytteet",
     "description": "", "tags": ["packing_assembly"],
     "municipality": "111", "lat": 61.2, "lon": 26.03, "remote": True,
     "workers_needed": 0, "effort_days": 1, "deadline": DEADLINE,
     "price_cents": 0},
]  # fmt: skip


def with_jobs(jobs: list[dict]) -> dict:
    data = copy.deepcopy(DATA)
    data["jobs"] = copy.deepcopy(jobs)
    return data


def test_jobs_are_imported_as_published_pages_under_the_job_bank(tmp_path, polku):
    call_command("import_dataset", write(tmp_path, with_jobs(JOBS)))
    job = Job.objects.live().get(external_id="j1")
    assert job.get_parent().specific_class.__name__ == "JobBankPage"
    assert (job.price_cents, job.workers_needed, job.effort_days) == (60000, 4, 3)
    assert sorted(t.code for t in job.tags.all()) == ["mailing", "office"]
    assert sorted(t.code for t in job.services.all()) == [
        "disability",
        "rehabilitative",
    ]
    assert JobProgress.objects.get(job=job).status == "published"
    # a company's job is meant for disability work activity only
    company_job = Job.objects.get(external_id="j2")
    assert Organisation.objects.get(external_id="o2").is_for_profit
    assert [t.code for t in company_job.services.all()] == ["disability"]
    # a fully staffed job is not open for offers
    from marketplace.jobs.selectors import open_jobs

    assert list(open_jobs()) == [job]


def test_running_again_updates_jobs_by_id(tmp_path, polku):
    call_command("import_dataset", write(tmp_path, with_jobs(JOBS)))
    changed = with_jobs(JOBS)
    changed["jobs"][0]["price_cents"] = 70000
    call_command("import_dataset", write(tmp_path, changed))
    assert Job.objects.count() == 2
    assert Job.objects.get(external_id="j1").price_cents == 70000


def test_a_job_under_way_keeps_its_terms(tmp_path, polku, stripe_fake):
    from tests.factories.accounts import make_user
    from tests.factories.sites import make_site

    call_command("import_dataset", write(tmp_path, with_jobs(JOBS)))
    job = Job.objects.get(external_id="j1")
    unit = Organisation.objects.create(name="Työkeskus ry", kind="association")
    site = make_site(organisation=unit, services=("disability",))
    ready_account(unit, stripe_fake)
    supervisor = make_user("supervisor", organisation=unit)
    poster = make_user("poster", organisation=job.organisation)
    offer = svc.job_offer(actor=supervisor, job=job, site=site, workers=2)
    svc.offer_accept(actor=poster, offer=offer)
    changed = with_jobs(JOBS)
    changed["jobs"][0]["price_cents"] = 1
    call_command("import_dataset", write(tmp_path, changed))
    assert Job.objects.get(external_id="j1").price_cents == 60000


def test_a_job_the_model_refuses_stops_the_whole_import(tmp_path, polku):
    bad = with_jobs(JOBS)
    bad["jobs"][0]["lat"] = 40.0  # not in Finland
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_dataset", write(tmp_path, bad), stderr=errors)
    assert "jobs[0].lat" in errors.getvalue()
    assert not Job.objects.exists()
