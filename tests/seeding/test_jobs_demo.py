"""Demo jobs: the demo poster's jobs in every state, made by the job bank's services."""

from __future__ import annotations

from marketplace.models import Job, JobProgress
from marketplace.seeding.demo_jobs import DEMO_JOBS, demo_jobs_ensure


def test_demo_jobs_cover_the_states_and_are_made_once(bank):
    people = dict(
        poster=bank["poster"],
        supervisor=bank["supervisor"],
        organiser=bank["organiser"],
    )
    assert demo_jobs_ensure(**people) == len(DEMO_JOBS)
    assert demo_jobs_ensure(**people) == len(DEMO_JOBS)  # again: nothing new
    statuses = {
        j.external_id: (j.live, JobProgress.objects.get(job=j).status)
        for j in Job.objects.all()
    }
    assert statuses == {
        "demo-j1": (False, "published"),
        "demo-j2": (True, "published"),
        "demo-j3": (True, "published"),
        "demo-j4": (True, "in_progress"),
        "demo-j5": (True, "delivered"),
        "demo-j6": (True, "closed"),
    }
    in_progress = Job.objects.get(external_id="demo-j4")
    assert in_progress.work_days.count() == 2 * len(bank["people"])
    assert Job.objects.get(external_id="demo-j2").offers.get().status == "pending"
