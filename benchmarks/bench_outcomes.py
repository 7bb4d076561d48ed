"""Outcome page speed: a region with five years of history (about 8,000 periods).

    .venv/bin/python benchmarks/bench_outcomes.py [--requests 40] [--postgres URL]

Builds the region in a throwaway database (a temporary SQLite file, or with
``--postgres postgres://user:pass@host:5432/name`` a database ``test_<name>_bench``
on that server; both are dropped at the end), then requests the organiser's outcome
page through Django's test client (every middleware, the template and the charts)
and prints p50 / p95 in ms and the number of queries for:

* the default page (the last twelve full months),
* all five years (the largest window),
* one municipality and one year (the browser test's view).

Target: p95 < 300 ms. The data follow the 2020 exit mix of Päijät-Häme. The load
average is printed with the figures: on a shared machine wall times grow with it,
while the process's CPU time per request (the database too, with SQLite) does not.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

#: Ended periods by exit reason in Päijät-Häme in 2020 (shared/domain.md).
EXIT_MIX = {
    "did_not_start": 28, "refused": 9, "rehabilitation": 6, "death": 3, "other": 50,
    "moved_within_region": 11, "moved_away": 14, "pension": 12, "family_reasons": 3,
    "illness": 37, "non_commitment": 87, "ended_job_seeker": 129,
    "health_investigation": 53, "studies": 52, "work_trial": 68,
    "open_labour_market": 27, "apprenticeship": 3, "pay_subsidy": 29,
    "entrepreneurship": 2,
}  # fmt: skip
MUNICIPALITIES = {
    "016": "Asikkala", "081": "Hartola", "098": "Hollola", "111": "Heinola",
    "142": "Iitti", "316": "Kärkölä", "398": "Lahti", "560": "Orimattila",
    "576": "Padasjoki", "781": "Sysmä",
}  # fmt: skip


def configure(postgres: str | None) -> str:
    """Point Django at a throwaway database; returns a description."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    if postgres:
        os.environ["DATABASE_URL"] = postgres
    else:
        os.environ["DATABASE_URL"] = "sqlite:///" + str(
            Path(tempfile.gettempdir()) / "polku-bench-unused.sqlite3"
        )
    import django
    from django.db import connection

    django.setup()
    db = connection.settings_dict
    if postgres:
        db["TEST"]["NAME"] = f"test_{db['NAME']}_bench"
    else:
        handle, path = tempfile.mkstemp(prefix="polku-bench-", suffix=".sqlite3")
        os.close(handle)
        db["TEST"]["NAME"] = path
    return db["ENGINE"].rsplit(".", 1)[-1]


def build_region(seed: int = 2026) -> dict:
    """Sites, clients and five years of periods, events, assessments and answers."""
    import datetime as dt

    from django.contrib.auth.models import Group
    from django.utils import timezone

    from marketplace.access import roles
    from marketplace.models import (
        Client,
        ClientFeedback,
        Municipality,
        Organisation,
        Placement,
        PlacementEvent,
        PlacementPeriod,
        Region,
        SelfAssessment,
        User,
    )
    from marketplace.models.placements import HOLDABLE_EXITS
    from marketplace.seeding.setup import polku_setup
    from marketplace.shared.months import add_months
    from tests.factories.sites import make_site

    rng = random.Random(seed)
    polku_setup()
    region = Region.objects.get(slug="paijat-hame")
    towns = [
        Municipality.objects.create(code=c, name=n, lat=61.0, lon=25.6, region=region)
        for c, n in MUNICIPALITIES.items()
    ]
    county = Organisation.objects.create(
        name="Päijät-Sote", kind="wellbeing_county", region=region
    )
    orgs = [county] + [
        Organisation.objects.create(
            name=f"Yhdistys {i} ry", kind="association", region=region
        )
        for i in range(24)
    ]
    sites = [
        make_site(
            title=f"Työtoimintapaikka {i:02d}",
            organisation=orgs[i % len(orgs)],
            municipality=towns[i % 10],
            services=("rehabilitative", "disability"),
            seats=(12, 2),
        )
        for i in range(60)
    ]
    today = timezone.localdate()
    first_day = add_months(today.replace(day=1), -60)
    reasons, weights = zip(*EXIT_MIX.items(), strict=True)
    clients = Client.objects.bulk_create(
        Client(
            name=f"Asiakas {i}",
            municipality=rng.choice(towns),
            service="rehabilitative" if rng.random() < 0.85 else "disability",
            goals=["work_trial"],
            days_per_week=3,
            hours_per_day=5,
            max_travel_km=30,
        )
        for i in range(6000)
    )
    placements, periods = [], []
    for client in clients:
        start = first_day + dt.timedelta(days=rng.randrange(0, 60 * 30))
        placement = None
        while start < today and len(periods) < 8000:
            months = rng.choice([3, 3, 6, 6, 9, 12, 12, 15, 18, 24])
            end = add_months(start, months) - dt.timedelta(days=rng.randrange(0, 40))
            open_ = end >= today
            reason = "" if open_ else rng.choices(reasons, weights)[0]
            if placement is None:  # a new place; otherwise a held return to it
                placement = Placement(
                    client=client, site=rng.choice(sites), start_date=start
                )
                placements.append(placement)
            placement.status = "active" if open_ else "ended"
            periods.append((placement, start, None if open_ else end, reason))
            if open_ or rng.random() < 0.6:
                break
            if reason in HOLDABLE_EXITS and rng.random() < 0.5:
                start = end + dt.timedelta(days=rng.randrange(14, 120))
            else:
                placement = None
                start = end + dt.timedelta(days=rng.randrange(20, 400))
    Placement.objects.bulk_create(placements)
    period_rows = PlacementPeriod.objects.bulk_create(
        PlacementPeriod(placement=p, start=s, end=e, exit_reason=r)
        for p, s, e, r in periods
    )
    events, when, answers, assessments = [], [], [], []
    returned = {id(p) for p, s, _e, _r in periods if s != p.start_date}
    tz = timezone.get_current_timezone()
    for period in period_rows:
        last = period.end or today
        review = add_months(period.start, 3) - dt.timedelta(days=10)
        while review < last and rng.random() < 0.8:  # reviews that extend the period
            events.append(
                PlacementEvent(
                    placement=period.placement,
                    from_status="active",
                    to_status="active",
                    detail={"extended_to": add_months(review, 6).isoformat()},
                )
            )
            when.append(review)
            review = add_months(review, 6)
        if (
            period.end
            and id(period.placement) in returned
            and period.exit_reason in HOLDABLE_EXITS
        ):
            events.append(
                PlacementEvent(
                    placement=period.placement,
                    from_status="active",
                    to_status="held",
                    detail={"exit_reason": period.exit_reason, "weeks": 12},
                )
            )
            when.append(period.end)
        assessments.append((period.placement.client, period.start, rng.randrange(2, 8)))
        if rng.random() < 0.6:
            assessments.append(
                (
                    period.placement.client,
                    period.start + dt.timedelta(days=95),
                    rng.randrange(2, 10),
                )
            )
        month = period.start.replace(day=1)
        while month <= last.replace(day=1) and rng.random() < 0.93:
            if rng.random() < 0.5:
                answers.append(
                    ClientFeedback(
                        placement=period.placement,
                        month=month,
                        felt=rng.choice([1, 2, 3, 3]),
                        learned=rng.choice(["yes", "a_little", "no"]),
                        wants_to_continue=rng.choice(["yes", "yes", "not_sure", "no"]),
                    )
                )
            month = add_months(month, 1)
    PlacementEvent.objects.bulk_create(events)
    for event, day in zip(events, when, strict=True):  # "at" is set on creation
        event.at = dt.datetime.combine(day, dt.time(12), tz)
    PlacementEvent.objects.bulk_update(events, ["at"], batch_size=2000)
    SelfAssessment.objects.bulk_create(
        SelfAssessment(
            client=c,
            date=d,
            work_ability=s,
            physical=s,
            mental=s,
            social=s,
            skills=s,
            daily_life=s,
            consent=True,
        )
        for c, d, s in assessments
    )
    ClientFeedback.objects.bulk_create(answers, ignore_conflicts=True)
    organiser = User.objects.create_user(
        "bench-organiser", password="bench-only-1", organisation=county, is_staff=True
    )
    organiser.groups.add(Group.objects.get(name=roles.ORGANISER))
    return {
        "organiser": organiser,
        "periods": len(period_rows),
        "events": len(events),
        "assessments": len(assessments),
        "answers": ClientFeedback.objects.count(),
        "first_day": first_day,
    }


