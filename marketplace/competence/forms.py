"""The supervisor's form for one competence record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.models import CompetenceRecord, LearningUnit, WorkSite
from marketplace.shared.dates import DateField


class CompetenceRecordForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Qualification unit"),
        queryset=LearningUnit.objects.none(),
        empty_label=None,
    )
    parts = forms.CharField(
        label=_("Parts of the unit worked on or shown"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One on each line, for example: Planning the day's work."),
    )
    level = forms.ChoiceField(
        label=_("What was done"),
        choices=CompetenceRecord.Level.choices,
        widget=forms.RadioSelect,
    )
    start = DateField(label=_("From"))
    end = DateField(label=_("Until"))
    tasks = forms.CharField(
        label=_("Work tasks"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A short description in plain words; no health information."),
    )

    def __init__(self, *args: Any, site: WorkSite, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = LearningUnit.objects.filter(site=site).order_by("sort_order")
