"""The committed demo data set: valid, rich enough, reproducible; load_demo uses it."""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

import pytest
from django.core.management import call_command

from matching.core import dataset as ds

DEMO_DIR = Path(__file__).resolve().parents[2] / "data" / "demo"
DEMO_FILE = DEMO_DIR / "polku-demo.json"


@pytest.fixture(scope="module")
def demo() -> ds.Dataset:
    return ds.load(DEMO_FILE)  # raises DatasetError on any problem


def _builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "build_demo_dataset", DEMO_DIR / "build_demo_dataset.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_data_set_is_valid_and_rich_enough(demo):
    assert len(demo.sites) >= 60
    assert len({t for s in demo.sites for t in s.tags}) >= 25
    assert {m.code for m in demo.municipalities} >= {"398", "098", "186", "564"}
    assert any(s.seats_free == 0 for s in demo.sites)  # some sites are full
    assert any(s.voucher_price_cents is None for s in demo.sites)
    assert any(s.voucher_price_cents for s in demo.sites)
    assert any(p.end is None for p in demo.placements)
    assert any(p.exit_reason for p in demo.placements)


def test_demo_business_ids_are_valid(demo):
    ids = [o.business_id for o in demo.organisations if o.business_id]
    assert ids and all(ds.business_id_is_valid(b) for b in ids)
    assert len(set(ids)) == len(ids)


def test_no_demo_company_offers_rehabilitative_work_activity(demo):
    kinds = {o.id: o.kind for o in demo.organisations}
    company_sites = [s for s in demo.sites if kinds[s.organisation] == "company"]
    assert company_sites
    assert all(s.services == ("disability",) for s in company_sites)


def test_open_placements_fit_in_the_seats(demo):
    taken: dict[str, int] = {}
    for p in demo.placements:
        if p.end is None:
            taken[p.site] = taken.get(p.site, 0) + 1
    for s in demo.sites:
        assert taken.get(s.id, 0) + s.seats_free <= s.seats_total, s.id


def test_the_builder_regenerates_the_committed_file_exactly():
    builder = _builder()
    assert builder.render(builder.build()) == DEMO_FILE.read_text(encoding="utf-8")


def test_load_demo_gives_the_demo_roles_something_to_work_with(polku, demo):
    from marketplace.models import Client, Placement, User, WorkSite
    from marketplace.seeding.demo import CASELOAD_SIZE, demo_users_ensure

    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    assert "25 clients in the caseload" in out.getvalue()

    def state() -> tuple:
        instructor = User.objects.get(username="sosiaaliohjaaja")
        caseload = sorted(
            Client.objects.filter(instructor=instructor).values_list(
                "external_id", flat=True
            )
        )
        login = Client.objects.get(user__username="asiakas")
        org = User.objects.get(username="tyonohjaaja").organisation
        shares = sorted(
            WorkSite.objects.exclude(work_share_cents_per_day=None).values_list(
                "external_id", "work_share_cents_per_day"
            )
        )
        return caseload, login.pk, org.pk, shares

    caseload, login, org, shares = state()
    assert len(caseload) == CASELOAD_SIZE
    instructor = User.objects.get(username="sosiaaliohjaaja")
    for client in Client.objects.filter(instructor=instructor):
        assert client.municipality.region.slug == "paijat-hame"
        assert client.placements.filter(status__in=Placement.OPEN).exists()
        assert not client.name.startswith("Asiakas ")  # the data set's names
    client = Client.objects.get(pk=login)
    assert client.instructor == instructor
    assert client.user.get_full_name() == client.name
    assert client.placements.filter(status=Placement.Status.ACTIVE).exists()
    assert Placement.objects.filter(
        site__organisation_id=org, status=Placement.Status.ACTIVE
    ).exists()
    assert shares and {cents for _, cents in shares} <= {300, 600}

    demo_users_ensure(demo)  # again: nothing changes
    assert state() == (caseload, login, org, shares)
    # and sites in Keski-Uusimaa have their descriptions in Swedish, one in English,
    # beside the Finnish one (marketplace/seeding/demo_languages.py)
    swedish = [s for s in WorkSite.objects.all() if s.description_sv]
    assert len(swedish) == 8 and all(s.description_fi for s in swedish)
    library = WorkSite.objects.get(external_id="s52")
    assert library.description_sv.startswith("På biblioteket")
    assert library.description_en.startswith("At the library")
