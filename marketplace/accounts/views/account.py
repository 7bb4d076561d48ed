"""The user's own sign-in security: login with the second factor, setting up an
authenticator app, recovery codes, logging out everywhere; and the organiser's
page for their users' devices and lockouts. Rules live in services/account.py;
``marketplace.accounts.middleware.TwoFactorMiddleware`` keeps unverified staff here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.access import permissions, roles
from marketplace.accounts import selectors
from marketplace.accounts.forms.account import (
    AuthenticatorForm,
    PasswordChangeForm,
    PasswordForm,
    SecondFactorForm,
)
from marketplace.accounts.services import account
from marketplace.models import User
from marketplace.shared.http import AuthenticatedRequest

NEW_CODES_KEY = "polku_new_recovery_codes"


def _next(request: HttpRequest) -> str:
    """Where to go afterwards: ``next`` if it is a page of this site, else home."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _verified(request: AuthenticatedRequest, device: Device) -> None:
    """Mark the session as verified with ``device`` under a new session key."""
    django_otp.login(request, device)
    request.session.cycle_key()


class PasswordChangeView(auth_views.PasswordChangeView):
    """Change one's own password (current one first); other sessions then end."""

    template_name = "account/password_change.html"
    form_class = PasswordChangeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def get_success_url(self) -> str:
        return reverse("account")

    def form_valid(self, form: auth_forms.PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("Your password is changed. Other devices were logged out."),
        )
        return response


class LogoutView(auth_views.LogoutView):
    """Django's logout; the browser is also told to drop what it cached of Polku."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


class LoginView(auth_views.LoginView):
    """Django's login; then the second factor for those who use or need one."""

    template_name = "registration/login.html"

    def get_success_url(self) -> str:
        url = super().get_success_url()
        user = permissions.member(self.request.user)  # logged in by now
        if user is None:
            return url
        if account.has_confirmed_device(user):
            return _with_next("two_factor_verify", url)
        if account.two_factor_required(user):
            return _with_next("two_factor_setup", url)
        return url


@login_required
def two_factor_verify(request: AuthenticatedRequest) -> HttpResponse:
    """Second step of the login: a code from the app, or a recovery code."""
    user = request.user
    next_url = _next(request)
    if user.is_verified():
        return redirect(next_url)
    if not account.has_confirmed_device(user):
        if account.two_factor_required(user):
            return redirect(_with_next("two_factor_setup", next_url))
        return redirect(next_url)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = account.second_factor_check(
                user=user, token=form.cleaned_data["code"]
            )
        except account.SecondFactorWaiting:
            form.add_error(
                None,
                _("Too many wrong codes in a row. Wait a minute and try again."),
            )
        else:
            if device is None:
                form.add_error(
                    "code",
                    _(
                        "The code is not right. Type the code your app shows now, "
                        "or a recovery code you have not used."
                    ),
                )
            else:
                _verified(request, device)
                if isinstance(device, StaticDevice):
                    messages.warning(
                        request,
                        _(
                            "You used a recovery code. You have %(n)s left: create "
                            "new ones on your account page."
                        )
                        % {"n": account.recovery_codes_left(user)},
                    )
                return redirect(next_url)
    return render(request, "account/verify.html", {"form": form, "next": next_url})


