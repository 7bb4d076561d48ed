"""import_dataset: strict, all-or-nothing, errors named by record and field, re-runnable."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from marketplace.models import Municipality, Organisation, SiteCapacity, WorkSite

DATA_AS_OF = dt.date(2026, 1, 1)
DATA = {
    "format": "polku-dataset/1",
    "as_of": "2026-01-01",
    "municipalities": [
        {"code": "398", "name": "Lahti", "lat": 60.983, "lon": 25.662},
        {"code": "111", "name": "Heinola", "lat": 61.203, "lon": 26.031},
    ],
    "organisations": [
        {"id": "o1", "name": "Lahden Kierrätys ry", "kind": "association",
         "business_id": "1234567-1"},
        {"id": "o2", "name": "Paja Oy", "kind": "company"},
    ],
    "sites": [
        {"id": "s1", "organisation": "o1", "name": "Kierrätyskeskus, Lahti",
         "municipality": "398", "lat": 60.98, "lon": 25.65,
         "services": ["rehabilitative", "disability"], "forms": ["workshop", "assisting"],
         "tags": ["recycling", "sales"], "description": "Lajittelua ja myymälätyötä.",
         "seats_total": 12, "seats_free": 3, "days_per_week": [1, 4],
         "hours_per_day": [4, 6], "support_level": 2,
         "accessibility": ["step_free"], "languages": ["fi"],
         "learning_units": ["Asiakaspalvelu"], "voucher_price_cents": 4500,
         "address": "Vesijärvenkatu 1", "postal_code": "15140",
         "contact_email": "kierratys@example.fi"},
        {"id": "s2", "organisation": "o2", "name": "Pajan alihankinta",
         "municipality": "111", "lat": 61.2, "lon": 26.03,
         "services": ["disability"], "forms": ["workshop"], "tags": ["packing_assembly"],
         "seats_total": 5, "seats_free": 0, "days_per_week": [3, 5],
         "hours_per_day": [4, 6], "support_level": 3, "accessibility": [],
         "languages": ["fi"], "learning_units": [], "voucher_price_cents": None},
    ],
    "jobs": [], "clients": [], "placements": [],
}  # fmt: skip


def write(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_import_creates_municipalities_organisations_and_published_sites(
    tmp_path, polku
):
    call_command("import_dataset", write(tmp_path, DATA))
    site = WorkSite.objects.live().get(external_id="s1")
    assert site.title == "Kierrätyskeskus, Lahti"
    assert site.organisation.name == "Lahden Kierrätys ry"
    assert sorted(t.code for t in site.services.all()) == [
        "disability",
        "rehabilitative",
    ]
    assert [u.name for u in site.learning_units.all()] == ["Asiakaspalvelu"]
    assert (site.capacity.seats_total, site.capacity.seats_free) == (12, 3)
    assert site.voucher_price_cents == 4500 and site.days_max == 4
    assert Municipality.objects.get(code="398").region.slug == "paijat-hame"
    assert Organisation.objects.get(external_id="o1").region.slug == "paijat-hame"


def test_running_again_updates_by_id_without_duplicates(tmp_path, polku):
    call_command("import_dataset", write(tmp_path, DATA))
    changed = copy.deepcopy(DATA)
    changed["sites"][0]["name"] = "Kierrätyskeskus Patina"
    changed["sites"][0]["seats_free"] = 7
    call_command("import_dataset", write(tmp_path, changed))
    assert WorkSite.objects.count() == 2
    assert Organisation.objects.count() == 2
    site = WorkSite.objects.get(external_id="s1")
    assert site.title == "Kierrätyskeskus Patina"
    assert SiteCapacity.objects.get(site=site).seats_free == 7


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["sites"][1].update(municipality="999"),
            'sites[1].municipality: unknown code "999"',
        ),
        (
            lambda d: d["sites"][0].update(tags=["recycling", "juggling"]),
            'sites[0].tags: unknown value "juggling"',
        ),
        (
            lambda d: d["sites"][0].pop("seats_total"),
            "sites[0].seats_total: is required",
        ),
        (
            lambda d: d["sites"][0].update(seats_free=20),
            "sites[0].seats_free: 20 is more than seats_total 12",
        ),
        (
            lambda d: d["organisations"][0].update(business_id="1234567-2"),
            "organisations[0].business_id",
        ),
        (
            lambda d: d["sites"][1].update(services=["rehabilitative"]),
            "sites[1].services: a company may not offer rehabilitative work activity",
        ),
        (
            lambda d: d["sites"][0].update(organisation="o9"),
            'sites[0].organisation: unknown id "o9"',
        ),
        (lambda d: d["sites"][1].update(id="s1"), 'sites[1].id: duplicate id "s1"'),
        (
            lambda d: d["sites"][0].update(lat=48.1),
            "sites[0].lat:",
        ),  # in the format, but outside Finland: refused by the model
    ],
)
def test_a_bad_record_is_named_and_nothing_is_imported(
    tmp_path, polku, capsys, change, message
):
    # Given a data set with one bad field
    data = copy.deepcopy(DATA)
    change(data)
    # when it is imported, then the command fails naming the record and field
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_dataset", write(tmp_path, data))
    assert message in capsys.readouterr().err
    # and nothing at all was stored
    assert not WorkSite.objects.exists()
    assert not Organisation.objects.exists()
    assert not Municipality.objects.exists()


def test_not_json_is_a_clear_error(tmp_path, polku, capsys):
    path = tmp_path / "broken.json"
    path.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_dataset", str(path))
    assert "not valid JSON: line 1" in capsys.readouterr().err


def test_the_committed_demo_data_set_imports(polku):
    demo = Path(__file__).resolve().parents[2] / "data" / "demo" / "polku-demo.json"
    call_command("import_dataset", str(demo))
    sites = WorkSite.objects.live()
    assert sites.count() >= 60
    kinds = {s.organisation.kind for s in sites.select_related("organisation")}
    assert "company" in kinds
    # rehabilitative work activity is never at a company
    assert not sites.filter(
        organisation__kind="company", services__code="rehabilitative"
    ).exists()
    # the three demo regions are all there
    regions = set(sites.values_list("municipality__region__slug", flat=True))
    assert regions == {"paijat-hame", "keski-uusimaa", "pohjois-pohjanmaa"}


WITH_HISTORY = {
    **DATA,
    "clients": [
        {"id": "c1", "municipality": "398", "service": "rehabilitative",
         "goals": ["studies", "life_management"], "interests": ["woodwork"],
         "wishes": "Haluan oppia puutöitä.", "days_per_week": 3, "hours_per_day": 4,
         "max_travel_km": 25, "remote_ok": True, "accessibility_needs": ["step_free"],
         "languages": ["fi"],
         "self_assessment": [{"date": "2025-09-01", "work_ability": 5, "physical": 6,
                              "mental": 4, "social": 5, "skills": 6, "daily_life": 5}]},
    ],
    "placements": [
        {"id": "p1", "client": "c1", "site": "s1", "job": None, "start": "2025-01-07",
         "end": "2025-06-30", "exit_reason": "work_trial"},
        {"id": "p2", "client": "c1", "site": "s1", "job": None, "start": "2025-09-01",
         "end": None, "exit_reason": None},
    ],
}  # fmt: skip


def test_clients_and_placement_history_are_imported_once(tmp_path, polku):
    from marketplace.models import Client, Placement

    path = write(tmp_path, WITH_HISTORY)
    call_command("import_dataset", path)
    call_command("import_dataset", path)
    client = Client.objects.get(external_id="c1")
    assert client.goals == ["studies", "life_management"]
    assert [t.code for t in client.interests.all()] == ["woodwork"]
    assert client.assessments.get().mental == 4
    assert Placement.objects.count() == 2
    ended = Placement.objects.get(external_id="p1")
    assert ended.status == "ended" and ended.periods.get().exit_reason == "work_trial"
    active = Placement.objects.get(external_id="p2")
    assert active.status == "active"
    # an open placement is in the 3-month period that contains the data set's date
    assert active.start_date < DATA_AS_OF <= active.planned_end
    assert active.planned_end.day == 1 and (active.planned_end.month - 9) % 3 == 0
    # the imported history does not change the data set's own seat numbers
    assert WorkSite.objects.get(external_id="s1").capacity.seats_free == 3


def test_a_clients_name_is_imported_when_the_data_set_has_one(tmp_path, polku):
    from marketplace.models import Client

    named = {**WITH_HISTORY, "placements": []}
    named["clients"] = [{**WITH_HISTORY["clients"][0], "name": "Aino A."}]
    call_command("import_dataset", write(tmp_path, named))
    assert Client.objects.get(external_id="c1").name == "Aino A."


def test_a_rehabilitative_client_of_five_days_is_refused_by_name(
    tmp_path, polku, capsys
):
    data = copy.deepcopy(WITH_HISTORY)
    data["clients"][0]["days_per_week"] = 5
    with pytest.raises(CommandError):
        call_command("import_dataset", write(tmp_path, data))
    assert "clients[0].days_per_week: " in capsys.readouterr().err
    assert not WorkSite.objects.exists()
