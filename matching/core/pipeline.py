"""The matcher's model: ONE scikit-learn Pipeline, every transform inside it, and the
settings that say how it is fitted and how it ranks (:class:`ModelConfig`).

Input is the feature table of :mod:`matching.core.features` (a float array whose columns
are :data:`~matching.core.features.FEATURE_NAMES`); output is the log-odds that a
placement ends in a positive exit. Scaling lives in the ColumnTransformer so that
training and serving cannot drift apart.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import SplineTransformer, StandardScaler

from matching.core.features import COLUMN, FLAG_FEATURES, GROUPS, NUMERIC_FEATURES

#: Features whose effect is not monotone (a support level far from the need in
#: either direction): cubic splines.
SPLINE_FEATURES: tuple[str, ...] = ("support_gap",)

ModelKind = Literal["logreg", "gbm"]
MODEL_KINDS: tuple[ModelKind, ...] = ("logreg", "gbm")
#: How the exposure columns (popularity, distance) are used: fitted and neutralised
#: when ranking, fitted and used as learned, or left out.
Exposure = Literal["neutralise", "learn", "drop"]
#: Log-odds taken off a place at the client's own travel limit (linear in the share
#: of the limit, bounded): chosen on the development worlds (docs/matcher-evaluation.md).
DISTANCE_PENALTY = 0.5


@dataclass(frozen=True)
class ModelConfig:
    """How the matcher is fitted and ranks (saved in the artifact's metadata)."""

    kind: ModelKind = "logreg"
    drop: tuple[str, ...] = ()  # feature groups left out (ablations)
    exposure: Exposure = "neutralise"
    distance_penalty: float = DISTANCE_PENALTY
    c: float = 1.0  # inverse regularisation of the logistic regression

    def features(self) -> list[str]:
        """The columns the model reads."""
        dropped = set(self.drop) | ({"exposure"} if self.exposure == "drop" else set())
        return [f for g, names in GROUPS.items() if g not in dropped for f in names]

    def to_plain(self) -> dict[str, Any]:
        plain = asdict(self)
        plain["drop"] = list(self.drop)
        return plain

    @classmethod
    def from_plain(cls, plain: dict[str, Any]) -> ModelConfig:
        values = dict(plain)
        values["drop"] = tuple(values.get("drop", ()))
        return cls(**values)


def make_pipeline(
    config: ModelConfig | ModelKind = "logreg", random_state: int = 0
) -> Pipeline:
    """ColumnTransformer (splines, scaled numbers, flags as they are) + estimator.

    ``logreg`` (default): a logistic regression — monotone, explainable, fast to
    serve. ``gbm``: a histogram gradient-boosting classifier for non-linear effects.
    """
    if isinstance(config, str):
        config = ModelConfig(kind=config)
    used = set(config.features())
    splines = [f for f in SPLINE_FEATURES if f in used]
    linear = [f for f in NUMERIC_FEATURES if f in used and f not in SPLINE_FEATURES]
    flags = [f for f in FLAG_FEATURES if f in used]
    parts: list[tuple[str, Any, list[int]]] = [
        ("numeric", StandardScaler(), [COLUMN[f] for f in linear]),
        ("flags", "passthrough", [COLUMN[f] for f in flags]),
    ]
    if splines:
        parts.insert(
            0,
            (
                "splines",
                SplineTransformer(n_knots=5, degree=3),
                [COLUMN[f] for f in splines],
            ),
        )
    columns = ColumnTransformer(
        parts, remainder="drop", verbose_feature_names_out=False
    )
    if config.kind == "logreg":
        estimator: LogisticRegression | HistGradientBoostingClassifier = (
            LogisticRegression(C=config.c, max_iter=2000)
        )
    elif config.kind == "gbm":
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
        raise ValueError(f"unknown model {config.kind!r}; choose one of {MODEL_KINDS}")
    return Pipeline([("columns", columns), ("model", estimator)])
