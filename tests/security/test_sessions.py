"""Sessions: staff sessions end after 30 minutes without activity, every session
10 hours after the login or when the account is deactivated; anyone can log out
on every device at once, and changing the password ends the other sessions."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.conf import settings as django_settings

from marketplace.access import roles
from marketplace.accounts.middleware import LAST_SEEN_KEY, LOGIN_AT_KEY, PASSIVE_VIEWS
from tests.factories.accounts import PASSWORD, make_user
from tests.security.urlconf import routes

IDLE = 30 * 60


def seen(client: Any, seconds_ago: int) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - seconds_ago
    session.save()


def test_the_idle_limit_is_30_minutes() -> None:
    assert django_settings.POLKU_STAFF_IDLE_SECONDS == IDLE


def test_a_staff_session_ends_after_30_idle_minutes(client: Any, polku: Any) -> None:
    # Given an instructor whose last request was 31 minutes ago
    client.force_login(make_user(roles.INSTRUCTOR))
    assert client.get("/oma/").status_code == 200
    seen(client, IDLE + 60)
    # when they open a page
    response = client.get("/oma/asiakkaat/")
    # then they are logged out and asked to log in again, with the reason
    assert response["Location"] == "/kirjaudu/?next=%2Foma%2Fasiakkaat%2F"
    page = client.get(response["Location"]).content.decode()
    assert "30 minuuttiin" in page
    assert client.get("/oma/").status_code == 302


def test_activity_keeps_a_staff_session_alive(client: Any, polku: Any) -> None:
    client.force_login(make_user(roles.SUPERVISOR))
    client.get("/oma/")
    seen(client, IDLE - 60)
    assert client.get("/oma/").status_code == 200
    assert time.time() - client.session[LAST_SEEN_KEY] < 5


def test_the_session_cookie_ends_with_the_browser(client: Any, polku: Any) -> None:
    client.force_login(make_user(roles.CLIENT))
    response = client.get("/oma/")
    assert response.status_code == 200
    assert client.session.get_expire_at_browser_close()


def test_a_clients_session_has_no_idle_limit(client: Any, polku: Any) -> None:
    client.force_login(make_user(roles.CLIENT))
    client.get("/oma/")
    seen(client, 3 * IDLE)
    assert client.get("/oma/").status_code == 200


def test_the_editors_background_requests_are_real_views() -> None:
    """The Wagtail editor's keep-alive requests do not count as activity; their
    names must match the URL conf, or an open editor would keep a session alive."""
    names = {r.name for r in routes()}
    assert PASSIVE_VIEWS <= names


@pytest.mark.parametrize("role", [roles.CLIENT, roles.ORGANISER])
def test_log_out_everywhere_ends_every_session_of_the_user(
    client: Any, polku: Any, role: str
) -> None:
    # Given a user logged in on two devices
    from django.test import Client

    user = make_user(role)
    phone = Client()
    client.force_login(user)
    phone.force_login(user)
    assert phone.get("/oma/").status_code == 200
    # when a wrong password is given, nothing happens
    response = client.post("/oma/tili/kirjaudu-ulos-kaikkialta/", {"password": "x"})
    assert response.status_code == 200
    assert phone.get("/oma/").status_code == 200
    # when they log out everywhere from one of them, with their password
    response = client.post(
        "/oma/tili/kirjaudu-ulos-kaikkialta/", {"password": PASSWORD}
    )
    # then both are logged out, and the password still works
    assert response["Location"] == "/kirjaudu/"
    assert client.get("/oma/").status_code == 302
    assert phone.get("/oma/").status_code == 302
    assert Client().login(username=user.username, password=PASSWORD)


def test_every_session_ends_10_hours_after_the_login(client: Any, polku: Any) -> None:
    # Given a client who logged in 10 hours and a minute ago and kept working
    client.force_login(make_user(roles.CLIENT))
    session = client.session
    session[LOGIN_AT_KEY] = int(time.time()) - 10 * 3600 - 60
    session.save()
    # when they open a page, they are logged out and told why
    response = client.get("/oma/")
    assert response["Location"] == "/kirjaudu/?next=%2Foma%2F"
    assert "10 tuntia sitten" in client.get(response["Location"]).content.decode()
    assert client.get("/oma/").status_code == 302


def test_a_deactivated_users_sessions_end(client: Any, polku: Any) -> None:
    user = make_user(roles.SUPERVISOR)
    client.force_login(user)
    assert client.get("/oma/").status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/oma/")["Location"].startswith("/kirjaudu/")


def test_changing_the_password_keeps_this_session_and_ends_the_others(
    client: Any, polku: Any
) -> None:
    from django.test import Client

    user = make_user(roles.INSTRUCTOR)
    phone = Client()
    client.force_login(user)
    phone.force_login(user)
    new = "Uusi-pitka-salasana-2026"
    # a wrong current password changes nothing
    response = client.post(
        "/oma/tili/salasana/",
        {"old_password": "x", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 200 and response.context["form"].errors
    # the right one changes it
    response = client.post(
        "/oma/tili/salasana/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == "/oma/tili/"
    assert client.get("/oma/").status_code == 200
    assert phone.get("/oma/").status_code == 302
    assert Client().login(username=user.username, password=new)
