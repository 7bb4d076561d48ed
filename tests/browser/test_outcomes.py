"""The organiser's outcome page in a real browser: filter to one municipality and one
year, read the table and the chart with a hidden small cell, download the CSV; and a
client answering the monthly questions with pictures."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils import timezone

from marketplace.access import roles
from marketplace.clients.selectors.feedback import previous_month
from marketplace.models import ClientFeedback, Placement, PlacementPeriod
from tests.factories.accounts import OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.outcomes import build_world
from tests.factories.sites import make_site
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser


def test_organiser_filters_reads_and_downloads(page, polku, axe, shot, tmp_path):
    # given an organiser of a region with a year of hand-counted history
    world = build_world()
    log_in(page, world["organiser"])
    # when they open the outcomes from the main navigation
    with page.expect_navigation():
        page.locator("header nav a[href='/oma/tulokset/']").click()
    # and filter to Lahti in 2025
    page.locator("#id_municipality").select_option("398")
    page.locator("#id_year").select_option("2025")
    with page.expect_navigation():
        page.locator("form.outcome-filters button[type=submit]").click()
    query = parse_qs(urlparse(page.url).query)
    assert query["municipality"] == ["398"] and query["year"] == ["2025"]
    shot(page, "outcomes-lahti-2025")
    # then the exit table shows the counted cells and a hidden small one
    table = page.locator("#table-exits")
    work_trial = table.locator("tr", has_text="Työkokeilu")
    assert work_trial.locator("td").nth(1).inner_text() == "5"
    hidden = table.locator("tr", has=page.locator("th", has_text="Opiskelu"))
    assert hidden.locator(".suppressed").first.inner_text() == "< 5"
    total = table.locator("tfoot tr").last.locator("td").nth(1)
    assert total.inner_text() == "20"  # A1 15 + B1 5, not Heinola's A2
    # and the chart is drawn, labelled, with the hidden bars written out
    chart = page.locator("svg#chart-exits")
    assert chart.is_visible()
    assert chart.get_attribute("role") == "img"
    assert "< 5" in chart.locator("text.muted").first.text_content()
    # and the page passes the accessibility check
    assert axe(page) == []
    # when they download the table as CSV
    with page.expect_download() as info:
        page.locator("#exits-heading ~ p.downloads a", has_text="CSV").first.click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    # then it has the same figures and the same hidden cells
    text = path.read_text(encoding="utf-8-sig")
    assert download.suggested_filename == "polku-exits-20250101-20251231.csv"
    assert "Työkokeilu;Kyllä;5;25,0 %" in text
    assert "Opiskelu;Kyllä;< 5;< 5" in text
    assert "Lahti" in text


def test_client_answers_the_monthly_questions_with_pictures(page, polku, axe, shot):
    # given a client with a placement since last month
    org = OrganisationFactory()
    site = make_site(title="Puupaja Höylä", organisation=org)
    user = make_user(roles.CLIENT)
    client = make_client(name="Aino", user=user, municipality=site.municipality)
    placement = Placement.objects.create(
        client=client, site=site, status=Placement.Status.ACTIVE
    )
    this_month = timezone.localdate().replace(day=1)
    PlacementPeriod.objects.create(
        placement=placement,
        start=previous_month(this_month) - dt.timedelta(days=10),
    )
    log_in(page, user)
    # when they follow the question link on their own page
    page.goto("/oma/minun/")
    with page.expect_navigation():
        page.locator("#feedback-heading ~ ul a").first.click()
    shot(page, "feedback-form")
    assert axe(page) == []
    # and choose the month and a picture with its words for each question
    page.locator("input[name=month]").first.check()
    page.locator("label[for=id_felt_2]", has_text="Hyvältä").click()
    page.locator("label[for=id_learned_1]", has_text="Vähän").click()
    page.locator("label[for=id_wants_to_continue_0]").click()
    assert page.get_by_label("Hyvältä", exact=True).is_checked()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    # then the answers are saved and they are back on their page
    assert urlparse(page.url).path == "/oma/minun/"
    answer = ClientFeedback.objects.get(placement=placement)
    assert (answer.felt, answer.learned, answer.wants_to_continue) == (
        3,
        "a_little",
        "yes",
    )
    assert answer.month == previous_month(this_month)