@login_required
def two_factor_setup(request: AuthenticatedRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code, type a code and the password."""
    user = request.user
    next_url = _next(request)
    replacing = account.has_confirmed_device(user)
    if replacing and not user.is_verified():
        # a new phone needs the old one (or a recovery code) first
        return redirect(_with_next("two_factor_verify", next_url))
    device = account.totp_device_pending(user)
    form = AuthenticatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = account.totp_device_confirm(
                request=request,
                user=user,
                device=device,
                token=form.cleaned_data["code"],
                password=form.cleaned_data["password"],
            )
        except account.AccountError as error:
            if str(error) == "password":
                form.add_error("password", _("The password is not right."))
            else:
                form.add_error(
                    "code",
                    _(
                        "The code is not right. Check that the app shows Polku and "
                        "type the code it shows now."
                    ),
                )
        else:
            _verified(request, device)
            request.session[NEW_CODES_KEY] = codes
            messages.success(request, _("Two-step verification is on."))
            return redirect(_with_next("recovery_codes", next_url))
    return render(
        request,
        "account/setup.html",
        {
            "form": form,
            "next": next_url,
            "required": account.two_factor_required(user),
            "replacing": replacing,
            "qr_svg": account.totp_qr_svg(
                device, _("QR code for adding Polku to an authenticator app")
            ),
            "secret": account.totp_secret_text(device),
        },
    )


@login_required
def recovery_codes(request: AuthenticatedRequest) -> HttpResponse:
    """New recovery codes are shown once; afterwards only how many are left."""
    user = request.user
    if not account.has_confirmed_device(user):
        return redirect("two_factor_setup")
    if request.method == "POST":
        request.session[NEW_CODES_KEY] = account.recovery_codes_replace(user=user)
        return redirect("recovery_codes")
    return render(
        request,
        "account/recovery_codes.html",
        {
            "codes": request.session.pop(NEW_CODES_KEY, None),
            "left": account.recovery_codes_left(user),
            "next": _next(request),
        },
    )


@login_required
def account_page(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    app = TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()
    return render(
        request,
        "account/account.html",
        {
            "app": app,
            "required": account.two_factor_required(user),
            "codes_left": account.recovery_codes_left(user) if app else 0,
            "can_manage_users": permissions.can_manage_organisations(user),
        },
    )


@login_required
def two_factor_disable(request: AuthenticatedRequest) -> HttpResponse:
    """A client or job poster turns two-step verification off."""
    user = request.user
    if account.two_factor_required(user):
        raise PermissionDenied
    if not account.has_confirmed_device(user):
        return redirect("account")
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account.two_factor_disable(
                request=request, user=user, password=form.cleaned_data["password"]
            )
        except account.AccountError:
            form.add_error("password", _("The password is not right."))
        else:
            messages.success(request, _("Two-step verification is off."))
            return redirect("account")
    return render(request, "account/disable.html", {"form": form})


@login_required
def sessions_end(request: AuthenticatedRequest) -> HttpResponse:
    """Log out on every device and browser, this one included."""
    form = PasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account.sessions_end_everywhere(
                request=request,
                user=request.user,
                password=form.cleaned_data["password"],
            )
        except account.AccountError:
            form.add_error("password", _("The password is not right."))
        else:
            logout(request)
            messages.success(request, _("You are now logged out on every device."))
            return redirect("login")
    return render(request, "account/sessions_end.html", {"form": form})


def _managed_users(request: AuthenticatedRequest) -> QuerySet[User]:
    if not permissions.can_manage_organisations(request.user):
        raise PermissionDenied
    return selectors.users_for(request.user).annotate(
        has_app=Exists(
            TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)
        )
    )


@login_required
def user_security_list(request: AuthenticatedRequest) -> HttpResponse:
    """The organiser sees who has two-step verification on and who is locked out."""
    users = list(_managed_users(request))
    locked = account.locked_usernames([u.username for u in users])
    rows = []
    for u in users:
        names = {g.name for g in u.groups.all()}  # prefetched by users_for
        if u.is_superuser:
            names.add(roles.PLATFORM_ADMIN)
        rows.append(
            {
                "user": u,
                "roles": [roles.LABELS[r] for r in roles.ALL if r in names],
                "required": bool(names & account.TWO_FACTOR_ROLES) or u.is_staff,
                "locked": u.username in locked,
            }
        )
    return render(request, "account/user_security_list.html", {"rows": rows})


@login_required
def user_security(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Reset a lost device or lift a lockout of one user of the organiser's region."""
    other = get_object_or_404(_managed_users(request), pk=pk)
    return render(
        request,
        "account/user_security.html",
        {
            "other": other,
            "locked": account.login_locked(other),
            "is_self": other.pk == request.user.pk,
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lock_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
    )


@require_POST
@login_required
def user_security_reset(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    other = get_object_or_404(_managed_users(request), pk=pk)
    account.two_factor_reset(actor=request.user, user=other)
    messages.success(
        request,
        _(
            "Two-step verification of %(name)s is reset. They set up their "
            "authenticator app again at their next login."
        )
        % {"name": other.get_full_name() or other.username},
    )
    return redirect("user_security_list")


@require_POST
@login_required
def user_security_unlock(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    other = get_object_or_404(_managed_users(request), pk=pk)
    account.login_unlock(actor=request.user, user=other)
    messages.success(
        request,
        _("%(name)s can log in again.")
        % {"name": other.get_full_name() or other.username},
    )
    return redirect("user_security_list")


def locked_out(
    request: HttpRequest,
    original_response: HttpResponseBase | None = None,
    credentials: Mapping[str, object] | None = None,
) -> HttpResponse:
    """django-axes' answer to a locked-out username (``AXES_LOCKOUT_CALLABLE``):
    a translated page that says for how long and who can unlock, with status 429."""
    return render(
        request,
        "registration/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lock_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        },
        status=429,
    )
