"""Outcome figures against the hand-counted region of ``tests/factories/outcomes.py``; suppression,
scope, exports and the number of queries."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from marketplace.models import Client
from marketplace.outcomes.report import TABLE_SLUGS, outcome_report
from marketplace.outcomes.scope import (
    MAX_SPAN_MONTHS,
    OutcomeScope,
    Window,
    outcome_sites_for,
)
from marketplace.outcomes.selectors.feedback import site_feedback_summary
from marketplace.outcomes.statistics import SUPPRESSED, Interval
from marketplace.outcomes.tables import Percent, format_cell
from tests.factories.accounts import PASSWORD
from tests.factories.clients import answer, make_client
from tests.factories.outcomes import JAN1, build_world, period

URL = "/oma/tulokset/"
YEAR = Window.year(2025)


@pytest.fixture
def world(polku):  # type: ignore[no-untyped-def]
    return build_world()


@pytest.fixture
def report(world):  # type: ignore[no-untyped-def]
    sites = outcome_sites_for(world["organiser"])
    with translation.override("en"):
        return outcome_report(OutcomeScope(sites=sites, window=YEAR))


def rows_by_label(table):  # type: ignore[no-untyped-def]
    return {str(row[0]): row[1:] for row in table.rows + table.footer}


def test_exit_table_matches_the_hand_count_and_hides_small_cells(report):
    # given the organiser's region in 2025 (23 ended periods, 9 moving on)
    exits = rows_by_label(report.exits)

    # then visible reasons are counted exactly, small ones are "< 5"
    assert exits["Work trial"][1:] == [5, Percent(5 / 23)]
    assert exits["Agreement ended, continues as a job seeker"][1] == 10
    assert exits["Studies"][1] is SUPPRESSED  # 4 clients
    assert exits["Illness or injury"][1] is SUPPRESSED  # 2 clients
    assert exits["Death"][1] is SUPPRESSED  # 0 is not told apart from 1–4
    assert exits["Moving on, in total"][1:] == [9, Percent(9 / 23)]
    assert exits["All ended periods"][1] == 23


def test_summary_share_has_the_wilson_interval(report):
    summary = rows_by_label(report.summary)
    share, interval = summary["Share moving on"]
    # Wilson 95 % for 9/23, by hand: centre (p + z²/2n)/(1 + z²/n) ± ... = 22.2–59.2 %
    assert share == pytest.approx(0.3913, abs=1e-4)
    assert interval.low == pytest.approx(0.22158, abs=1e-4)
    assert interval.high == pytest.approx(0.59214, abs=1e-4)
    with translation.override("fi"):
        assert format_cell(share) == "39,1\u00a0%"
        assert format_cell(interval) == "22,2–59,2\u00a0%"
    assert summary["Clients served"][0] == 36
    assert summary["Clients stalled at the end of the period"][0] == 5
    assert summary["Held returns used"][0] is SUPPRESSED  # one return
    assert summary["Seats held for a return"][0] is SUPPRESSED  # held in 2024
    assert summary["Change in work ability, start → 3 months (0–10)"][0] == 1.4


def test_site_table_rates_lengths_and_secondary_suppression(report):
    sites = rows_by_label(report.sites)
    assert set(sites) == {"A1 Puupaja", "A2 Kahvila", "B1 Pesula"}  # not C1
    a1 = sites["A1 Puupaja"]
    # municipality, organisation, served, ended, moving on, share, interval, months
    assert a1[:5] == ["Lahti", "Yhdistys A", 28, 15, 8]
    assert a1[5] == pytest.approx(8 / 15)
    assert (a1[6].low, a1[6].high) == (
        pytest.approx(0.30117, abs=1e-4),
        pytest.approx(0.75190, abs=1e-4),
    )
    assert a1[7] == pytest.approx((5 * 90 + 5 * 181 + 5 * 273) / 15 / 30.44)
    with translation.override("fi"):
        assert format_cell(a1[7]) == "6,0"
    # A2 has 3 clients; B1's 5 would reveal A2's count from the total: hidden too
    assert sites["A2 Kahvila"][2:] == [SUPPRESSED] * 6
    assert sites["B1 Pesula"][2:4] == [SUPPRESSED, SUPPRESSED]


def test_progress_table_self_assessment_returns_and_stalled(report):
    a1 = rows_by_label(report.progress)["A1 Puupaja"]
    # both assessments: 5 clients; work ability 4 → 6, 5, 4, 7, 5; other areas stay 4
    assert a1[2] == 5
    assert a1[3] == pytest.approx(1.4)
    assert a1[4] == pytest.approx(1.4 / 6)
    with translation.override("fi"):
        assert format_cell(a1[4]) == "+0,2"
    assert a1[5] is SUPPRESSED  # one held return
    assert a1[6] == 5  # s1–s5: open since 6/2024, s6 was extended in 6/2025


def test_feedback_table_and_the_matcher_signal(report, world):
    fb = rows_by_label(report.feedback)
    answers, good, learned, cont, helped = fb["A1 Puupaja"][2:]
    assert answers == 12
    assert good == pytest.approx(5 / 12)
    assert learned == pytest.approx(6 / 12)  # yes or a little
    assert cont == pytest.approx(5 / 12)
    assert helped is SUPPRESSED
    summary = site_feedback_summary([world["a1"].pk, world["b1"].pk])
    assert set(summary) == {world["a1"].pk}
    assert summary[world["a1"].pk].clients == 11
    assert summary[world["a1"].pk].felt_good == pytest.approx(5 / 12)


def test_the_matcher_signal_says_nothing_about_fewer_than_five_clients(world):
    answer(world["open_a1"][0], dt.date(2025, 5, 1), 3, "yes", "yes")
    b1 = period(world["b1"], "b9", JAN1)
    answer(b1, dt.date(2025, 2, 1), 3, "yes", "yes")
    summary = site_feedback_summary([world["b1"].pk], since=dt.date(2025, 1, 1))
    assert summary[world["b1"].pk].felt_good is None
    assert not summary[world["b1"].pk].reliable


A1, A2, B1 = "A1 Puupaja", "A2 Kahvila", "B1 Pesula"


@pytest.mark.parametrize(
    ("query", "ended", "sites"),
    [
        ("year=2025", 23, {A1, A2, B1}),
        ("year=2025&municipality=111", SUPPRESSED, {A2}),  # Heinola: 3 periods
        ("year=2025&service=rehabilitative", 18, {A1, A2}),
        ("year=2025&part=q4", 10, {A1, B1}),  # A1 5 and B1 5 ended on 1.10.
        ("year=2025&part=q3", 8, {A1, A2, B1}),  # A1 5 and A2 3 ended on 1.7.
        ("year=2024", SUPPRESSED, {A1}),  # old1 and old2
    ],
)
def test_filters_narrow_the_figures(client, world, query, ended, sites):
    client.login(username=world["organiser"].username, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"{URL}?{query}")
    report = response.context["report"]
    assert rows_by_label(report.exits)["All ended periods"][1] == ended
    assert {str(r[0]) for r in report.sites.rows} == sites


@pytest.mark.parametrize(
    "query",
    [
        "year=2025&start=2025-01-01",
        "start=2025-06-01&end=2026-08-23",
        "end=2026-08-24",
        "alku=2025-01-01",
    ],
)
def test_dates_are_refused_with_a_message(client, world, query):
    # the figures are given for whole months from a fixed list, never for dates
    client.login(username=world["organiser"].username, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert response.context["report"] is None
    errors = response.context["filterset"].form.non_field_errors()
    assert "whole months" in errors[0]
    export = client.get(f"{URL}exits.csv?{query}")
    assert export.status_code == 400


def test_a_period_that_has_not_ended_is_refused(client, world):
    client.login(username=world["organiser"].username, password=PASSWORD)
    this_year = timezone.localdate().year
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"{URL}?year={this_year}")
    assert response.context["report"] is None
    assert "has not ended" in str(response.context["filterset"].form.errors["part"])
    # a part of a year without the year is refused too
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(f"{URL}?part=q1")
    assert response.context["report"] is None


@pytest.mark.parametrize(
    ("year", "part", "start", "end"),
    [
        (2024, "year", dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (2024, "q3", dt.date(2024, 7, 1), dt.date(2024, 9, 30)),
        (2024, "q1", dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        (2024, "m02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        (2025, "m12", dt.date(2025, 12, 1), dt.date(2025, 12, 31)),
    ],
)
def test_a_chosen_period_is_whole_months(year, part, start, end):
    window = Window.part_of_year(year, part)
    assert (window.start, window.end) == (start, end)
    assert (window.end.year * 12 + window.end.month) - (
        window.start.year * 12 + window.start.month
    ) < MAX_SPAN_MONTHS


def test_supervisor_sees_only_their_organisations_sites(client, world):
    client.login(username=world["supervisor_a"].username, password=PASSWORD)
    report = client.get(f"{URL}?year=2025").context["report"]
    assert {str(r[0]) for r in report.sites.rows} == {"A1 Puupaja", "A2 Kahvila"}
    assert client.get(f"{URL}?year=2025&site={world['b1'].pk}").status_code == 404


@pytest.mark.parametrize("who", ["other_organiser", "supervisor_c"])
def test_another_region_or_organisation_cannot_name_a_site(client, world, who):
    client.login(username=world[who].username, password=PASSWORD)
    a1 = world["a1"].pk
    assert client.get(f"{URL}?site={a1}").status_code == 404
    assert client.get(f"/oma/tulokset/exits.csv?site={a1}").status_code == 404
    report = client.get(f"{URL}?year=2025").context["report"]
    assert {str(r[0]) for r in report.sites.rows} == {"C1 Verstas"}


@pytest.mark.parametrize("who", ["instructor", "client"])
def test_instructors_and_clients_have_no_outcome_page(client, world, who):
    user = world["instructor"] if who == "instructor" else make_client_user(world)
    client.login(username=user.username, password=PASSWORD)
    assert client.get(URL).status_code == 403
    assert client.get("/oma/tulokset/exits.csv").status_code == 403


def make_client_user(world):  # type: ignore[no-untyped-def]
    from marketplace.access import roles
    from tests.factories.accounts import make_user

    user = make_user(roles.CLIENT)
    placement = world["new"][0]
    placement.client.user = user
    placement.client.save()
    return user


def test_anonymous_is_sent_to_log_in(client, world):
    assert client.get(URL).status_code == 302


def test_csv_export_has_the_same_suppression(client, world):
    client.login(username=world["organiser"].username, password=PASSWORD)
    response = client.get("/oma/tulokset/exits.csv?year=2025")
    assert response["Content-Type"].startswith("text/csv")
    assert "polku-exits-20250101-20251231.csv" in response["Content-Disposition"]
    rows = list(
        csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
    )
    by_reason = {r[0]: r[1:] for r in rows if len(r) == 4}
    assert by_reason["Työkokeilu"] == ["Kyllä", "5", "21,7 %"]
    assert by_reason["Opiskelu"] == ["Kyllä", "< 5", "< 5"]
    assert any(r[1:] == ["1.1.2025–31.12.2025"] for r in rows if len(r) == 2)


def test_xlsx_export_of_the_sites_has_numbers_and_hidden_cells(client, world):
    client.login(username=world["organiser"].username, password=PASSWORD)
    response = client.get("/oma/tulokset/sites.xlsx?year=2025")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    a1 = next(r for r in rows if r[0] == "A1 Puupaja")
    assert a1[3:6] == [28, 15, 8]
    assert a1[6] == pytest.approx(8 / 15)
    assert (a1[7], a1[8]) == (
        pytest.approx(0.30117, abs=1e-4),
        pytest.approx(0.7519, abs=1e-4),
    )
    a2 = next(r for r in rows if r[0] == "A2 Kahvila")
    assert a2[3:] == ["< 5"] * 7


def test_the_whole_workbook_has_a_sheet_per_table(client, world):
    client.login(username=world["organiser"].username, password=PASSWORD)
    response = client.get("/oma/tulokset/all.xlsx?year=2025")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 8  # summary … feedback, and the job bank
    assert client.get("/oma/tulokset/all.csv").status_code == 404
    assert client.get("/oma/tulokset/nonsense.csv").status_code == 404


def test_charts_are_accessible_svg_without_hidden_numbers(client, world):
    client.login(username=world["organiser"].username, password=PASSWORD)
    html = client.get(f"{URL}?year=2025").content.decode()
    for chart_id in ("chart-exits", "chart-share", "chart-sites"):
        assert f'id="{chart_id}" role="img"' in html
        assert f'<title id="{chart_id}-title">' in html
        assert f'<desc id="{chart_id}-desc">' in html
    assert "&lt; 5" in html
    assert "style=" not in html.split("<main", 1)[1]


def page_queries(client, query: str) -> int:  # type: ignore[no-untyped-def]
    client.get(f"{URL}?{query}")  # warm caches (content types, site root)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(f"{URL}?{query}").status_code == 200
    return len(ctx.captured_queries)


def test_the_page_runs_a_fixed_number_of_queries(
    client, world, django_assert_num_queries
):
    # given the page's queries for the hand-counted region
    client.login(username=world["organiser"].username, password=PASSWORD)
    before = page_queries(client, "year=2025&by=quarter")
    # when the region gets much more history
    for i in range(40):
        p = period(world["a1"], f"x{i}", JAN1, dt.date(2025, 1 + i % 12, 28), "studies")
        answer(p, JAN1, 3, "yes", "yes")
    # then the page asks the database exactly as many times
    with django_assert_num_queries(before):
        client.get(f"{URL}?year=2025&by=quarter")


def test_interval_cells_are_real_intervals(report):
    sites = rows_by_label(report.sites)
    assert isinstance(sites["A1 Puupaja"][6], Interval)


def test_client_of_another_region_does_not_count(world):
    make_client(name="not placed")
    sites = outcome_sites_for(world["other_organiser"])
    with translation.override("en"):
        rep = outcome_report(OutcomeScope(sites=sites, window=YEAR))
    assert rows_by_label(rep.exits)["Work trial"][1] == 10


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        # Q1 has none; with only one hidden quarter the total would give it away,
        # so the smallest other quarter (Q2, 5) is hidden as well
        (
            "quarter",
            {"Q1/2025": SUPPRESSED, "Q2/2025": SUPPRESSED, "Q3/2025": 8, "Q4/2025": 10},
        ),
        ("month", {"3/2025": SUPPRESSED, "4/2025": 5, "7/2025": 8, "10/2025": 10}),
    ],
)
def test_ended_periods_by_month_and_quarter(world, by, expected):
    sites = outcome_sites_for(world["organiser"])
    with translation.override("en"):
        rep = outcome_report(OutcomeScope(sites=sites, window=YEAR, by=by))
    rows = rows_by_label(rep.buckets)
    assert len(rows) == (4 if by == "quarter" else 12)
    assert {label: rows[label][0] for label in expected} == expected
    # every share is hidden: no month has five clients on both sides
    assert all(row[2] is SUPPRESSED for row in rows.values())


@pytest.mark.parametrize(
    ("who", "shown"),
    [("organiser", True), ("supervisor_a", True), ("instructor", False)],
)
def test_the_main_navigation_links_outcomes_for_those_who_may_read_them(
    client, world, who, shown
):
    client.login(username=world[who].username, password=PASSWORD)
    html = client.get("/oma/").content.decode()
    assert ('href="/oma/tulokset/"' in html) is shown


def test_a_client_at_two_sites_counts_once_in_the_total(world):
    # given a client who ended periods at A1 and at B1 in 2025
    placement = period(world["a1"], "both", JAN1, dt.date(2025, 3, 1), "studies")
    b1 = period(world["b1"], "other", JAN1, dt.date(2025, 9, 1), "studies")
    other = b1.client
    b1.client = placement.client
    b1.save()
    other.delete()
    Client.objects.update(record_key=0)  # cell keys 0: figures without noise
    # then each site counts them, the region once
    sites = outcome_sites_for(world["organiser"])
    with translation.override("en"):
        rep = outcome_report(OutcomeScope(sites=sites, window=YEAR))
    summary = rows_by_label(rep.summary)
    assert summary["Clients served"][0] == 36 + 1
    assert summary["Ended periods"][0] == 23 + 2


def test_csv_text_cannot_become_a_spreadsheet_formula(client, world):
    from marketplace.models import WorkSite

    WorkSite.objects.filter(pk=world["a2"].pk).update(title='=HYPERLINK("x")')
    client.login(username=world["organiser"].username, password=PASSWORD)
    text = client.get("/oma/tulokset/sites.csv?year=2025").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ['\'=HYPERLINK("x")', "Heinola"] == next(
        r[:2] for r in rows if r and "HYPERLINK" in r[0]
    )


def test_the_table_slugs_name_the_reports_tables(report):
    assert tuple(t.slug for t in report.tables()) == TABLE_SLUGS
