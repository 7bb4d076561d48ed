"""The weekdays agreed for a placement (shape only; the rule is in the service)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

#: A Monday: its week gives the weekdays' names in the active language.
_MONDAY = dt.date(2024, 1, 1)


def weekday_choices() -> list[tuple[str, str]]:
    """ISO weekday numbers with their names (Monday … Sunday) in the language."""
    return [
        (str(n), formats.date_format(_MONDAY + dt.timedelta(days=n - 1), "l"))
        for n in range(1, 8)
    ]


class WeekdaysForm(forms.Form):
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Agreed weekdays"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, days_per_week: int | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["weekdays"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = weekday_choices()
        if days_per_week:
            field.help_text = _(
                "The agreement is %(n)s days a week: choose %(n)s days. They are "
                "ticked in advance when you mark the activity days."
            ) % {"n": days_per_week}
