"""Reads of client data, logged by construction (Client Data Act 703/2023).

Every view that shows client data wears :func:`shows_client_data`, which says *what*
it shows (a subject), *how* (viewed, in a list, exported) and, by default, *why* (a
purpose)::

    @login_required
    @shows_client_data(Subject.ATTENDANCE, Action.LIST, Purpose.ATTENDANCE)
    def site_attendance(request, pk):
        ...
        request.client_reads.add_all(p.client for p in placements)

The view names *whom* it shows with ``request.client_reads.add(client)`` (or
``add_all``), possibly with another action or purpose for one client; when the view
has returned a response that is not an error, the decorator writes one entry per
client and kind of read, in one insert. A client reading their own data is not
logged. Nothing else writes reads (services record changes with ``access_record``).

``tests/security/test_access_log.py`` holds every view of the URL conf to this: a
view that wears the decorator must write an entry when its owner opens it; a view
that does not must be listed there as showing no client data, so a new view fails
until it is one or the other; and no page may show a client's name without an entry.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponseBase

from marketplace.clients.services.access_log import own_client_ids
from marketplace.models import AccessLogEntry, Client, User

Action = AccessLogEntry.Action
Subject = AccessLogEntry.Subject
Purpose = AccessLogEntry.Purpose

View = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class ClientDataView:
    """What a decorated view shows (read by the URL-conf test)."""

    subject: str
    action: str
    purpose: str


@dataclass
class ClientReads:
    """The clients a request has shown, written to the log when it is answered."""

    actor: User
    kind: ClientDataView
    shown: dict[tuple[Any, str, str, str], None] = field(default_factory=dict)

    def add(
        self,
        client: Client,
        *,
        action: str | None = None,
        subject: str | None = None,
        purpose: str | None = None,
    ) -> None:
        key = (
            client.pk,
            action or self.kind.action,
            subject or self.kind.subject,
            self.kind.purpose if purpose is None else purpose,
        )
        self.shown[key] = None

    def add_all(self, clients: Iterable[Client], **kwargs: str | None) -> None:
        for client in clients:
            self.add(client, **kwargs)

    def write(self) -> int:
        """One entry per client and kind of read shown, in one insert."""
        if not self.shown:
            return 0
        own = own_client_ids(self.actor, {pk for pk, *_rest in self.shown})
        entries = [
            AccessLogEntry(
                actor_id=self.actor.pk,
                client_id=pk,
                action=action,
                subject=subject,
                purpose=purpose[:200],
            )
            for pk, action, subject, purpose in self.shown
            if pk not in own
        ]
        AccessLogEntry.objects.bulk_create(entries)
        self.shown.clear()
        return len(entries)


def shows_client_data(
    subject: str, action: str = Action.VIEW, purpose: str = ""
) -> Callable[[View], View]:
    """Decorate a view that shows client data: the clients it names with
    ``request.client_reads`` are logged once it has answered without an error."""
    kind = ClientDataView(str(subject), str(action), str(purpose))

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def wrapper(
            request: HttpRequest, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            reads = ClientReads(request.user, kind)  # type: ignore[arg-type]
            request.client_reads = reads  # type: ignore[attr-defined]
            response = view(request, *args, **kwargs)
            reads.write()  # what the view named was shown (errors raise instead)
            return response

        wrapper.client_data = kind  # type: ignore[attr-defined]
        return wrapper

    return decorator


def client_data_of(view: Any) -> ClientDataView | None:
    """What a view shows, if it wears :func:`shows_client_data` (through any other
    decorator that keeps the wrapped view's attributes)."""
    return getattr(view, "client_data", None)


def reads_of(request: HttpRequest) -> ClientReads:
    """The request's reads (inside a decorated view)."""
    reads = getattr(request, "client_reads", None)
    if not isinstance(reads, ClientReads):
        raise RuntimeError("this view does not wear shows_client_data")
    return reads
