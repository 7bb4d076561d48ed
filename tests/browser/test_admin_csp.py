"""The Content Security Policy in a real browser: the public site and our own pages
run with no inline script or style and break nothing; the Wagtail admin, which
needs inline script (docs/security.md), works under its own policy: page editing
with an inline panel, the preview panel, image upload, and the list pages."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from marketplace.access import roles
from tests.factories.accounts import make_user
from tests.security.login import browser_log_in

pytestmark = pytest.mark.browser

COLLECT = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  [location.pathname, e.violatedDirective, e.blockedURI].join(' ')));
"""
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


def violations(page: Any) -> list[str]:
    return page.evaluate("window.__csp")


def test_the_site_runs_without_inline_script_or_style(
    page: Any, world: dict[str, Any]
) -> None:
    # Given a visitor and then a social instructor, with violations recorded
    page.add_init_script(COLLECT)
    seen = []
    for url in ["/", "/tyotoimintapaikat/", world["hoyla"].url, "/kirjaudu/"]:
        response = page.goto(url)
        assert response is not None and response.ok
        header = response.headers["content-security-policy"]
        assert "unsafe-inline" not in header and "script-src 'self'" in header
        seen += violations(page)
    browser_log_in(page, make_user(roles.INSTRUCTOR, organisation=world["ngo"]))
    for url in ["/oma/", "/oma/asiakkaat/", "/oma/tili/", "/tyotoimintapaikat/"]:
        response = page.goto(url)
        assert response is not None and response.ok
        seen += violations(page)
    # then no page broke the policy
    assert seen == []


def test_the_wagtail_admin_works_under_its_policy(
    page: Any, world: dict[str, Any], tmp_path: Any, settings: Any, shot: Any
) -> None:
    from wagtail.models import Collection

    settings.MEDIA_ROOT = str(tmp_path)
    if not Collection.objects.exists():  # flushed by an earlier transactional test
        Collection.add_root(name="Root")
    site = world["hoyla"]
    page.add_init_script(COLLECT)
    # Given a platform admin in the admin, logged in with the second factor
    browser_log_in(page, make_user(roles.PLATFORM_ADMIN))
    seen: list[str] = []
    for url in [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{site.get_parent().pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/users/",
        "/admin/workflows/list/",
        f"/admin/pages/{site.pk}/history/",
    ]:
        response = page.goto(url)
        assert response is not None and response.ok, url
        seen += violations(page)
    # when they edit a site page and add a learning unit (an inline panel, started
    # by an inline script)
    page.goto(f"/admin/pages/{site.pk}/edit/")
    units = page.locator(
        "[id^='inline_child_learning_units-']:not([id$='-__prefix__'])"
    )
    before = units.count()
    page.locator("#id_learning_units-ADD").click()
    # then a new unit form appears
    assert units.count() > before
    # and the preview panel shows the page, framed from our own origin
    page.locator("button[data-side-panel-toggle='preview']").click()
    preview = page.frame_locator("iframe[title]").first
    assert preview.locator("h1").first.inner_text(timeout=10_000) == site.title
    shot(page, "admin-edit-preview")
    seen += violations(page)
    # when they upload an image
    image = tmp_path / "kuva.png"
    image.write_bytes(PNG)
    page.goto("/admin/images/multiple/add/")
    page.set_input_files("input[type=file]", str(image))
    page.locator("#upload-list li.upload-success").wait_for()
    seen += violations(page)
    # then nothing broke the admin's policy on the way
    assert seen == []
