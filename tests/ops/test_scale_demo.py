"""``manage.py load_scale_demo`` builds a county from the demo generators and the
importer: valid data, caseloads for the county's instructors, a summary."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.management.commands.load_scale_demo import (
    BENCH_TOTP_KEY,
    county_builder,
)
from marketplace.models import Client, Placement, PlacementPeriod, User, WorkSite
from matching.core import dataset as ds


def test_the_county_builder_makes_a_valid_deterministic_data_set():
    build = county_builder().build
    a = build(n_sites=40, n_clients=120, years=5, as_of=dt.date(2026, 11, 1))
    b = build(n_sites=40, n_clients=120, years=5, as_of=dt.date(2026, 11, 1))
    assert a == b
    data = ds.parse(a)  # raises DatasetError on any problem
    assert len(data.sites) == 40 and len(data.clients) == 120
    assert {m.code for m in data.municipalities} >= {"398", "098", "111"}
    starts = [p.start for p in data.placements]
    assert min(starts) < dt.date(2022, 2, 1) and max(starts) > dt.date(2026, 6, 1)
    assert 2.5 <= len(data.placements) / len(data.clients) <= 6
    assert any(p.end is None for p in data.placements)


SMALL_COUNTY = (
    "load_scale_demo",
    "--sites=12",
    "--clients=40",
    "--years=2",
    "--caseload=10",
    "--no-train",
    "--force",
)


def test_load_scale_demo_imports_the_county_and_gives_instructors_caseloads(polku):
    out = io.StringIO()
    call_command(*SMALL_COUNTY, stdout=out)
    assert WorkSite.objects.live().count() == 12
    assert Client.objects.count() == 40
    assert PlacementPeriod.objects.count() == Placement.objects.count() > 40
    instructors = User.objects.filter(username__startswith="ohjaaja")
    assert (
        sum(i.clients.count() for i in instructors)
        + Client.objects.filter(instructor__username="sosiaaliohjaaja").count()
        == Client.objects.count()
    )
    assert all(i.clients.count() <= 10 for i in instructors)
    device = TOTPDevice.objects.get(user=instructors.first())
    assert device.bin_key == BENCH_TOTP_KEY and device.confirmed
    assert "County loaded" in out.getvalue() and "placement periods" in out.getvalue()
    # and running it again changes nothing
    call_command(*SMALL_COUNTY, stdout=io.StringIO())
    assert Client.objects.count() == 40 and WorkSite.objects.live().count() == 12
