"""The user's notification settings (on their account pages)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.models import User
from marketplace.notifications.forms import NotificationSettingsForm
from marketplace.notifications.kinds import kinds_for
from marketplace.notifications.services import notification_settings_save


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required``: its user is one of ours."""

    user: User


@login_required
def notification_settings(request: AuthenticatedRequest) -> HttpResponse:
    """Choose the e-mails you get and their language."""
    user = request.user
    form = NotificationSettingsForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        notification_settings_save(
            user=user,
            language=form.cleaned_data["language"],
            enabled=form.cleaned_data["enabled"],
        )
        messages.success(request, _("Your e-mail settings are saved."))
        return redirect("notification_settings")
    return render(
        request,
        "notifications/settings.html",
        {"form": form, "has_kinds": bool(kinds_for(user))},
        status=400 if form.is_bound else 200,
    )
