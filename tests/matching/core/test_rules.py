"""Every hard rule of a ranking (interchange.md), one test per rule.

Each test starts from a client and a placement that break no rule, changes only what
the rule is about, and checks both the vectorised mask and the explanation.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from matching.core.catalogue import Catalogue, encode_clients
from matching.core.dataset import Dataset
from matching.core.rules import allowed, explain
from matching.synthetic.world import World
from tests.factories.datasets import client, document, job, load, site


def verdict(ds: Dataset, cat: Catalogue, placement_id: str) -> tuple[bool, set[str]]:
    """(mask says allowed, codes of the rules explain() reports) for client c1."""
    c = ds.clients[0]
    mask = allowed(encode_clients([c], cat), cat)
    codes = {b.code for b in explain(c, placement_id, cat)}
    return bool(mask[0, cat.index[placement_id]]), codes


def test_a_site_and_a_job_that_break_no_rule_are_allowed() -> None:
    # given the default client, site and job
    ds, cat = load(document())
    # when / then
    assert verdict(ds, cat, "s1") == (True, set())
    assert verdict(ds, cat, "j1") == (True, set())


@pytest.mark.parametrize(("seats_free", "ok"), [(0, False), (1, True)])
def test_a_site_with_no_free_seat_is_refused(seats_free: int, ok: bool) -> None:
    ds, cat = load(document(sites=[site(seats_free=seats_free)]))
    allowed_, codes = verdict(ds, cat, "s1")
    assert allowed_ is ok
    assert ("no_free_seat" in codes) is not ok


@pytest.mark.parametrize(
    ("service", "offered", "ok"),
    [
        ("rehabilitative", ["disability"], False),
        ("disability", ["rehabilitative"], False),
        ("disability", ["rehabilitative", "disability"], True),
        ("rehabilitative", ["rehabilitative"], True),
    ],
)
def test_a_site_not_offering_the_clients_service_is_refused(
    service: str, offered: list[str], ok: bool
) -> None:
    ds, cat = load(
        document(sites=[site(services=offered)], clients=[client(service=service)])
    )
    allowed_, codes = verdict(ds, cat, "s1")
    assert allowed_ is ok
    assert ("service_not_offered" in codes) is not ok


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("days_per_week", 1, True),  # the range's ends are inside it
        ("days_per_week", 4, True),
        ("days_per_week", 5, False),
        ("hours_per_day", 4, True),
        ("hours_per_day", 6, True),
        ("hours_per_day", 3, False),
        ("hours_per_day", 7, False),
    ],
)
def test_a_site_whose_schedule_range_lacks_the_clients_is_refused(
    field: str, value: int, ok: bool
) -> None:
    # given a site open 1–4 days a week, 4–6 hours a day
    ds, cat = load(document(clients=[client(**{field: value})]))
    # when
    allowed_, codes = verdict(ds, cat, "s1")
    # then
    code = "days_outside_range" if field == "days_per_week" else "hours_outside_range"
    assert allowed_ is ok
    assert (code in codes) is not ok


@pytest.mark.parametrize(
    ("needs", "ok"),
    [
        ([], True),
        (["step_free"], True),
        (["step_free", "quiet_space"], True),
        (["hearing_loop"], False),
        (["step_free", "hearing_loop"], False),
    ],
)
def test_a_site_lacking_an_accessibility_need_is_refused(
    needs: list[str], ok: bool
) -> None:
    # given a site that is step-free and has a quiet space
    ds, cat = load(document(clients=[client(accessibility_needs=needs)]))
    allowed_, codes = verdict(ds, cat, "s1")
    assert allowed_ is ok
    assert ("accessibility_missing" in codes) is not ok


def test_accessibility_needs_do_not_restrict_jobs() -> None:
    ds, cat = load(document(clients=[client(accessibility_needs=["hearing_loop"])]))
    assert verdict(ds, cat, "j1") == (True, set())


@pytest.mark.parametrize(
    ("service", "ok"), [("rehabilitative", False), ("disability", True)]
)
def test_a_company_job_is_refused_to_a_rehabilitative_client(
    service: str, ok: bool
) -> None:
    ds, cat = load(
        document(jobs=[job(organisation="o2")], clients=[client(service=service)])
    )
    allowed_, codes = verdict(ds, cat, "j1")
    assert allowed_ is ok
    assert ("company_for_rehabilitative" in codes) is not ok


@pytest.mark.parametrize(
    ("service", "ok"), [("rehabilitative", False), ("disability", True)]
)
def test_a_company_site_is_refused_to_a_rehabilitative_client(
    service: str, ok: bool
) -> None:
    # given a company site that (against the format) lists rehabilitative work: the
    # reader refuses such a file, so build the catalogue from records directly, to
    # see the company rule itself at work
    ds, _ = load(document(clients=[client(service=service)]))
    company_site = dataclasses.replace(ds.sites[0], organisation="o2")
    cat = Catalogue.build(
        as_of=ds.as_of,
        municipalities=ds.municipalities,
        organisations=ds.organisations,
        sites=[company_site],
        jobs=[],
    )
    # when
    allowed_, codes = verdict(ds, cat, "s1")
    # then
    assert allowed_ is ok
    assert codes == (set() if ok else {"company_for_rehabilitative"})


@pytest.mark.parametrize(
    ("days_after_as_of", "ok"), [(-1, False), (0, True), (10, True)]
)
def test_a_closed_job_is_refused(days_after_as_of: int, ok: bool) -> None:
    # given a job whose deadline is around as_of (2026-01-01)
    deadline = (
        f"2026-01-{1 + days_after_as_of:02d}" if days_after_as_of >= 0 else "2025-12-31"
    )
    ds, cat = load(document(jobs=[job(deadline=deadline)]))
    allowed_, codes = verdict(ds, cat, "j1")
    assert allowed_ is ok
    assert ("job_closed" in codes) is not ok


@pytest.mark.parametrize(("workers", "ok"), [(0, False), (1, True)])
def test_a_fully_staffed_job_is_refused(workers: int, ok: bool) -> None:
    ds, cat = load(document(jobs=[job(workers_needed=workers)]))
    allowed_, codes = verdict(ds, cat, "j1")
    assert allowed_ is ok
    assert ("job_fully_staffed" in codes) is not ok


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Independent reference: the format's haversine in plain Python."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


@pytest.mark.parametrize("kind", ["s1", "j1"])
def test_the_distance_limit_is_inclusive(kind: str) -> None:
    # given the exact distance from Lahti to the placement
    ds, cat = load(document())
    km = float(cat.municipality_km[cat.municipality_row["398"], cat.index[kind]])
    record = cat.records[cat.index[kind]]
    assert km == pytest.approx(
        _haversine(60.983, 25.656, record.lat, record.lon), abs=1e-9
    )
    # when the limit is exactly that distance, then the placement is allowed
    ds, cat = load(document(clients=[client(max_travel_km=km)]))
    assert verdict(ds, cat, kind) == (True, set())
    # when the limit is a metre shorter, then it is too far
    ds, cat = load(document(clients=[client(max_travel_km=km - 0.001)]))
    assert verdict(ds, cat, kind) == (False, {"too_far"})


def test_a_placement_in_the_home_municipality_centre_is_within_a_zero_limit() -> None:
    ds, cat = load(
        document(
            sites=[site(lat=60.983, lon=25.656)], clients=[client(max_travel_km=0)]
        )
    )
    assert verdict(ds, cat, "s1") == (True, set())


FAR = {"lat": 61.204, "lon": 26.031}  # Heinola, about 30 km from Lahti


@pytest.mark.parametrize(
    ("placement", "remote_ok", "ok"),
    [
        (site(forms=["remote"], **FAR), True, True),
        (site(forms=["workshop", "remote"], **FAR), True, True),
        (site(forms=["remote"], **FAR), False, False),
        (site(forms=["workshop"], **FAR), True, False),
        (job(remote=True, **FAR), True, True),
        (job(remote=True, **FAR), False, False),
        (job(remote=False, **FAR), True, False),
    ],
)
def test_too_far_unless_remote_and_the_client_is_remote_ok(
    placement: dict[str, object], remote_ok: bool, ok: bool
) -> None:
    # given a placement about 30 km away and a client who travels 10 km at most
    is_job = str(placement["id"]).startswith("j")
    doc = document(
        sites=[] if is_job else [placement],
        jobs=[placement] if is_job else [],
        clients=[client(max_travel_km=10, remote_ok=remote_ok)],
    )
    ds, cat = load(doc)
    # when
    allowed_, codes = verdict(ds, cat, str(placement["id"]))
    # then
    assert allowed_ is ok
    assert ("too_far" in codes) is not ok


def test_languages_are_not_a_hard_rule() -> None:
    ds, cat = load(document(clients=[client(languages=["sv"])]))
    assert verdict(ds, cat, "s1") == (True, set())


def test_the_mask_agrees_with_explain_on_every_pair_of_a_world(world: World) -> None:
    # given a synthetic world's catalogue (seats, closed jobs, companies, distances)
    cat = Catalogue.from_dataset(world.dataset)
    clients = world.dataset.clients[:150]
    # when
    mask = allowed(encode_clients(clients, cat), cat)
    expected = np.array(
        [[not explain(c, pid, cat) for pid in cat.ids] for c in clients]
    )
    # then both implementations agree, and both kinds of verdict occur
    assert np.array_equal(mask, expected)
    assert 0 < mask.mean() < 1
