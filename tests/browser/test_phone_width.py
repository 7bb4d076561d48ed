"""Every page of every role on a phone: 390 px wide, nothing wider than the screen,
no link to a page the user may not open, and axe-core clean.

The demo data set is loaded as `make run` loads it (its users, caseload, sites,
placements, jobs and feedback), and each role follows every link in the header,
navigation, main content and footer from its start page, once per kind of page
(tests/browser/crawl.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command

from tests.browser.crawl import crawl
from tests.browser.test_accessibility import describe

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
ROLES = (
    "",
    "asiakas",
    "ilmoittaja",
    "tyonohjaaja",
    "sosiaaliohjaaja",
    "jarjestaja",
    "yllapito",
)
DEMO_PASSWORD = "polku-demo"


@pytest.fixture
def demo(polku: Any) -> None:
    import io

    call_command("load_demo", "--force", stdout=io.StringIO())


def phone_page(browser: Any, live_server: Any) -> Any:
    context = browser.new_context(
        base_url=live_server.url, locale="fi-FI", viewport=PHONE
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    # map tiles come from a test host that does not exist: no waiting for them
    page.route("https://tiles.polku.test/**", lambda route: route.abort())
    return page


def placement_states(role: str) -> list[str]:
    """For the instructor: a client page for each open placement state. The demo's
    caseload is all active, so three of its clients get a suggested, a visit-booked
    and an agreed placement at another site, and a fourth a held seat."""
    import datetime as dt

    from django.utils import timezone

    from marketplace.models import Client, Placement, PlacementPeriod, WorkSite

    if role != "sosiaaliohjaaja":
        return []
    S = Placement.Status
    today = timezone.localdate()
    clients = list(Client.objects.filter(instructor__username=role).order_by("name"))
    pages = []
    for client, status in zip(
        clients[-4:], (S.SUGGESTED, S.VISIT_BOOKED, S.AGREED, S.HELD), strict=True
    ):
        if status == S.HELD:
            placement = client.placements.filter(status=S.ACTIVE).first()
            placement.status, placement.held_until = (
                S.HELD,
                today + dt.timedelta(weeks=8),
            )
            placement.save()
            PlacementPeriod.objects.filter(placement=placement, end=None).update(
                end=today, exit_reason="work_trial"
            )
        else:
            site = WorkSite.objects.live().exclude(placements__client=client).first()
            Placement.objects.create(
                client=client,
                site=site,
                status=status,
                visit_at=timezone.now() + dt.timedelta(days=2),
                start_date=today + dt.timedelta(days=7) if status == S.AGREED else None,
                days_per_week=3 if status == S.AGREED else None,
                hours_per_day=5 if status == S.AGREED else None,
            )
        pages.append(f"/oma/asiakkaat/{client.pk}/")
    return pages


def test_every_page_of_every_role_fits_a_phone_and_passes_axe(
    browser, live_server, demo, axe, shot
):
    from marketplace.models import User
    from tests.security.login import browser_log_in

    checked: set[str] = set()

    def check(page: Any, path: str) -> list[str]:
        # axe once per kind of page, whoever opens it first
        kind = path.split("?")[0]
        if kind in checked:
            return []
        checked.add(kind)
        violations = axe(page)
        return [describe(violations)] if violations else []

    failures = []
    visited = 0
    for role in ROLES:
        page = phone_page(browser, live_server)
        start = "/"
        if role:
            browser_log_in(page, User.objects.get(username=role), DEMO_PASSWORD)
            start = "/oma/"
        visits = crawl(page, start, check=check, limit=120)
        # a client page offers the steps of its placement's state: one client
        # in each open state, so that every step's form is seen
        for extra in placement_states(role):
            visits += crawl(page, extra, check=check, limit=8)
        visited += len(visits)
        for visit in visits:
            where = f"{role or 'anonymous'} {visit.path}"
            if visit.status != 200:
                failures.append(f"{where}: HTTP {visit.status} behind a link")
            if visit.width > visit.viewport:
                page.goto(visit.path)
                shot(page, f"phone-wide-{role or 'anonymous'}-{len(failures)}")
                failures.append(f"{where}: {visit.width} px wide on a 390 px screen")
            failures += [f"{where}: {problem}" for problem in visit.problems]
        page.context.close()
    # every role reached its pages (a broken login or start page would not)
    assert visited > 100, visited
    assert not failures, "\n".join(failures)


def test_on_a_phone_the_catalogues_results_come_first_and_filters_fold(
    browser, live_server, world
):
    # Given the catalogue on a phone
    page = phone_page(browser, live_server)
    page.goto("/tyotoimintapaikat/")
    filters = page.locator("details.filters")
    form = page.locator("form.filter-form")
    # then the filters are folded behind their heading and the first result is on
    # the first screens, not below every filter
    assert filters.get_attribute("open") is None
    assert not form.is_visible()
    first = page.locator(".results .site-card").first
    assert first.bounding_box()["y"] < 2 * PHONE["height"]
    # when the visitor opens the filters, they are there to use
    page.locator("details.filters > summary").click()
    assert form.is_visible()
    page.locator("#id_q").fill("Höylä")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.locator(".results .site-card").count() == 1
    page.context.close()
    # and on a wide screen the filters are open beside the results
    wide = browser.new_context(
        base_url=live_server.url,
        locale="fi-FI",
        viewport={"width": 1280, "height": 900},
    ).new_page()
    wide.goto("/tyotoimintapaikat/")
    assert wide.locator("form.filter-form").is_visible()
    wide.context.close()
