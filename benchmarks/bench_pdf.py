"""PDF rendering speed (marketplace/shared/pdf.py, xhtml2pdf) for Polku's documents.

    .venv/bin/python benchmarks/bench_pdf.py [--runs 20]

Renders, without a database (unsaved model instances), through the real templates:

* the placement agreement and client plan (one A4 page),
* a month's work-share statement of a unit with 25 participants × 20 days
  (25 pages, one per participant),

and prints p50 / p95 wall time in ms, the process's CPU time per document and the
PDF's size. The load average is printed too: on a shared machine wall times grow
with it, CPU time does not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def setup() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()


def agreement_context() -> dict:
    from marketplace.clients.selectors.documents import AgreementDocument
    from marketplace.models import Client, Municipality, Organisation, User

    town = Municipality(code="398", name="Lahti")
    county = Organisation(name="Päijät-Hämeen hyvinvointialue")
    unit = Organisation(name="Lahden Seudun Työpaja ry")
    worker = User(
        username="sanna", first_name="Sanna", last_name="Ohjaaja", organisation=county
    )
    worker.email = "sanna.ohjaaja@example.org"
    client = Client(
        name="Åsa Öhman",
        service="rehabilitative",
        municipality=town,
        instructor=worker,
        goals=["own_product", "studies", "life_management"],
    )
    # a site is a Wagtail page, which needs the database even unsaved: a stand-in
    site = SimpleNamespace(
        title="Puupaja Höylä",
        organisation=unit,
        municipality=town,
        address="Teollisuuskatu 12",
        postal_code="15100",
        contact_name="Tuomas Työnohjaaja",
        contact_phone="040 123 4567",
    )
    start = dt.date(2026, 2, 2)
    placement = SimpleNamespace(
        pk="demo",
        held_until=None,
        agreement_signed_on=None,
        client=client,
        site=site,
        status="active",
        start_date=start,
        planned_end=dt.date(2026, 5, 2),
        days_per_week=3,
        hours_per_day=5,
        tasks="Puutyöt, kokoonpano ja pihatyöt",
    )
    doc = AgreementDocument(
        placement=placement,  # type: ignore[arg-type]
        goals=["Oma tuote", "Opiskelu", "Elämänhallinta"],
        periods=[],
        review_on=dt.date(2026, 4, 18),
        money_kind="expense_compensation",
        money_per_day_cents=900,
    )
    return {"doc": doc}


def statement_context(participants: int = 25, days: int = 20) -> dict:
    from marketplace.models import Client, Organisation
    from marketplace.money.services.workshare import (
        ParticipantStatement,
        StatementLine,
    )

    site = SimpleNamespace(
        title="Työkeskus Verstas", organisation=Organisation(name="Työkeskus ry")
    )
    month = dt.date(2026, 3, 1)
    statements = [
        ParticipantStatement(
            Client(name=f"Osallistuja {n:02d} Äijälä"),
            [
                StatementLine(
                    month + dt.timedelta(days=d),
                    ["Taita ja postita 800 jäsenkirjettä", "Pihan haravointi"],
                    600,
                )
                for d in range(days)
            ],
        )
        for n in range(participants)
    ]
    return {
        "site": site,
        "month": month,
        "statements": statements,
        "total_cents": sum(s.total_cents for s in statements),
    }


def measure(template: str, context: dict, runs: int) -> tuple[list[float], float, int]:
    from django.utils import translation

    from marketplace.shared.pdf import render_pdf

    walls, size = [], 0
    with translation.override("fi"):
        render_pdf(template, context)  # warm: imports, fonts
        cpu0 = time.process_time()
        for _ in range(runs):
            t0 = time.perf_counter()
            size = len(render_pdf(template, context))
            walls.append((time.perf_counter() - t0) * 1000)
        cpu = (time.process_time() - cpu0) * 1000 / runs
    return walls, cpu, size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    setup()
    print(f"load average {os.getloadavg()[0]:.2f}, {args.runs} renders each")
    for name, template, context in (
        ("agreement (1 page)", "documents/agreement_pdf.html", agreement_context()),
        (
            "statement, 25 participants × 20 days (25 pages)",
            "documents/statement_pdf.html",
            statement_context(),
        ),
    ):
        walls, cpu, size = measure(template, context, args.runs)
        p95 = statistics.quantiles(walls, n=20)[18]
        print(
            f"{name}: p50 {statistics.median(walls):.0f} ms, p95 {p95:.0f} ms, "
            f"CPU {cpu:.0f} ms, {size / 1024:.0f} KB"
        )


if __name__ == "__main__":
    main()
