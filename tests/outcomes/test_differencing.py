"""The organiser cannot difference the outcome figures down to a client.

Issue 16: subtracting the exit tables of two windows that differed by one day named
one client's exit reason and day. The scan is run here on a generated region
(``attack_world``) through the page's own filters and disclosure control, by the
stronger attacker of ``differencing``; it must not recover the exit reason and month
(or quarter) of a single client more often than chance (one-sided binomial test,
5 %). The same attacker on the
figures as they were published before (true counts hidden under five, any dates)
recovers many with certainty: the controls show that the scan is able to.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from tests.factories.accounts import PASSWORD
from tests.outcomes import differencing as d
from tests.outcomes.attack_world import FIRST, build_attack_world


@pytest.fixture
def world(polku: Any) -> Any:
    built = build_attack_world()
    built["filters"] = d.filters(built)
    return built


def scan(
    world: Any, observations: dict[str, list[d.Observation]], unit: int
) -> d.Score:
    score = d.Score()
    for chosen in world["filters"]:
        d.attack(
            observations[chosen.name], d.truth_of(world["exits"], chosen), unit, score
        )
    return score


def test_the_scan_finds_no_single_client_more_often_than_chance(world):
    # given every exit table the page offers, under every filter
    published = {
        f.name: list(d.observe_published(world["organiser"], f, d.offered_periods()))
        for f in world["filters"]
    }
    for unit in (1, 3):
        # when the attacker solves them for each month (or quarter) and exit reason
        score = scan(world, published, unit)
        # then its "exactly one client" claims are right no more often than chance
        assert score.non_empty > 50, score  # the region has such months to find
        assert score.p_value >= 0.05, (unit, str(score))


def test_control_the_same_scan_breaks_the_figures_as_published_before(world):
    # given the exit tables as published before: true counts, any months
    before = {
        f.name: list(d.observe_unprotected(world["exits"], f, d.any_month_windows()))
        for f in world["filters"]
    }
    for unit in (1, 3):
        # when the same attacker solves them
        score = scan(world, before, unit)
        # then it names single clients, always rightly: far more often than chance
        assert score.claims >= 10 and score.precision == 1.0, (unit, str(score))
        assert score.p_value < 1e-6, (unit, str(score))


def test_control_issue_16s_day_scan_named_clients_and_is_now_refused(world, client):
    # the scan of the issue, on the figures as published before, names clients
    claims = right = 0
    for chosen in world["filters"]:
        c, r = d.day_scan(world["exits"], chosen)
        claims, right = claims + c, right + r
    assert claims >= 10 and right == claims
    # on the page, windows that end on consecutive days are refused: no figures
    client.login(username=world["organiser"].username, password=PASSWORD)
    for end in ("2023-08-23", "2023-08-24"):
        query = f"start={FIRST.isoformat()}&end={end}&municipality=398"
        response = client.get(f"/oma/tulokset/?{query}")
        assert response.context["report"] is None
        assert client.get(f"/oma/tulokset/exits.csv?{query}").status_code == 400


def test_the_page_and_the_export_publish_the_scanned_figures(world, client):
    # the attacker's figures are the page's: the exit table of one period
    client.login(username=world["organiser"].username, password=PASSWORD)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/oma/tulokset/?year=2024&part=q2&municipality=398")
    page = {str(r[0]): r[2] for r in response.context["report"].exits.rows}
    chosen = next(f for f in world["filters"] if f.name == "municipality 398")
    window = next(
        w for data, w in d.offered_periods() if data == {"year": "2024", "part": "q2"}
    )
    (observed,) = d.observe_published(world["organiser"], chosen, [(None, window)])
    from marketplace.models.placements import EXIT_REASON_LABELS

    assert page == {str(EXIT_REASON_LABELS[r]): c for r, c in observed.cells.items()}
