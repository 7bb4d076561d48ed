"""The daily command: automatic acceptance and retries, through django-tasks."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.utils import timezone

from marketplace.jobs.services import jobs as svc
from marketplace.models import JobProgress
from tests.factories.jobs import taken_job


def test_the_daily_command_accepts_deliveries_that_waited_14_days(bank):
    job = taken_job(bank, price_cents=0)
    svc.job_start(actor=bank["supervisor"], job=job)
    svc.job_deliver(actor=bank["supervisor"], job=job)
    JobProgress.objects.filter(job=job).update(
        delivered_at=timezone.now() - dt.timedelta(days=15)
    )
    out = io.StringIO()
    # the test settings run enqueued tasks at once (immediate backend)
    call_command("jobs_daily", stdout=out)
    assert JobProgress.objects.get(job=job).status == "accepted"
    call_command("jobs_daily", "--now", stdout=out)
    assert "jobs_auto_accept_task: []" in out.getvalue()
