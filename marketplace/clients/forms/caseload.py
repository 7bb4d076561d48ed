"""The instructor's caseload list: search by name, filters and sorting (GET).

Shape only: the choices are read by ``marketplace.clients.selectors.caseload``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from marketplace.models import Client, Placement, WorkSite

#: "status" choices: an open placement in that status, or none at all.
NO_OPEN_PLACEMENT = "none"
#: "review" choices: the review is due now, or within four more weeks.
REVIEW_DUE = "due"
REVIEW_SOON = "soon"
SORTS = ("name", "review", "municipality")


class SiteChoiceField(forms.ModelChoiceField[WorkSite]):
    def label_from_instance(self, obj: WorkSite) -> str:
        return str(obj.title)


class CaseloadForm(forms.Form):
    q = forms.CharField(label=_("Search by name"), required=False, max_length=100)
    service = forms.ChoiceField(
        label=_("Service"),
        required=False,
        choices=[("", _("All services")), *Client.Service.choices],
    )
    status = forms.ChoiceField(
        label=_("Placement"),
        required=False,
        choices=[
            ("", _("All")),
            *[
                (s, label)
                for s, label in Placement.Status.choices
                if s in Placement.OPEN
            ],
            (NO_OPEN_PLACEMENT, _("No open placement")),
        ],
    )
    review = forms.ChoiceField(
        label=_("Review"),
        required=False,
        choices=[
            ("", _("Any time")),
            (REVIEW_DUE, _("Due now")),
            (REVIEW_SOON, _("Due within four weeks")),
        ],
    )
    site = SiteChoiceField(
        label=_("Site"),
        required=False,
        queryset=WorkSite.objects.none(),
        empty_label=_("All sites"),
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("Name")),
            ("review", _("Next review first")),
            ("municipality", _("Home municipality")),
        ],
    )

    def __init__(self, *args: Any, sites: QuerySet[WorkSite], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["site"]
        assert isinstance(field, SiteChoiceField)
        field.queryset = sites

    def choices(self) -> dict[str, Any]:
        """The valid choices as the selector's keyword arguments (an invalid one is
        left out, and the field says why)."""
        data: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return {
            "q": (data.get("q") or "").strip(),
            "service": data.get("service") or "",
            "status": data.get("status") or "",
            "review": data.get("review") or "",
            "site": data.get("site"),
            "sort": data.get("sort") or "name",
        }

    @property
    def narrowed(self) -> bool:
        """Whether any filter beyond the name is chosen (the filters stay open)."""
        choices = self.choices()
        return any(choices[k] for k in ("service", "status", "review", "site")) or (
            choices["sort"] != "name"
        )
