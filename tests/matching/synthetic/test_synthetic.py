"""The synthetic world: valid data, a planted truth, a biased history."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from matching.core import features as F
from matching.core import vocabulary as V
from matching.core.catalogue import Catalogue, encode_clients
from matching.core.dataset import parse
from matching.core.rules import allowed, travel_km
from matching.synthetic.world import World, make_world


def test_the_world_is_a_valid_data_set(world: World) -> None:
    ds = parse(world.data)
    assert len(ds.clients) == 1200 and len(ds.sites) == 80 and len(ds.jobs) == 30
    assert ds.placements and ds.queries
    assert {o.kind for o in ds.organisations} >= {"association", "company"}


def test_the_same_seed_gives_the_same_world() -> None:
    a = make_world(n_clients=60, n_sites=10, n_jobs=4, seed=3)
    b = make_world(n_clients=60, n_sites=10, n_jobs=4, seed=3)
    c = make_world(n_clients=60, n_sites=10, n_jobs=4, seed=4)
    assert a.data == b.data
    assert a.data != c.data


def test_about_thirty_percent_of_periods_end_positively(world: World) -> None:
    ended = [p for p in world.dataset.placements if p.exit_reason is not None]
    rate = np.mean([p.exit_reason in V.POSITIVE_EXITS for p in ended])
    assert rate == pytest.approx(0.30, abs=0.05)


def test_history_spans_the_years_before_as_of(world: World) -> None:
    starts = [p.start for p in world.dataset.placements]
    assert min(starts) >= world.history_start
    assert max(starts) < world.spec.as_of
    assert any(p.end is None for p in world.dataset.placements)


def test_the_truth_is_a_probability_for_every_pair(world: World) -> None:
    cat = Catalogue.from_dataset(world.dataset)
    truth = world.true_probability(cat, [c.id for c in world.dataset.clients[:50]])
    assert truth.shape == (50, len(cat))
    assert 0.0 < truth.min() and truth.max() < 1.0
    assert truth.std() > 0.1


def test_history_was_chosen_by_habit_not_by_fit(world: World) -> None:
    # given the sites clients went to, and all the sites allowed for them
    cat = Catalogue.from_dataset(world.dataset)
    rows = {c.id: i for i, c in enumerate(world.dataset.clients)}
    sited = [p for p in world.dataset.placements if p.site is not None]
    batch = encode_clients([world.dataset.clients[rows[p.client]] for p in sited], cat)
    km = travel_km(batch, cat)
    chosen = np.array([cat.index[p.site or ""] for p in sited])
    past = dataclasses.replace(cat, available=np.ones(len(cat), dtype=bool))
    ok = allowed(batch, past, km) & ~cat.is_job[None, :]
    # then the chosen ones are much nearer than the allowed ones on average, and the
    # nearest allowed site is chosen far more often than a random choice would
    chosen_km = km[np.arange(len(sited)), chosen]
    allowed_km = (km * ok).sum() / ok.sum()
    assert chosen_km.mean() < 0.6 * allowed_km
    nearer = ((km < chosen_km[:, None]) & ok).sum(axis=1)
    assert (nearer == 0).mean() > 2 * (1.0 / ok.sum(axis=1)).mean()


def test_the_truth_is_no_single_feature(world: World) -> None:
    # given the allowed pairs of a hundred clients
    cat = Catalogue.from_dataset(
        world.dataset, history_until=world.spec.as_of - dt.timedelta(days=365)
    )
    clients = world.dataset.clients[:100]
    batch = encode_clients(clients, cat)
    km = travel_km(batch, cat)
    ci, pj = np.nonzero(allowed(batch, cat, km))
    X = F.pair_features(batch, cat, ci, pj, km[ci, pj])
    truth = world.true_probability(cat, [c.id for c in clients])[ci, pj]
    # then no feature alone explains the truth, though several carry some of it
    corr = [
        abs(np.corrcoef(X[:, j], truth)[0, 1])
        for j in range(X.shape[1])
        if X[:, j].std() > 0
    ]
    assert max(corr) < 0.8
    assert sum(c > 0.1 for c in corr) >= 4


def test_a_national_world_spreads_over_finland() -> None:
    small = make_world(
        n_clients=80,
        n_sites=12,
        n_jobs=4,
        seed=1,
        region="finland",
        n_municipalities=60,
    )
    ds = parse(small.data)
    assert len(ds.municipalities) == 60
    lats = [m.lat for m in ds.municipalities]
    assert min(lats) < 61.0 and max(lats) > 64.0
