"""Login lockout (django-axes): five wrong passwords lock the username for 30
minutes with a clear message; the user's organiser unlocks it at once."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

from marketplace.access import roles
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user

pytestmark = pytest.mark.password_only_login


@pytest.fixture
def lockout(settings: Any) -> None:
    """django-axes on, as in production (the test settings switch it off)."""
    settings.AXES_ENABLED = True


def wrong(client: Any, user: Any, times: int) -> list[int]:
    return [
        client.post(
            "/kirjaudu/", {"username": user.username, "password": "arvaus"}
        ).status_code
        for _ in range(times)
    ]


def test_five_wrong_passwords_lock_the_username(
    client: Any, polku: Any, lockout: None, caplog: Any
) -> None:
    # Given a client user
    caplog.set_level(logging.DEBUG)
    user = make_user(roles.CLIENT)
    # when someone types a wrong password five times
    statuses = wrong(client, user, 5)
    # then the first four say the password is wrong and the fifth locks the login
    assert statuses == [200, 200, 200, 200, 429]
    # and even the right password is refused, with a Finnish explanation
    response = client.post(
        "/kirjaudu/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    text = response.content.decode()
    assert "Kirjautuminen lukittu" in text
    assert "Yritä uudelleen 30 minuutin kuluttua" in text
    assert client.get("/oma/").status_code == 302
    # and the logs do not name the username
    assert user.username not in caplog.text


def test_the_lock_opens_by_itself_after_30_minutes(
    client: Any, polku: Any, lockout: None
) -> None:
    user = make_user(roles.POSTER, organisation=OrganisationFactory())
    wrong(client, user, 5)
    AccessAttempt.objects.update(attempt_time=timezone.now() - dt.timedelta(minutes=31))
    response = client.post(
        "/kirjaudu/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_the_organiser_of_the_region_unlocks_at_once(
    client: Any, polku: Any, lockout: None
) -> None:
    # Given a supervisor locked out, and organisers of their and another region
    own = OrganisationFactory()
    supervisor = make_user(
        roles.SUPERVISOR, organisation=OrganisationFactory(region=own.region)
    )
    organiser = make_user(roles.ORGANISER, organisation=own)
    far_organiser = make_user(roles.ORGANISER, organisation=OrganisationFactory())
    wrong(client, supervisor, 5)
    from tests.security.login import verify_session

    # when the other region's organiser tries to unlock, it is not found
    client.force_login(far_organiser)
    verify_session(client, far_organiser)
    assert client.post(f"/oma/tili/kayttajat/{supervisor.pk}/avaa/").status_code == 404
    # when their own organiser looks, the login shows as locked, and they unlock it
    client.force_login(organiser)
    verify_session(client, organiser)
    page = client.get(f"/oma/tili/kayttajat/{supervisor.pk}/").content.decode()
    assert "lukittu: liian monta väärää salasanaa" in page
    response = client.post(f"/oma/tili/kayttajat/{supervisor.pk}/avaa/")
    assert response["Location"] == "/oma/tili/kayttajat/"
    client.post("/kirjaudu-ulos/")
    # then the supervisor logs in with the right password (and goes on to set up
    # the second factor)
    response = client.post(
        "/kirjaudu/", {"username": supervisor.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/oma/tili/todennussovellus/")


def test_passwords_asked_again_inside_polku_count_too(
    client: Any, polku: Any, lockout: None
) -> None:
    # Given an instructor who logged in and is setting up the authenticator
    user = make_user(roles.INSTRUCTOR)
    client.post("/kirjaudu/", {"username": user.username, "password": PASSWORD})
    # when the password asked on the set-up page is wrong five times
    statuses = [
        client.post(
            "/oma/tili/todennussovellus/", {"code": "123456", "password": "arvaus"}
        ).status_code
        for _ in range(5)
    ]
    # then that locks the username as the login form would
    assert statuses == [200, 200, 200, 200, 429]
