"""``next=`` and the Referer never send a user to another site: after logging in,
after the second factor, after changing the language and after logging out."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from marketplace.access import roles
from tests.factories.accounts import PASSWORD, make_user
from tests.security.login import authenticator_for, current_code

ELSEWHERE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https:evil.example",
    "http://testserver@evil.example/",
    "javascript:alert(1)",
    " https://evil.example/",
]


def stays_here(location: str) -> bool:
    """A redirect target on this site: no scheme, no host, a path from the root,
    and the same for any ``next`` it carries."""
    parts = urlparse(location)
    if parts.scheme or parts.netloc or not location.startswith("/"):
        return False
    if location.startswith("//") or location.startswith("/\\"):
        return False
    return all(stays_here(n) for n in parse_qs(parts.query).get("next", []))


@pytest.mark.password_only_login
@pytest.mark.parametrize("target", ELSEWHERE)
@pytest.mark.parametrize("role", [roles.CLIENT, roles.INSTRUCTOR])
def test_login_does_not_redirect_to_another_site(
    client: Any, polku: Any, target: str, role: str
) -> None:
    # Given a user, and a login link whose next points to another site
    user = make_user(role)
    # when they log in through the form
    response = client.post(
        "/kirjaudu/", {"username": user.username, "password": PASSWORD, "next": target}
    )
    # then they land on a page of Polku (their pages, or the second factor first)
    assert response.status_code == 302
    assert stays_here(response["Location"]), response["Location"]


@pytest.mark.password_only_login
@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_second_factor_does_not_redirect_to_another_site(
    client: Any, polku: Any, target: str
) -> None:
    # Given an instructor who has given their password
    user = make_user(roles.INSTRUCTOR)
    device = authenticator_for(user)
    client.login(username=user.username, password=PASSWORD)
    # when they give the code with a next that points elsewhere
    response = client.post(
        "/oma/tili/vahvistus/", {"code": current_code(device), "next": target}
    )
    # then they are verified and land on their own pages
    assert response.status_code == 302
    assert response["Location"] == "/oma/"


@pytest.mark.parametrize("target", ELSEWHERE)
def test_changing_the_language_does_not_redirect_to_another_site(
    client: Any, polku: Any, target: str
) -> None:
    response = client.post("/kieli/", {"language": "sv", "next": target})
    assert response.status_code == 302
    assert stays_here(response["Location"]), response["Location"]
    # nor does the Referer, when next is missing
    response = client.post("/kieli/", {"language": "fi"}, HTTP_REFERER=target)
    assert stays_here(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_logging_out_does_not_redirect_to_another_site(
    client: Any, polku: Any, target: str
) -> None:
    client.force_login(make_user(roles.CLIENT))
    response = client.post(f"/kirjaudu-ulos/?next={target}")
    assert response.status_code == 302
    assert stays_here(response["Location"]), response["Location"]
