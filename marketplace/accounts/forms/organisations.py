"""Forms: they validate the shape of input; the rules themselves live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from marketplace.access import roles
from marketplace.models import Organisation, User
from marketplace.shared.law import COMPANY_REHAB_MESSAGE


class OrganisationForm(forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "business_id"]

    def clean_kind(self) -> str:
        kind: str = self.cleaned_data["kind"]
        instance = self.instance
        if (
            kind == "company"
            and instance.pk
            and instance.sites.filter(services__code="rehabilitative").exists()
        ):
            raise forms.ValidationError(COMPANY_REHAB_MESSAGE)
        return kind


class UserForm(forms.Form):
    """An organiser adds or edits a user of their region."""

    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(r, roles.LABELS[r]) for r in roles.ASSIGNABLE_BY_ORGANISER],
    )
    organisation: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Organisation"), queryset=None, required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text=_("Leave empty to keep the current password."),
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        editing: User | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.editing = editing
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        if editing is None:
            self.fields["password"].required = True
            self.fields["password"].help_text = ""

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"].strip()
        clash = User.objects.filter(username__iexact=username)
        if self.editing is not None:
            clash = clash.exclude(pk=self.editing.pk)
        if clash.exists():
            raise forms.ValidationError(_("This username is already in use."))
        return username

    def clean_password(self) -> str:
        password: str = self.cleaned_data.get("password") or ""
        if password:
            validate_password(password, self.editing)
        return password

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if role and role != roles.CLIENT and not cleaned.get("organisation"):
            self.add_error("organisation", _("Staff users belong to an organisation."))
        return cleaned
