"""One truth per figure: a month's days and money are the same on the instructor's
client page, the client's own page, the supervisor's grid and both CSV downloads."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from marketplace.access import roles
from marketplace.clients.services import placements as svc
from marketplace.clients.services.attendance import (
    AttendanceError,
    attendance_set_month,
)
from marketplace.models import AttendanceDay
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

TODAY = dt.date(2026, 12, 5)
MONTH = "2026-12"


@pytest.fixture
def world(polku, clock):  # type: ignore[no-untyped-def]
    clock.set(dt.date(2026, 11, 20))
    org = OrganisationFactory()
    instructor = make_user(roles.INSTRUCTOR, organisation=org)
    supervisor = make_user(roles.SUPERVISOR, organisation=org)
    site = make_site(organisation=org, seats=(5, 3), title="Kierrätyspaja")
    client_user = make_user(roles.CLIENT)
    client = make_client(instructor=instructor, name="Aino Asiakas", user=client_user)
    p = svc.placement_suggest(actor=instructor, client=client, site=site)
    p = svc.placement_book_visit(
        actor=instructor,
        placement=p,
        visit_at=dt.datetime(2026, 11, 23, 10, tzinfo=dt.UTC),
    )
    p = svc.placement_agree(
        actor=instructor,
        placement=p,
        start_date=dt.date(2026, 11, 24),
        days_per_week=4,
        hours_per_day=5,
        tasks="Lajittelu",
    )
    clock.set(dt.date(2026, 11, 24))
    p = svc.placement_activate(
        actor=instructor, placement=p, start_date=dt.date(2026, 11, 24)
    )
    clock.set(TODAY)
    return {
        "site": site,
        "client": client,
        "placement": p,
        "instructor": instructor,
        "supervisor": supervisor,
        "client_user": client_user,
    }


def log_in(browser, user):  # type: ignore[no-untyped-def]
    browser.logout()
    assert browser.login(username=user.username, password=PASSWORD)


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_every_page_and_csv_shows_the_same_days_and_money(client, world):
    # given the supervisor ticks five days this month
    log_in(client, world["supervisor"])
    days = [1, 2, 3, 4, 5]
    url = f"/oma/paikat/{world['site'].pk}/lasnaolo/"
    marks = [f"{world['placement'].pk}|2026-12-{d:02d}" for d in days]
    assert client.post(url, {"kk": MONTH, "mark": marks}).status_code == 302
    grid = client.get(url, {"kk": MONTH}).content.decode()
    site_csv = client.get(
        f"/oma/paikat/{world['site'].pk}/lasnaolo.csv", {"kk": MONTH}
    ).content.decode("utf-8-sig")
    # when the instructor and the client look
    log_in(client, world["instructor"])
    detail = client.get(f"/oma/asiakkaat/{world['client'].pk}/").content.decode()
    month_part = section(detail, "month-heading")
    link = re.search(r'href="([^"]*lasnaolo\.csv\?kk=[^"]*)"', month_part).group(1)
    client_csv = client.get(link.replace("&amp;", "&")).content.decode("utf-8-sig")
    log_in(client, world["client_user"])
    own = section(client.get("/oma/minun/").content.decode(), "month-heading")
    # then every figure is five days and 45,00 €
    assert link.endswith(f"?kk={MONTH}")
    assert "Ei toimintapäiviä" not in month_part
    for html in (month_part, own):
        assert "5 toimintapäivää" in html and "45,00\u00a0€" in html, html
    assert "45,00\u00a0€" in grid and ">5<" in grid
    csv_rows = site_csv.strip().splitlines()[1:]
    assert [r.split(";")[1] for r in csv_rows] == ["5"]
    assert csv_rows[0].endswith("45,00")
    assert len(client_csv.strip().splitlines()[1:]) == 5


def test_a_future_day_cannot_be_ticked_nor_counted(client, world):
    future = dt.date(2026, 12, 24)
    with pytest.raises(AttendanceError):
        attendance_set_month(
            actor=world["supervisor"],
            site=world["site"],
            month=future,
            marks={(str(world["placement"].pk), future)},
        )
    assert not AttendanceDay.objects.exists()
    # a mark that got in before this rule is neither shown nor counted
    AttendanceDay.objects.create(placement=world["placement"], date=future)
    log_in(client, world["client_user"])
    own = section(client.get("/oma/minun/").content.decode(), "month-heading")
    assert "9,00" not in own and "Ei toimintapäiviä" in own
    log_in(client, world["supervisor"])
    grid = client.get(f"/oma/paikat/{world['site'].pk}/lasnaolo/", {"kk": MONTH})
    assert f"{world['placement'].pk}|2026-12-24" not in grid.content.decode()


def test_days_before_the_client_started_cannot_be_ticked(world):
    before = dt.date(2026, 11, 23)
    with pytest.raises(AttendanceError):
        attendance_set_month(
            actor=world["supervisor"],
            site=world["site"],
            month=before,
            marks={(str(world["placement"].pk), before)},
        )
    count = attendance_set_month(
        actor=world["supervisor"],
        site=world["site"],
        month=before,
        marks={(str(world["placement"].pk), dt.date(2026, 11, 24))},
    )
    assert count == 1


def test_an_agreed_placement_not_yet_started_has_no_days(world, clock):
    other = make_client(instructor=world["instructor"], name="Bertta")
    clock.set(dt.date(2026, 12, 1))
    p = svc.placement_suggest(
        actor=world["instructor"], client=other, site=world["site"]
    )
    p = svc.placement_book_visit(
        actor=world["instructor"],
        placement=p,
        visit_at=dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC),
    )
    p = svc.placement_agree(
        actor=world["instructor"],
        placement=p,
        start_date=dt.date(2026, 12, 2),
        days_per_week=2,
        hours_per_day=5,
        tasks="",
    )
    clock.set(TODAY)
    with pytest.raises(AttendanceError):
        attendance_set_month(
            actor=world["supervisor"],
            site=world["site"],
            month=TODAY,
            marks={(str(p.pk), dt.date(2026, 12, 3))},
        )
