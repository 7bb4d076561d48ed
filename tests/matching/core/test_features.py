"""The feature functions: goals, history, text, support, distance, what is never used."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from matching.core import features as F
from matching.core import history as H
from matching.core.catalogue import Catalogue, encode_clients
from matching.core.dataset import Dataset, SelfAssessment, parse
from matching.core.lexicon import Lexicon
from matching.core.training import training_table
from tests.factories.datasets import client, document, load, placement, site


def features_for(
    ds: Dataset, cat: Catalogue, client_index: int = 0
) -> dict[str, np.ndarray]:
    """Feature columns of one client against every catalogue row, by name."""
    batch = encode_clients([ds.clients[client_index]], cat)
    pj = np.arange(len(cat), dtype=np.int64)
    ci = np.zeros(len(cat), dtype=np.int64)
    km = cat.municipality_km[batch.municipality[ci], pj]
    X = F.pair_features(batch, cat, ci, pj, km)
    return {name: X[:, F.COLUMN[name]] for name in F.FEATURE_NAMES}


def test_goal_weights_fall_with_rank_and_sum_to_one() -> None:
    w = F.goal_weights(["studies", "employment", "work_trial"])
    ordered = [w[F.GOAL_INDEX[g]] for g in ("studies", "employment", "work_trial")]
    assert ordered[0] > ordered[1] > ordered[2] > 0
    assert w.sum() == pytest.approx(1.0)
    assert F.goal_weights([]).sum() == 0.0


@pytest.mark.parametrize(
    ("column", "placement_goal", "other_goal", "changes"),
    [
        (
            "goal_learning_units",
            "studies",
            "employment",
            {"learning_units": ["Asiakaspalvelu"]},
        ),
        ("goal_content", "employment", "studies", {"forms": ["individual"]}),
    ],
)
def test_the_first_goal_weighs_most(
    column: str, placement_goal: str, other_goal: str, changes: dict[str, object]
) -> None:
    # given a site that serves one goal, and two clients with the same two goals in
    # opposite order
    first = client(id="c1", goals=[placement_goal, other_goal])
    second = client(id="c2", goals=[other_goal, placement_goal])
    ds, cat = load(document(sites=[site(**changes)], jobs=[], clients=[first, second]))
    # when
    a = features_for(ds, cat, 0)[column][0]
    b = features_for(ds, cat, 1)[column][0]
    # then the client whose FIRST goal the site serves fits it better
    assert a > b > 0


def history_doc(late_exit: str | None, late_end: str | None) -> dict[str, object]:
    """Two periods at s1 before 2025-06-30, and one more that ends (or not) later."""
    clients = [client(id=f"c{i}") for i in range(1, 4)]
    return document(
        clients=clients,
        placements=[
            placement("p1", "s1", "2024-01-01", "2024-06-30", "ended_job_seeker", "c1"),
            placement("p2", "s1", "2024-02-01", "2024-08-31", "studies", "c2"),
            placement("p3", "s1", "2025-05-01", late_end, late_exit, "c3"),
        ],
    )


@pytest.mark.parametrize(
    ("late_exit", "late_end"),
    [("work_trial", "2025-09-30"), ("illness", "2025-09-30"), (None, None)],
)
def test_the_exit_rate_uses_training_period_placements_only(
    late_exit: str | None, late_end: str | None
) -> None:
    # given history up to 2025-06-30, and a third period that ends after it (or not)
    ds = parse(history_doc(late_exit, late_end))
    until = dt.date(2025, 6, 30)
    # when
    cat = Catalogue.from_dataset(ds, history_until=until)
    rate = features_for(ds, cat)["site_rate"][cat.index["s1"]]
    # then only the two periods that ended by then count: one positive of two
    h = cat.history
    assert h.n[cat.index["s1"]] == 2 and h.pos[cat.index["s1"]] == 1
    expected = (1 + h.prior_strength * h.prior_rate) / (2 + h.prior_strength)
    assert rate == pytest.approx(expected)


def test_a_new_site_gets_the_prior_and_is_ranked_on_content() -> None:
    # given history at s1 only, and a new site s2 with none
    doc = history_doc("work_trial", "2025-09-30")
    doc["sites"] = [site(), site(id="s2", learning_units=["Ruoanvalmistus"])]
    doc["placements"].append(  # type: ignore[attr-defined]
        placement("p4", "j1", "2024-03-01", "2024-04-01", "illness", "c1")
    )
    ds = parse(doc)
    cat = Catalogue.from_dataset(ds)
    # when
    f = features_for(ds, cat)
    new = cat.index["s2"]
    # then its rates are exactly the prior, and its content features still count
    h = cat.history
    assert f["site_rate"][new] == pytest.approx(h.prior_rate)
    assert f["goal_site_rate"][new] == pytest.approx(
        h.prior_rate + h.goal_rate[F.GOAL_INDEX["employment"]] - h.prior_rate
    )
    assert f["history_log_n"][new] == 0.0
    assert f["goal_learning_units"][new] == pytest.approx(1.0)
    assert f["site_rate"][cat.index["s1"]] != pytest.approx(h.prior_rate)


def test_a_training_row_never_sees_its_own_outcome() -> None:
    # given three periods at one site; the second one's outcome varies
    rows = {}
    for exit_reason in ("studies", "illness"):
        doc = history_doc("work_trial", "2025-09-30")
        doc["placements"][1]["exit_reason"] = exit_reason  # type: ignore[index]
        ds = parse(doc)
        rows[exit_reason] = training_table(ds, Catalogue.from_dataset(ds), Lexicon()).X
    # then that period's own row counts the same periods whatever its outcome, and
    # never itself (the shared prior moves by 1/N: see docs/model-card.md)
    col = F.COLUMN["history_log_n"]
    assert rows["studies"][1, col] == rows["illness"][1, col] < np.log1p(3)
    rate = F.COLUMN["site_rate"]
    assert abs(rows["studies"][1, rate] - rows["illness"][1, rate]) < 0.35


def test_out_of_fold_counts_leave_out_the_rows_own_fold() -> None:
    # given four known periods at place 0 in two folds, and one hold-out row
    seen = H.out_of_fold(
        place=np.array([0, 0, 0, 0, 0]),
        first_goal=np.array([1, 1, -1, 1, 1]),
        label=np.array([1.0, 0.0, 1.0, 1.0, 0.0]),
        exit_goals=np.zeros((5, len(H.GOALS))),
        fold=np.array([0, 0, 1, 1, 0]),
        known=np.array([True, True, True, True, False]),
        n_places=1,
    )
    # then a known row sees the other fold; the hold-out row sees every known row
    assert seen.n.tolist() == [2, 2, 2, 2, 4]
    assert seen.pos.tolist() == [2, 2, 1, 1, 3]
    assert seen.n_goal[:, 1].tolist() == [1, 1, 2, 2, 3]  # row 2 has no goal


def test_client_folds_are_stable_and_keep_a_clients_periods_together() -> None:
    ids = ["c1", "c2", "c1", "c3", "c10"]
    folds = H.fold_of(ids)
    assert folds[0] == folds[2]
    assert folds.tolist() == H.fold_of(ids).tolist()
    assert set(H.fold_of([f"c{i}" for i in range(100)]).tolist()) == set(range(5))


def test_wishes_meet_descriptions_on_base_forms() -> None:
    # given wishes in one inflection and a description in another
    sites = [
        site(id="s1", tags=["office"], description="Puutöissä tehdään huonekaluja."),
        site(
            id="s2",
            name="Toimisto",
            tags=["office"],
            description="Toimistossa arkistoidaan papereita.",
        ),
    ]
    wisher = client(interests=[], wishes="Haluaisin tehdä puutöitä.")
    ds, cat = load(document(sites=sites, jobs=[], clients=[wisher]))
    # when
    sim = features_for(ds, cat)["text_similarity"]
    # then
    assert sim[cat.index["s1"]] > 0.1
    assert sim[cat.index["s2"]] == 0.0


def test_tags_are_words_too() -> None:
    # given a woodwork site with no description and a client who writes about woodwork
    ds, cat = load(
        document(
            sites=[site(description="")],
            jobs=[],
            clients=[client(interests=[], wishes="Puutyö kiinnostaa")],
        )
    )
    assert features_for(ds, cat)["text_similarity"][0] > 0.1


def test_interest_overlap_is_the_share_of_interests_offered() -> None:
    ds, cat = load(
        document(
            sites=[site(tags=["woodwork", "firewood"])],
            jobs=[],
            clients=[client(interests=["woodwork", "kitchen"])],
        )
    )
    assert features_for(ds, cat)["interest_overlap"][0] == pytest.approx(0.5)


def test_an_avoided_word_is_never_a_match_and_reads_as_avoidance() -> None:
    # given a cafe described with people, and a client who avoids people
    sites = [
        site(id="s1", tags=["cafe"], description="Kahvilassa palvellaan ihmisiä."),
        site(id="s2", tags=["gardening"], description="Rauhallinen puutarha."),
    ]
    calm = "Toivon rauhallista paikkaa, jossa ei ole liikaa ihmisiä"
    ds, cat = load(
        document(sites=sites, jobs=[], clients=[client(interests=[], wishes=calm)])
    )
    # when
    f = features_for(ds, cat)
    cafe, garden = cat.index["s1"], cat.index["s2"]
    # then people count against the cafe, and calm for the garden
    assert f["wish_avoid"][cafe] == pytest.approx(1.0)
    assert f["wish_avoid"][garden] == 0.0
    assert f["text_similarity"][cafe] == 0.0
    assert f["text_similarity"][garden] > 0.1


def test_a_swedish_wish_names_the_kind_of_work() -> None:
    sites = [site(id="s1", tags=["woodwork"]), site(id="s2", tags=["office"])]
    ds, cat = load(
        document(
            sites=sites,
            jobs=[],
            clients=[client(interests=[], wishes="Jag vill jobba med snickeri.")],
        )
    )
    f = features_for(ds, cat)
    assert f["wish_fit"][cat.index["s1"]] == pytest.approx(1.0)
    assert f["wish_fit"][cat.index["s2"]] == 0.0


def assessment(date: str, score: int) -> SelfAssessment:
    return SelfAssessment(dt.date.fromisoformat(date), *([score] * 6))


def test_support_need_reads_the_latest_assessment_on_or_before_the_date() -> None:
    history = [assessment("2025-01-01", 2), assessment("2025-06-01", 9)]
    assert F.support_need(history) == pytest.approx((1.2, 1.0))
    assert F.support_need(history, dt.date(2025, 3, 1)) == pytest.approx((2.6, 1.0))
    assert F.support_need(history, dt.date(2024, 1, 1)) == (2.0, 0.0)


def test_a_remote_placement_beyond_the_limit_counts_as_no_travel() -> None:
    far = site(forms=["remote"], lat=61.204, lon=26.031)
    ds, cat = load(
        document(
            sites=[far], jobs=[], clients=[client(max_travel_km=10, remote_ok=True)]
        )
    )
    f = features_for(ds, cat)
    assert f["remote_beyond"][0] == 1.0
    assert f["distance_share"][0] == 0.0


FORBIDDEN = (
    "age",
    "gender",
    "sex",
    "origin",
    "language",
    "nationality",
    "health",
    "disability",
    "diagnosis",
)


def test_no_feature_describes_a_protected_trait() -> None:
    for name in F.FEATURE_NAMES:
        assert not any(word in name for word in FORBIDDEN), name


def test_languages_change_no_feature() -> None:
    # given the same client and site, once in Finnish and once in Swedish and Arabic
    def table(client_languages: list[str], site_languages: list[str]) -> np.ndarray:
        ds, cat = load(
            document(
                sites=[site(languages=site_languages)],
                clients=[client(languages=client_languages, wishes="Puutyöt")],
            )
        )
        return np.column_stack(list(features_for(ds, cat).values()))

    # then the features are identical
    assert np.array_equal(table(["fi"], ["fi"]), table(["sv", "ar"], ["sv"]))


def test_the_service_changes_no_feature_beyond_the_rules() -> None:
    # disability status is a service choice used only by the hard rules
    def table(service: str) -> np.ndarray:
        ds, cat = load(document(clients=[client(service=service)]))
        return np.column_stack(list(features_for(ds, cat).values()))

    assert np.array_equal(table("rehabilitative"), table("disability"))


def test_placement_order_in_the_catalogue_does_not_change_features() -> None:
    ds, _ = load(document(sites=[site(id="s1"), site(id="s2", tags=["kitchen"])]))
    cat = Catalogue.from_dataset(ds)
    reversed_cat = Catalogue.from_dataset(dataclasses.replace(ds, sites=ds.sites[::-1]))
    a = features_for(ds, cat)
    b = features_for(ds, reversed_cat)
    for name in F.FEATURE_NAMES:
        assert a[name][cat.index["s2"]] == pytest.approx(
            b[name][reversed_cat.index["s2"]]
        )
