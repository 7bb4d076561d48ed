"""The Wagtail editor form of a work-activity site (imported by the page model)."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

from marketplace.shared.law import COMPANY_REHAB_MESSAGE


class WorkSiteAdminForm(WagtailAdminPageForm):
    """The Wagtail editor form of a site: a supervisor can only pick their own organisation."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from marketplace.access import permissions

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
