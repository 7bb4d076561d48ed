"""``manage.py load_scale_demo`` builds a county from the demo generators and the
importer: valid data, caseloads for the county's instructors, a summary."""

from __future__ import annotations

import datetime as dt
import io
import shlex
import sys

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


def _load_pages_module():  # type: ignore[no-untyped-def]
    import importlib.util
    from pathlib import Path

    from django.conf import settings

    path = Path(settings.BASE_DIR) / "benchmarks" / "load_pages.py"
    spec = importlib.util.spec_from_file_location("load_pages", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("load_pages", module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    return module


def test_the_printed_benchmark_command_parses_as_load_pages_reads_it(
    polku, monkeypatch
):
    # given a county loaded into PostgreSQL (the benchmark's database)
    url = "postgres://polku:polku@127.0.0.1:5432/polku_scale"
    monkeypatch.setenv("DATABASE_URL", url)
    out = io.StringIO()
    call_command(*SMALL_COUNTY, stdout=out)
    # when the command load_scale_demo prints is read as a shell would read it
    line = out.getvalue().split("load benchmark")[1].splitlines()[1]
    env, python, script, *args = shlex.split(line)
    # then it names the database, the script, and arguments the script accepts
    assert env == f"DATABASE_URL={url}"
    assert (python, script) == (".venv/bin/python", "benchmarks/load_pages.py")
    parsed = _load_pages_module().argument_parser().parse_args(args)
    assert parsed.serve
    # with no more simulated users than the county has instructors to log in as
    instructors = User.objects.filter(username__startswith="ohjaaja").count()
    assert max(int(n) for n in parsed.users.split(",")) <= instructors


def test_on_sqlite_it_says_that_the_benchmark_needs_postgresql(polku, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    out = io.StringIO()
    call_command(*SMALL_COUNTY, stdout=out)
    assert "needs PostgreSQL" in out.getvalue()
    assert "load_pages.py --serve" not in out.getvalue()
