"""Two-step verification: staff cannot reach anything past the login without it,
the login asks for the code (or a recovery code), setting up needs the password,
and only the user's organiser or a platform admin resets a lost device."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.access import roles
from marketplace.accounts.services import account
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user
from tests.security.login import authenticator_for, current_code, verify_session

pytestmark = pytest.mark.password_only_login

STAFF = [roles.INSTRUCTOR, roles.SUPERVISOR, roles.ORGANISER, roles.PLATFORM_ADMIN]
PAGES = ["/oma/", "/oma/asiakkaat/", "/oma/tili/", "/oma/kayttajat/", "/admin/", "/"]


def log_in(client: Any, user: Any) -> Any:
    """The login form, as a browser posts it."""
    return client.post("/kirjaudu/", {"username": user.username, "password": PASSWORD})


def code_from(page: str) -> str:
    """The code an authenticator app shows for the key printed on the set-up page."""
    key = re.search(r'class="secret-key">([A-Z2-7 ]+)<', page).group(1)  # type: ignore[union-attr]
    from base64 import b32decode

    return f"{TOTP(b32decode(key.replace(' ', ''))).token():06d}"


@pytest.mark.parametrize("role", STAFF)
def test_staff_without_a_device_are_sent_to_set_one_up_from_every_page(
    client: Any, polku: Any, role: str
) -> None:
    # Given a staff user who has only given their password
    user = make_user(role, organisation=OrganisationFactory())
    response = log_in(client, user)
    # then the login sends them to set up an authenticator, and so does every page
    assert response["Location"] == "/oma/tili/todennussovellus/?next=%2Foma%2F"
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/oma/tili/todennussovellus/"), url


@pytest.mark.parametrize("role", [roles.CLIENT, roles.POSTER])
def test_clients_and_posters_may_go_without(client: Any, polku: Any, role: str) -> None:
    user = make_user(role, organisation=OrganisationFactory())
    assert log_in(client, user)["Location"] == "/oma/"
    assert client.get("/oma/").status_code == 200


def test_setting_up_needs_a_code_from_the_app_and_the_password(
    client: Any, polku: Any, settings: Any
) -> None:
    # Given an instructor on the set-up page after the password
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting between the tries here
    user = make_user(roles.INSTRUCTOR)
    log_in(client, user)
    page = client.get("/oma/tili/todennussovellus/?next=/oma/asiakkaat/")
    html = page.content.decode()
    # it shows the key as a QR code (inline SVG, nothing for CSP to refuse) and text
    assert '<svg role="img"' in html and 'class="secret-key"' in html
    code = code_from(html)
    # when the password is wrong, nothing is set up
    response = client.post(
        "/oma/tili/todennussovellus/", {"code": code, "password": "väärä"}
    )
    assert response.status_code == 200
    assert not account.has_confirmed_device(user)
    # when the code is wrong, neither
    client.post("/oma/tili/todennussovellus/", {"code": "000000", "password": PASSWORD})
    assert not account.has_confirmed_device(user)
    # when both are right
    response = client.post(
        "/oma/tili/todennussovellus/",
        {"code": code, "password": PASSWORD, "next": "/oma/asiakkaat/"},
    )
    # then the device is confirmed, the session verified, and ten recovery codes
    # are shown once before going on
    assert account.has_confirmed_device(user)
    assert response["Location"] == "/oma/tili/varakoodit/?next=%2Foma%2Fasiakkaat%2F"
    codes_page = client.get(response["Location"]).content.decode()
    shown = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page)
    assert len(shown) == 10
    assert set(shown) == set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    assert not re.findall(
        r"<li><code>", client.get("/oma/tili/varakoodit/").content.decode()
    )
    assert client.get("/oma/asiakkaat/").status_code == 200


def test_login_asks_for_the_code_and_a_wrong_one_is_refused(
    client: Any, polku: Any, settings: Any
) -> None:
    # Given a supervisor with an authenticator
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting between the tries here
    user = make_user(roles.SUPERVISOR, organisation=OrganisationFactory())
    device = authenticator_for(user)
    response = log_in(client, user)
    assert response["Location"] == "/oma/tili/vahvistus/?next=%2Foma%2F"
    # when they type a wrong code they stay on the page with a message
    response = client.post("/oma/tili/vahvistus/", {"code": "123456", "next": "/oma/"})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert client.get("/oma/").status_code == 302
    # when they type the right code they are in
    response = client.post(
        "/oma/tili/vahvistus/", {"code": current_code(device), "next": "/oma/"}
    )
    assert response["Location"] == "/oma/"
    assert client.get("/oma/").status_code == 200


def test_wrong_codes_in_a_row_make_the_next_try_wait(
    client: Any, polku: Any, settings: Any
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 3600  # an hour: the wait cannot pass here
    user = make_user(roles.INSTRUCTOR)
    device = authenticator_for(user)
    log_in(client, user)
    client.post("/oma/tili/vahvistus/", {"code": "123456"})
    # even the right code is not tried while the wait is on
    response = client.post("/oma/tili/vahvistus/", {"code": current_code(device)})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert client.get("/oma/").status_code == 302


def test_a_recovery_code_works_once(client: Any, polku: Any) -> None:
    user = make_user(roles.ORGANISER, organisation=OrganisationFactory())
    authenticator_for(user)
    first, *_rest = account.recovery_codes_replace(user=user)
    log_in(client, user)
    response = client.post("/oma/tili/vahvistus/", {"code": first.upper()})
    assert response["Location"] == "/oma/"
    assert account.recovery_codes_left(user) == 9
    client.post("/kirjaudu-ulos/")
    log_in(client, user)
    response = client.post("/oma/tili/vahvistus/", {"code": first})
    assert response.status_code == 200


def test_a_new_phone_needs_the_old_one_first(client: Any, polku: Any) -> None:
    # Given an instructor with an authenticator who has only given the password
    user = make_user(roles.INSTRUCTOR)
    device = authenticator_for(user)
    log_in(client, user)
    # then the set-up page sends them to verify first (a password is not enough to
    # replace the device)
    response = client.get("/oma/tili/todennussovellus/")
    assert response["Location"].startswith("/oma/tili/vahvistus/")
    assert list(TOTPDevice.objects.filter(user=user)) == [device]


def test_a_client_who_turned_it_on_must_verify_and_may_turn_it_off(
    client: Any, polku: Any
) -> None:
    user = make_user(roles.CLIENT)
    device = authenticator_for(user)
    assert log_in(client, user)["Location"].startswith("/oma/tili/vahvistus/")
    assert client.get("/oma/").status_code == 302
    client.post("/oma/tili/vahvistus/", {"code": current_code(device)})
    response = client.post("/oma/tili/kaksivaiheinen-pois/", {"password": PASSWORD})
    assert response["Location"] == "/oma/tili/"
    assert not account.has_confirmed_device(user)


def test_staff_cannot_turn_it_off(client: Any, polku: Any) -> None:
    user = make_user(roles.INSTRUCTOR)
    device = authenticator_for(user)
    log_in(client, user)
    client.post("/oma/tili/vahvistus/", {"code": current_code(device)})
    response = client.post("/oma/tili/kaksivaiheinen-pois/", {"password": PASSWORD})
    assert response.status_code == 403
    assert account.has_confirmed_device(user)


def test_the_organiser_resets_a_lost_device_in_their_region_only(
    client: Any, polku: Any
) -> None:
    # Given an organiser, a supervisor of their region and one of another region
    own = OrganisationFactory()
    organiser = make_user(roles.ORGANISER, organisation=own)
    near = make_user(
        roles.SUPERVISOR, organisation=OrganisationFactory(region=own.region)
    )
    far = make_user(roles.SUPERVISOR, organisation=OrganisationFactory())
    for user in (near, far):
        authenticator_for(user)
        account.recovery_codes_replace(user=user)
    client.force_login(organiser)
    verify_session(client, organiser)
    listing = client.get("/oma/tili/kayttajat/").content.decode()
    assert near.username in listing and far.username not in listing
    # when they reset the near one's device
    response = client.post(f"/oma/tili/kayttajat/{near.pk}/nollaa/")
    assert response["Location"] == "/oma/tili/kayttajat/"
    # then its authenticator and recovery codes are gone
    assert not TOTPDevice.objects.filter(user=near).exists()
    assert account.recovery_codes_left(near) == 0
    # and the far one's cannot be reached
    assert client.post(f"/oma/tili/kayttajat/{far.pk}/nollaa/").status_code == 404
    assert TOTPDevice.objects.filter(user=far).exists()


def test_a_session_verified_with_a_device_that_was_reset_is_no_longer_verified(
    client: Any, polku: Any
) -> None:
    # Given a supervisor logged in with their authenticator
    user = make_user(roles.SUPERVISOR, organisation=OrganisationFactory())
    device = authenticator_for(user)
    log_in(client, user)
    client.post("/oma/tili/vahvistus/", {"code": current_code(device)})
    assert client.get("/oma/").status_code == 200
    # when the organiser resets the device (the phone was stolen)
    device.delete()
    # then the session must set up a new device (with the password) before anything
    response = client.get("/oma/")
    assert response["Location"].startswith("/oma/tili/todennussovellus/")


def test_wagtails_own_login_page_leads_to_ours(client: Any, polku: Any) -> None:
    response = client.get("/admin/")
    assert response["Location"].startswith("/kirjaudu/?next=")
