"""The Wagtail editor form of a job-bank job (imported by the page model)."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

from marketplace.jobs.rules import job_rule_errors


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
