"""Template filters of the job bank: status labels and work-share reasons."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

REASONS = {
    "rehabilitative": _(
        "Rehabilitative work activity: no work-share money (Kela's expense "
        "compensation instead)"
    ),
    "no_rate": _("The unit has no work-share rate; set it on the site's page"),
    "cap_reached": _("The daily cap is already reached on this day"),
    "already_paid": _("This day is already paid"),
}


@register.filter
def job_status(job: Any) -> str:
    """The job's status in words; a job not yet approved waits for approval."""
    from marketplace.models.jobs import JobStatus

    progress = getattr(job, "progress", None)
    status = progress.status if progress is not None else JobStatus.PUBLISHED
    if status == JobStatus.PUBLISHED and not job.live:
        return str(_("Waiting for the organiser's approval"))
    return str(dict(JobStatus.choices).get(status, status))


@register.filter
def status_label(code: str) -> str:
    from marketplace.models.jobs import JobStatus

    return str(dict(JobStatus.choices).get(code, code))


@register.filter
def share_reason(code: str) -> str:
    return str(REASONS.get(code, ""))
