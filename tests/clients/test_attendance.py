"""Activity days: marked by the site's supervisor, shown as money, exported as CSV."""

from __future__ import annotations

import datetime as dt

import pytest

from marketplace.access import roles
from marketplace.clients.selectors.attendance import site_month
from marketplace.clients.services import placements as svc
from marketplace.models import AttendanceDay
from tests.factories.accounts import PASSWORD, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site


@pytest.fixture
def placed(polku, clock):  # type: ignore[no-untyped-def]
    clock.set(dt.date(2026, 1, 2))
    org = OrganisationFactory()
    instructor = make_user(roles.INSTRUCTOR, organisation=org)
    supervisor = make_user(roles.SUPERVISOR, organisation=org)
    site = make_site(
        organisation=org,
        services=("rehabilitative", "disability"),
        seats=(5, 3),
        work_share_cents_per_day=600,
        days_max=5,
    )
    out = {
        "site": site,
        "supervisor": supervisor,
        "instructor": instructor,
        "placements": [],
    }
    for name, service in (("Aino", "rehabilitative"), ("Bertta", "disability")):
        client = make_client(instructor=instructor, name=name, service=service)
        p = svc.placement_suggest(actor=instructor, client=client, site=site)
        svc.placement_book_visit(
            actor=instructor,
            placement=p,
            visit_at=dt.datetime(2026, 1, 2, 9, tzinfo=dt.UTC),
        )
        svc.placement_agree(
            actor=instructor,
            placement=p,
            start_date=dt.date(2026, 1, 5),
            days_per_week=3,
            hours_per_day=5,
            tasks="",
        )
        clock.set(dt.date(2026, 1, 5))
        p = svc.placement_activate(
            actor=instructor, placement=p, start_date=dt.date(2026, 1, 5)
        )
        clock.set(dt.date(2026, 1, 2))
        out["placements"].append(p)
    clock.set(dt.date(2026, 1, 31))
    return out


def mark(client, placed, days, month="2026-01"):  # type: ignore[no-untyped-def]
    marks = [f"{p.pk}|2026-01-{d:02d}" for p in placed["placements"] for d in days]
    return client.post(
        f"/oma/paikat/{placed['site'].pk}/lasnaolo/", {"kk": month, "mark": marks}
    )


def test_supervisor_marks_days_and_money_follows_the_service(client, placed):
    client.login(username=placed["supervisor"].username, password=PASSWORD)
    assert mark(client, placed, [5, 6, 8]).status_code == 302
    rehab, disability = site_month(placed["site"], dt.date(2026, 1, 1))
    assert rehab.placement.client.name == "Aino" and rehab.total_cents == 3 * 900
    assert disability.total_cents == 3 * 600


def test_sending_the_same_marks_twice_changes_nothing_and_unticking_removes(
    client, placed
):
    client.login(username=placed["supervisor"].username, password=PASSWORD)
    mark(client, placed, [5, 6])
    mark(client, placed, [5, 6])
    assert AttendanceDay.objects.count() == 4
    mark(client, placed, [6])
    assert sorted(AttendanceDay.objects.values_list("date__day", flat=True)) == [6, 6]


def test_supervisor_sees_only_placed_clients_names(client, placed):
    client.login(username=placed["supervisor"].username, password=PASSWORD)
    body = client.get(
        f"/oma/paikat/{placed['site'].pk}/lasnaolo/?kk=2026-01"
    ).content.decode()
    assert "Aino" in body and "Bertta" in body
    stranger = make_client(
        instructor=placed["instructor"], name="Ei täällä", wishes="salainen toive"
    )
    body = client.get(
        f"/oma/paikat/{placed['site'].pk}/lasnaolo/?kk=2026-01"
    ).content.decode()
    assert stranger.name not in body and "salainen toive" not in body


def test_another_organisations_supervisor_cannot_mark_or_export(client, placed):
    other = make_user(roles.SUPERVISOR, organisation=OrganisationFactory())
    client.login(username=other.username, password=PASSWORD)
    assert mark(client, placed, [5]).status_code == 403
    assert (
        client.get(
            f"/oma/paikat/{placed['site'].pk}/lasnaolo.csv?kk=2026-01"
        ).status_code
        == 403
    )
    assert not AttendanceDay.objects.exists()


def test_site_month_csv_sums_days_and_money(client, placed):
    client.login(username=placed["supervisor"].username, password=PASSWORD)
    mark(client, placed, [5, 6, 8, 9])
    response = client.get(f"/oma/paikat/{placed['site'].pk}/lasnaolo.csv?kk=2026-01")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    assert lines[1].split(";")[0:2] == ["Aino", "4"] and lines[1].endswith("36,00")
    assert lines[2].split(";")[0:2] == ["Bertta", "4"] and lines[2].endswith("24,00")


def test_instructor_exports_a_clients_month_and_the_export_is_logged(client, placed):
    client.login(username=placed["supervisor"].username, password=PASSWORD)
    mark(client, placed, [5, 6])
    client.logout()
    client.login(username=placed["instructor"].username, password=PASSWORD)
    aino = placed["placements"][0].client
    response = client.get(f"/oma/asiakkaat/{aino.pk}/lasnaolo.csv?kk=2026-01")
    assert response.status_code == 200
    assert len(response.content.decode("utf-8-sig").strip().splitlines()) == 3
    assert aino.access_log.filter(action="export").count() == 1
