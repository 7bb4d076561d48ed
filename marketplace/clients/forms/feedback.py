"""The client's three monthly questions (shape only; the rules are in the service)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from marketplace.models import ClientFeedback


def month_label(month: dt.date) -> str:
    """ "October 2026" in the active language."""
    return formats.date_format(month, "F Y")


class FeedbackForm(forms.Form):
    month = forms.TypedChoiceField(
        label=_("Which month are you answering about?"),
        coerce=dt.date.fromisoformat,
        widget=forms.RadioSelect,
    )
    felt = forms.TypedChoiceField(
        label=_("How did the work feel?"),
        choices=ClientFeedback.Felt.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the work felt.")},
    )
    learned = forms.ChoiceField(
        label=_("Did you learn something new?"),
        choices=ClientFeedback.Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you learned something.")},
    )
    wants_to_continue = forms.ChoiceField(
        label=_("Do you want to continue at this place?"),
        choices=ClientFeedback.Continue.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you want to continue.")},
    )

    def __init__(self, *args: Any, months: Sequence[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["month"]
        field.choices = [(m.isoformat(), month_label(m)) for m in months]
        field.error_messages["required"] = _("Choose the month.")
        if len(months) == 1:
            field.widget = forms.HiddenInput()
            self.initial.setdefault("month", months[0].isoformat())
