"""Writing the access log: every staff read or change of client data is recorded.

Views record reads through ``marketplace.clients.reads`` (by construction: the
decorator every client-data view wears); services that change client data record the
change here with :func:`access_record`.

Rules enforced here:
- an entry says who, which client, what (a subject), how (viewed, listed, exported,
  edited) and why (a purpose code with a label in every language, shown to the
  client);
- a client reading their own data is not logged (``own_client_ids``);
- entries are only added: nothing in Polku edits or deletes them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marketplace.access import roles
from marketplace.models import AccessLogEntry, Client, User

Subject = AccessLogEntry.Subject
Purpose = AccessLogEntry.Purpose


def own_client_ids(actor: User, client_ids: Iterable[Any]) -> set[Any]:
    """Which of ``client_ids`` are the actor's own client record (only a user with
    the client role can have one, so staff cost no query)."""
    if not actor.has_role(roles.CLIENT):
        return set()
    ids = list(client_ids)
    return set(
        Client.objects.filter(user_id=actor.pk, pk__in=ids).values_list("pk", flat=True)
    )


def access_entries(
    *,
    actor: User,
    clients: Iterable[Client],
    action: str,
    subject: str,
    purpose: str = "",
) -> list[AccessLogEntry]:
    """Unsaved entries for ``clients``, never for the actor's own client record (a
    client reading their own data is not an access by staff)."""
    clients = list(clients)
    own = own_client_ids(actor, [c.pk for c in clients])
    return [
        AccessLogEntry(
            actor_id=actor.pk,
            client_id=client.pk,
            action=action,
            subject=subject,
            purpose=purpose[:200],
        )
        for client in clients
        if client.pk not in own
    ]


def access_record(
    *,
    actor: User,
    client: Client,
    action: str,
    subject: str = Subject.RECORD,
    purpose: str = "",
) -> None:
    """Record that ``actor`` read or changed ``client``'s data (never its content)."""
    AccessLogEntry.objects.bulk_create(
        access_entries(
            actor=actor,
            clients=[client],
            action=action,
            subject=subject,
            purpose=purpose,
        )
    )
