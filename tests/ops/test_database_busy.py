"""A database busy past its timeout is the "try again" page (HTTP 503), never an
error page: whether the view or a middleware after it (the session) met the lock.
The live version, with a real lock on a real SQLite file, is in
test_sqlite_embedded.py."""

from __future__ import annotations

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import OperationalError

from config.settings.operations import sqlite_options
from marketplace.shared.database_busy import is_database_busy

LOCKED = OperationalError("database is locked")


@pytest.mark.parametrize(
    ("exc", "busy"),
    [
        (LOCKED, True),
        (OperationalError("database table is locked"), True),
        (OperationalError("no such table: x"), False),
        (ValueError("database is locked"), False),
        (None, False),
    ],
)
def test_only_a_locked_database_counts_as_busy(exc, busy):
    assert is_database_busy(exc) is busy


def test_a_lock_that_caused_another_error_counts_as_busy():
    try:
        try:
            raise LOCKED
        except OperationalError as inner:
            raise RuntimeError("saving failed") from inner
    except RuntimeError as outer:
        assert is_database_busy(outer)


def test_a_view_that_meets_a_locked_database_asks_to_try_again(
    client, polku, monkeypatch
):
    # Given the login view meeting a locked database when it writes
    from marketplace.accounts.views import account

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(account.LoginView, "post", locked)
    client.raise_request_exception = False
    # When someone logs in
    reply = client.post("/kirjaudu/", {"username": "x", "password": "y"})
    # then they get the "try again" page in Finnish, with when to retry
    assert reply.status_code == 503
    assert reply["Retry-After"] == "5"
    text = reply.content.decode()
    assert "Polku on juuri nyt kiireinen" in text
    assert "lähetä lomake uudelleen" in text


def test_a_session_that_meets_a_locked_database_asks_to_try_again(
    client, polku, monkeypatch
):
    # Given the session middleware meeting a locked database after the view
    def locked(self, request, response):
        raise OperationalError("database is locked")

    monkeypatch.setattr(SessionMiddleware, "process_response", locked)
    client.raise_request_exception = False
    # then a page asks to try again (in Swedish for a Swedish browser)
    reply = client.get("/kirjaudu/", headers={"accept-language": "sv"})
    assert reply.status_code == 503
    assert "Polku är upptaget just nu" in reply.content.decode()


def test_other_errors_still_get_the_error_page(client, polku, monkeypatch):
    from marketplace.accounts.views import account

    def broken(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(account.LoginView, "post", broken)
    client.raise_request_exception = False
    reply = client.post("/kirjaudu/", {"username": "x", "password": "y"})
    assert reply.status_code == 500
    assert "Jotain meni vikaan" in reply.content.decode()


def test_sqlite_waits_for_its_turn_in_immediate_transactions():
    options = sqlite_options({})
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    assert "journal_mode=WAL" in options["init_command"]
    assert sqlite_options({"POLKU_SQLITE_TIMEOUT": "2.5"})["timeout"] == 2.5


@pytest.mark.parametrize("value", ["soon", "0", "-1", "99999"])
def test_a_wrong_timeout_is_refused(value):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        sqlite_options({"POLKU_SQLITE_TIMEOUT": value})


def test_postgresql_settings_are_left_as_they_are():
    import dj_database_url

    from config.settings import base

    url = "postgres://polku:polku@127.0.0.1:5432/polku"
    parsed = dj_database_url.parse(url)
    assert "transaction_mode" not in parsed.get("OPTIONS", {})
    if base.USING_POSTGRES:
        assert "transaction_mode" not in base.DATABASES["default"].get("OPTIONS", {})
