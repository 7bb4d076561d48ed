"""Forgotten password: a client or a job poster gets a one-time link by e-mail
(sent by the worker, in their language); staff never do, and the page says the
same whatever the address, so it tells nobody who has an account."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from marketplace.access import roles
from marketplace.models import User
from tests.factories.accounts import PASSWORD, make_user

ASK = "/kirjaudu/unohtunut-salasana/"
NEW = "Uusi-salasana-2030!"


def with_address(role: str, address: str, **fields: object) -> User:
    user = make_user(role)
    user.email = address
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


def ask(client, address, capture):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return client.post(ASK, {"email": address})


def link_in(message) -> str:  # type: ignore[no-untyped-def]
    return re.search(r"http://testserver(/kirjaudu/uusi-salasana/\S+)", message.body)[1]


@pytest.mark.parametrize("role", [roles.CLIENT, roles.POSTER])
def test_a_client_or_poster_sets_a_new_password_with_the_link(
    client, polku, role, django_capture_on_commit_callbacks
):
    user = with_address(role, "aino@example.org")

    response = ask(client, "AINO@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == "/kirjaudu/unohtunut-salasana/lahetetty/"
    (message,) = mail.outbox
    assert message.to == ["aino@example.org"]
    assert message.subject == "Aseta uusi salasana Polkuun"
    form_page = client.get(link_in(message), follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW, "new_password2": NEW},
    )
    assert done["Location"] == "/kirjaudu/uusi-salasana/valmis/"
    assert "_auth_user_id" not in client.session  # the reset logs nobody in
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_the_link_works_once(client, polku, django_capture_on_commit_callbacks):
    with_address(roles.CLIENT, "aino@example.org")
    ask(client, "aino@example.org", django_capture_on_commit_callbacks)
    link = link_in(mail.outbox[0])
    page = client.get(link, follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )

    again = client.get(link, follow=True)

    assert not again.context["validlink"]
    assert "Tämä linkki ei enää toimi" in again.content.decode()


@pytest.mark.parametrize(
    "role", [roles.INSTRUCTOR, roles.SUPERVISOR, roles.ORGANISER, roles.PLATFORM_ADMIN]
)
def test_staff_get_no_link_and_the_same_answer(
    client, polku, role, django_capture_on_commit_callbacks
):
    with_address(role, "staff@example.org")

    response = ask(client, "staff@example.org", django_capture_on_commit_callbacks)
    unknown = ask(client, "nobody@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == unknown.status_code == 302
    assert response["Location"] == unknown["Location"]
    assert mail.outbox == []


def test_a_link_made_for_a_staff_account_does_not_work(client, polku):
    staff = with_address(roles.SUPERVISOR, "staff@example.org")
    uid = urlsafe_base64_encode(force_bytes(staff.pk))
    token = default_token_generator.make_token(staff)

    page = client.get(f"/kirjaudu/uusi-salasana/{uid}/{token}/", follow=True)

    assert not page.context["validlink"]
    staff.refresh_from_db()
    assert staff.check_password(PASSWORD)


def test_a_client_with_a_second_factor_still_gives_it_after_the_reset(
    client, polku, django_capture_on_commit_callbacks
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = with_address(roles.CLIENT, "aino@example.org")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    ask(client, "aino@example.org", django_capture_on_commit_callbacks)
    page = client.get(link_in(mail.outbox[0]), follow=True)
    client.post(
        page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}
    )

    response = client.post("/kirjaudu/", {"username": user.username, "password": NEW})

    assert response.status_code == 302
    assert response["Location"].startswith("/oma/tili/vahvistus/")


def test_asking_again_soon_sends_no_second_link(
    client, polku, django_capture_on_commit_callbacks
):
    with_address(roles.CLIENT, "aino@example.org")

    ask(client, "aino@example.org", django_capture_on_commit_callbacks)
    ask(client, "aino@example.org", django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1


def test_the_link_comes_in_the_language_of_the_page(
    client, polku, django_capture_on_commit_callbacks
):
    with_address(roles.POSTER, "iida@example.org")
    client.cookies["django_language"] = "sv"

    ask(client, "iida@example.org", django_capture_on_commit_callbacks)

    assert mail.outbox[0].subject == "Ange ett nytt lösenord för Polku"


def test_a_bad_address_gets_a_message_not_an_error(client, polku):
    response = client.post(ASK, {"email": "not an address"})

    assert response.status_code == 400
    assert "error-summary" in response.content.decode()


def test_the_login_page_links_to_it(client, polku):
    assert ASK in client.get("/kirjaudu/").content.decode()
