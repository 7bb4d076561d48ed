"""Forms of the placement agreement document."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class AgreementSignForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Date of signing"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the client and the site signed the printed agreement."),
    )
