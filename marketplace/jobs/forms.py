"""Forms of the job bank: they check the shape of input; the rules are in services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from marketplace.jobs.rules import DECLARATION_MESSAGE, job_rule_errors
from marketplace.models import Client, Municipality, Term, WorkSite
from marketplace.models.jobs import MAX_PRICE_CENTS
from marketplace.sites.filters import TermChoiceField


def _terms(vocabulary: str) -> Any:
    return Term.objects.filter(vocabulary=vocabulary).order_by("code")


def euros_to_cents(value: Decimal | None) -> int:
    """Euros with at most two decimals to integer cents, exactly."""
    return int((value or Decimal(0)) * 100)


class EurosField(forms.DecimalField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", Decimal(0))
        kwargs.setdefault("max_value", Decimal(MAX_PRICE_CENTS) / 100)
        super().__init__(max_digits=9, decimal_places=2, localize=True, **kwargs)


class JobForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    description = forms.CharField(
        label=_("What is to be done"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Describe the work, the materials and what a good result is."),
    )
    services = TermChoiceField(
        label=_("Meant for"),
        queryset=_terms("service"),
        widget=forms.CheckboxSelectMultiple,
    )
    tags = TermChoiceField(
        label=_("Kind of work"),
        queryset=_terms("tag"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.order_by("name")
    )
    address = forms.CharField(label=_("Street address"), max_length=200, required=False)
    remote = forms.BooleanField(label=_("Can be done remotely"), required=False)
    workers_needed = forms.IntegerField(
        label=_("Workers needed"), min_value=1, max_value=100
    )
    effort_days = forms.IntegerField(
        label=_("Effort in working days"),
        min_value=1,
        max_value=365,
        help_text=_("How many days of work the job takes for the whole group."),
    )
    deadline = forms.DateField(
        label=_("Deadline"), widget=forms.DateInput(attrs={"type": "date"})
    )
    price = EurosField(
        label=_("Price (€)"),
        required=False,
        help_text=_("Leave empty or 0 for an unpaid job."),
    )
    contact_name = forms.CharField(
        label=_("Contact person"), max_length=120, required=False
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("Email"), required=False)
    replaces_no_paid_work = forms.BooleanField(
        label=_(
            "I confirm that this job does not replace paid work, and that nobody "
            "depends on the participants' work."
        ),
        error_messages={"required": DECLARATION_MESSAGE},
    )

    def __init__(self, *args: Any, organisation: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_deadline(self) -> Any:
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        codes = {t.code for t in cleaned.get("services") or []}
        for name, message in job_rule_errors(self.organisation, codes).items():
            self.add_error(name, message)
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments of ``job_post``/``job_update``."""
        data = dict(self.cleaned_data)
        data["price_cents"] = euros_to_cents(data.pop("price"))
        return data


def job_initial(job: Any) -> dict[str, Any]:
    return {
        "title": job.title,
        "description": job.description,
        "services": list(job.services.all()),
        "tags": list(job.tags.all()),
        "municipality": job.municipality_id,
        "address": job.address,
        "remote": job.remote,
        "workers_needed": job.workers_needed,
        "effort_days": job.effort_days,
        "deadline": job.deadline,
        "price": Decimal(job.price_cents) / 100,
        "contact_name": job.contact_name,
        "contact_phone": job.contact_phone,
        "contact_email": job.contact_email,
        "replaces_no_paid_work": job.replaces_no_paid_work,
    }


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: WorkSite) -> str:
        return obj.title


class OfferForm(forms.Form):
    site = SiteChoiceField(label=_("Group (site)"), queryset=WorkSite.objects.none())
    workers = forms.IntegerField(
        label=_("Workers in the group"), min_value=1, max_value=100
    )
    message = forms.CharField(
        label=_("Message to the poster"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example when the group could start. Do not name clients."),
    )

    def __init__(self, *args: Any, sites: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sites is not None:
            self.fields["site"].queryset = sites


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the poster"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResolveForm(forms.Form):
    """The organiser's decision: for a paid job the unit's share of the price, for
    an unpaid job whether the delivery is accepted."""

    unit_share = EurosField(
        label=_("The unit's share (€)"),
        help_text=_(
            "The rest of the price is refunded to the poster. 0 cancels the job."
        ),
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("The delivery is accepted")),
            ("cancel", _("The job is cancelled")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Reasons for the decision"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, job: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        paid = job is None or job.is_paid
        del self.fields["decision" if paid else "unit_share"]

    def service_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        if "unit_share" in data:
            data["unit_share_cents"] = euros_to_cents(data.pop("unit_share"))
        if "decision" in data:
            data["accept"] = data.pop("decision") == "accept"
        return data


class ParticipantChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Client) -> str:
        return obj.name


class WorkDayForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    participants = ParticipantChoiceField(
        label=_("Who worked on the job that day"),
        queryset=Client.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, participants: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if participants is not None:
            self.fields["participants"].queryset = participants
