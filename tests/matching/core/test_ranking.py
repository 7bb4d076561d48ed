"""The public ranking API: hard rules always hold, order, filters, reasons, job bank."""

from __future__ import annotations

import json

import pytest

from matching.core.catalogue import Catalogue
from matching.core.content import ContentScorer
from matching.core.jobbank import sites_for_job
from matching.core.ranking import Ranker
from matching.core.reasons import Reason, render, render_all
from matching.core.rules import explain
from matching.synthetic.world import World
from tests.factories.datasets import client, document, job, load, site


def test_suggestions_break_no_rule_and_come_best_first(
    ranker: Ranker, world: World
) -> None:
    # given many clients of the world
    for c in world.dataset.clients[:80]:
        # when
        suggestions = ranker.rank(c, k=10)
        # then
        assert len(suggestions) <= 10
        assert all(
            not explain(c, s.placement_id, ranker.catalogue) for s in suggestions
        )
        scores = [s.score for s in suggestions]
        assert scores == sorted(scores, reverse=True)
        assert all(
            s.probability is None or 0.0 <= s.probability <= 1.0 for s in suggestions
        )
        assert len({s.placement_id for s in suggestions}) == len(suggestions)


def test_all_allowed_placements_are_offered_when_k_is_large(
    ranker: Ranker, world: World
) -> None:
    cat = ranker.catalogue
    c = world.dataset.clients[0]
    allowed_ids = {pid for pid in cat.ids if not explain(c, pid, cat)}
    assert {s.placement_id for s in ranker.rank(c, k=len(cat))} == allowed_ids


def test_the_batch_gives_the_same_rankings_as_one_by_one(
    ranker: Ranker, world: World
) -> None:
    clients = world.dataset.clients[:60]
    batch = ranker.rank_batch(clients, k=5)
    for c, ranked in zip(clients, batch, strict=True):
        single = ranker.rank(c, k=5, with_reasons=False)
        assert [s.placement_id for s in ranked] == [s.placement_id for s in single]


