"""CSRF protection on every state-changing request: no view of the URL conf is
exempt (but the listed ones), a POST without the token is refused on every route
of ours, and every POST form in our templates carries the token."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.middleware.csrf import CsrfViewMiddleware
from django.test import Client, RequestFactory

from marketplace.access import roles
from tests.factories.accounts import make_user
from tests.security.urlconf import our_routes, routes

#: Views that may skip Django's CSRF check, and why.
CSRF_EXEMPT = {
    "stripe_webhook": "Stripe posts it without a session; the payload is verified "
    "with the webhook's signing secret",
}
#: Wagtail's admin API is built on Django REST framework, whose views are exempt
#: from Django's check because DRF's SessionAuthentication enforces CSRF itself on
#: unsafe methods (test_wagtails_admin_api_refuses_a_page_action_without_the_token).
CSRF_EXEMPT_PREFIX = "wagtailadmin_api:"
REFUSED_HEADER = "X-Polku-Csrf-Refused"


def csrf_refused(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A CSRF failure view that says it was the CSRF check that refused."""
    response = HttpResponseForbidden("CSRF")
    response[REFUSED_HEADER] = "1"
    return response


def _exempt_allowed(name: str | None) -> bool:
    return name in CSRF_EXEMPT or bool(name and name.startswith(CSRF_EXEMPT_PREFIX))


def test_no_view_skips_the_csrf_check() -> None:
    # Given every route of the URL conf, Wagtail's included
    exempt = [
        f"{r.name} ({r.route})"
        for r in routes()
        if getattr(r.callback, "csrf_exempt", False) and not _exempt_allowed(r.name)
    ]
    # then none is exempt from Django's CSRF check but the listed ones
    assert exempt == []


def test_the_csrf_middleware_refuses_a_tokenless_post_to_every_view() -> None:
    # Given Django's CSRF middleware, as it runs before every view
    middleware = CsrfViewMiddleware(lambda request: HttpResponse())
    factory = RequestFactory()
    passed = []
    for route in routes():
        if _exempt_allowed(route.name):
            continue
        # when a form is posted to the view without the token
        request = factory.post("/", {"x": "1"})
        request._dont_enforce_csrf_checks = False
        response = middleware.process_view(request, route.callback, (), {})
        # then the middleware answers 403 itself: the view never runs
        if response is None or response.status_code != 403:
            passed.append(f"{route.name} ({route.route})")
    assert passed == []


@pytest.mark.parametrize("who", ["anonymous", roles.INSTRUCTOR, roles.PLATFORM_ADMIN])
def test_every_route_of_ours_refuses_a_post_without_the_token(
    who: str, polku: Any, settings: Any
) -> None:
    # Given a browser that enforces nothing for us, logged in or not
    settings.CSRF_FAILURE_VIEW = "tests.security.test_csrf.csrf_refused"
    browser = Client(enforce_csrf_checks=True)
    if who != "anonymous":
        browser.force_login(make_user(who))
    urls = [r.sample_url() for r in our_routes() if not _exempt_allowed(r.name)]
    urls += ["/", "/tyotoimintapaikat/", "/admin/", "/admin/pages/3/edit/"]
    # when it posts to every one of our routes without the CSRF token
    not_refused = []
    for url in urls:
        response = browser.post(url, {"x": "1"})
        if response.get(REFUSED_HEADER) != "1":
            not_refused.append(f"{url}: {response.status_code}")
    # then the CSRF check refuses every post
    assert not_refused == []


FORM = re.compile(r"<form\b[^>]*method=[\"']?post[^>]*>(.*?)</form>", re.S | re.I)


def test_every_post_form_in_our_templates_has_the_token() -> None:
    templates = [Path(d) for d in django_settings.TEMPLATES[0]["DIRS"]]
    templates += [
        p / "templates"
        for p in Path(django_settings.BASE_DIR).glob("*/")
        if (p / "templates").is_dir() and p.name not in {"node_modules", ".venv"}
    ]
    missing = []
    for root in templates:
        for path in root.rglob("*.html"):
            for form in FORM.finditer(path.read_text(encoding="utf-8")):
                if "{% csrf_token %}" not in form.group(1):
                    missing.append(f"{path.relative_to(root)}: {form.group(0)[:80]}")
    assert missing == []


def test_wagtails_admin_api_refuses_a_page_action_without_the_token(
    polku: Any,
) -> None:
    # Given a verified platform admin in a browser that sends no CSRF token
    from wagtail.models import Page

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user(roles.PLATFORM_ADMIN))
    page = Page.objects.filter(depth=2).first()
    # when it asks the admin API to copy a page
    response = browser.post(
        f"/admin/api/main/pages/{page.pk}/action/copy/",
        {"destination_page_id": page.pk},
    )
    # then Django REST framework's session authentication refuses it
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert Page.objects.filter(depth=2).count() == 1
