"""Fixtures for the matcher's tests: pure Python, no database."""

from __future__ import annotations

import pytest

from matching.core.catalogue import Catalogue
from matching.core.ranking import Ranker
from matching.core.training import TrainedModel, fit
from matching.synthetic.world import World, make_world


@pytest.fixture(scope="session")
def world() -> World:
    """A small synthetic region with three years of biased history."""
    return make_world(n_clients=1200, n_sites=80, n_jobs=30, seed=5)


@pytest.fixture(scope="session")
def world_catalogue(world: World) -> Catalogue:
    return Catalogue.from_dataset(world.dataset)


@pytest.fixture(scope="session")
def trained(world: World, world_catalogue: Catalogue) -> TrainedModel:
    return fit(world.dataset, world_catalogue)


@pytest.fixture(scope="session")
def ranker(trained: TrainedModel, world_catalogue: Catalogue) -> Ranker:
    return Ranker(trained, world_catalogue)
