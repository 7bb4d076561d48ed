"""The Wagtail editor form of a job-bank job (imported by the page model)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

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


class JobAdminForm(WagtailAdminPageForm):
    """A poster picks only their own organisation; the job rules are checked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from marketplace.access import permissions

        user = self.for_user
        if "organisation" in self.fields and user is not None:
            self.fields[
                "organisation"
            ].queryset = permissions.organisations_for_job_posting(user)
        if "replaces_no_paid_work" in self.fields:
            self.fields["replaces_no_paid_work"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        codes = {term.code for term in cleaned.get("services") or []}
        for field, message in job_rule_errors(
            cleaned.get("organisation"), codes
        ).items():
            self.add_error(field, message)
        return cleaned
