"""The network plan's pages: the instructor records, the staff actor sees their open
tasks, the client sees their plan on their own page (templatetags/plan_tags.py).
Every staff read of a client's plan is written to the access log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions, roles
from marketplace.clients.reads import (
    Action,
    Purpose,
    Subject,
    reads_of,
    shows_client_data,
)
from marketplace.clients.selectors import caseload
from marketplace.models import Client, NetworkMeeting, Placement
from marketplace.network import selectors, services
from marketplace.network.forms import (
    MeetingForm,
    ParticipantFormSet,
    ReviewForm,
    TaskForm,
    TaskReviewForm,
    staff_of_region,
)
from marketplace.shared.http import AuthenticatedRequest

#: Open tasks on one page of a staff actor's task list.
TASKS_PER_PAGE = 25


def _own_client(request: AuthenticatedRequest, pk: Any) -> Client:
    user = request.user
    if not (user.has_role(roles.INSTRUCTOR) or permissions.is_platform_admin(user)):
        raise PermissionDenied
    client: Client | None = (
        caseload.clients_for(user).prefetch_related(None).filter(pk=pk).first()
    )
    if client is None or not permissions.can_manage_network_plan(user, client):
        raise Http404
    return client


def _log_view(request: AuthenticatedRequest, client: Client) -> None:
    reads_of(request).add(client)


@login_required
@shows_client_data(Subject.NETWORK, Action.VIEW, Purpose.OWN_WORKER)
def network_plan(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    client = _own_client(request, pk)
    plan = selectors.managed_plan(request.user, client)
    _log_view(request, client)
    return render(
        request,
        "network/plan.html",
        {"client": client, "plan": plan, "today": timezone.localdate()},
    )


@login_required
@shows_client_data(Subject.NETWORK, Action.VIEW, Purpose.OWN_WORKER)
def network_meeting_new(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    client = _own_client(request, pk)
    plan = selectors.managed_plan(request.user, client)
    initial = {"date": timezone.localdate(), "kind": "review" if plan else "start"}
    if plan:
        initial |= {"starting_point": plan.starting_point, "goals": plan.goals}
    form = MeetingForm(request.POST or None, initial=initial)
    staff = staff_of_region(request.user)
    formset = ParticipantFormSet(
        request.POST or None, prefix="p", form_kwargs={"staff": staff}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            meeting = _record_meeting(request, client, form, formset)
        except services.NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The meeting is recorded. Add the tasks."))
            return redirect("network_tasks", pk=meeting.pk)
    _log_view(request, client)
    return render(
        request,
        "network/meeting_form.html",
        {"client": client, "form": form, "formset": formset},
    )


def _record_meeting(
    request: AuthenticatedRequest, client: Client, form: MeetingForm, formset: Any
) -> NetworkMeeting:
    rows = [f.cleaned_data for f in formset.forms if f.cleaned_data.get("role")]
    participants = [
        services.ActorInput(
            role=r["role"], organisation=r.get("organisation", ""), user=r.get("user")
        )
        for r in rows
    ]
    coordinator = next(i for i, r in enumerate(rows) if r.get("coordinates"))
    if form.cleaned_data["client_present"]:
        participants.append(
            services.ActorInput(role=services.CLIENT_ROLE, is_client=True)
        )
    data = form.cleaned_data
    return services.network_meeting_record(
        actor=request.user,
        client=client,
        kind=data["kind"],
        date=data["date"],
        starting_point=data["starting_point"],
        goals=data["goals"],
        participants=participants,
        coordinator_index=coordinator,
        next_meeting=data.get("next_meeting"),
        client_agreed=data["client_agreed"],
    )


def _meeting(request: AuthenticatedRequest, pk: Any) -> NetworkMeeting:
    meeting = selectors.meeting_for(request.user, pk)
    if meeting is None:
        raise Http404
    return meeting


@login_required
@shows_client_data(Subject.NETWORK, Action.VIEW, Purpose.OWN_WORKER)
def network_tasks(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    """The tasks agreed at a meeting, added one at a time."""
    meeting = _meeting(request, pk)
    client = meeting.plan.client
    form = TaskForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.network_task_add(
                actor=request.user,
                meeting=meeting,
                task_actor=form.cleaned_data["actor"],
                description=form.cleaned_data["description"],
                due=form.cleaned_data["due"],
            )
        except services.NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Task added."))
            return redirect("network_tasks", pk=meeting.pk)
    _log_view(request, client)
    return render(
        request,
        "network/tasks_form.html",
        {
            "meeting": meeting,
            "client": client,
            "form": form,
            "tasks": meeting.tasks_agreed.select_related("actor"),
        },
    )


@login_required
@shows_client_data(Subject.NETWORK, Action.VIEW, Purpose.OWN_WORKER)
def network_review(request: AuthenticatedRequest, pk: Any) -> HttpResponse:
    """At the review: what happened to each task, and the next step."""
    meeting = _meeting(request, pk)
    if meeting.kind != NetworkMeeting.Kind.REVIEW:
        raise Http404
    client = meeting.plan.client
    tasks = list(
        meeting.plan.tasks.filter(
            agreed_at__date__lt=meeting.date, status=services.OPEN
        ).select_related("actor")
    )
    data = request.POST or None
    task_forms = [
        (t, TaskReviewForm(data, prefix=f"t-{t.pk}", initial={"status": t.status}))
        for t in tasks
    ]
    placements = Placement.objects.filter(
        client=client, status__in=[Placement.Status.ACTIVE, Placement.Status.AGREED]
    ).select_related("site")
    form = ReviewForm(
        data,
        placements=placements,
        initial={
            "next_step": meeting.next_step,
            "next_step_note": meeting.next_step_note,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and all(f.is_valid() for _t, f in task_forms)
    ):
        try:
            _record_review(request, meeting, form, task_forms)
        except services.NetworkError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The review is recorded."))
            return redirect("network_plan", pk=client.pk)
    _log_view(request, client)
    return render(
        request,
        "network/review_form.html",
        {"meeting": meeting, "client": client, "form": form, "task_forms": task_forms},
    )


def _record_review(
    request: AuthenticatedRequest,
    meeting: NetworkMeeting,
    form: ReviewForm,
    task_forms: Any,
) -> None:
    data = form.cleaned_data
    services.network_review_record(
        actor=request.user,
        meeting=meeting,
        reviews=[
            services.TaskReview(
                task=t,
                status=f.cleaned_data["status"],
                outcome=f.cleaned_data["outcome"],
            )
            for t, f in task_forms
        ],
        next_step=data["next_step"],
        next_step_note=data["next_step_note"],
        placement=data.get("placement"),
        placement_change=data.get("placement_change") or "",
        exit_reason=data.get("exit_reason") or "",
        hold_weeks=data.get("hold_weeks"),
    )


@login_required
@shows_client_data(Subject.NETWORK, Action.LIST, Purpose.NETWORK)
def my_network_tasks(request: AuthenticatedRequest) -> HttpResponse:
    """A staff actor's open tasks across the clients' networks."""
    user = request.user
    if not (user.has_role(roles.INSTRUCTOR) or user.has_role(roles.SUPERVISOR)):
        raise PermissionDenied
    paginator = Paginator(selectors.open_tasks_for(user), TASKS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    reads_of(request).add_all(t.plan.client for t in page.object_list)
    return render(
        request,
        "network/my_tasks.html",
        {"page": page, "today": timezone.localdate()},
    )
