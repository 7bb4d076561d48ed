"""Writes to client records: by their own worker, or by the client (wishes, interests).

Rules enforced here:
- a new client is created by a social instructor (or a platform admin), who becomes
  the client's own worker; an existing record is changed only by someone who may
  manage that client (``permissions.can_manage_client``, checked again here);
- the record is validated as a whole (``full_clean``) before it is saved; no health
  diagnosis has a field to be written to;
- self-assessed scores are kept only with the client's consent (a database
  constraint as well);
- a client changes their own wishes and interests and nothing else;
- every change by staff is written to the access log (``access_record``); a client's
  own change is not.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from marketplace.access import permissions, roles
from marketplace.clients.services.access_log import access_record
from marketplace.models import AccessLogEntry, Client, SelfAssessment, User


@transaction.atomic
def client_save(
    *,
    actor: User,
    client: Client,
    interests: Any,
    accessibility_needs: Any,
    languages: Any,
    audit: dict[str, str] | None = None,
) -> Client:
    """Create or update a client; the creating instructor becomes the own worker."""
    if client._state.adding:
        if not (
            roles.INSTRUCTOR in actor.role_names or permissions.is_platform_admin(actor)
        ):
            raise PermissionDenied
        client.instructor = client.instructor or actor
    elif not permissions.can_manage_client(actor, client):
        raise PermissionDenied
    client.full_clean()
    client.save()
    client.interests.set(interests)
    client.accessibility_needs.set(accessibility_needs)
    client.languages.set(languages)
    if audit is not None:
        from matching.models import ClientAuditAttributes

        ClientAuditAttributes.objects.update_or_create(client=client, defaults=audit)
    access_record(
        actor=actor,
        client=client,
        action=AccessLogEntry.Action.EDIT,
        purpose=AccessLogEntry.Purpose.OWN_WORKER,
    )
    return client


@transaction.atomic
def assessment_add(
    *, actor: User, client: Client, assessment: SelfAssessment
) -> SelfAssessment:
    """Record self-assessed scores; only with the client's consent (a DB constraint too)."""
    if not permissions.can_manage_client(actor, client):
        raise PermissionDenied
    assessment.client = client
    assessment.recorded_by = actor
    assessment.full_clean()
    assessment.save()
    access_record(
        actor=actor,
        client=client,
        action=AccessLogEntry.Action.EDIT,
        subject=AccessLogEntry.Subject.SELF_ASSESSMENT,
        purpose=AccessLogEntry.Purpose.OWN_WORKER,
    )
    return assessment


def own_wishes_save(*, actor: User, wishes: str, interests: Any) -> Client:
    """A client changes their own wishes and interests (and nothing else)."""
    client = getattr(actor, "client_record", None)
    if client is None:
        raise PermissionDenied
    client.wishes = wishes
    client.full_clean()
    client.save(update_fields=["wishes"])
    client.interests.set(interests)
    return client
