"""A database too busy to answer in time becomes a "try again" page, never an error.

On SQLite (the embedded database) writes take turns: each waits for the one before
it for ``POLKU_SQLITE_TIMEOUT`` seconds (config/settings/operations.py). A request
that still finds the database locked after that gets HTTP 503 with a page that asks
the user to try again in a moment. :class:`DatabaseBusyMiddleware` answers for
views; :func:`server_error` (``handler500``) for the rest (a session saved after the
view). A management command, which nobody watches a spinner for, waits longer with
:func:`patient_writes` (two imports at once run one after the other).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.translation import get_language

log = logging.getLogger("polku.database")

#: What SQLite says when another connection holds the lock (SQLITE_BUSY) or a table
#: is locked by another connection of the same shared cache (SQLITE_LOCKED).
BUSY_MESSAGES = ("database is locked", "database table is locked")
RETRY_AFTER_SECONDS = 5


def is_database_busy(exc: BaseException | None) -> bool:
    """True when ``exc`` (or what caused it) is SQLite's "database is locked"."""
    while exc is not None:
        if isinstance(exc, OperationalError) and any(
            m in str(exc) for m in BUSY_MESSAGES
        ):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def busy_response(request: HttpRequest) -> HttpResponse:
    """HTTP 503 with the "try again" page in the user's language."""
    log.warning("database busy: %s request answered with 503", request.method)
    page = loader.render_to_string(
        "503.html",
        {"language": get_language() or "fi", "method": request.method},
    )
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseBusyMiddleware:
    """Turn a view's "database is locked" into the "try again" page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        return busy_response(request) if is_database_busy(exception) else None


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the "try again" page when the error was a busy database,
    otherwise the plain error page (templates/500.html)."""
    if is_database_busy(sys.exc_info()[1]):
        return busy_response(request)
    return HttpResponseServerError(loader.render_to_string("500.html"))


@contextmanager
def patient_writes(seconds: float) -> Iterator[None]:
    """On SQLite, wait up to ``seconds`` (instead of the requests' timeout) for
    another writer to finish; nothing changes on PostgreSQL, where rows are locked
    one by one and a transaction waits for them anyway."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {before}")
