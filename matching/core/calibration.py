"""Honest estimates: map ranking scores to probabilities only where measured.

The calibrator is fitted on HOLD-OUT periods (the latest ones, which the model that
scored them never saw) and stored as plain numbers: Platt scaling (a logistic curve
``1 / (1 + exp(−(a·z + b)))``) or isotonic regression (a step function, stored as its
knots). Which one, and how well it works, is measured by cross-validation inside the
hold-out: every figure (Brier score, reliability bins) comes from predictions for
periods the calibrator was not fitted on. A percentage is shown to people only when
:attr:`Calibration.usable`: enough hold-out periods of both outcomes, and a Brier
score better than always saying the base rate.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
Method = Literal["platt", "isotonic"]
MIN_ROWS = 100
MIN_CLASS = 15
BINS = 8


@dataclass(frozen=True)
class Calibration:
    """A fitted calibrator with its hold-out figures (all plain values)."""

    method: Method
    params: dict[str, list[float]]
    rows: int
    brier: float  # of the calibrated, cross-validated hold-out predictions
    brier_base: float  # of always predicting the training base rate
    brier_raw: float  # of the model's own probabilities before calibration
    bins: list[dict[str, float]] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """Measured on enough periods and better than the base rate."""
        return self.rows >= MIN_ROWS and self.brier < self.brier_base

    def probability(self, z: F64) -> F64:
        """Calibrated probability of a positive exit for ranking scores ``z``."""
        return apply(self.method, self.params, z)

    def to_plain(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_plain(cls, plain: dict[str, Any]) -> Calibration:
        return cls(**plain)


def apply(method: Method, params: dict[str, list[float]], z: F64) -> F64:
    if method == "platt":
        a, b = params["coef"]
        out: F64 = 1.0 / (1.0 + np.exp(-(a * z + b)))
        return out
    return np.interp(z, params["x"], params["y"])


def _fit(method: Method, z: F64, y: I64) -> dict[str, list[float]]:
    if method == "platt":
        lr = LogisticRegression(C=1e4).fit(z.reshape(-1, 1), y)
        return {"coef": [float(lr.coef_[0, 0]), float(lr.intercept_[0])]}
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(z, y)
    return {
        "x": [float(v) for v in iso.X_thresholds_],
        "y": [float(v) for v in iso.y_thresholds_],
    }


def _cross_validated(method: Method, z: F64, y: I64) -> F64:
    out = np.zeros(z.size)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    for train, test in folds.split(z.reshape(-1, 1), y):
        out[test] = apply(method, _fit(method, z[train], y[train]), z[test])
    return out


def reliability(p: F64, y: I64, bins: int = BINS) -> list[dict[str, float]]:
    """Equal-count bins: mean predicted probability, observed share, periods."""
    order = np.argsort(p, kind="stable")
    out = []
    for part in np.array_split(order, min(bins, max(1, p.size // 20))):
        if part.size:
            out.append(
                {
                    "predicted": round(float(p[part].mean()), 4),
                    "observed": round(float(y[part].mean()), 4),
                    "periods": int(part.size),
                }
            )
    return out


def calibrate(z: F64, y: I64, raw: F64, base_rate: float) -> Calibration | None:
    """Choose and fit the calibrator on hold-out scores ``z`` (module docstring);
    None when the hold-out is too small or one-sided to measure anything."""
    positives = int(y.sum())
    if z.size < MIN_ROWS or min(positives, z.size - positives) < MIN_CLASS:
        return None
    brier = {}
    predictions = {}
    for method in ("platt", "isotonic"):
        predictions[method] = _cross_validated(method, z, y)
        brier[method] = float(np.mean((predictions[method] - y) ** 2))
    best: Method = "platt" if brier["platt"] <= brier["isotonic"] else "isotonic"
    return Calibration(
        method=best,
        params=_fit(best, z, y),
        rows=int(z.size),
        brier=round(brier[best], 5),
        brier_base=round(float(np.mean((base_rate - y) ** 2)), 5),
        brier_raw=round(float(np.mean((raw - y) ** 2)), 5),
        bins=reliability(predictions[best], y),
    )
