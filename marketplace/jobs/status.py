"""A job's status and its history: the one place a job-bank status changes.

Every change locks the job's progress row (``progress_of(..., lock=True)``), checks
that the step is possible from the current status (``status_expect``) and writes a
:class:`JobEvent` with who, when and why (``status_move``). The job bank's services
(:mod:`marketplace.jobs.services`) and the money services that move a job when its
money moves (:mod:`marketplace.money.services`) both change status only here.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from marketplace.models import Job, JobEvent, JobProgress, User
from marketplace.models.jobs import JobStatus

S = JobStatus


class JobRuleError(ValueError):
    """A step would break a rule of the job bank; the message is for the user."""


def progress_of(job: Job, *, lock: bool = False) -> JobProgress:
    """The job's progress row (created on first use for pages made in the admin)."""
    JobProgress.objects.get_or_create(job=job)
    rows = JobProgress.objects.select_related("site__organisation", "offer")
    progress = (rows.select_for_update(of=("self",)) if lock else rows).get(job=job)
    job.progress = progress  # type: ignore[attr-defined]
    return progress


def status_move(
    progress: JobProgress, to: str, actor: User | None, **detail: Any
) -> None:
    """Move the (locked) progress row to ``to`` and record who moved it and why."""
    from_status = progress.status
    progress.status = to
    progress.save()
    JobEvent.objects.create(
        job_id=progress.job_id,
        from_status=from_status,
        to_status=to,
        actor=actor,
        detail=detail,
    )


def status_expect(progress: JobProgress, *allowed: str) -> None:
    """Refuse the step unless the job is in one of the ``allowed`` statuses."""
    if progress.status not in allowed:
        raise JobRuleError(
            _("This step is not possible now: the job is “%(status)s”.")
            % {"status": progress.get_status_display()}
        )


def require(allowed: bool) -> None:
    """Refuse with 403 unless the actor's permission check passed."""
    if not allowed:
        raise PermissionDenied


def job_mark_paid(*, job: Job, transfer_id: str) -> None:
    """The transfer to the unit succeeded (called by the money service)."""
    progress = progress_of(job, lock=True)
    if progress.status == JobStatus.ACCEPTED:
        status_move(progress, JobStatus.PAID, None, transfer=transfer_id)
