"""Writing the access log: every staff read of client data is recorded."""

from __future__ import annotations

from collections.abc import Iterable

from marketplace.models import AccessLogEntry, Client, User


def access_record(
    *, actor: User, client: Client, action: str, purpose: str = ""
) -> None:
    """Record that ``actor`` read or changed ``client``'s data (never their content)."""
    if client.user_id is not None and client.user_id == actor.pk:
        return  # a client reading their own data is not an access by staff
    AccessLogEntry.objects.create(
        actor=actor, client=client, action=action, purpose=purpose[:200]
    )


def access_record_list(
    *, actor: User, clients: Iterable[Client], purpose: str = ""
) -> None:
    """Record one list-row read per client shown, in one query."""
    AccessLogEntry.objects.bulk_create(
        [
            AccessLogEntry(
                actor_id=actor.pk,
                client_id=c.pk,
                action=AccessLogEntry.Action.LIST,
                purpose=purpose,
            )
            for c in clients
        ]
    )
