"""No code of Polku's and no English in a Finnish or Swedish page.

Every page of every role is rendered in Finnish and in Swedish: the routes come from
the URL conf (tests/security/urlconf.py) with the objects of a region built by the
security tests' registry (tests/security/objects.py), the public pages from the page
tree, and the editor's pages that each staff role works in. A page fails on a code of
Polku's (a model field's choice, a vocabulary code, anything written like
``job_work_days``) or a common English word (tests/languages/pages.py), outside
elements marked with another ``lang``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from marketplace.access import roles
from tests.factories.accounts import make_user
from tests.languages.pages import PageText, english_in, project_codes
from tests.security.objects import REGISTRY, ROLES, Realm, realm_build
from tests.security.urlconf import our_routes

LANGUAGES = ("fi", "sv")
#: Not pages: files, redirects to other hosts, the logout.
NOT_PAGES = ("logout", "set_language", "favicon")


@pytest.fixture
def region(polku: Any) -> Iterator[Realm]:
    from marketplace.models import User

    realm = realm_build("koti", "981")
    realm["admin"] = make_user(roles.PLATFORM_ADMIN)
    REGISTRY["job_manage"].build(realm)  # a job taken by the region's unit
    # the factories name users by their role in English ("instructor-1"): data,
    # not the interface; give them names as people have
    for user in User.objects.all():
        User.objects.filter(pk=user.pk).update(
            username=f"kayttaja{user.pk}", first_name="Sanna", last_name="Virta"
        )
    for name in ("admin", *ROLES):
        realm[name].refresh_from_db()
    yield realm
    translation.activate(settings.LANGUAGE_CODE)


def pages_of(role: str, realm: Realm) -> list[str]:
    """The URLs a role opens: every route without arguments, the object routes of
    the objects it owns, the public pages (for a visitor), the editor (for staff)."""
    urls = [
        r.url()
        for r in our_routes()
        if not r.params and r.name and not r.name.endswith(NOT_PAGES)
    ]
    for route in our_routes():
        entry = REGISTRY.get(route.name or "")
        if route.params and entry and entry.owner in (role, None):
            urls += [route.url(**kwargs) for kwargs in entry.build(realm)]
    if role == "visitor":
        urls += [p.url for p in Page.objects.live().specific() if p.url]
    if role in ("supervisor", "organiser", "poster", "admin"):
        site, job = realm["site"], realm["job"]
        urls += [
            "/admin/",
            f"/admin/pages/{site.get_parent().pk}/",
            f"/admin/pages/{site.pk}/edit/",
            f"/admin/pages/{job.get_parent().pk}/",
            f"/admin/pages/{job.pk}/edit/",
            "/admin/account/",
        ]
    return list(dict.fromkeys(urls))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_of_any_role_shows_a_code_or_english(
    client: Any, region: Realm, lang: str
) -> None:
    codes = project_codes()
    problems: dict[str, str] = {}  # the word and where it was first met
    opened = 0
    for role in ("visitor", *ROLES, "admin"):
        client.logout()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
        if role != "visitor":
            client.force_login(region[role])
        for url in pages_of(role, region):
            response = client.get(url)
            kind = response.get("Content-Type", "")
            if response.status_code != 200 or not kind.startswith("text/html"):
                continue
            opened += 1
            text = PageText.of(response.content.decode(), lang)
            for word, context in english_in(text, codes):
                problems.setdefault(word, f"{lang} {role} {url}: {word!r} in {context}")
    # every role reached its pages (a broken login would show only refusals)
    assert opened > 150, opened
    assert not problems, f"{len(problems)} English words or codes:\n" + "\n".join(
        problems.values()
    )
