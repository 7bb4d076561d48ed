"""Forgotten password: clients and job posters get a link by e-mail; staff ask
their organiser (their sign-in has a second factor that e-mail must not bypass)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from marketplace.accounts.forms.password_reset import PasswordResetRequestForm
from marketplace.models import User
from marketplace.notifications.password_reset import may_reset_by_email


@never_cache
@csrf_protect
def password_reset_request(request: HttpRequest) -> HttpResponse:
    """Ask for a link; the same answer whatever the address."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("password_reset_done")
    return render(
        request,
        "registration/password_reset_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/password_reset_done.html")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's: the link's token checked, a new password set; no login after it
    (the login page asks the second factor of those who use one). A link of an
    account that may not reset by e-mail is treated as invalid."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")
    post_reset_login = False

    def get_user(self, uidb64: str) -> User | None:
        user = super().get_user(uidb64)
        if isinstance(user, User) and may_reset_by_email(user):
            return user
        return None

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:
        response = super().form_valid(form)
        from axes.utils import reset as axes_reset

        axes_reset(username=form.user.get_username())  # a locked login opens
        return response


def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/password_reset_complete.html")