def logged_in_client(user):  # type: ignore[no-untyped-def]
    """A test client with the organiser's session, second factor verified."""
    from django.apps import apps
    from django.test import Client

    client = Client()
    client.force_login(user)
    if apps.is_installed("django_otp.plugins.otp_totp"):
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def measure(client, url: str, requests: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """p50/p95 wall time and p50 CPU time of this process in ms over ``requests``
    GETs, and the queries of one request. With SQLite the database works in this
    process, so CPU time is what the request costs even on a busy machine."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    queries = len(ctx.captured_queries)
    wall, cpu = [], []
    for _ in range(requests):
        began, began_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        wall.append((time.perf_counter() - began) * 1000)
        cpu.append((time.process_time() - began_cpu) * 1000)
        assert response.status_code == 200
    wall.sort()
    return {
        "p50": statistics.median(wall),
        "p95": wall[min(len(wall) - 1, round(0.95 * (len(wall) - 1)))],
        "cpu": statistics.median(cpu),
        "queries": queries,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument(
        "--postgres", help="a PostgreSQL URL; default: temporary SQLite"
    )
    args = parser.parse_args()
    engine = configure(args.postgres)

    from django.db import connection

    # no setup_test_environment(): it instruments template rendering for the test
    # client's context capture, which would be measured too
    original_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        began = time.perf_counter()
        data = build_region()
        print(
            f"Python {platform.python_version()}, {engine}, {os.cpu_count()} CPU(s); "
            f"built in {time.perf_counter() - began:.0f} s: {data['periods']} periods, "
            f"{data['events']} extension events, {data['assessments']} "
            f"self-assessments, {data['answers']} feedback answers over 5 years"
        )
        client = logged_in_client(data["organiser"])
        views = [
            ("last 12 months (default)", "/oma/tulokset/"),
            (
                "one whole year, by month",
                f"/oma/tulokset/?year={data['first_day'].year + 4}",
            ),
            (
                "Lahti, one year",
                f"/oma/tulokset/?municipality=398&year={data['first_day'].year + 3}",
            ),
            (
                "one whole year, CSV of the sites",
                f"/oma/tulokset/sites.csv?year={data['first_day'].year + 4}",
            ),
        ]
        print(f"load average before: {os.getloadavg()[0]:.1f}")
        for label, url in views:
            m = measure(client, url, args.requests)
            print(
                f"{label:<31} p50 {m['p50']:6.1f} ms  p95 {m['p95']:6.1f} ms  "
                f"CPU p50 {m['cpu']:6.1f} ms  {m['queries']} queries"
            )
        print(f"load average after: {os.getloadavg()[0]:.1f}")
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)


if __name__ == "__main__":
    main()
