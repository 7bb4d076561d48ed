"""The Wagtail editor form of a job-bank job (imported by the page model)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from marketplace.jobs.rules import job_rule_errors
from marketplace.shared.euros import EuroCentsField


class JobAdminForm(WagtailAdminPageForm):
    """A poster picks only their own organisation; the job rules are checked; the
    price is typed in euros (stored in cents)."""

    price_cents = EuroCentsField(
        label=_("Price (€)"),
        required=False,
        help_text=_("In euros, for example 600 or 600,00. Empty or 0: an unpaid job."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from marketplace.access import permissions
        from marketplace.models.jobs import MAX_PRICE_CENTS

        if "price_cents" in self.fields:
            self.fields["price_cents"].max_cents = MAX_PRICE_CENTS

        user = self.for_user
        if "organisation" in self.fields and user is not None:
            self.fields[
                "organisation"
            ].queryset = permissions.organisations_for_job_posting(user)
        if "replaces_no_paid_work" in self.fields:
            self.fields["replaces_no_paid_work"].required = True

    def clean_price_cents(self) -> int:
        """An empty price is an unpaid job (the column has no empty value)."""
        return self.cleaned_data.get("price_cents") or 0

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        codes = {term.code for term in cleaned.get("services") or []}
        for field, message in job_rule_errors(
            cleaned.get("organisation"), codes
        ).items():
            self.add_error(field, message)
        return cleaned
