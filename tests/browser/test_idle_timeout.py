"""The warning before the staff idle logout (WCAG 2.2.1): a dialog that takes the
focus and lets the user stay logged in; and, when the time runs out, what they had
written comes back after they log in again instead of being lost.

The idle time is made a few seconds long here (the warning shows half-way)."""

from __future__ import annotations

import re

import pytest

from marketplace.access import roles
from tests.factories.accounts import OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.security.login import authenticator_for, current_code
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser
DRAFT = "Toivoo puutöitä ja ulkotöitä. Ei aamuvuoroja."


@pytest.fixture
def short_idle(settings, monkeypatch):  # type: ignore[no-untyped-def]
    settings.POLKU_STAFF_IDLE_SECONDS = 8
    # every request counts at once (normally written at most once a minute)
    monkeypatch.setattr("marketplace.accounts.middleware.LAST_SEEN_RESOLUTION", 0)


@pytest.fixture
def instructor_and_client(polku):  # type: ignore[no-untyped-def]
    county = OrganisationFactory(kind="wellbeing_county")
    instructor = make_user(roles.INSTRUCTOR, organisation=county)
    return instructor, make_client(instructor=instructor, name="Aino Oma")


def test_the_warning_takes_the_focus_and_staying_keeps_the_session(
    page, live_server, short_idle, instructor_and_client, axe, shot
):
    instructor, person = instructor_and_client
    log_in(page, instructor)
    page.goto(f"/oma/asiakkaat/{person.pk}/muokkaa/")
    dialog = page.locator("#idle-dialog")
    assert not dialog.is_visible()

    dialog.wait_for(state="visible", timeout=8_000)

    assert page.evaluate(
        "() => document.activeElement.closest('#idle-dialog') !== null"
    )
    assert page.evaluate("() => document.activeElement.textContent.trim()") == (
        "Pysy kirjautuneena"
    )
    assert dialog.get_attribute("aria-labelledby") == "idle-title"
    assert axe(page) == []
    shot(page, "idle-warning")
    page.get_by_role("button", name="Pysy kirjautuneena").click()
    dialog.wait_for(state="hidden")
    # the session goes on past the first deadline
    page.wait_for_timeout(5_000)
    page.goto(f"/oma/asiakkaat/{person.pk}/muokkaa/")
    assert "/kirjaudu/" not in page.url


def test_text_written_when_the_time_runs_out_comes_back_after_the_login(
    page, live_server, short_idle, instructor_and_client
):
    instructor, person = instructor_and_client
    log_in(page, instructor)
    form_url = f"/oma/asiakkaat/{person.pk}/muokkaa/"
    page.goto(form_url)
    page.locator("#id_wishes").fill(DRAFT)

    # nobody answers the warning: the page goes to the login
    page.wait_for_url(re.compile(r"/kirjaudu/\?next="), timeout=15_000)
    form = page.locator("main form")
    form.locator("#id_username").fill(instructor.username)
    form.locator("#id_password").fill("test-pass-123")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    second = page.locator("#second-factor-form")
    second.locator("#id_code").fill(current_code(authenticator_for(instructor)))
    with page.expect_navigation():
        second.locator("button[type=submit]").click()

    assert page.url.endswith(form_url)
    assert page.locator("#id_wishes").input_value() == DRAFT
    notice = page.locator("#draft-restored")
    assert notice.is_visible()
    assert page.evaluate("() => document.activeElement.id") == "draft-restored"
