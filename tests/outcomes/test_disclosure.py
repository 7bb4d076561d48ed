"""Disclosure control of the outcome figures: the cell-key method's perturbation
table, and the suppression rules on top of it (pure functions)."""

from __future__ import annotations

import collections

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.models.clients import RECORD_KEY_RANGE, new_record_key
from marketplace.outcomes import disclosure as dc
from marketplace.outcomes.statistics import (
    SUPPRESSED,
    Count,
    Rate,
    wilson_interval,
)

keys = st.integers(min_value=0, max_value=dc.KEY_RANGE - 1)


def noises(value: int) -> collections.Counter[int]:
    """How many of all cell keys give each noise to ``value``."""
    return collections.Counter(dc.noise(value, k) for k in range(dc.KEY_RANGE))


# --- the perturbation table ---------------------------------------------------------


def test_record_keys_are_drawn_from_the_range_of_cell_keys() -> None:
    assert RECORD_KEY_RANGE == dc.KEY_RANGE
    drawn = {new_record_key() for _ in range(200)}
    assert all(0 <= k < dc.KEY_RANGE for k in drawn) and len(drawn) > 150


@pytest.mark.parametrize("value", [1, 2, 3, 10, 500])
def test_the_noise_is_unbiased_bounded_and_has_the_documented_variance(
    value: int,
) -> None:
    counts = noises(value)
    n = dc.KEY_RANGE
    assert set(counts) <= set(range(-dc.MAX_NOISE, dc.MAX_NOISE + 1))
    assert abs(sum(d * c for d, c in counts.items()) / n) < 1e-3
    variance = sum(d * d * c for d, c in counts.items()) / n
    assert variance == pytest.approx(dc.NOISE_VARIANCE, abs=1e-3)
    assert min(counts) >= -value  # a figure never goes below zero


def test_zero_stays_zero_and_a_cell_key_of_zero_adds_nothing() -> None:
    assert noises(0) == {0: dc.KEY_RANGE}
    assert all(dc.noise(v, 0) == 0 for v in range(0, 50))


@given(st.integers(min_value=0, max_value=10_000), keys)
def test_a_published_value_is_within_the_noise_of_the_true_one(
    value: int, key: int
) -> None:
    published = dc.perturbed(Count(value, value, key))
    assert published >= 0 and abs(published - value) <= dc.MAX_NOISE


@given(st.lists(keys, min_size=1, max_size=30), st.randoms())
def test_the_same_records_always_get_the_same_figure(records, random) -> None:
    # given the record keys of a cell's records, counted in any order
    shuffled = list(records)
    random.shuffle(shuffled)
    first = Count(len(records), len(records), sum(records))
    again = Count(len(shuffled), len(shuffled), sum(shuffled))
    # then the published figure is the same
    assert dc.perturbed(first) == dc.perturbed(again)


def test_one_more_record_gives_fresh_noise() -> None:
    # a set and the same set with one more record: over all keys of the new record,
    # the difference of the published figures is spread, not always one
    base = Count(20, 20, 12345)
    differences = collections.Counter(
        dc.perturbed(Count(21, 21, base.key + k)) - dc.perturbed(base)
        for k in range(0, dc.KEY_RANGE, 7)
    )
    assert differences[1] < 0.5 * sum(differences.values())
    assert {-1, 0, 2, 3} <= set(differences)


# --- suppression on top ----------------------------------------------------------


def test_small_counts_are_hidden_by_the_clients_behind_them() -> None:
    # 6 periods of 4 clients (two came back) is still fewer than five clients
    assert dc.parts([Count(6, 4), Count(9, 9), Count(7, 7)]) == [
        SUPPRESSED,
        9,
        SUPPRESSED,  # secondary: the smallest other part, or the total reveals 6
    ]
    assert dc.parts([Count(2, 2), Count(0, 0), Count(9, 9)]) == [
        SUPPRESSED,
        SUPPRESSED,
        9,
    ]
    assert dc.parts([Count(3, 3)]) == [SUPPRESSED]


def test_a_count_perturbed_below_five_is_hidden() -> None:
    key = next(k for k in range(dc.KEY_RANGE) if dc.noise(5, k) == -1)
    assert dc.cell(Count(5, 5, key)) is SUPPRESSED
    up = next(k for k in range(dc.KEY_RANGE) if dc.noise(6, k) == 2)
    assert dc.cell(Count(6, 6, up)) == 8


def test_a_share_needs_five_clients_on_both_sides() -> None:
    assert dc.share(Count(6, 6), Count(10, 10), 4) is SUPPRESSED  # "4 did not"
    rate = dc.share(Count(6, 6), Count(12, 12), 6)
    assert isinstance(rate, Rate) and rate.value == 0.5
    assert dc.mean(3.0, Count(4, 4)) is SUPPRESSED
    assert dc.mean(3.0, Count(5, 5)) == 3.0


def test_shares_and_intervals_come_from_the_published_counts() -> None:
    # given a part and a whole whose cell keys perturb them
    part_key = next(k for k in range(dc.KEY_RANGE) if dc.noise(8, k) == 2)
    whole_key = next(k for k in range(dc.KEY_RANGE) if dc.noise(20, k) == -1)
    rate = dc.share(Count(8, 8, part_key), Count(20, 20, whole_key), 12)
    # then the share and its interval are those of 10 of 19, as published
    assert isinstance(rate, Rate)
    assert rate.value == 10 / 19
    assert rate.interval == wilson_interval(10, 19)


def test_parts_with_a_small_rest_are_hidden() -> None:
    # 8 of 10 moved on: the 2 who did not would show through
    assert dc.parts_with_rest([Count(8, 8), Count(9, 9), Count(7, 7)], [2, 6, 5]) == [
        SUPPRESSED,
        9,
        SUPPRESSED,
    ]


def test_groups_keep_a_hidden_part_when_their_subtotal_is_hidden() -> None:
    groups = [[Count(5, 5), Count(6, 6)], [Count(2, 2), Count(9, 9), Count(3, 3)]]
    assert dc.groups(groups, subtotals_shown=True) == [
        [5, 6],
        [SUPPRESSED, 9, SUPPRESSED],
    ]
    assert dc.groups(groups, subtotals_shown=False) == [
        [SUPPRESSED, 6],
        [SUPPRESSED, 9, SUPPRESSED],
    ]


def test_money_is_shown_as_it_is_behind_five_participants() -> None:
    assert dc.amounts([Count(12345, 5), Count(999, 6), Count(50, 2)]) == [
        12345,
        SUPPRESSED,  # secondary: the smallest shown amount
        SUPPRESSED,
    ]


# --- the Wilson interval (statistics) ----------------------------------------------


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


def test_wilson_needs_trials() -> None:
    with pytest.raises(ValueError):
        wilson_interval(1, 0)
