"""Each user chooses the e-mails their roles can get, and their language."""

from __future__ import annotations

from django.urls import reverse

from marketplace.access import roles
from tests.factories.accounts import make_user

URL = "/oma/tili/ilmoitukset/"


def test_a_supervisor_sees_the_kinds_of_a_supervisor_and_turns_one_off(client, polku):
    user = make_user(roles.SUPERVISOR)
    user.email = "ohjaaja@example.org"
    user.save()
    client.force_login(user)

    page = client.get(URL)

    assert reverse("notification_settings") == URL
    kinds = page.context["form"].fields["enabled"].choices
    assert [k for k, _label in kinds] == [
        "visit_booked",
        "visit_cancelled",
        "agreement_made",
        "return_ending",
        "offer_accepted",
        "delivery_accepted",
        "payout_made",
        "network_task_due",
    ]
    html = page.content.decode()
    assert "<legend>Lähetä minulle sähköposti, kun</legend>" in html
    assert "ohjaaja@example.org" in html

    response = client.post(
        URL,
        {"language": "sv", "enabled": ["visit_booked", "payout_made"]},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == "sv"
    assert user.notifications_off == [
        "visit_cancelled",
        "agreement_made",
        "return_ending",
        "offer_accepted",
        "delivery_accepted",
        "network_task_due",
    ]


def test_a_client_gets_the_clients_kinds_only(client, polku):
    user = make_user(roles.CLIENT)
    client.force_login(user)

    kinds = client.get(URL).context["form"].fields["enabled"].choices

    assert [k for k, _ in kinds] == [
        "visit_booked",
        "visit_cancelled",
        "agreement_made",
        "review_due",
        "return_ending",
        "network_meeting",
    ]


def test_a_kind_of_another_role_or_an_unknown_language_is_refused(client, polku):
    user = make_user(roles.POSTER)
    client.force_login(user)

    response = client.post(URL, {"language": "de", "enabled": ["payout_made"]})

    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    user.refresh_from_db()
    assert (user.language, user.notifications_off) == ("", [])


def test_the_page_needs_a_login(client, polku):
    assert client.get(URL).status_code == 302
