"""Great-circle distances, as the data set format defines them.

The hard rule on travel (``polku-dataset/1``, "Ranking output") measures the
haversine distance with an Earth radius of 6371.0 km from the client's home
municipality to the site or job. Every part of the matcher uses this one function so
that the rule, the features and the explanations agree to the last bit.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

EARTH_RADIUS_KM = 6371.0


def haversine_km(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> NDArray[np.float64]:
    """Haversine distance in km between points given in degrees.

    Inputs broadcast like numpy arrays: pass a column ``lat1[:, None]`` and a row
    ``lat2[None, :]`` to get a whole distance matrix in one call.
    """
    p1 = np.radians(np.asarray(lat1, dtype=np.float64))
    p2 = np.radians(np.asarray(lat2, dtype=np.float64))
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2, dtype=np.float64)) - np.radians(
        np.asarray(lon1, dtype=np.float64)
    )
    a = np.sin(dphi / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2.0) ** 2
    result: NDArray[np.float64] = (
        2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    )
    return result


def distance_matrix_km(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> NDArray[np.float64]:
    """All distances from the points ``(lat1, lon1)`` (rows) to ``(lat2, lon2)``."""
    return haversine_km(
        np.asarray(lat1, dtype=np.float64)[:, None],
        np.asarray(lon1, dtype=np.float64)[:, None],
        np.asarray(lat2, dtype=np.float64)[None, :],
        np.asarray(lon2, dtype=np.float64)[None, :],
    )
