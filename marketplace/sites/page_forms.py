"""The Wagtail editor form of a work-activity site (imported by the page model)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from marketplace.shared.euros import EuroCentsField, format_euros
from marketplace.shared.law import COMPANY_REHAB_MESSAGE


class WorkSiteAdminForm(WagtailAdminPageForm):
    """The Wagtail editor form of a site: a supervisor can only pick their own
    organisation, and prices are typed in euros (stored in cents)."""

    voucher_price_cents = EuroCentsField(
        label=_("Price per day with a service voucher (€)"),
        required=False,
        help_text=_(
            "In euros, for example 48 or 48,50. Leave empty when seats are free by "
            "agreement."
        ),
    )
    work_share_cents_per_day = EuroCentsField(
        label=_("Work-share money per day (€)"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from marketplace.access import permissions

        cap = settings.WORK_SHARE_DAILY_CAP_CENTS
        if "work_share_cents_per_day" in self.fields:
            field = self.fields["work_share_cents_per_day"]
            field.max_cents = cap
            field.help_text = _(
                "In euros, paid to disability work activity clients per realised "
                "day, for example 3 or 6; at most %(cap)s € (the tax-free daily "
                "limit)."
            ) % {"cap": format_euros(cap)}

        user = self.for_user
        if "organisation" in self.fields and user is not None:
            self.fields[
                "organisation"
            ].queryset = permissions.organisations_for_site_editing(user)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        services = cleaned.get("services") or []
        if organisation is not None and organisation.is_for_profit:
            if any(term.code == "rehabilitative" for term in services):
                self.add_error("services", COMPANY_REHAB_MESSAGE)
        return cleaned
