"""The user's choices: the language of their e-mails and which ones they get."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from marketplace.models import NotificationKind, User
from marketplace.notifications.kinds import kinds_for


class NotificationSettingsForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of your e-mails"),
        widget=forms.RadioSelect,
    )
    enabled = forms.MultipleChoiceField(
        label=_("Send me an e-mail when"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        kinds = kinds_for(user)
        kwargs.setdefault(
            "initial",
            {
                "language": user.language or settings.LANGUAGE_CODE,
                "enabled": [k for k in kinds if k not in user.notifications_off],
            },
        )
        super().__init__(*args, **kwargs)
        language, enabled = self.fields["language"], self.fields["enabled"]
        assert isinstance(language, forms.ChoiceField)
        assert isinstance(enabled, forms.MultipleChoiceField)
        language.choices = settings.LANGUAGES
        labels = dict(NotificationKind.choices)
        enabled.choices = [(k, labels[k]) for k in kinds]
