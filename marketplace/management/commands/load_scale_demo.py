"""``manage.py load_scale_demo``: a whole county of invented data, for load tests.

Builds Päijät-Häme with 300 sites, 2,000 clients and 5 years of placement history
(``data/demo/county_scale.py``), imports it with the data-set importer into the
database of ``DATABASE_URL``, creates the demo users (``load_demo``'s) and one
social instructor per caseload (``ohjaaja01``, ``ohjaaja02`` …) who share all the
county's clients, trains the matcher on the history, and prints a summary.

The instructors' password is the demo password and their authenticator key is
public (:data:`BENCH_TOTP_KEY`, which ``benchmarks/load_pages.py`` uses to log in):
like ``load_demo`` it refuses to run without DEBUG unless given ``--force``.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import logging
import os
import shlex
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Exists, OuterRef
from django_otp.plugins.otp_totp.models import TOTPDevice

from marketplace.access import roles
from marketplace.models import (
    Client,
    Organisation,
    Placement,
    PlacementPeriod,
    User,
    WorkSite,
)
from marketplace.seeding.demo import DEMO_PASSWORD, demo_users_ensure
from marketplace.seeding.importing import dataset_import
from matching.core import dataset as ds

BUILDER = Path(settings.BASE_DIR) / "data" / "demo" / "county_scale.py"
#: The county instructors' authenticator key (20 bytes): public, demo only.
BENCH_TOTP_KEY = b"polku-county-bench!!"
BENCH_DEVICE_NAME = "Polku county demo"
INSTRUCTOR_PREFIX = "ohjaaja"


def county_builder() -> ModuleType:
    """``data/demo/county_scale.py`` (the data folder is not a Python package)."""
    spec = importlib.util.spec_from_file_location("county_scale", BUILDER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@transaction.atomic
def county_instructors_ensure(caseload: int) -> list[tuple[User, int]]:
    """Social instructors of the county organiser, each with up to ``caseload`` of
    the county's clients that have no instructor yet (clients with an open placement
    first, then by municipality). Idempotent: a client keeps their instructor."""
    county = Organisation.objects.filter(
        region__slug="paijat-hame", kind=Organisation.Kind.WELLBEING_COUNTY
    ).first()
    group = Group.objects.get(name=roles.INSTRUCTOR)
    open_now = Placement.objects.filter(
        client=OuterRef("pk"), status__in=Placement.OPEN
    )
    free = list(
        Client.objects.filter(instructor__isnull=True, external_id__startswith="kc")
        .annotate(open_now=Exists(open_now))
        .order_by("-open_now", "municipality__code", "external_id")
        .values_list("pk", flat=True)
    )
    existing = User.objects.filter(username__startswith=INSTRUCTOR_PREFIX)
    needed = max(existing.count(), -(-(len(free)) // caseload) if caseload else 0)
    out = []
    for n in range(1, needed + 1):
        user, created = User.objects.get_or_create(
            username=f"{INSTRUCTOR_PREFIX}{n:02d}",
            defaults={"first_name": "Ohjaaja", "last_name": f"{n:02d}"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
        user.organisation = county
        user.save()
        user.groups.add(group)
        TOTPDevice.objects.update_or_create(
            user=user,
            name=BENCH_DEVICE_NAME,
            defaults={"key": BENCH_TOTP_KEY.hex(), "confirmed": True},
        )
        room = caseload - Client.objects.filter(instructor=user).count()
        if room > 0 and free:
            take, free = free[:room], free[room:]
            Client.objects.filter(pk__in=take).update(instructor=user)
        out.append((user, Client.objects.filter(instructor=user).count()))
    return out


def benchmark_command(
    database_url: str, instructors: list[tuple[User, int]]
) -> list[str]:
    """The command that runs ``benchmarks/load_pages.py`` against this county: it
    serves the database itself (gunicorn, production settings) and logs each
    simulated user in as another county instructor, so at most as many users as
    there are instructors. The benchmark needs PostgreSQL."""
    levels = [n for n in (8, 32) if n <= len(instructors)] or [len(instructors)]
    return [
        f"DATABASE_URL={database_url}",
        ".venv/bin/python",
        "benchmarks/load_pages.py",
        "--serve",
        "--users",
        ",".join(str(n) for n in levels),
    ]


class Command(BaseCommand):
    help = (
        "Build a whole county of invented data (300 sites, 2,000 clients, 5 years of "
        "history) into the database and create instructors with caseloads, for "
        "load tests. Demo passwords: development machines only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sites", type=int, default=300)
        parser.add_argument("--clients", type=int, default=2000)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--caseload", type=int, default=50)
        parser.add_argument("--seed", type=int, default=20261101)
        parser.add_argument(
            "--as-of", type=dt.date.fromisoformat, default=None, help="default: today"
        )
        parser.add_argument("--no-train", action="store_true")
        parser.add_argument(
            "--force", action="store_true", help="run even when DEBUG is off"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "The county's users have public passwords: load_scale_demo runs only "
                "with DEBUG on (or --force on a machine that is not in production)."
            )
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        began = time.monotonic()
        data = self._build(options)
        self._step(f"Importing into {settings.DATABASES['default']['NAME']}")
        try:
            summary = dataset_import(data=data, progress=self._progress)
        except ds.DatasetError as exc:
            for line in exc.errors[:20]:
                self.stderr.write(f"  {line}")
            raise CommandError(
                f"Nothing was imported: {len(exc.errors)} error(s)."
            ) from exc
        for line in summary.lines():
            self.stdout.write(f"  {line}")
        self._step("Demo users and the county's instructors")
        demo_users_ensure(data)
        instructors = county_instructors_ensure(options["caseload"])
        if not options["no_train"]:
            self._train()
        self._summary(instructors, time.monotonic() - began)

    def _build(self, options: dict[str, Any]) -> ds.Dataset:
        self._step(
            f"Building the county: {options['sites']} sites, {options['clients']} "
            f"clients, {options['years']} years"
        )
        raw = county_builder().build(
            n_sites=options["sites"],
            n_clients=options["clients"],
            years=options["years"],
            as_of=options["as_of"],
            seed=options["seed"],
        )
        data = ds.parse(raw)
        self.stdout.write(
            f"  {len(data.sites)} sites, {len(data.organisations)} organisations, "
            f"{len(data.clients)} clients, {len(data.placements)} periods "
            f"(as of {data.as_of})"
        )
        return data

    def _train(self) -> None:
        from matching.core.training import InsufficientHistoryError
        from matching.services import matcher_retrain

        self._step("Training the matcher on the history")
        started = time.monotonic()
        try:
            model = matcher_retrain(progress=lambda m: self.stdout.write(f"  {m}"))
        except InsufficientHistoryError as exc:
            self.stdout.write(f"  The matcher ranks on content alone: {exc}")
            return
        self.stdout.write(
            f"  model {model.pk} in {time.monotonic() - started:.0f} s: "
            f"{model.decision}"
        )

    def _summary(self, instructors: list[tuple[User, int]], seconds: float) -> None:
        sizes = [n for _u, n in instructors]
        sites = WorkSite.objects.live()
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"County loaded in {seconds:.0f} s:"))
        rows = [
            ("published sites", sites.count()),
            ("organisations", Organisation.objects.count()),
            ("clients", Client.objects.count()),
            ("placements", Placement.objects.count()),
            ("placement periods", PlacementPeriod.objects.count()),
            (
                "open placements",
                Placement.objects.filter(status__in=Placement.OPEN).count(),
            ),
            (
                "sites with free seats",
                sites.filter(capacity__seats_free__gt=0).count(),
            ),
        ]
        for label, value in rows:
            self.stdout.write(f"  {label:<24}{value:>8}")
        if instructors:
            self.stdout.write(
                f"  {len(instructors)} instructors {instructors[0][0].username}…"
                f"{instructors[-1][0].username}, caseloads {min(sizes)}–{max(sizes)} "
                f"clients (password {DEMO_PASSWORD}, authenticator key "
                f"{BENCH_TOTP_KEY.hex()} — public, demo only)"
            )
        database_url = os.environ.get("DATABASE_URL", "")
        if instructors and database_url.startswith("postgres"):
            self.stdout.write(
                "  load benchmark (docs/benchmarks.md, Pages under load):"
            )
            self.stdout.write(
                "    " + shlex.join(benchmark_command(database_url, instructors))
            )
        elif instructors:
            self.stdout.write(
                "  the load benchmark (benchmarks/load_pages.py) needs PostgreSQL: "
                "load the county with DATABASE_URL=postgres://… to run it"
            )

    def _step(self, text: str) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"{text} …"))

    def _progress(self, section: str, done: int, total: int) -> None:
        step = max(1, total // 20)
        if total and (done == total or done % step == 0):
            end = "\n" if done == total else ""
            self.stdout.write(f"\r  {section}: {done}/{total}", ending=end)
            if hasattr(sys.stdout, "flush"):
                self.stdout.flush()
