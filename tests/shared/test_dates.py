"""One parser for dates and months: what it reads, what it refuses, never a crash."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from marketplace.shared.dates import (
    EARLIEST,
    LATEST,
    DateField,
    DateInputError,
    DateTimeField,
    month_param,
    parse_date,
    parse_month,
)
from marketplace.shared.months import add_months, month_bounds, month_nav

shown_dates = st.dates(min_value=EARLIEST, max_value=LATEST)
any_dates = st.dates()
#: text a person or a crawler might put in a date: digits, separators and anything
date_like = st.text(alphabet="0123456789-./: Tklo", max_size=24)
any_text = st.one_of(date_like, st.text(max_size=40))


@given(shown_dates)
def test_every_date_polku_shows_reads_back_in_both_spellings(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.day}.{day.month}.{day.year}") == day
    assert parse_date(f" {day.day:02d}.{day.month:02d}.{day.year} ") == day


@given(any_dates.filter(lambda d: not EARLIEST <= d <= LATEST))
def test_a_date_polku_cannot_show_is_refused_with_a_message(day):
    for text in (f"{day.year:04d}-{day.month:02d}-{day.day:02d}",):
        with pytest.raises(DateInputError) as refused:
            parse_date(text)
        assert "2001" in str(refused.value) and "2099" in str(refused.value)


@given(any_text)
def test_parse_date_either_reads_a_shown_date_or_refuses(text):
    try:
        day = parse_date(text)
    except DateInputError as exc:
        assert str(exc)
    else:
        assert EARLIEST <= day <= LATEST


@given(any_text)
def test_parse_month_either_reads_a_shown_month_or_refuses(text):
    try:
        month = parse_month(text)
    except DateInputError as exc:
        assert str(exc)
    else:
        assert month.day == 1 and EARLIEST <= month <= LATEST


@given(shown_dates)
def test_every_month_reads_back_and_its_neighbours_can_be_opened(day):
    month = parse_month(f"{day:%Y-%m}")
    assert month == day.replace(day=1)
    assert parse_month(f"{day.month}.{day.year}") == month
    nav = month_nav(month)
    assert parse_month(nav["this"]) == month
    for key, step in (("prev", -1), ("next", 1)):
        if nav[key] is None:
            assert month in (EARLIEST.replace(day=1), LATEST.replace(day=1))
        else:
            assert parse_month(nav[key]) == add_months(month, step)


@given(any_dates, st.integers(min_value=-200_000, max_value=200_000))
def test_add_months_moves_whole_months_or_refuses_never_overflows(day, months):
    try:
        moved = add_months(day, months)
    except DateInputError:
        assert (
            not dt.MINYEAR * 12
            <= day.year * 12 + day.month - 1 + months
            < (dt.MAXYEAR + 1) * 12
        )
        return
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == min(day.day, month_bounds(moved)[1].day)


@pytest.mark.parametrize(
    "text",
    ["9999-12", "0001-01", "garbage", "2026-13", "2026-00", "２０２６-１２", "1999-12",
     "2100-01", "2026-1-1", "-2026-01", "2026-12" * 10, "1e3-01", "12/2026x"],
)  # fmt: skip
def test_months_that_cannot_be_shown_are_refused(text):
    with pytest.raises(DateInputError):
        parse_month(text)


def test_an_empty_month_parameter_is_this_month():
    today = dt.date(2026, 12, 4)
    assert month_param("", today=today) == dt.date(2026, 12, 1)
    assert month_param(None, today=today) == dt.date(2026, 12, 1)
    assert month_param("2026-03", today=today) == dt.date(2026, 3, 1)


def test_the_message_is_in_the_users_language():
    with translation.override("fi"):
        with pytest.raises(DateInputError) as refused:
            parse_month("9999-12")
    assert "Polku näyttää" in str(refused.value) or "päivämää" in str(refused.value)


class _Form(forms.Form):
    day = DateField()
    at = DateTimeField()


@given(date_like, date_like)
def test_form_fields_give_a_field_error_never_an_exception(day, at):
    form = _Form({"day": day, "at": at})
    if form.is_valid():
        assert EARLIEST <= form.cleaned_data["day"] <= LATEST
        assert EARLIEST <= form.cleaned_data["at"].date() <= LATEST
    else:
        assert set(form.errors) <= {"day", "at"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-24T10:30", dt.datetime(2026, 12, 24, 10, 30)),
        ("24.12.2026 10.30", dt.datetime(2026, 12, 24, 10, 30)),
        ("24.12.2026 klo 9.05", dt.datetime(2026, 12, 24, 9, 5)),
        ("2026-12-24T10:30:00", dt.datetime(2026, 12, 24, 10, 30)),
    ],
)
def test_date_times_in_the_browsers_and_the_finnish_spelling(text, expected):
    form = _Form({"day": "2026-12-24", "at": text})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["at"].replace(tzinfo=None) == expected
    assert form.cleaned_data["at"].tzinfo is not None


@pytest.mark.parametrize(
    "text", ["9999-12-31T10:00", "0001-01-01T10:00", "2026-12-24T25:00"]
)
def test_date_times_outside_the_range_are_field_errors(text):
    form = _Form({"day": "2026-12-24", "at": text})
    assert not form.is_valid() and "at" in form.errors
