"""Ranking on content alone: what ``rank_dataset`` and the web use with no history.

Hand-set weights on the goal, word, schedule, support and distance features, in
log-odds around the usual 30 % positive rate. Its scores are for ORDERING only: it
was never calibrated against outcomes, so no percentage is shown from it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from matching.core import features as F
from matching.core.lexicon import Lexicon

F64 = NDArray[np.float64]
CONTENT_VERSION = "2"


class ContentScorer:
    """The fallback scorer (module docstring)."""

    WEIGHTS: dict[str, float] = {
        "goal_history": 1.0,
        "goal_learning_units": 1.5,
        "goal_content": 1.5,
        "interest_overlap": 2.0,
        "wish_fit": 1.5,
        "wish_avoid": -2.0,
        "text_similarity": 1.0,
        "days_fit": 0.3,
        "hours_fit": 0.3,
        "support_gap_abs": -0.5,
        "distance_share": -0.7,
        "site_rate": 1.0,
    }

    def __init__(self) -> None:
        self._w = np.zeros(len(F.FEATURE_NAMES))
        for name, weight in self.WEIGHTS.items():
            self._w[F.COLUMN[name]] = weight

    @property
    def metadata(self) -> dict[str, Any]:
        return {"model": "content", "content_version": CONTENT_VERSION}

    @property
    def lexicon(self) -> Lexicon:
        """The curated words only: nothing was learned."""
        return Lexicon()

    def decision_function(self, X: F64) -> F64:
        return np.asarray(X @ self._w - 1.5, dtype=np.float64)

    def probability(self, z: F64) -> F64 | None:
        """Never a percentage: these scores were not calibrated."""
        return None
