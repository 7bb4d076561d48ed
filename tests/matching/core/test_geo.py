"""Haversine distances, as the format defines them."""

from __future__ import annotations

import math

import numpy as np
import pytest

from matching.core.geo import EARTH_RADIUS_KM, distance_matrix_km, haversine_km


def test_the_earth_radius_is_the_formats() -> None:
    assert EARTH_RADIUS_KM == 6371.0


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 1.0), 2 * math.pi * 6371.0 / 360),  # 1° on the equator
        ((0.0, 0.0), (90.0, 0.0), math.pi * 6371.0 / 2),  # equator to pole
        ((0.0, 0.0), (0.0, 180.0), math.pi * 6371.0),  # antipodes
        ((60.0, 25.0), (61.0, 25.0), 2 * math.pi * 6371.0 / 360),  # 1° of latitude
    ],
)
def test_known_distances(
    a: tuple[float, float], b: tuple[float, float], km: float
) -> None:
    assert float(haversine_km(*a, *b)) == pytest.approx(km, rel=1e-12)
    assert float(haversine_km(*b, *a)) == pytest.approx(float(haversine_km(*a, *b)))


def _reference(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def test_finnish_distances_match_a_plain_python_haversine() -> None:
    rng = np.random.default_rng(0)
    points = np.column_stack(
        [rng.uniform(59.8, 70.0, (200, 2)), rng.uniform(20.0, 31.5, (200, 2))]
    )
    for lat1, lat2, lon1, lon2 in points:
        assert float(haversine_km(lat1, lon1, lat2, lon2)) == pytest.approx(
            _reference(lat1, lon1, lat2, lon2), abs=1e-9
        )


def test_a_point_is_zero_from_itself() -> None:
    assert float(haversine_km(61.2, 26.0, 61.2, 26.0)) == 0.0


def test_the_matrix_is_every_pair() -> None:
    lat1, lon1 = np.array([60.0, 61.0]), np.array([25.0, 26.0])
    lat2, lon2 = np.array([60.5, 62.0, 60.0]), np.array([25.5, 27.0, 25.0])
    m = distance_matrix_km(lat1, lon1, lat2, lon2)
    assert m.shape == (2, 3)
    for i in range(2):
        for j in range(3):
            assert m[i, j] == pytest.approx(
                float(haversine_km(lat1[i], lon1[i], lat2[j], lon2[j]))
            )
    assert m[0, 2] == 0.0
