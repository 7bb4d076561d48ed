"""The outcome page's filters (django-filter): every choice lives in the URL.

The site, organisation and municipality choices are limited to what the user may
see (``scope.outcome_sites_for``); a value outside them is not found for this user.
The period is a year and a part of it (the whole year, a quarter or a month:
``scope.PARTS``), and only one that has ended; without a year it is the last twelve
full months. Dates are not accepted: the figures are given for whole months from a
fixed list (part of the disclosure control, ``docs/outcomes.md``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters as df
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from marketplace.models import Client, Municipality, Organisation, WorkSite
from marketplace.outcomes.scope import OutcomeScope, Window

#: How many years back the year filter offers.
YEARS_BACK = 10
#: Filters whose values name objects: an unknown value means "not found".
OBJECT_FILTERS = ("municipality", "organisation", "site")


#: Query parameters of earlier versions, which took any dates.
DATE_PARAMETERS = ("start", "end", "alku", "loppu")


def part_choices() -> list[tuple[str, Any]]:
    """The parts of a year, in the active language."""
    quarters = [
        ("q1", _("January–March")),
        ("q2", _("April–June")),
        ("q3", _("July–September")),
        ("q4", _("October–December")),
    ]
    return [
        ("year", _("The whole year")),
        *quarters,
        *[(f"m{m:02d}", MONTHS[m]) for m in range(1, 13)],
    ]


def period_window(year: str | None, part: str | None) -> Window | None:
    """The window of a chosen year and part (the whole year by default), or None
    for the default period. The one place where the period choice is read."""
    if not year:
        return None
    return Window.part_of_year(int(year), part or "year")


class OutcomeFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if any(self.data.get(name) for name in DATE_PARAMETERS):
            raise forms.ValidationError(
                _(
                    "The figures are given for whole months: choose a year and a "
                    "part of it instead of dates."
                ),
                code="dates",
            )
        if data.get("part") and data.get("part") != "year" and not data.get("year"):
            self.add_error("year", _("Choose the year of the period too."))
            return data
        window = period_window(data.get("year"), data.get("part"))
        if window is not None and not window.has_ended():
            self.add_error(
                "part",
                _(
                    "%(period)s has not ended yet. The figures are given only for "
                    "periods that have ended: choose an earlier one."
                )
                % {"period": str(window)},
            )
        return data


class OutcomeFilter(df.FilterSet):
    year = df.ChoiceFilter(
        label=_("Year"), method="keep", empty_label=_("The last twelve full months")
    )
    part = df.ChoiceFilter(
        label=_("Part of the year"), method="keep", empty_label=None, choices=[]
    )
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
        self.filters["part"].extra["choices"] = part_choices()
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
        window = period_window(data.get("year"), data.get("part"))
        return OutcomeScope(
            sites=self.qs.order_by(),
            window=window or Window.last_twelve_months(),
            service=data.get("service") or None,
            by=data.get("by") or "month",
        )
