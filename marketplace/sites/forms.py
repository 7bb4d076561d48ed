"""Forms: they validate the shape of input; the rules themselves live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class SeatsForm(forms.Form):
    seats_total = forms.IntegerField(
        label=_("Seats in total"), min_value=0, max_value=500
    )
    seats_free = forms.IntegerField(
        label=_("Free seats now"), min_value=0, max_value=500
    )
    #: the seats as the form showed them ("total/free/taken"): a change made
    #: meanwhile is not undone by saving this form
    seen = forms.RegexField(
        regex=r"^[0-9]{1,5}/[0-9]{1,5}/[0-9]{1,5}$",
        widget=forms.HiddenInput,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        total, free = cleaned.get("seats_total"), cleaned.get("seats_free")
        if total is not None and free is not None and free > total:
            self.add_error(
                "seats_free", _("There cannot be more free seats than seats in total.")
            )
        return cleaned

    def seen_counts(self) -> tuple[int, int, int] | None:
        seen = self.cleaned_data.get("seen")
        if not seen:
            return None
        total, free, taken = (int(part) for part in seen.split("/"))
        return total, free, taken
