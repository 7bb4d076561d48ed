"""A client's free-text wishes appear only on the client's own pages and on their
instructor's pages about them: never on any other page of the URL conf, in any
export, or in any log line, whoever looks.

Every route of ours is walked (its objects from tests/security/objects.py) as each
role and a platform admin, with every logger recording at DEBUG level.
"""

from __future__ import annotations

import io
import logging
import zipfile
from typing import Any

import pytest

from marketplace.access import roles
from tests.factories.accounts import make_user
from tests.security.objects import REGISTRY, ROLES, WISHES, WISHES_MARKER
from tests.security.urlconf import Route, our_routes

#: The instructor's pages about a client, and the client's own pages.
MAY_SHOW_WISHES = ("oma/asiakkaat/<uuid:pk>/", "oma/minun/")
#: SQL with its parameters is logged only with DEBUG on (development), never in
#: production; everything else is checked.
UNCHECKED_LOGGERS = ("django.db.backends",)
NEW_WISHES = "Toivon pääseväni leipomaan sämpylöitä (SÄMPYLÄTOIVE-3307)."


def may_show(route: Route | None) -> bool:
    return route is not None and route.route.startswith(MAY_SHOW_WISHES)


def pages(realm: Any) -> list[tuple[Route | None, str]]:
    """Every GET-able page of the URL conf for the realm's objects, and the public
    pages of the page tree."""
    found: list[tuple[Route | None, str]] = []
    for route in our_routes():
        if route.name in ("logout", "set_language"):
            continue
        if not route.params:
            found.append((route, route.url()))
        elif route.name in REGISTRY:
            found += [
                (route, route.url(**kw)) for kw in REGISTRY[route.name].build(realm)
            ]
    found += [(None, "/"), (None, "/tyotoimintapaikat/"), (None, realm["site"].url)]
    return found


def text_of(response: Any) -> str:
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    if body.startswith(b"PK"):  # an Excel workbook: the text is in its XML parts
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            return " ".join(
                book.read(n).decode("utf-8", "replace") for n in book.namelist()
            )
    return body.decode("utf-8", "replace")


@pytest.fixture
def every_log_line(caplog: Any) -> Any:
    """Record every logger at DEBUG level (loggers with their own level too)."""
    caplog.set_level(logging.DEBUG)
    for name, logger in list(logging.root.manager.loggerDict.items()):
        if isinstance(logger, logging.Logger) and not name.startswith(
            UNCHECKED_LOGGERS
        ):
            if logger.level > logging.DEBUG:
                caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def leaked_in_logs(caplog: Any, *markers: str) -> list[str]:
    lines = []
    for record in caplog.records:
        if record.name.startswith(UNCHECKED_LOGGERS):
            continue
        text = f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        if any(m.lower() in text.lower() for m in markers):
            lines.append(f"{record.name}: {record.getMessage()[:200]}")
    return lines


@pytest.mark.parametrize("role", [*ROLES, roles.PLATFORM_ADMIN])
def test_wishes_show_only_on_the_clients_own_and_instructors_pages(
    client: Any, realms: Any, every_log_line: Any, capsys: Any, role: str
) -> None:
    # Given a client whose wishes carry a marker, and a user of their region
    home, _away = realms
    user = make_user(role) if role == roles.PLATFORM_ADMIN else home[role]
    client.force_login(user)
    urls = pages(home)
    if role == roles.PLATFORM_ADMIN:
        urls += [(None, "/admin/"), (None, "/admin/pages/search/?q=kirahveja")]
    # when they open every page
    shown_on = []
    for route, url in urls:
        response = client.get(url)
        if WISHES_MARKER.lower() in text_of(response).lower():
            shown_on.append((route, url))
    # then the wishes are only on the client's own and the instructor's pages
    assert [url for route, url in shown_on if not may_show(route)] == []
    # and they do show there, for the client and their instructor (the marker works)
    if role in ("client", "instructor"):
        assert shown_on
    # and no log line and no output carries them
    assert leaked_in_logs(every_log_line, WISHES_MARKER, WISHES) == []
    out = capsys.readouterr()
    assert WISHES_MARKER not in out.out + out.err


def test_saving_wishes_logs_nothing_of_them(
    client: Any, realms: Any, every_log_line: Any
) -> None:
    # Given the client on their own wishes page
    home, _away = realms
    client.force_login(home["client"])
    # when they save new wishes
    response = client.post("/oma/minun/toiveet/", {"wishes": NEW_WISHES})
    assert response.status_code == 302
    home["person"].refresh_from_db()
    assert home["person"].wishes == NEW_WISHES
    # then no log line carries them
    assert leaked_in_logs(every_log_line, "SÄMPYLÄTOIVE-3307", NEW_WISHES) == []
