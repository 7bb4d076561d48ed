"""The catalogue's filters (django-filter); every choice lives in the URL."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from marketplace.models import Municipality, Region, Term, WorkSite


def _terms(vocabulary: str) -> QuerySet[Term]:
    return Term.objects.filter(vocabulary=vocabulary)


class TermChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Term) -> str:
        return obj.label


class TermFilter(df.ModelMultipleChoiceFilter):
    field_class = TermChoiceField


def term_filter(
    label: Any, vocabulary: str, relation: str, *, conjoined: bool = False
) -> TermFilter:
    """Checkboxes of one vocabulary's terms, filtering ``relation`` by term code
    (the code is what stands in the URL, so a filtered list can be shared)."""
    return TermFilter(
        label=label,
        field_name=f"{relation}__code",
        queryset=_terms(vocabulary),
        to_field_name="code",
        conjoined=conjoined,
        widget=forms.CheckboxSelectMultiple,
    )


#: Distances a visitor can choose for "near a place" (km); the first view uses the
#: default so that choosing only a place gives a useful list.
NEAR_DISTANCES_KM = (5, 10, 20, 50, 100)
NEAR_DEFAULT_KM = 20


class SiteFilter(df.FilterSet):
    near = df.ModelChoiceFilter(
        label=_("Near a place"),
        queryset=Municipality.objects.all(),
        to_field_name="code",
        empty_label=_("Anywhere"),
        method="filter_by_distance_later",
    )
    km = df.ChoiceFilter(
        label=_("Distance from it"),
        choices=[
            (str(km), format_lazy(_("within {km} km"), km=km))
            for km in NEAR_DISTANCES_KM
        ],
        empty_label=None,
        method="filter_by_distance_later",
    )
    region = df.ModelChoiceFilter(
        label=_("Region"),
        field_name="municipality__region",
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label=_("All regions"),
    )
    municipality = df.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(sites__isnull=False).distinct(),
        to_field_name="code",
        empty_label=_("All municipalities"),
    )
    service = term_filter(_("Service"), "service", "services")
    form = term_filter(_("Form of activity"), "form", "forms")
    tag = term_filter(_("Kind of work"), "tag", "tags")
    accessibility = term_filter(
        _("Accessibility (all of these)"),
        "accessibility",
        "accessibility",
        conjoined=True,
    )
    language = term_filter(_("Language"), "language", "languages")
    free_seats = df.BooleanFilter(
        label=_("Only sites with free seats"),
        method="filter_free_seats",
        widget=forms.CheckboxInput,
    )
    learning = df.BooleanFilter(
        label=_("Learning environment (qualification units)"),
        method="filter_learning",
        widget=forms.CheckboxInput,
    )
    pricing = df.ChoiceFilter(
        label=_("Price"),
        method="filter_pricing",
        choices=[("free", _("Free by agreement")), ("voucher", _("Service voucher"))],
        empty_label=_("Any"),
    )

    class Meta:
        model = WorkSite
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and not data.get("km"):
            data = data.copy()
            data["km"] = str(NEAR_DEFAULT_KM)
        super().__init__(data, *args, **kwargs)

    def filter_by_distance_later(
        self, queryset: QuerySet, name: str, value: Any
    ) -> QuerySet:
        """Distance is measured on the filtered sites' coordinates afterwards
        (``marketplace.sites.selectors.site_catalogue``), the same way as the
        matcher's travel rule."""
        return queryset

    def near_place(self) -> tuple[Municipality, int] | None:
        """The place and the distance chosen, if both are valid."""
        data = getattr(self.form, "cleaned_data", None) or {}
        place = data.get("near")
        if place is None:
            return None
        return place, int(data.get("km") or NEAR_DEFAULT_KM)

    def filter_free_seats(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(capacity__seats_free__gt=0) if value else queryset

    def filter_learning(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset.filter(learning_units__isnull=False) if value else queryset

    def filter_pricing(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value == "free":
            return queryset.filter(voucher_price_cents__isnull=True)
        if value == "voucher":
            return queryset.filter(voucher_price_cents__isnull=False)
        return queryset
