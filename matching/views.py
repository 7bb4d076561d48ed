"""Suggestions on the web: the instructor's top 10 for a client and the client's own
"My suggestions". Each list shown is logged (matching.models.ShownList)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.access import permissions, roles
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.clients.selectors import caseload as clients_caseload
from marketplace.clients.services import placements as psvc
from marketplace.shared import vocabularies
from marketplace.sites import selectors as sites_selectors
from matching import display, services
from matching.charts import reliability_chart
from matching.models import MatcherModel, ShownList, SuggestionFeedback


class SuggestionFilterForm(forms.Form):
    """Narrow the instructor's list; the hard rules still apply underneath."""

    max_km = forms.TypedChoiceField(
        label=gettext_lazy("Distance"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", gettext_lazy("As far as the client can travel")),
            (5, gettext_lazy("Within 5 km")),
            (10, gettext_lazy("Within 10 km")),
            (20, gettext_lazy("Within 20 km")),
            (50, gettext_lazy("Within 50 km")),
        ],
    )
    remote_only = forms.BooleanField(
        label=gettext_lazy("Only remote work activity"), required=False
    )
    tag = forms.ChoiceField(label=gettext_lazy("Kind of work"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", gettext_lazy("Any"))] + [
            (code, vocabularies.label("tag", code)) for code in sorted(vocabularies.TAG)
        ]

    def filters(self) -> services.SuggestionFilters:
        if not self.is_valid():
            return services.SuggestionFilters()
        data = self.cleaned_data
        return services.SuggestionFilters(
            max_km=data.get("max_km"),
            remote_only=bool(data.get("remote_only")),
            tags=(data["tag"],) if data.get("tag") else (),
        )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is this not a good suggestion?"),
        max_length=300,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    shown = forms.UUIDField(required=False, widget=forms.HiddenInput)


def _own_client(request: HttpRequest, pk: Any) -> Any:
    user = request.user
    if not (user.has_role(roles.INSTRUCTOR) or permissions.is_platform_admin(user)):
        raise PermissionDenied
    # the pages of suggestions need the client alone, not the placements with their
    # sites that the caseload selector brings along for lists
    return get_object_or_404(
        clients_caseload.clients_for(user).prefetch_related(None), pk=pk
    )


@login_required
@shows_client_data(Subject.SUGGESTIONS, Action.VIEW, Purpose.OWN_WORKER)
def client_suggestions(request: HttpRequest, pk: Any) -> HttpResponse:
    """The instructor's top 10 for one of their clients, with reasons and filters."""
    client = _own_client(request, pk)
    reads_of(request).add(client)
    form = SuggestionFilterForm(request.GET or None)
    result = services.suggestions_show(
        actor=request.user,
        client=client,
        audience=ShownList.Audience.INSTRUCTOR,
        filters=form.filters(),
    )
    return render(
        request,
        "matching/client_suggestions.html",
        {
            "client": client,
            "form": form,
            "result": result,
            "hide_form": HideForm(),
            "feedback": result.feedback,
        },
    )


@login_required
@require_POST
def suggestion_book(request: HttpRequest, pk: Any, site_id: int) -> HttpResponse:
    """ "Book a visit": the suggestion starts the placement path at that site."""
    client = _own_client(request, pk)
    site = get_object_or_404(sites_selectors.published_sites(), pk=site_id)
    try:
        placement = psvc.placement_suggest(actor=request.user, client=client, site=site)
    except psvc.PlacementRuleError as exc:
        messages.error(request, str(exc))
        return redirect("client_suggestions", pk=client.pk)
    services.shown_list_chosen(
        shown_list_id=request.POST.get("shown"), client=client, site=site
    )
    return redirect("placement_action", pk=placement.pk, action="visit")


@login_required
@require_POST
def suggestion_hide(request: HttpRequest, pk: Any, site_id: int) -> HttpResponse:
    client = _own_client(request, pk)
    site = get_object_or_404(sites_selectors.published_sites(), pk=site_id)
    form = HideForm(request.POST)
    if form.is_valid():
        services.suggestion_hide(
            actor=request.user,
            client=client,
            site=site,
            reason=form.cleaned_data["reason"],
            shown_list_id=form.cleaned_data.get("shown"),
        )
        messages.success(
            request,
            _("%(site)s is hidden from this client's suggestions.")
            % {"site": site.title},
        )
    else:
        messages.error(request, _("Write a short reason for hiding the suggestion."))
    return redirect("client_suggestions", pk=client.pk)


@login_required
@require_POST
def suggestion_unhide(request: HttpRequest, pk: Any, site_id: int) -> HttpResponse:
    client = _own_client(request, pk)
    SuggestionFeedback.objects.filter(
        client=client, site_id=site_id, kind=SuggestionFeedback.Kind.HIDDEN
    ).delete()
    return redirect("client_suggestions", pk=client.pk)


def _client_self(request: HttpRequest) -> Any:
    client = getattr(request.user, "client_record", None)
    if client is None:
        raise PermissionDenied
    return client


@login_required
def my_suggestions(request: HttpRequest) -> HttpResponse:
    """The client's own suggestions in plain language, with their goals to reorder."""
    client = _client_self(request)
    result = services.suggestions_show(
        actor=request.user, client=client, audience=ShownList.Audience.CLIENT
    )
    return render(
        request,
        "matching/my_suggestions.html",
        {
            "client": client,
            "result": result,
            "goals": [(g, vocabularies.label("goal", g)) for g in client.goals or []],
        },
    )


@login_required
@require_POST
def my_suggestion_answer(request: HttpRequest, site_id: int) -> HttpResponse:
    """ "Interested" or "not for me" from the client's own list."""
    _client_self(request)
    site = get_object_or_404(sites_selectors.published_sites(), pk=site_id)
    kind = request.POST.get("answer", "")
    try:
        services.suggestion_answer(
            actor=request.user,
            site=site,
            kind=kind,
            shown_list_id=request.POST.get("shown"),
        )
    except services.SuggestionError:
        messages.error(request, _("Choose one of the answers."))
    else:
        if kind == SuggestionFeedback.Kind.INTERESTED:
            messages.success(
                request,
                _("Thank you! Your social instructor sees that %(site)s interests you.")
                % {"site": site.title},
            )
        else:
            messages.success(
                request,
                _("Thank you. %(site)s is taken off your list.") % {"site": site.title},
            )
    return redirect(reverse("my_suggestions") + "#suggestions")


@login_required
@require_POST
def my_goal_move(request: HttpRequest) -> HttpResponse:
    """Move one of the client's goals up or down; the suggestions follow."""
    client = _client_self(request)
    goals = list(client.goals or [])
    goal, direction = request.POST.get("goal", ""), request.POST.get("direction", "")
    if goal in goals and direction in ("up", "down"):
        i = goals.index(goal)
        j = i - 1 if direction == "up" else i + 1
        if 0 <= j < len(goals):
            goals[i], goals[j] = goals[j], goals[i]
            services.client_goals_reorder(
                actor=request.user, client=client, goals=goals
            )
            messages.success(
                request,
                _("Your goals are in the new order, and your suggestions follow it."),
            )
    return redirect(reverse("my_suggestions") + "#goals")


@login_required
def matcher_overview(request: HttpRequest) -> HttpResponse:
    """For organisers: the models in the registry, and what instructors and clients
    said about suggestions in the region (for the model's review; no client names)."""
    user = request.user
    if not permissions.can_manage_organisations(user):
        raise PermissionDenied
    feedback = SuggestionFeedback.objects.select_related("site", "site__municipality")
    lists = ShownList.objects.all()
    if not permissions.is_platform_admin(user):
        feedback = feedback.filter(client__municipality__region_id=user.region_id)
        lists = lists.filter(client__municipality__region_id=user.region_id)
    counts = lists.aggregate(
        total=Count("pk"),
        by_clients=Count("pk", filter=Q(audience="client")),
        chosen=Count("pk", filter=Q(chosen_site__isnull=False)),
    )
    kinds = dict(
        feedback.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    models = list(MatcherModel.objects.all()[:20])
    return render(
        request,
        "matching/overview.html",
        {
            "models": [
                (m, display.model_kind(m.kind), display.decision_text(m.evaluation))
                for m in models
            ],
            "active": _model_view(next((m for m in models if m.is_active), None)),
            "hidden": feedback.filter(kind=SuggestionFeedback.Kind.HIDDEN)[:50],
            "counts": counts,
            "kinds": kinds,
        },
    )


def _model_view(model: MatcherModel | None) -> dict[str, Any] | None:
    """What the matcher page says of the model in use: its hold-out figures, its
    calibration (chart and table) and what it weighs."""
    if model is None:
        return None
    ev = model.evaluation
    calibration = ev.get("calibration") or None
    usable = bool(
        calibration
        and calibration["rows"] >= 100
        and calibration["brier"] < calibration["brier_base"]
    )
    config = ev.get("config") or {}
    return {
        "model": model,
        "kind": display.model_kind(model.kind),
        "evaluation": ev,
        "calibration": calibration,
        "percentages_shown": usable,
        "chart": reliability_chart(calibration["bins"], "reliability")
        if calibration
        else None,
        "weights": display.weight_rows(ev.get("weights")),
        "distance_penalty": config.get("distance_penalty"),
    }
