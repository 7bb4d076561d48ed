"""Views: check permission, validate the form, call a service, redirect (PRG)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.accounts import selectors as accounts_selectors
from marketplace.accounts.forms.organisations import OrganisationForm, UserForm
from marketplace.accounts.services.organisations import (
    OrganisationRuleError,
    organisation_save,
    user_save,
)
from marketplace.models import Organisation, User
from marketplace.shared.http import AuthenticatedRequest
from marketplace.shared.law import COMPANY_REHAB_MESSAGE


@login_required
def organisation_list(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied
    organisations = accounts_selectors.organisations_for(request.user).order_by("name")
    return render(
        request, "marketplace/organisation_list.html", {"organisations": organisations}
    )


@login_required
def organisation_edit(
    request: AuthenticatedRequest, pk: int | None = None
) -> HttpResponse:
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied
    organisation = (
        get_object_or_404(accounts_selectors.organisations_for(request.user), pk=pk)
        if pk is not None
        else Organisation(region_id=request.user.region_id)
    )
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            organisation_save(
                user=request.user,
                organisation=organisation,
                **{k: form.cleaned_data[k] for k in ("name", "kind", "business_id")},
            )
        except OrganisationRuleError:
            form.add_error("kind", COMPANY_REHAB_MESSAGE)
        else:
            messages.success(request, _("Organisation saved."))
            return redirect("organisation_list")
    return render(
        request,
        "marketplace/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied
    users = accounts_selectors.users_for(request.user)
    return render(request, "marketplace/user_list.html", {"users": users})


@login_required
def user_edit(request: AuthenticatedRequest, pk: int | None = None) -> HttpResponse:
    actor = request.user
    if not permissions.can_manage_organisations(actor):
        raise PermissionDenied
    editing = (
        get_object_or_404(accounts_selectors.users_for(actor), pk=pk)
        if pk is not None
        else None
    )
    initial = {}
    if editing is not None:
        initial = {
            "username": editing.username,
            "first_name": editing.first_name,
            "last_name": editing.last_name,
            "email": editing.email,
            "role": accounts_selectors.role_of(editing),
            "organisation": editing.organisation_id,
            "is_active": editing.is_active,
        }
    form = UserForm(
        request.POST or None,
        initial=initial,
        organisations=accounts_selectors.organisations_for(actor).order_by("name"),
        editing=editing,
    )
    if request.method == "POST" and form.is_valid():
        user_save(actor=actor, user=editing, **form.cleaned_data)
        messages.success(request, _("User saved."))
        return redirect("user_list")
    return render(
        request, "marketplace/user_form.html", {"form": form, "editing": editing}
    )


__all__ = ["User"]
