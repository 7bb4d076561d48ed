"""Wagtail tells the job bank when a job page is published (the organiser approved
it in moderation): the job's history records that it is now open for offers."""

from __future__ import annotations

from typing import Any

from django.db import transaction


def job_page_published(sender: type, instance: Any, **kwargs: Any) -> None:
    """Wagtail's signal has no user: the approver is who finished the job's latest
    approved moderation task (none when published outside moderation)."""
    from wagtail.models import TaskState

    from marketplace.jobs.services.jobs import job_opened_record

    approved = (
        TaskState.objects.filter(
            workflow_state__object_id=str(instance.pk),
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("finished_by")
        .order_by("-finished_at", "-pk")
        .first()
    )
    with transaction.atomic():
        job_opened_record(
            job=instance, actor=approved.finished_by if approved else None
        )
