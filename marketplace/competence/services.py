"""Recording competence at work.

Rules enforced here:

* only the supervisors of the site's own organisation record (and remove) entries;
* only for a participant who has started at the site (active, seat held or ended);
* the unit must be one the site offers; its name is kept with the record;
* the dates lie within the participant's time at the site and not in the future,
  and the end is not before the start;
* every change is written to the client's access log (an edit of client data).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.access import permissions
from marketplace.clients.services.access_log import access_record
from marketplace.models import (
    AccessLogEntry,
    CompetenceRecord,
    LearningUnit,
    Placement,
    User,
)

#: Placements whose participant has been at the site.
STARTED = (Placement.Status.ACTIVE, Placement.Status.HELD, Placement.Status.ENDED)


class CompetenceError(ValueError):
    """A record that breaks a rule (the message is for the user)."""


def _check(actor: User, placement: Placement) -> None:
    if not permissions.can_record_competence(actor, placement.site):
        raise CompetenceError(_("Only the site's own supervisors record competence."))
    if placement.status not in STARTED:
        raise CompetenceError(
            _("Competence is recorded once the participant has started at the site.")
        )


def _check_dates(placement: Placement, start: dt.date, end: dt.date) -> None:
    if end < start:
        raise CompetenceError(_("The end date cannot be before the start date."))
    if end > timezone.localdate():
        raise CompetenceError(_("Record what has already been done: no future dates."))
    if placement.start_date and start < placement.start_date:
        raise CompetenceError(
            _("The dates must be within the participant's time at the site.")
        )


@transaction.atomic
def competence_record_add(
    *,
    actor: User,
    placement: Placement,
    unit: LearningUnit,
    parts: str,
    level: str,
    start: dt.date,
    end: dt.date,
    tasks: str,
) -> CompetenceRecord:
    """The supervisor records one unit's parts worked on or shown by a participant."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    _check(actor, placement)
    if unit.site_id != placement.site_id:
        raise CompetenceError(_("Choose one of the site's qualification units."))
    if level not in CompetenceRecord.Level.values:
        raise CompetenceError(_("Choose what was done."))
    _check_dates(placement, start, end)
    record = CompetenceRecord.objects.create(
        placement=placement,
        unit=unit,
        unit_name=unit.name,
        parts=parts.strip(),
        level=level,
        start=start,
        end=end,
        tasks=tasks.strip(),
        recorded_by=actor,
    )
    access_record(
        actor=actor,
        client=placement.client,
        action=AccessLogEntry.Action.EDIT,
        subject=AccessLogEntry.Subject.COMPETENCE,
        purpose=AccessLogEntry.Purpose.COMPETENCE,
    )
    return record


@transaction.atomic
def competence_record_remove(*, actor: User, record: CompetenceRecord) -> None:
    """A record made by mistake is removed by the site's supervisors."""
    placement = record.placement
    _check(actor, placement)
    record.delete()
    access_record(
        actor=actor,
        client=placement.client,
        action=AccessLogEntry.Action.EDIT,
        subject=AccessLogEntry.Subject.COMPETENCE,
        purpose=AccessLogEntry.Purpose.COMPETENCE,
    )
