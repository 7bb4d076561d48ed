"""A job's history says what its page says: waiting for approval, then open."""

from __future__ import annotations

from django.utils import translation
from wagtail.models import WorkflowState

from marketplace.templatetags.job_tags import job_status
from tests.factories.jobs import post_job


def labels(job) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.to_label for e in job.events.order_by("at", "pk")]


def test_a_new_jobs_status_and_history_agree_until_and_after_approval(bank):
    with translation.override("en"):
        job = post_job(bank, publish=False, price_cents=0)
        assert job_status(job) == "Waiting for the organiser's approval"
        assert labels(job) == ["Waiting for the organiser's approval"]
        state = WorkflowState.objects.get(object_id=str(job.pk))
        state.current_task_state.approve(user=bank["organiser"])
        job.refresh_from_db()
        assert job.live and job_status(job) == "Open for offers"
        assert labels(job) == [
            "Waiting for the organiser's approval",
            "Open for offers",
        ]
        assert job.events.last().actor == bank["organiser"]
        # publishing again (an approved edit) adds no second "open" line
        job.get_latest_revision().publish()
        assert len(labels(job)) == 2