def test_the_batch_works_in_chunks(
    ranker: Ranker, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given chunks of about three clients
    clients = world.dataset.clients[:20]
    whole = ranker.rank_batch(clients, k=5)
    monkeypatch.setattr("matching.core.ranking.CHUNK_PAIRS", 3 * len(ranker.catalogue))
    seen: list[int] = []
    # when
    chunked = ranker.rank_batch(
        clients, k=5, progress=lambda done, total: seen.append(done)
    )
    # then
    assert chunked == whole
    assert len(seen) == 7 and seen[-1] == 20


def test_filters_narrow_the_suggestions(ranker: Ranker, world: World) -> None:
    c = next(c for c in world.dataset.clients if len(ranker.rank(c, k=50)) > 5)
    everything = ranker.rank(c, k=50)
    cat = ranker.catalogue
    sites = ranker.rank(c, k=50, kind="site")
    assert sites and all(s.kind == "site" for s in sites)
    near = ranker.rank(c, k=50, max_km=5.0)
    home = cat.municipality_row[c.municipality]
    assert all(
        cat.municipality_km[home, cat.index[s.placement_id]] <= 5.0
        or (cat.remote[cat.index[s.placement_id]] and c.remote_ok)
        for s in near
    )
    tag = cat.records[cat.index[everything[0].placement_id]].tags[0]
    tagged = ranker.rank(c, k=50, tags=[tag])
    assert tagged and all(
        tag in cat.records[cat.index[s.placement_id]].tags for s in tagged
    )
    without_best = ranker.rank(c, k=50, exclude=[everything[0].placement_id])
    assert [s.placement_id for s in without_best] == [
        s.placement_id for s in everything[1:]
    ]


def test_reasons_are_codes_with_json_parameters(ranker: Ranker, world: World) -> None:
    codes: set[str] = set()
    for c in world.dataset.clients[:40]:
        for s in ranker.rank(c, k=5):
            assert s.reasons, s
            for reason in s.reasons:
                assert isinstance(reason, Reason) and isinstance(reason.code, str)
                json.dumps(reason.params)
                assert render(reason) and not render(reason).startswith(
                    reason.code + ":"
                )
                codes.add(reason.code)
            assert s.reasons[-1].code in {"distance", "remote"}
    assert {"goal_match", "interest", "distance"} <= codes


def test_reasons_name_the_goal_and_the_learning_units() -> None:
    # given a client who wants to study and a site where units can be earned
    ds, cat = load(
        document(
            sites=[site(learning_units=["Puusepänalan perustehtävät"])],
            jobs=[],
            clients=[
                client(goals=["studies"], interests=["woodwork"], wishes="puutöitä")
            ],
        )
    )
    # when
    [suggestion] = Ranker(ContentScorer(), cat).rank(ds.clients[0])
    codes = [r.code for r in suggestion.reasons]
    # then
    assert suggestion.reasons[0] == Reason(
        "goal_match",
        {
            "goal": "studies",
            "via": "learning_units",
            "units": ["Puusepänalan perustehtävät"],
        },
    )
    assert Reason("interest", {"tag": "woodwork"}) in suggestion.reasons
    assert "no_history" in codes and "wishes" in codes
    assert "qualification units" in render_all(suggestion.reasons)


def test_the_content_scorer_prefers_what_the_client_wants() -> None:
    # given two sites alike but for their work, the wanted one a little farther
    ds, cat = load(
        document(
            sites=[
                site(id="s1", tags=["cleaning"], description="Siivousta.", lat=60.985),
                site(id="s2", tags=["woodwork"], description="Puutöitä.", lat=60.99),
            ],
            jobs=[],
        )
    )
    ranked = Ranker(ContentScorer(), cat).rank(ds.clients[0])
    assert [s.placement_id for s in ranked] == ["s2", "s1"]


def test_a_negated_wish_reads_as_an_avoidance_not_a_match() -> None:
    # given the client of issue 13, a cafe full of people and a calm workshop
    calm = "Toivon rauhallista paikkaa, jossa ei ole liikaa ihmisiä"
    ds, cat = load(
        document(
            sites=[
                site(
                    id="s1",
                    name="Kahvila",
                    tags=["cafe"],
                    description="Kahvilassa tapaat paljon ihmisiä joka päivä.",
                ),
                site(
                    id="s2",
                    name="Verstas",
                    tags=["crafts"],
                    description="Rauhallinen verstas pienelle ryhmälle.",
                    lat=60.99,
                ),
            ],
            jobs=[],
            clients=[client(interests=[], wishes=calm)],
        )
    )
    # when
    ranked = Ranker(ContentScorer(), cat).rank(ds.clients[0])
    # then the calm place comes first, and no reason says the client wished for people
    assert [s.placement_id for s in ranked] == ["s2", "s1"]
    said = [r for s in ranked for r in s.reasons if r.code == "wishes"]
    assert all("ihmisiä" not in r.params["words"] for r in said)
    assert Reason("wishes", {"words": ["rauhallista"]}) in ranked[0].reasons


def test_a_swedish_wish_scores_and_is_quoted_as_written() -> None:
    ds, cat = load(
        document(
            sites=[
                site(id="s1", tags=["woodwork"], description=""),
                site(id="s2", tags=["office"], description="", name="Kontor"),
            ],
            jobs=[],
            clients=[client(interests=[], wishes="Jag vill jobba med snickeri.")],
        )
    )
    ranked = Ranker(ContentScorer(), cat).rank(ds.clients[0])
    assert ranked[0].placement_id == "s1"
    assert Reason("wishes", {"words": ["snickeri"]}) in ranked[0].reasons


def test_a_client_with_no_allowed_placement_gets_nothing() -> None:
    ds, cat = load(document(clients=[client(max_travel_km=0.1)]))
    assert Ranker(ContentScorer(), cat).rank(ds.clients[0]) == []


def test_an_empty_catalogue_gives_nothing() -> None:
    ds, cat = load(document(sites=[], jobs=[]))
    ranker = Ranker(ContentScorer(), cat)
    assert ranker.rank(ds.clients[0]) == []
    assert ranker.rank_batch(list(ds.clients)) == [[]]


def _job_bank() -> tuple[Catalogue, list[str]]:
    sites = [
        site(
            id="s1",
            tags=["mailing", "office"],
            forms=["group_outside"],
            description="Postitusta ja toimistotöitä.",
        ),
        site(id="s2", tags=["woodwork"], services=["disability"]),
        site(id="s3", tags=["mailing"], lat=62.5, lon=26.0),  # far north
        site(id="s4", tags=["mailing"], seats_free=10),  # nobody in the group
        site(id="s5", tags=["mailing"], services=["rehabilitative"]),
    ]
    _, cat = load(document(sites=sites, jobs=[job()]))
    return cat, ["s1", "s2", "s3", "s4", "s5"]


def test_job_bank_suggests_near_similar_groups_first() -> None:
    cat, _ = _job_bank()
    suggestions = sites_for_job(cat.records[cat.index["j1"]], cat)  # type: ignore[arg-type]
    ids = [s.site_id for s in suggestions]
    assert ids[0] == "s1"
    assert "s3" not in ids and "s4" not in ids  # too far; no group
    assert Reason("shared_tag", {"tag": "mailing"}) in suggestions[0].reasons


def test_a_company_job_goes_only_to_disability_groups() -> None:
    cat, _ = _job_bank()
    company_job = job(organisation="o2")
    _, cat = load(
        document(
            sites=[
                site(id="s2", services=["disability"]),
                site(id="s5", services=["rehabilitative"]),
                site(id="s6"),
            ],
            jobs=[company_job],
        )
    )
    suggestions = sites_for_job(cat.records[cat.index["j1"]], cat)  # type: ignore[arg-type]
    assert {s.site_id for s in suggestions} == {"s2", "s6"}
    mixed = next(s for s in suggestions if s.site_id == "s6")
    assert Reason("disability_clients_only", {}) in mixed.reasons


@pytest.mark.parametrize("changes", [{"deadline": "2025-12-31"}, {"workers_needed": 0}])
def test_a_closed_or_staffed_job_gets_no_groups(changes: dict[str, object]) -> None:
    _, cat = load(document(jobs=[job(**changes)]))
    assert sites_for_job(cat.records[cat.index["j1"]], cat) == []  # type: ignore[arg-type]
