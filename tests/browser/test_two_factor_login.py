"""Two-step login in a real browser: a new social instructor sets up an
authenticator app from the QR page (the key read off the page, as an app would),
keeps the recovery codes, and reaches the page they asked for; the next logins
ask for the code, refuse a wrong one and take a recovery code once. A username
locked after five wrong passwords is unlocked by the region's organiser. No page
of the journey breaks the Content Security Policy, and axe-core finds nothing."""

from __future__ import annotations

import re
from base64 import b32decode
from typing import Any
from urllib.parse import urlparse

import pytest
from django_otp.oath import TOTP

from marketplace.access import roles
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.security.login import authenticator_for, browser_log_in, current_code

pytestmark = pytest.mark.browser

CSP_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture
def production_like(settings: Any) -> None:
    """The lockout on (the test settings switch it off); no waiting between two
    codes typed in the same second."""
    settings.AXES_ENABLED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def path(page: Any) -> str:
    return urlparse(page.url).path


def password_step(page: Any, username: str, password: str = PASSWORD) -> Any:
    form = page.locator("main form").first
    form.locator("#id_username").fill(username)
    form.locator("#id_password").fill(password)
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").click()
    return navigation.value


def code_step(page: Any, code: str) -> None:
    form = page.locator("#second-factor-form")
    form.locator("#id_code").fill(code)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def log_out(page: Any) -> None:
    with page.expect_navigation():
        page.locator(".logout-form button").click()


def test_a_new_instructor_sets_up_two_step_login_and_uses_it(
    page: Any, polku: Any, production_like: None, shot: Any, axe: Any
) -> None:
    county = OrganisationFactory(kind="wellbeing_county")
    instructor = make_user(roles.INSTRUCTOR, organisation=county, username="sanna")
    make_client(instructor=instructor, name="Aino Oma")
    page.add_init_script(CSP_VIOLATIONS)

    # Given the instructor opening their client list, sent to the login
    page.goto("/oma/asiakkaat/")
    assert path(page) == "/kirjaudu/"
    # when they give their password
    password_step(page, "sanna")
    # then they must set up two-step verification before anything else
    assert path(page) == "/oma/tili/todennussovellus/"
    assert (
        page.locator("h1").inner_text()
        == "Ota kaksivaiheinen tunnistautuminen käyttöön"
    )
    assert page.locator("figure.qr-code svg[role=img]").is_visible()
    assert page.evaluate("window.__csp") == []
    shot(page, "two-factor-setup")
    assert axe(page) == []
    # when their app reads the key and they type its code and their password
    key = page.locator(".secret-key").inner_text().replace(" ", "")
    app = TOTP(b32decode(key))
    form = page.locator("#authenticator-form")
    form.locator("#id_code").fill(f"{app.token():06d}")
    form.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    # then they get ten recovery codes, shown once
    assert path(page) == "/oma/tili/varakoodit/"
    codes = page.locator(".recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", c) for c in codes)
    shot(page, "two-factor-recovery-codes")
    assert axe(page) == []
    # and continuing takes them to the page they asked for
    with page.expect_navigation():
        page.get_by_role("link", name="Olen tallentanut koodit, jatka").click()
    assert path(page) == "/oma/asiakkaat/"
    assert "Aino Oma" in page.locator("main").inner_text()

    # Given the instructor logging in again
    log_out(page)
    page.goto("/kirjaudu/")
    password_step(page, "sanna")
    assert path(page) == "/oma/tili/vahvistus/"
    shot(page, "two-factor-verify")
    assert axe(page) == []
    # when they type a wrong code, they are told so and stay outside
    code_step(page, "000000")
    assert path(page) == "/oma/tili/vahvistus/"
    assert "Koodi ei ole oikein" in page.locator("main").inner_text()
    # when they have no phone and type a recovery code, they are in, and told
    # how many codes are left
    code_step(page, codes[0].upper())
    assert path(page) == "/oma/"
    assert "Niitä on jäljellä 9" in page.locator(".messages").inner_text()
    # and the same recovery code does not work twice
    log_out(page)
    page.goto("/kirjaudu/")
    password_step(page, "sanna")
    code_step(page, codes[0])
    assert path(page) == "/oma/tili/vahvistus/"
    # while the app's code does (the next one: a code is taken once)
    code_step(page, current_code(authenticator_for(instructor)))
    assert path(page) == "/oma/"
    # and nothing on the way broke the Content Security Policy
    assert page.evaluate("window.__csp") == []


def test_a_locked_login_is_explained_and_the_organiser_unlocks_it(
    page: Any,
    browser: Any,
    live_server: Any,
    polku: Any,
    production_like: None,
    axe: Any,
) -> None:
    county = OrganisationFactory(kind="wellbeing_county")
    organiser = make_user(roles.ORGANISER, organisation=county, username="jaana")
    poster = make_user(
        roles.POSTER,
        organisation=OrganisationFactory(region=county.region),
        username="iida",
    )
    # Given someone typing a wrong password for iida five times
    page.goto("/kirjaudu/")
    for _ in range(4):
        password_step(page, "iida", "arvaus")
        assert (
            "Käyttäjätunnus tai salasana on väärin" in page.locator("main").inner_text()
        )
    response = password_step(page, "iida", "arvaus")
    # then the login is locked, and the page says for how long and who can help
    assert response.status == 429
    text = page.locator("main").inner_text()
    assert "Kirjautuminen lukittu" in text and "30 minuutin" in text
    assert axe(page) == []
    # and even the right password does not open it
    page.goto("/kirjaudu/")
    assert password_step(page, "iida").status == 429

    # when the organiser of the region unlocks the login from their account pages
    desk = browser.new_context(base_url=live_server.url, locale="fi-FI").new_page()
    try:
        browser_log_in(desk, organiser)
        desk.goto("/oma/tili/")
        with desk.expect_navigation():
            desk.get_by_role(
                "link", name=re.compile("Käyttäjiesi kirjautumisen")
            ).click()
        row = desk.locator("tr", has_text="iida")
        assert "lukittu" in row.inner_text()
        assert axe(desk) == []
        with desk.expect_navigation():
            row.get_by_role("link", name="iida").click()
        with desk.expect_navigation():
            desk.get_by_role("button", name="Avaa kirjautumisen lukitus").click()
        assert "voi taas kirjautua" in desk.locator(".messages").inner_text()
    finally:
        desk.context.close()
    # then iida logs in with the right password
    page.goto("/kirjaudu/")
    password_step(page, poster.username)
    assert path(page) == "/oma/"
