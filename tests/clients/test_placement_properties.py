"""Properties of the placement path's rules, for every date and status."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from marketplace.clients.services import placement_rules as rules
from marketplace.models import Placement
from marketplace.shared.dates import EARLIEST, LATEST

S = Placement.Status
days = st.dates(min_value=EARLIEST, max_value=LATEST)
near = st.integers(min_value=-400, max_value=400)


def accepted(check, *args) -> bool:  # type: ignore[no-untyped-def]
    try:
        check(*args)
    except rules.PlacementRuleError as exc:
        assert str(exc)
        return False
    return True


@given(days, near)
def test_a_visit_is_accepted_exactly_from_today_to_the_horizon(today, offset):
    day = today + dt.timedelta(days=offset)
    moment = dt.datetime.combine(day, dt.time(10))
    expected = 0 <= offset <= rules.VISIT_HORIZON_DAYS
    assert accepted(rules.check_visit_date, moment, today) == expected


@given(days, near)
def test_an_agreement_start_is_accepted_exactly_inside_its_window(today, offset):
    start = today + dt.timedelta(days=offset)
    expected = -rules.AGREEMENT_GRACE_DAYS <= offset <= rules.AGREEMENT_HORIZON_DAYS
    assert accepted(rules.check_agreement_start, start, today) == expected


@given(days, near, near)
def test_a_start_is_on_or_after_the_agreed_start_and_never_ahead(today, a, b):
    agreed, started = today + dt.timedelta(days=a), today + dt.timedelta(days=b)
    expected = agreed <= started <= today
    assert accepted(rules.check_started, started, agreed, today) == expected


@given(days, near, near, near)
def test_a_return_is_after_leaving_by_the_hold_and_not_ahead(today, a, b, c):
    left, until, back = (today + dt.timedelta(days=n) for n in (a, b, c))
    expected = left < back <= until and back <= today
    assert accepted(rules.check_return, back, left, until, today) == expected


@pytest.mark.parametrize("status", list(S.values))
@pytest.mark.parametrize("step", list(rules.TRANSITIONS))
def test_a_step_is_allowed_exactly_from_its_statuses(status, step):
    placement = Placement(status=status)
    sources, target = rules.TRANSITIONS[step]
    try:
        with translation.override("en"):
            rules.expect_step(placement, step)
    except rules.PlacementRuleError as exc:
        assert status not in sources
        expected = "Already saved" if status == target else "not possible now"
        assert expected in str(exc)
    else:
        assert status in sources
    assert (step in rules.steps_from(status)) == (status in sources)


def test_every_open_status_has_a_way_out_and_closed_ones_none():
    for status in S.values:
        ways = rules.steps_from(status)
        assert bool(ways) == (status in Placement.OPEN), status
