"""Forms of the network plan: a meeting with its participants, a task, a review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from marketplace.access import roles
from marketplace.models import NetworkActor, NetworkMeeting, NetworkTask, User
from marketplace.models.network import NEXT_STEP_CHOICES
from marketplace.models.placements import EXIT_REASON_CHOICES
from marketplace.shared.dates import DateField

#: Rows for participants on the meeting form (besides the client).
PARTICIPANT_ROWS = 6


def staff_of_region(user: User) -> QuerySet[User]:
    """Polku's instructors and supervisors in the user's region."""
    if user.region_id is None:
        return User.objects.none()
    return (
        User.objects.filter(
            organisation__region_id=user.region_id,
            groups__name__in=[roles.INSTRUCTOR, roles.SUPERVISOR],
            is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Meeting"),
        choices=NetworkMeeting.Kind.choices,
        widget=forms.RadioSelect,
    )
    date = DateField(label=_("Date"))
    client_present = forms.BooleanField(
        label=_("The client took part"), required=False, initial=True
    )
    starting_point = forms.CharField(
        label=_("Starting point, in the client's own words"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    goals = forms.CharField(
        label=_("Goals, in the client's own words"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_meeting = DateField(label=_("Next meeting"), required=False)
    client_agreed = forms.BooleanField(
        label=_(
            "The client has read what is written here and agreed to it. Nothing "
            "about health is written beyond what the client wanted written."
        )
    )


class ParticipantForm(forms.Form):
    role = forms.CharField(label=_("Role"), max_length=120, required=False)
    organisation = forms.CharField(
        label=_("Organisation"), max_length=200, required=False
    )
    user = forms.ModelChoiceField(
        label=_("Uses Polku (optional)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No Polku account"),
    )
    coordinates = forms.BooleanField(label=_("Coordinates"), required=False)

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff
        field.label_from_instance = _user_label  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("role") and (
            data.get("organisation") or data.get("user") or data.get("coordinates")
        ):
            self.add_error("role", _("Write the participant's role."))
        return data


def _user_label(user: User) -> str:
    return str(user.get_full_name() or user.username)


def _placement_label(placement: Any) -> str:
    return str(placement.site.title)


class BaseParticipantFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def clean(self) -> None:
        if any(self.errors):
            return
        rows = [f.cleaned_data for f in self.forms if f.cleaned_data.get("role")]
        if not rows:
            raise forms.ValidationError(_("Name at least one participant by role."))
        if sum(1 for r in rows if r.get("coordinates")) != 1:
            raise forms.ValidationError(
                _("Tick exactly one participant who coordinates.")
            )


ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=PARTICIPANT_ROWS,
    max_num=PARTICIPANT_ROWS,
)


class TaskForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("Who does it"), queryset=NetworkActor.objects.none(), empty_label=None
    )
    description = forms.CharField(label=_("Task"), max_length=300)
    due = DateField(label=_("Due"))

    def __init__(self, *args: Any, meeting: NetworkMeeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["actor"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = meeting.participants.all()


class TaskReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            (NetworkTask.Status.DONE, _("Done")),
            (NetworkTask.Status.NOT_DONE, _("Not done")),
            (NetworkTask.Status.DROPPED, _("No longer needed")),
            (NetworkTask.Status.OPEN, _("Continues")),
        ],
    )
    outcome = forms.CharField(label=_("In a few words"), max_length=300, required=False)


class ReviewForm(forms.Form):
    next_step = forms.ChoiceField(label=_("The next step"), choices=NEXT_STEP_CHOICES)
    next_step_note = forms.CharField(
        label=_("About the next step"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    placement_change = forms.ChoiceField(
        label=_("The placement"),
        required=False,
        choices=[
            ("", _("Continues as before")),
            ("hold", _("The client moves on: hold the seat for a return")),
            ("end", _("End the placement")),
        ],
        widget=forms.RadioSelect,
    )
    placement: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Which placement"), queryset=None, required=False
    )
    exit_reason = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", "–"), *EXIT_REASON_CHOICES],
        required=False,
    )
    hold_weeks = forms.IntegerField(
        label=_("Hold the seat for (weeks)"), min_value=1, max_value=26, required=False
    )

    def __init__(self, *args: Any, placements: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["placement"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = placements
        field.label_from_instance = _placement_label  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        change = data.get("placement_change")
        if change:
            if not data.get("placement"):
                self.add_error("placement", _("Choose the placement."))
            if not data.get("exit_reason"):
                self.add_error("exit_reason", _("Choose the reason."))
            if change == "hold" and not data.get("hold_weeks"):
                self.add_error("hold_weeks", _("Say how many weeks the seat is held."))
        return data
