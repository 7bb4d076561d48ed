"""The placement agreement as a document: marking it signed.

Rules enforced here:
- only the client's own worker (or a platform admin) records the signature;
- only an agreed placement has an agreement to sign (agreed, active, held or ended);
- the signing date is a real day: not in the future and not before the placement
  was suggested;
- the change is written to the client's access log (what was done, never content).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.clients.services.access_log import access_record
from marketplace.models import AccessLogEntry, Placement, User

S = Placement.Status
#: The states in which a placement has an agreement (its first period was agreed).
HAS_AGREEMENT = (S.AGREED, S.ACTIVE, S.HELD, S.ENDED)


class AgreementError(ValueError):
    """The agreement cannot be marked signed; the message is for the user."""


@transaction.atomic
def placement_agreement_sign(
    *, actor: User, placement: Placement, signed_on: dt.date
) -> Placement:
    """Record that the agreement was signed on ``signed_on`` (and by whom it was
    recorded); a second call corrects the date."""
    placement = (
        Placement.objects.select_for_update(of=("self",))
        .select_related("client")
        .get(pk=placement.pk)
    )
    if not permissions.can_manage_client(actor, placement.client):
        raise PermissionDenied
    if placement.status not in HAS_AGREEMENT or placement.start_date is None:
        raise AgreementError(
            _("Record the agreement first; then it can be marked signed.")
        )
    if signed_on > timezone.localdate():
        raise AgreementError(_("The signing date cannot be in the future."))
    if signed_on < timezone.localtime(placement.created_at).date():
        raise AgreementError(
            _("The signing date cannot be before the placement was suggested.")
        )
    placement.agreement_signed_on = signed_on
    placement.agreement_signed_by = actor
    placement.save(update_fields=["agreement_signed_on", "agreement_signed_by"])
    access_record(
        actor=actor,
        client=placement.client,
        action=AccessLogEntry.Action.EDIT,
        subject=AccessLogEntry.Subject.AGREEMENT,
        purpose=AccessLogEntry.Purpose.OWN_WORKER,
    )
    return placement
