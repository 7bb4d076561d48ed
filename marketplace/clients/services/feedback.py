"""Recording the client's monthly feedback on a placement.

Rules enforced here:
- the client answers for their own placements; a supervisor of the site may record
  the answers with the client (then ``helped_by_supervisor`` is set and the access to
  the client's data is logged);
- one answer per placement and month (also a database constraint), and only for a
  month that is open: the current or the previous one, overlapping an agreed period;
- the answers are values of the model's choices.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from marketplace.access.outcomes import can_record_feedback
from marketplace.clients.selectors.feedback import feedback_months
from marketplace.clients.services.access_log import access_record
from marketplace.models import AccessLogEntry, ClientFeedback, Placement, User


class FeedbackError(ValueError):
    """The answer cannot be saved; the message is for the user."""


def _check_values(felt: int, learned: str, wants_to_continue: str) -> None:
    if (
        felt not in ClientFeedback.Felt.values
        or learned not in ClientFeedback.Answer.values
        or wants_to_continue not in ClientFeedback.Continue.values
    ):
        raise FeedbackError(_("Choose one answer to each question."))


@transaction.atomic
def feedback_record(
    *,
    actor: User,
    placement: Placement,
    month: dt.date,
    felt: int,
    learned: str,
    wants_to_continue: str,
    today: dt.date | None = None,
) -> ClientFeedback:
    """Save the answers for ``month`` (any day of it) and return them."""
    placement = Placement.objects.select_related("client", "site").get(pk=placement.pk)
    if not can_record_feedback(actor, placement):
        raise PermissionDenied
    _check_values(felt, learned, wants_to_continue)
    month = month.replace(day=1)
    if month not in feedback_months(placement, today):
        if placement.feedback.filter(month=month).exists():
            raise FeedbackError(_("This month has already been answered. Thank you!"))
        raise FeedbackError(_("Answers can be given for this month or last month."))
    helped = placement.client.user_id != actor.pk
    try:
        with transaction.atomic():
            answer = ClientFeedback.objects.create(
                placement=placement,
                month=month,
                felt=felt,
                learned=learned,
                wants_to_continue=wants_to_continue,
                helped_by_supervisor=helped,
                recorded_by=actor,
            )
    except IntegrityError as exc:  # answered at the same moment elsewhere
        raise FeedbackError(
            _("This month has already been answered. Thank you!")
        ) from exc
    if helped:
        access_record(
            actor=actor,
            client=placement.client,
            action=AccessLogEntry.Action.EDIT,
            subject=AccessLogEntry.Subject.FEEDBACK,
            purpose=AccessLogEntry.Purpose.FEEDBACK,
        )
    return answer
