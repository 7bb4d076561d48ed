"""Every bad input of a data set is refused by record and field (``sites[0].name:
…``) with the command's exit status 1, nothing is imported, and no input gives a
traceback: sizes, nesting and numbers bounded by the columns, keys given twice,
invalid UTF-8, invisible and control characters in names."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import models

from marketplace.models import (
    Client,
    Job,
    LearningUnit,
    Municipality,
    Organisation,
    SiteCapacity,
    WorkSite,
)
from matching.core import limits as L
from tests.seeding.tables import changed_tables, table_rows
from tests.seeding.test_import import DATA, WITH_HISTORY

ROOT = Path(__file__).resolve().parents[2]


def site_text(**fields: object) -> str:
    data = copy.deepcopy(DATA)
    data["sites"][0].update(fields)
    return json.dumps(data, ensure_ascii=False)


def nested(depth: int) -> str:
    return site_text().replace(
        '"tags": ["recycling", "sales"]', '"tags": ' + "[" * depth + "]" * depth
    )


BAD: dict[str, tuple[bytes | str, str]] = {
    "seats of 10^30": (
        site_text(seats_total=10**30),
        "sites[0].seats_total: a number of 31 digits is outside 0–32767",
    ),
    "seats of 2^63": (
        site_text(seats_total=2**63),
        "sites[0].seats_total: 9223372036854775808 is outside 0–32767",
    ),
    "seats of 40 000 (a small-integer column)": (
        site_text(seats_total=40_000),
        "sites[0].seats_total: 40000 is outside 0–32767",
    ),
    "a price over the integer column": (
        site_text(voucher_price_cents=2**31),
        "sites[0].voucher_price_cents: 2147483648 is outside",
    ),
    "200 000 nested arrays": (
        nested(200_000),
        "sites[0].tags[0]…: nested more than 32 levels deep",
    ),
    "a 5 000-digit number": (
        site_text().replace('"seats_total": 12', '"seats_total": ' + "9" * 5000),
        "sites[0].seats_total: a number of 5000 digits is outside",
    ),
    "NaN and Infinity": (
        site_text().replace('"lat": 60.98,', '"lat": NaN,'),
        "sites[0].lat: must be a number, not NaN",
    ),
    "a tag that is an object": (
        site_text(tags=[{"code": "recycling"}]),
        "sites[0].tags: unknown value an object",
    ),
    "a 100 000-character name": (
        site_text(name="x" * 100_000),
        "sites[0].name: 100000 characters, at most 255",
    ),
    "a 5 000-character id": (
        site_text(id="s" * 5000),
        "sites[0].id: 5000 characters, at most 64",
    ),
    "a 50 MB description": (
        site_text(description="d" * 50 * 1024 * 1024),
        "sites[0].description: 52428800 characters, at most 20000",
    ),
    "20 000 duplicate learning units": (
        site_text(learning_units=["Asiakaspalvelu"] * 20_000),
        "sites[0].learning_units: 20000 items, at most 50",
    ),
    "learning units listed twice": (
        site_text(learning_units=["Asiakaspalvelu", "Asiakaspalvelu"]),
        "sites[0].learning_units: lists a value twice",
    ),
    "the sites section twice": (
        site_text().replace('"jobs": []', '"sites": [], "jobs": []'),
        "sites: is given twice (only one could be kept)",
    ),
    "a field twice in a record": (
        site_text().replace('"seats_free": 3', '"seats_free": 3, "seats_free": 9'),
        "sites[0].seats_free: is given twice",
    ),
    "a name with NUL": (
        site_text(name="Kierrätys\u0000keskus"),
        "sites[0].name: contains the control character U+0000",
    ),
    "a name with U+202E": (
        site_text(name="Kierrätys\u202ekeskus"),
        "sites[0].name: contains the invisible direction mark U+202E",
    ),
    "a name with U+200B": (
        site_text(name="Kierrätys\u200bkeskus"),
        "sites[0].name: contains the invisible character U+200B",
    ),
    "an unpaired surrogate": (
        site_text().replace('"Kierrätyskeskus, Lahti"', '"Kierr\\ud800"'),
        "sites[0].name: contains an unpaired surrogate U+D800",
    ),
    "an id that is not in NFC form": (
        site_text(id="s\u0301"),
        "sites[0].id: must be in Unicode NFC form",
    ),
    "an id with a trailing space": (
        site_text(id="s1 "),
        "sites[0].id: must not start or end with a space",
    ),
    "invalid UTF-8": (
        site_text().encode()[:300] + b"\xff" + site_text().encode()[300:],
        "file: not valid UTF-8 (line 1, byte 301)",
    ),
}


def write(tmp_path: Path, content: bytes | str) -> str:
    path = tmp_path / "data.json"
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8", "surrogatepass"))
    else:
        path.write_bytes(content)
    return str(path)


@pytest.mark.parametrize("case", BAD, ids=str)
def test_a_bad_input_is_named_and_changes_nothing(tmp_path, polku, capsys, case):
    # Given a database with a data set imported, and a broken file
    call_command("import_dataset", write(tmp_path, json.dumps(WITH_HISTORY)))
    before = table_rows()
    content, message = BAD[case]
    # When it is imported
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_dataset", write(tmp_path, content))
    # then the record and field are named, and no table changed
    err = capsys.readouterr().err
    assert message in err, err[:2000]
    assert len(err) < 20_000  # a huge value is not echoed back
    assert changed_tables(before, table_rows()) == {}


def test_the_command_exits_with_status_1_without_a_traceback(tmp_path):
    # (in its own process, as an operator runs it; the database is not reached)
    for content, message in (BAD["200 000 nested arrays"], BAD["invalid UTF-8"]):
        done = subprocess.run(
            [sys.executable, "manage.py", "import_dataset", write(tmp_path, content)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 1
        assert message in done.stderr and "Traceback" not in done.stderr


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, polku, capsys):
    path = tmp_path / "huge.json"
    with path.open("wb") as f:  # sparse: the size without the bytes
        f.truncate(L.MAX_FILE_BYTES + 1)
    with pytest.raises(CommandError):
        call_command("import_dataset", str(path))
    assert f"file: {L.MAX_FILE_BYTES + 1} bytes, at most" in capsys.readouterr().err


def test_two_open_placements_of_a_client_at_one_site_are_refused(
    tmp_path, polku, capsys
):
    data = copy.deepcopy(WITH_HISTORY)
    data["placements"].append({**data["placements"][1], "id": "p3"})
    with pytest.raises(CommandError):
        call_command("import_dataset", write(tmp_path, json.dumps(data)))
    assert (
        'placements[2].site: client "c1" already has an open placement at site '
        '"s1" (placements[1])' in capsys.readouterr().err
    )


def test_ids_that_slugify_alike_get_pages_of_their_own(tmp_path, polku):
    data = copy.deepcopy(DATA)
    twin = {**data["sites"][0], "id": "S1"}
    data["sites"].append({**twin, "id": "s-1"})
    data["sites"][0]["name"] = data["sites"][1]["name"] = "Paja"
    data["sites"][1]["organisation"] = "o1"
    data["sites"][1]["services"] = ["rehabilitative"]
    data["sites"][2]["name"] = "Paja"
    call_command("import_dataset", write(tmp_path, json.dumps(data)))
    slugs = sorted(WorkSite.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 3


def test_a_placement_at_a_refused_site_is_named_not_a_crash(tmp_path, polku, capsys):
    data = copy.deepcopy(WITH_HISTORY)
    data["sites"][0]["hours_per_day"] = [4, 20]  # the format allows it, the model not
    with pytest.raises(CommandError):
        call_command("import_dataset", write(tmp_path, json.dumps(data)))
    assert "sites[0].hours_max: " in capsys.readouterr().err
    assert not Client.objects.exists()


@pytest.mark.parametrize(
    ("model", "field", "bound"),
    [
        (SiteCapacity, "seats_total", L.SMALL_INT),
        (WorkSite, "voucher_price_cents", L.INT),
        (Job, "workers_needed", L.SMALL_INT),
        (Job, "price_cents", L.INT),
        (Client, "max_travel_km", L.SMALL_INT),
        (WorkSite, "external_id", L.ID),
        (Organisation, "name", L.TEXT["organisation.name"]),
        (Municipality, "name", L.TEXT["municipality.name"]),
        (WorkSite, "title", L.TEXT["site.name"]),
        (WorkSite, "address", L.TEXT["site.address"]),
        (WorkSite, "postal_code", L.TEXT["site.postal_code"]),
        (WorkSite, "contact_name", L.TEXT["site.contact_name"]),
        (WorkSite, "contact_phone", L.TEXT["site.contact_phone"]),
        (WorkSite, "contact_email", L.TEXT["site.contact_email"]),
        (LearningUnit, "name", L.TEXT["site.learning_unit"]),
        (Job, "title", L.TEXT["job.title"]),
        (Client, "name", L.TEXT["client.name"]),
    ],
)
def test_the_readers_bounds_fit_the_columns(model, field, bound):
    column = model._meta.get_field(field)
    if isinstance(column, models.CharField):
        assert bound <= column.max_length
    else:
        small = isinstance(column, models.PositiveSmallIntegerField)
        assert bound <= (32_767 if small else 2_147_483_647)
