"""The world family: the structure is drawn per seed; the records are valid data."""

from __future__ import annotations

import numpy as np

from matching.core import vocabulary as V
from matching.core.catalogue import Catalogue
from matching.core.dataset import parse
from matching.synthetic.family import draw_structure, make_family_world
from matching.synthetic.family.structure import AGE_BANDS


def test_the_structure_differs_between_seeds_and_repeats_for_one() -> None:
    structures = [draw_structure(seed) for seed in range(20)]
    assert draw_structure(3) == structures[3]
    assert len({s.policy for s in structures}) == 3
    assert len({round(s.w_interest, 3) for s in structures}) == 20
    assert {s.distance_form for s in structures} == {"log_km", "share_of_limit"}


def test_a_family_world_is_a_valid_data_set_with_hidden_audit_groups() -> None:
    world = make_family_world(7, n_clients=400)
    ds = parse(world.data)
    assert len(ds.clients) == 400 and ds.placements
    assert set(world.audit["age_band"]) <= set(AGE_BANDS)
    # audit attributes never reach the records
    assert "age_band" not in str(world.data["clients"][0])
    ended = [p for p in ds.placements if p.exit_reason]
    rate = np.mean([p.exit_reason in V.POSITIVE_EXITS for p in ended])
    assert abs(rate - world.structure.base_rate) < 0.08


def test_wishes_are_varied_with_negations_and_some_swedish() -> None:
    wishes = []
    for seed in range(4):
        world = make_family_world(seed, n_clients=300)
        wishes += [c.wishes for c in world.dataset.clients if c.wishes]
    text = " ".join(wishes)
    assert len(set(wishes)) > 0.9 * len(wishes)
    assert any(cue in text for cue in ("En halua", "ei kiinnosta", "ilman"))
    assert any(cue in text for cue in ("Jag ", "inte "))


def test_the_truth_is_a_probability_for_every_pair() -> None:
    world = make_family_world(11, n_clients=300)
    cat = Catalogue.from_dataset(world.dataset)
    ids = [c.id for c in world.dataset.clients[:50]]
    p = world.true_probability(cat, ids)
    assert p.shape == (50, len(cat))
    assert np.all((p > 0) & (p < 1))
