"""A job approved to the job bank or sent back: told when Wagtail's moderation
decides (``marketplace.apps`` connects these at start-up).

The receivers take over the ``dispatch_uid`` of Wagtail's own e-mails about an
approved or rejected workflow (``wagtail.admin.signal_handlers``), which would tell
the submitter a second time, synchronously, in the admin's wording and without
the user's choices. Polku's app is listed before Wagtail's, so it connects first
and Wagtail's connect with the same uid is skipped (Django keeps the first
receiver of a key). ``tests/notifications`` checks that one e-mail is sent.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from marketplace.models import Job
from marketplace.notifications import events

WAGTAIL_APPROVED_UID = "workflow_state_approved_email_notification"
WAGTAIL_REJECTED_UID = "workflow_state_rejected_email_notification"


def _job(state: WorkflowState) -> Job | None:
    page = state.content_object
    specific = getattr(page, "specific", page)
    return specific if isinstance(specific, Job) else None


def job_approved(sender: Any, instance: WorkflowState, **kwargs: Any) -> None:
    job = _job(instance)
    if job is not None:
        events.job_moderated(job, approved=True, decision_id=instance.pk)


def job_sent_back(sender: Any, instance: WorkflowState, **kwargs: Any) -> None:
    job = _job(instance)
    if job is not None:
        decision = instance.current_task_state_id or instance.pk
        events.job_moderated(job, approved=False, decision_id=decision)


def connect() -> None:
    workflow_approved.connect(
        job_approved, sender=WorkflowState, dispatch_uid=WAGTAIL_APPROVED_UID
    )
    workflow_rejected.connect(
        job_sent_back, sender=WorkflowState, dispatch_uid=WAGTAIL_REJECTED_UID
    )
