"""The job bank's filters (django-filter), like the site catalogue's; all in the URL."""

from __future__ import annotations

from typing import Any

import django_filters as df
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from marketplace.models import Job, Municipality, Region
from marketplace.sites.filters import term_filter


class JobFilter(df.FilterSet):
    region = df.ModelChoiceFilter(
        label=_("Region"),
        field_name="municipality__region",
        queryset=Region.objects.all(),
        to_field_name="slug",
        empty_label=_("All regions"),
    )
    municipality = df.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(jobs__isnull=False).distinct(),
        to_field_name="code",
        empty_label=_("All municipalities"),
    )
    service = term_filter(_("Meant for"), "service", "services")
    tag = term_filter(_("Kind of work"), "tag", "tags")
    remote = df.ChoiceFilter(
        label=_("Where"),
        method="filter_remote",
        choices=[("remote", _("Can be done remotely")), ("on_site", _("On site"))],
        empty_label=_("Anywhere"),
    )
    pay = df.ChoiceFilter(
        label=_("Pay"),
        method="filter_pay",
        choices=[("paid", _("Paid jobs")), ("unpaid", _("Unpaid jobs"))],
        empty_label=_("Paid and unpaid"),
    )
    deadline_from = df.DateFilter(
        label=_("Deadline at the earliest"),
        field_name="deadline",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    deadline_to = df.DateFilter(
        label=_("Deadline at the latest"),
        field_name="deadline",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Job
        fields: list[str] = []

    def filter_remote(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value == "remote":
            return queryset.filter(remote=True)
        if value == "on_site":
            return queryset.filter(remote=False)
        return queryset

    def filter_pay(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        if value == "paid":
            return queryset.filter(price_cents__gt=0)
        if value == "unpaid":
            return queryset.filter(price_cents=0)
        return queryset
