"""Demo activity: reviews and monthly feedback on the imported history (load_demo)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db.models import Q

from marketplace.models import (
    ClientFeedback,
    Placement,
    PlacementEvent,
    PlacementPeriod,
    User,
)
from marketplace.outcomes.scope import OutcomeScope, Window, outcome_sites_for
from marketplace.outcomes.selectors.periods import outcome_figures, stalled_cutoff
from marketplace.seeding import demo_activity
from marketplace.seeding.demo_activity import demo_activity_ensure
from matching.core import dataset as ds
from tests.factories.clients import make_client
from tests.factories.sites import make_site
from tests.seeding.test_demo_data import DEMO_FILE

D = dt.date
AS_OF = D(2026, 2, 1)


def imported(key: str, start: dt.date, end: dt.date | None = None) -> Placement:
    """A placement as the data-set import leaves it: an id, one period, no events."""
    placement = Placement.objects.create(
        external_id=key,
        client=make_client(),
        site=make_site(),
        status=Placement.Status.ENDED if end else Placement.Status.ACTIVE,
        start_date=start,
    )
    PlacementPeriod.objects.create(
        placement=placement, start=start, end=end, exit_reason="studies" if end else ""
    )
    return placement


def extensions(placement: Placement) -> list[tuple[dt.date, str]]:
    return [
        (e.at.date(), e.detail["extended_to"])
        for e in placement.events.filter(detail__has_key="extended_to").order_by("at")
    ]


@pytest.fixture
def all_reviewed(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(demo_activity, "UNREVIEWED_SHARE", 0.0)


def test_a_period_is_extended_at_each_3_month_review_up_to_as_of(polku, all_reviewed):
    # given an open period that began 10.1.2025, as of 1.2.2026
    placement = imported("p1", D(2025, 1, 10))

    # when the demo activity is added
    demo_activity_ensure(as_of=AS_OF)

    # then each review, a few days before its 3-month mark, extended by 3 months,
    # the last one to the end of the period the placement is in on 1.2.2026
    found = extensions(placement)
    assert [to for _day, to in found] == [
        "2025-07-10",
        "2025-10-10",
        "2026-01-10",
        "2026-04-10",
    ]
    marks = [D(2025, 4, 10), D(2025, 7, 10), D(2025, 10, 10), D(2026, 1, 10)]
    for (day, _to), mark in zip(found, marks, strict=True):
        assert mark - dt.timedelta(days=14) <= day < mark
    assert all(e.from_status == e.to_status == "active" for e in placement.events.all())


def test_a_period_that_ended_at_its_first_review_has_no_extension(polku, all_reviewed):
    short = imported("p1", D(2025, 1, 10), D(2025, 4, 5))
    ended_later = imported("p2", D(2025, 1, 10), D(2025, 8, 1))

    demo_activity_ensure(as_of=AS_OF)

    assert extensions(short) == []
    assert [to for _d, to in extensions(ended_later)] == ["2025-07-10", "2025-10-10"]


def test_nothing_is_recorded_after_as_of_and_periods_stay_within_24_months(
    polku, all_reviewed
):
    long = imported("p1", D(2023, 1, 15))
    future = imported("p2", D(2026, 3, 1))

    demo_activity_ensure(as_of=AS_OF)

    found = extensions(long)
    assert len(found) == 7  # 3 months + 7 × 3 = 24
    assert found[-1][1] == "2025-01-15"
    assert extensions(future) == []
    assert not future.feedback.exists()
    assert not PlacementEvent.objects.filter(at__date__gte=AS_OF).exists()


def test_answers_are_for_finished_months_of_the_period(polku):
    placement = imported("p1", D(2025, 3, 20), D(2025, 9, 10))
    current = imported("p2", D(2025, 11, 3))

    demo_activity_ensure(as_of=AS_OF)

    months = set(
        ClientFeedback.objects.filter(placement=placement).values_list(
            "month", flat=True
        )
    )
    assert months <= {D(2025, m, 1) for m in range(3, 10)}
    later = set(current.feedback.values_list("month", flat=True))
    assert later <= {D(2025, 11, 1), D(2025, 12, 1), D(2026, 1, 1)}
    assert not ClientFeedback.objects.filter(month__gte=AS_OF).exists()


def test_placements_made_in_polku_get_no_demo_activity(polku):
    own = Placement.objects.create(
        client=make_client(),
        site=make_site(),
        status=Placement.Status.ACTIVE,
        start_date=D(2024, 1, 1),
    )
    PlacementPeriod.objects.create(placement=own, start=D(2024, 1, 1))

    assert demo_activity_ensure(as_of=AS_OF).reviews == 0
    assert not own.events.exists() and not own.feedback.exists()


def test_running_again_adds_nothing_and_keeps_recorded_answers(polku):
    placements = [imported(f"p{i}", D(2024, 1 + i, 5)) for i in range(6)]
    first = demo_activity_ensure(as_of=AS_OF)
    assert first.reviews > 0 and first.answers > 0
    ClientFeedback.objects.filter(placement=placements[0]).update(felt=1)
    kept = list(placements[0].feedback.values_list("month", "felt"))

    again = demo_activity_ensure(as_of=AS_OF)

    assert (again.reviews, again.answers) == (0, 0)
    assert PlacementEvent.objects.count() == first.reviews
    assert ClientFeedback.objects.count() == first.answers
    assert list(placements[0].feedback.values_list("month", "felt")) == kept


# --- the demo data set, through load_demo ---------------------------------------------


def test_load_demo_gives_the_outcome_page_reviews_and_feedback(polku):
    # given the demo data set loaded as `make run` loads it
    as_of = ds.load(DEMO_FILE).as_of
    call_command("load_demo", "--force", stdout=io.StringIO())
    counts = (PlacementEvent.objects.count(), ClientFeedback.objects.count())
    imported_periods = PlacementPeriod.objects.filter(
        placement__external_id__isnull=False
    )

    # then long periods were reviewed, most of them at every review
    reviews = PlacementEvent.objects.filter(detail__has_key="extended_to")
    assert reviews.count() > imported_periods.count()
    assert not reviews.filter(at__date__gt=as_of).exists()
    # and a realistic share of the client-months has an answer, none in the future
    answered = ClientFeedback.objects.values("placement").distinct().count()
    assert 0.5 < answered / imported_periods.count() < 0.95
    assert not ClientFeedback.objects.filter(month__gte=as_of).exists()

    # then on the organiser's outcome page for the twelve months before as_of
    organiser = User.objects.get(username="jarjestaja")
    window = Window.last_twelve_months(as_of)
    scope = OutcomeScope(sites=outcome_sites_for(organiser), window=window)
    figures = outcome_figures(scope)
    still_open = scope.window_periods().filter(
        Q(end__isnull=True) | Q(end__gt=window.end)
    )
    long_open = still_open.filter(start__lt=stalled_cutoff(window)).count()
    # few are stalled: fewer than the long open periods, a small minority of all open
    assert still_open.count() >= 20
    assert figures.totals.stalled.value < max(long_open, 1)
    assert figures.totals.stalled.value <= 0.1 * still_open.count()
    # and there is feedback from enough clients to be shown, good more often than not
    feedback = figures.feedback_total
    assert feedback.answers.clients >= 20
    assert 0.5 < feedback.good.value / feedback.answers.value < 0.95

    # and some sites are clearly better liked than others (over the whole history)
    history = OutcomeScope(
        sites=outcome_sites_for(organiser), window=Window(D(2022, 1, 1), as_of)
    )
    shares = [
        f.good.value / f.answers.value
        for f in outcome_figures(history).feedback_by_site.values()
        if f.answers.clients >= 8
    ]
    assert len(shares) >= 5
    assert max(shares) - min(shares) > 0.4

    # when load_demo runs again, then nothing is added
    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert "0 reviews and 0 monthly feedback answers added" in out.getvalue()
    assert (PlacementEvent.objects.count(), ClientFeedback.objects.count()) == counts
