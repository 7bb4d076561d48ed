"""What a trained model weighs, per feature group, for the organiser's matcher page.

For each group (:data:`matching.core.features.GROUPS`) the spread of its part of the
log-odds over the training rows: the standard deviation of how much the score moves
when the group's columns are set to their means. For the logistic regression this is
exactly the spread of the group's additive part; for boosted trees it is a close
reading. Shares sum to 1 over the groups the model reads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import sklearn

from matching.core import features as F

if TYPE_CHECKING:
    from matching.core.training import TrainedModel, TrainingTable

SAMPLE = 3000


def model_weights(model: TrainedModel, table: TrainingTable) -> dict[str, Any]:
    """``{"groups": {group: share}, "directions": {feature: +1/−1/0}}``."""
    rng = np.random.default_rng(0)
    rows = rng.permutation(len(table.y))[:SAMPLE]
    X = table.X[rows]
    used = set(model.config.features())
    with sklearn.config_context(assume_finite=True):
        base = np.asarray(model.pipeline.decision_function(X), dtype=np.float64)
        spread: dict[str, float] = {}
        directions: dict[str, int] = {}
        for group, names in F.GROUPS.items():
            cols = [F.COLUMN[n] for n in names if n in used]
            if not cols:
                continue
            flat = X.copy()
            flat[:, cols] = X[:, cols].mean(axis=0)
            part = base - np.asarray(model.pipeline.decision_function(flat))
            spread[group] = float(part.std())
            for name in names:
                if name in used and X[:, F.COLUMN[name]].std() > 0 and part.std() > 0:
                    r = np.corrcoef(X[:, F.COLUMN[name]], part)[0, 1]
                    directions[name] = int(np.sign(round(float(r), 2)))
    total = sum(spread.values()) or 1.0
    return {
        "groups": {g: round(v / total, 3) for g, v in spread.items()},
        "directions": directions,
    }
