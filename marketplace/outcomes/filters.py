"""The outcome page's filters (django-filter): every choice lives in the URL.

The site, organisation and municipality choices are limited to what the user may
see (``selectors_outcomes.outcome_sites_for``); a value outside them is not found
for this user. The period is a year or a date range (not both); without either it
is the last twelve full months.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters as df
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from marketplace.models import Client, Municipality, Organisation, WorkSite
from marketplace.outcomes.scope import OutcomeScope, Window
from marketplace.shared.months import add_months as shift_months

#: How many years back the year filter offers.
YEARS_BACK = 10
#: Filters whose values name objects: an unknown value means "not found".
OBJECT_FILTERS = ("municipality", "organisation", "site")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class OutcomeFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        year, start, end = data.get("year"), data.get("start"), data.get("end")
        if year and (start or end):
            raise forms.ValidationError(
                _("Choose either a year or a date range, not both.")
            )
        if start and end and start > end:
            self.add_error("end", _("The end date cannot be before the start date."))
        return data


class OutcomeFilter(df.FilterSet):
    year = df.ChoiceFilter(label=_("Year"), method="keep", empty_label=_("—"))
    start = df.DateFilter(label=_("From"), method="keep", widget=DateInput())
    end = df.DateFilter(label=_("To"), method="keep", widget=DateInput())
    municipality = df.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="municipality",
        queryset=Municipality.objects.none(),
        to_field_name="code",
        empty_label=_("All municipalities"),
    )
    service = df.ChoiceFilter(
        label=_("Service"),
        method="keep",
        choices=Client.Service.choices,
        empty_label=_("Both services"),
    )
    organisation = df.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="organisation",
        queryset=Organisation.objects.none(),
        empty_label=_("All organisations"),
    )
    site = df.ModelChoiceFilter(
        label=_("Site"),
        method="filter_site",
        queryset=WorkSite.objects.none(),
        empty_label=pgettext_lazy("work-activity sites", "All sites"),
    )
    by = df.ChoiceFilter(
        label=_("Chart by"),
        method="keep",
        choices=[("month", _("Month")), ("quarter", _("Quarter"))],
        empty_label=None,
    )

    class Meta:
        model = WorkSite
        fields: list[str] = []
        form = OutcomeFilterForm

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[WorkSite] | None = None,
        *,
        today: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, queryset=queryset, **kwargs)
        sites = self.queryset
        this_year = (today or timezone.localdate()).year
        self.filters["year"].extra["choices"] = [
            (str(y), str(y)) for y in range(this_year, this_year - YEARS_BACK, -1)
        ]
        self.filters["municipality"].queryset = (
            Municipality.objects.filter(sites__in=sites).distinct().order_by("name")
        )
        self.filters["organisation"].queryset = (
            Organisation.objects.filter(sites__in=sites).distinct().order_by("name")
        )
        self.filters["site"].queryset = sites.order_by("title")

    def keep(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        """Filters that describe the period or the clients, not the sites."""
        return queryset

    def filter_site(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(pk=value.pk) if value else queryset

    def names_unknown_object(self) -> bool:
        """A municipality, organisation or site outside the user's scope was asked."""
        errors = self.form.errors
        return any(
            e.code == "invalid_choice"
            for name in OBJECT_FILTERS
            for e in errors.as_data().get(name, [])
        )

    def scope(self) -> OutcomeScope:
        """The scope of a valid filter: the sites it leaves, the window, the service."""
        data = self.form.cleaned_data if self.is_bound else {}
        if data.get("year"):
            window = Window.year(int(data["year"]))
        elif data.get("start") or data.get("end"):
            end = data.get("end") or timezone.localdate()
            start = data.get("start") or shift_months(end, -12) + dt.timedelta(1)
            window = Window(start, end)
        else:
            window = Window.last_twelve_months()
        return OutcomeScope(
            sites=self.qs.order_by(),
            window=window,
            service=data.get("service") or None,
            by=data.get("by") or "month",
        )
