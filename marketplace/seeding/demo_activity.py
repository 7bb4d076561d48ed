"""Demo activity for ``make run``: review decisions and monthly client feedback on the
imported placement history, so that the outcome page has something true-to-life to
count.

A data set carries placement periods but not what happened during them. For every
imported period (placements with an ``external_id``) this adds, up to the data set's
``as_of`` date and never after it:

* **Reviews**: the first period is 3 months; at about 3 months, and every 3 months
  after, a review meeting decides to continue, which ``placement_extend`` records as a
  ``PlacementEvent`` with ``extended_to`` (3 more months, at most 24 in total). A
  period that ran past a 3-month mark was extended there. For a minority of the
  periods (:data:`UNREVIEWED_SHARE`) the reviews stop being recorded at some point, so
  the outcome page's "stalled" figure has a plausible, small number to show.
* **Monthly feedback** (``ClientFeedback``): answers for the finished months of each
  period from a share of the clients (some answer nearly every month, some rarely).
  Each site has its own standing, so some sites are clearly better liked than others;
  the month before a non-positive exit tends to be answered less happily. Clients
  with a login of their own leave the month before ``as_of`` open, so that the demo
  client has a month to answer.

Deterministic: every choice comes from a ``random.Random`` seeded with :data:`SEED`
and the placement's or site's data-set id, so the same data set gives the same rows
in any order and on any run. Idempotent: an extension already recorded for a
placement (same ``extended_to``) and an answered month (a database constraint) are
not added again, so running it twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from marketplace.clients.services.placements import MAX_TOTAL_MONTHS
from marketplace.models import (
    ClientFeedback,
    Placement,
    PlacementEvent,
    PlacementPeriod,
)
from marketplace.shared.months import add_months
from matching.core import vocabulary as V

SEED = 20261101
REVIEW_MONTHS = 3
#: Share of the periods with at least one review due whose reviews stop being
#: recorded at some point (the meeting was not held, or not written down).
UNREVIEWED_SHARE = 0.08
#: How often a client answers the monthly questions: (share of clients, answer rate).
ANSWER_HABITS = ((0.35, 0.9), (0.4, 0.6), (0.25, 0.2))

FB = ClientFeedback


@dataclass(frozen=True)
class DemoActivity:
    reviews: int
    answers: int


def _rng(*key: object) -> random.Random:
    """A generator of its own for each placement or site (a str seed is stable)."""
    return random.Random(":".join(str(k) for k in (SEED, *key)))


def _review_dates(
    period: PlacementPeriod, as_of: dt.date, rng: random.Random
) -> list[tuple[dt.date, dt.date]]:
    """(meeting day, extended to) of each review that continued the period: at every
    3-month mark that the period ran past, a week or two before the mark."""
    last = period.end or as_of
    out = []
    months = REVIEW_MONTHS
    while months < MAX_TOTAL_MONTHS:
        mark = add_months(period.start, months)
        if mark >= last:
            break
        meeting = mark - dt.timedelta(days=rng.randrange(3, 15))
        if meeting > as_of:
            break
        out.append((meeting, add_months(period.start, months + REVIEW_MONTHS)))
        months += REVIEW_MONTHS
    if out and rng.random() < UNREVIEWED_SHARE:
        out = out[: rng.randrange(len(out))]  # recorded up to some review, then not
    return out


@dataclass(frozen=True)
class _Outlook:
    """How a client sees a placement: liking (how the work feels, wanting to stay)
    and learning; each answer adds a little of the month's own mood."""

    liking: float
    learning: float


def _site_outlook(site_key: str) -> _Outlook:
    """A site's standing: mostly near the middle, some clearly better or worse liked;
    better liked sites tend to teach more, too."""
    rng = _rng("site", site_key)
    liking = max(-1.5, min(1.5, rng.gauss(0.0, 0.7)))
    return _Outlook(liking, 0.5 * liking + rng.gauss(0.0, 0.5))


def _client_outlook(site: _Outlook, rng: random.Random) -> _Outlook:
    return _Outlook(
        site.liking + rng.gauss(0.0, 0.6), site.learning + rng.gauss(0.2, 0.7)
    )


