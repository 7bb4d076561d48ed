"""Suppression rules and the Wilson interval (pure functions)."""

from __future__ import annotations

import pytest

from marketplace.outcomes.statistics import (
    SUPPRESSED,
    Count,
    Rate,
    mean_cell,
    share_cell,
    suppress_parts,
    wilson_interval,
)
from marketplace.outcomes.tables import suppress_groups, suppress_with_rest


@pytest.mark.parametrize(
    ("successes", "trials", "low", "high"),
    [
        (0, 10, 0.0, 0.27753),  # z²/(n+z²) = 3.8415/13.8415
        (10, 10, 0.72247, 1.0),
        (5, 10, 0.23659, 0.76341),
        (187, 623, 0.26548, 0.33729),  # the 2020 table: 187 of 623 moved on
    ],
)
def test_wilson_interval_matches_hand_computed_bounds(successes, trials, low, high):
    interval = wilson_interval(successes, trials)
    assert interval.low == pytest.approx(low, abs=1e-4)
    assert interval.high == pytest.approx(high, abs=1e-4)


def test_wilson_needs_trials():
    with pytest.raises(ValueError):
        wilson_interval(1, 0)


def test_small_counts_are_hidden_by_the_clients_behind_them():
    # 6 periods of 4 clients (two came back) is still fewer than five clients
    assert suppress_parts([Count(6, 4), Count(9, 9), Count(7, 7)]) == [
        SUPPRESSED,
        9,
        SUPPRESSED,  # secondary: the smallest other part, or the total reveals 6
    ]
    assert suppress_parts([Count(2, 2), Count(0, 0), Count(9, 9)]) == [
        SUPPRESSED,
        SUPPRESSED,
        9,
    ]
    assert suppress_parts([Count(3, 3)]) == [SUPPRESSED]


def test_a_share_needs_five_clients_on_both_sides():
    assert share_cell(6, 10, 6, 4) is SUPPRESSED  # "4 did not move on"
    rate = share_cell(6, 12, 6, 6)
    assert isinstance(rate, Rate) and rate.value == 0.5
    assert mean_cell(3.0, 4) is SUPPRESSED
    assert mean_cell(3.0, 5) == 3.0


def test_parts_with_a_small_rest_are_hidden():
    # 8 of 10 moved on: the 2 who did not would show through
    assert suppress_with_rest([Count(8, 8), Count(9, 9), Count(7, 7)], [2, 6, 5]) == [
        SUPPRESSED,
        9,
        SUPPRESSED,
    ]


def test_groups_keep_a_hidden_part_when_their_subtotal_is_hidden():
    groups = [[Count(5, 5), Count(6, 6)], [Count(2, 2), Count(9, 9), Count(3, 3)]]
    visible = suppress_groups(groups, group_totals_visible=True)
    assert visible == [[5, 6], [SUPPRESSED, 9, SUPPRESSED]]
    hidden = suppress_groups(groups, group_totals_visible=False)
    assert hidden == [[SUPPRESSED, 6], [SUPPRESSED, 9, SUPPRESSED]]
