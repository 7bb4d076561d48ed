"""Forms of the client and placement pages (shape only; rules are in services)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.models import Client, SelfAssessment, Term
from marketplace.models.placements import EXIT_REASON_CHOICES, HOLDABLE_EXITS
from marketplace.shared import vocabularies
from marketplace.shared.dates import DateField, DateTimeField
from matching.core import vocabulary as V


class TermMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Term) -> str:
        return obj.label


class ClientForm(forms.ModelForm):
    """What the instructor records with the client. There is no place for diagnoses."""

    goal_1 = forms.ChoiceField(label=_("Most important goal"))
    goal_2 = forms.ChoiceField(label=_("Second goal"), required=False)
    goal_3 = forms.ChoiceField(label=_("Third goal"), required=False)
    interests = TermMultipleChoiceField(
        label=_("Interests and skills"),
        queryset=Term.objects.filter(vocabulary="tag"),
        required=False,
    )
    accessibility_needs = TermMultipleChoiceField(
        label=_("Accessibility needs"),
        queryset=Term.objects.filter(vocabulary="accessibility"),
        required=False,
    )
    languages = TermMultipleChoiceField(
        label=_("Languages"),
        queryset=Term.objects.filter(vocabulary="language"),
        required=False,
    )
    # Kept apart from the client record, only for statistics on outcome gaps.
    age_band = forms.ChoiceField(
        label=_("Age band (statistics only)"),
        required=False,
        help_text=_(
            "Used only in aggregate to check that suggestions and outcomes are fair "
            "between groups. Never used to rank places."
        ),
    )
    service_language = forms.ChoiceField(
        label=_("Language of service (statistics only)"), required=False
    )

    class Meta:
        model = Client
        fields = [
            "name", "municipality", "service", "wishes", "days_per_week", "hours_per_day",
            "max_travel_km", "remote_ok", "interests", "accessibility_needs", "languages",
        ]  # fmt: skip
        widgets = {"wishes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        goals = [("", "—")] + [(g, vocabularies.label("goal", g)) for g in V.GOALS]
        for n in (1, 2, 3):
            self.fields[f"goal_{n}"].choices = goals
        for n, goal in enumerate((self.instance.goals or [])[:3], start=1):
            self.initial[f"goal_{n}"] = goal
        from matching.models import ClientAuditAttributes as Audit

        self.fields["age_band"].choices = [("", "—"), *Audit.AgeBand.choices]
        self.fields["service_language"].choices = [
            ("", "—"),
            *Audit.ServiceLanguage.choices,
        ]
        audit = (
            Audit.objects.filter(client_id=self.instance.pk).first()
            if self.instance.pk
            else None
        )
        if audit is not None:
            self.initial["age_band"] = audit.age_band
            self.initial["service_language"] = audit.service_language
        self.order_fields(
            ["name", "municipality", "service", "goal_1", "goal_2", "goal_3"]
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        goals = [cleaned.get(f"goal_{n}") for n in (1, 2, 3)]
        goals = [g for g in goals if g]
        if len(set(goals)) != len(goals):
            self.add_error("goal_2", _("Choose each goal only once."))
        self.instance.goals = goals
        return cleaned


class SelfAssessmentForm(forms.ModelForm):
    class Meta:
        model = SelfAssessment
        fields = ["date", *SelfAssessment.AREAS, "consent"]
        field_classes = {"date": DateField}
        widgets = {
            # ISO, as <input type="date"> needs (a Finnish 5.12.2026 shows empty)
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{
                area: forms.NumberInput(attrs={"min": 0, "max": 10})
                for area in SelfAssessment.AREAS
            },
        }

    def clean_consent(self) -> bool:
        if not self.cleaned_data.get("consent"):
            raise forms.ValidationError(
                _("Scores are saved only when the client agrees to share them.")
            )
        return True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for area in SelfAssessment.AREAS:
            value = cleaned.get(area)
            if value is not None and not 0 <= value <= 10:
                self.add_error(area, _("Give a score from 0 to 10."))
        return cleaned


class VisitForm(forms.Form):
    visit_at = DateTimeField(label=_("Date and time of the introductory visit"))


class AgreeForm(forms.Form):
    start_date = DateField(label=_("Start date"))
    days_per_week = forms.IntegerField(
        label=_("Days per week"), min_value=1, max_value=5
    )
    hours_per_day = forms.IntegerField(
        label=_("Hours per day"), min_value=1, max_value=8
    )
    tasks = forms.CharField(
        label=_("Tasks agreed"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ActivateForm(forms.Form):
    start_date = DateField(label=_("The client started on"))


class ExtendForm(forms.Form):
    months = forms.IntegerField(
        label=_("Extend by (months)"), min_value=1, max_value=21, initial=3
    )
    #: the period's end as the page showed it: a second submit does not extend again
    current_end = DateField(widget=forms.HiddenInput, required=False)


class DaysForm(forms.Form):
    days_per_week = forms.IntegerField(
        label=_("Days per week"), min_value=1, max_value=5
    )
    hours_per_day = forms.IntegerField(
        label=_("Hours per day"), min_value=1, max_value=8
    )


class EndForm(forms.Form):
    end_date = DateField(label=_("End date"))
    exit_reason = forms.ChoiceField(label=_("Exit reason"), choices=EXIT_REASON_CHOICES)


class HoldForm(forms.Form):
    end_date = DateField(label=_("Last day at the site"))
    exit_reason = forms.ChoiceField(
        label=_("Moves on to"),
        choices=[(c, label) for c, label in EXIT_REASON_CHOICES if c in HOLDABLE_EXITS],
    )
    weeks = forms.IntegerField(
        label=_("Hold the seat for (weeks)"), min_value=1, max_value=26, initial=8
    )


class ReturnForm(forms.Form):
    start_date = DateField(label=_("Returns on"))


class SuggestForm(forms.Form):
    site = forms.ModelChoiceField(label=_("Work-activity site"), queryset=None)

    def __init__(self, *args: Any, sites: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites


class PurposeForm(forms.Form):
    purpose = forms.ChoiceField(
        label=_("Why do you open this client's data?"),
        choices=[
            ("substitute", _("I substitute for the client's own worker")),
            ("network_meeting", _("Network meeting with the client")),
            ("client_request", _("The client asked me to")),
        ],
    )


class OwnWishesForm(forms.ModelForm):
    """What a client may change about themself: their wishes and what interests them."""

    interests = TermMultipleChoiceField(
        label=_("What interests you or what you can do"),
        queryset=Term.objects.filter(vocabulary="tag"),
        required=False,
    )

    class Meta:
        model = Client
        fields = ["wishes", "interests"]
        labels = {"wishes": _("Your wishes, in your own words")}
        help_texts = {
            "wishes": _(
                "For example what you would like to do, when, and what is hard."
            )
        }
        widgets = {"wishes": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}