def _answer(
    rng: random.Random, outlook: _Outlook, placement: Placement, month: dt.date
) -> ClientFeedback:
    felt = outlook.liking + rng.gauss(0.0, 0.5)
    learned = outlook.learning + rng.gauss(0.0, 0.5)
    stay = outlook.liking + rng.gauss(0.0, 0.5)
    return ClientFeedback(
        placement=placement,
        month=month,
        felt=FB.Felt.GOOD
        if felt > -0.2
        else FB.Felt.OKAY
        if felt > -1.2
        else FB.Felt.BAD,
        learned=(
            FB.Answer.YES
            if learned > 0.3
            else FB.Answer.A_LITTLE
            if learned > -0.5
            else FB.Answer.NO
        ),
        wants_to_continue=(
            FB.Continue.YES
            if stay > -0.3
            else FB.Continue.NOT_SURE
            if stay > -1.1
            else FB.Continue.NO
        ),
        helped_by_supervisor=rng.random()
        < (0.5 if placement.client.service == "disability" else 0.15),
    )


def _answers(
    period: PlacementPeriod, as_of: dt.date, rng: random.Random
) -> list[ClientFeedback]:
    """Answers for the finished months of the period (months that began before
    ``as_of``'s month) that overlap it."""
    placement = period.placement
    this_month = as_of.replace(day=1)
    open_from = add_months(this_month, -1) if placement.client.user_id else this_month
    last = min(period.end or as_of, open_from - dt.timedelta(days=1))
    shares, rates = zip(*ANSWER_HABITS, strict=True)
    rate = rng.choices(rates, shares)[0]
    site = _site_outlook(placement.site.external_id or str(placement.site_id))
    outlook = _client_outlook(site, rng)
    unhappy_end = period.end is not None and period.exit_reason not in V.POSITIVE_EXITS
    out = []
    month = period.start.replace(day=1)
    while month <= last:
        if rng.random() < rate:
            mood = outlook
            if unhappy_end and month == period.end.replace(day=1):
                mood = _Outlook(outlook.liking - 1.0, outlook.learning)
            out.append(_answer(rng, mood, placement, month))
        month = add_months(month, 1)
    return out


@transaction.atomic
def demo_activity_ensure(*, as_of: dt.date) -> DemoActivity:
    """Add the reviews and monthly answers of the imported periods (see the module);
    returns how many rows were added."""
    periods = list(
        PlacementPeriod.objects.filter(placement__external_id__isnull=False)
        .select_related("placement__client", "placement__site")
        .order_by("placement__external_id", "start")
    )
    recorded = {
        (placement_id, detail.get("extended_to"))
        for placement_id, detail in PlacementEvent.objects.filter(
            placement__external_id__isnull=False, detail__has_key="extended_to"
        ).values_list("placement_id", "detail")
    }
    events, days, answers = [], [], []
    for period in periods:
        placement = period.placement
        rng = _rng("placement", placement.external_id, period.start.isoformat())
        for meeting, extended_to in _review_dates(period, as_of, rng):
            if (placement.pk, extended_to.isoformat()) in recorded:
                continue
            events.append(
                PlacementEvent(
                    placement=placement,
                    from_status=Placement.Status.ACTIVE,
                    to_status=Placement.Status.ACTIVE,
                    detail={"extended_to": extended_to.isoformat()},
                )
            )
            days.append(meeting)
        answers += _answers(period, as_of, rng)
    PlacementEvent.objects.bulk_create(events, batch_size=500)
    tz = timezone.get_current_timezone()
    for event, day in zip(events, days, strict=True):  # "at" is set on creation
        event.at = dt.datetime.combine(day, dt.time(10), tz)
    PlacementEvent.objects.bulk_update(events, ["at"], batch_size=500)
    before = ClientFeedback.objects.count()
    ClientFeedback.objects.bulk_create(answers, batch_size=500, ignore_conflicts=True)
    return DemoActivity(len(events), ClientFeedback.objects.count() - before)
