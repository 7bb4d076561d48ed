"""The job bank's rules that forms, the Wagtail editor and the services share.

- a company may post jobs only for disability work activity (Act 189/2001);
- the poster declares that the job does not replace paid work.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

COMPANY_JOB_MESSAGE = _(
    "A company may post jobs only for disability work activity: during "
    "rehabilitative work activity a client may not work for a company "
    "(Act on Rehabilitative Work Activity 189/2001)."
)
DECLARATION_MESSAGE = _("Confirm that the job does not replace paid work.")


def job_rule_errors(organisation: Any, service_codes: set[str]) -> dict[str, Any]:
    """The job rules that need more than one field, as field errors."""
    errors: dict[str, Any] = {}
    if (
        organisation is not None
        and organisation.is_for_profit
        and "rehabilitative" in service_codes
    ):
        errors["services"] = COMPANY_JOB_MESSAGE
    return errors
