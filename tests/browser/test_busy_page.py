"""The "busy, try again" page (a database still locked after its timeout, HTTP 503)
as a person sees it: in their language, readable at 390 px, axe clean, with a way
to try again (docs/operations.md, SQLite)."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from marketplace.accounts.views import account
from tests.browser.test_accessibility import describe

pytestmark = pytest.mark.browser


def test_a_login_that_meets_a_locked_database_gets_the_try_again_page(
    page, polku, shot, axe, monkeypatch
):
    # Given the database stays locked while someone logs in
    def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OperationalError("database is locked")

    monkeypatch.setattr(account.LoginView, "post", locked)
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/kirjaudu/")
    form = page.locator("main form")
    form.locator("#id_username").fill("ohjaaja")
    form.locator("#id_password").fill("salasana")
    # When they log in
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").click()
    # then the page says, in Finnish, that Polku is busy and what to do
    assert navigation.value.status == 503
    assert page.locator("h1").inner_text() == "Polku on juuri nyt kiireinen"
    assert "lähetä lomake uudelleen" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.lang") == "fi"
    # and it fits a phone's width and has nothing for axe-core to fix
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "busy-try-again-390")
    violations = axe(page)
    assert violations == [], describe(violations)
