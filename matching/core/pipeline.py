"""The matcher's model: ONE scikit-learn Pipeline, every transform inside it.

Input is the feature table of :mod:`matching.core.features` (a float array whose columns
are :data:`~matching.core.features.FEATURE_NAMES`); output is the probability that a
placement ends in a positive exit. Scaling lives in the ColumnTransformer so that
training and serving cannot drift apart.
"""

from __future__ import annotations

from typing import Literal

from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import SplineTransformer, StandardScaler

from matching.core.features import COLUMN, FLAG_FEATURES, NUMERIC_FEATURES

#: Features whose effect is not monotone or not linear (a support level far from the
#: need in either direction; the first kilometres matter more): cubic splines.
SPLINE_FEATURES: tuple[str, ...] = ("support_gap", "log_distance")

ModelKind = Literal["logreg", "gbm"]
MODEL_KINDS: tuple[ModelKind, ...] = ("logreg", "gbm")


def make_pipeline(model: ModelKind = "logreg", random_state: int = 0) -> Pipeline:
    """ColumnTransformer (splines, scaled numbers, flags as they are) + estimator.

    ``logreg`` (default): a logistic regression — monotone, explainable, fast to
    serve. ``gbm``: a histogram gradient-boosting classifier for non-linear effects.
    """
    linear = [f for f in NUMERIC_FEATURES if f not in SPLINE_FEATURES]
    columns = ColumnTransformer(
        [
            (
                "splines",
                SplineTransformer(n_knots=5, degree=3),
                [COLUMN[f] for f in SPLINE_FEATURES],
            ),
            ("numeric", StandardScaler(), [COLUMN[f] for f in linear]),
            ("flags", "passthrough", [COLUMN[f] for f in FLAG_FEATURES]),
        ],
        remainder="drop",
        verbose_feature_names_out=False,
    )
    if model == "logreg":
        estimator: LogisticRegression | HistGradientBoostingClassifier = (
            LogisticRegression(C=1.0, max_iter=2000)
        )
    elif model == "gbm":
        estimator = HistGradientBoostingClassifier(
            learning_rate=0.05,
            max_iter=200,
            max_leaf_nodes=15,
            min_samples_leaf=30,
            l2_regularization=1.0,
            early_stopping=False,
            random_state=random_state,
        )
    else:
        raise ValueError(f"unknown model {model!r}; choose one of {MODEL_KINDS}")
    return Pipeline([("columns", columns), ("model", estimator)])
