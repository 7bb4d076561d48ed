"""Fit the matcher on a data set's history, evaluate it, save and load the artifact.

Training rows are the placements that ended on or before the catalogue's history date
(the data set's ``as_of`` in production) with an exit reason; the label is whether the
exit is positive (``vocabulary.POSITIVE_EXITS``). In its history features each row
sees only the outcomes that ended before its own period began (:func:`matching.core.history.counts_before`), exactly as a ranking on that
day would have.

The artifact is one pickle file: an envelope of plain Python values (format, metadata)
holding the pickled Pipeline as bytes. :func:`load` reads the envelope with an
unpickler that refuses every class, checks the versions, and only then unpickles the
Pipeline — a model from another scikit-learn or another version of the feature code
is refused before any of its objects are built. Pickles run code: load only
artifacts you made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from numpy.typing import NDArray
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score
from sklearn.pipeline import Pipeline

from matching.core import features as F
from matching.core import history as H
from matching.core import vocabulary as V
from matching.core.catalogue import Catalogue, encode_clients
from matching.core.dataset import Dataset
from matching.core.pipeline import ModelKind, make_pipeline

MATCHER_VERSION = "1.0.0"
ARTIFACT_FORMAT = "polku-matcher/1"
#: Modules whose code decides the features or the model: a change to any of them
#: changes the code version and makes older artifacts refuse to load.
VERSIONED_MODULES = (
    "vocabulary.py",
    "geo.py",
    "text.py",
    "history.py",
    "features.py",
    "catalogue.py",
    "pipeline.py",
    "training.py",
)
MIN_TRAINING_ROWS = 30
MIN_CLASS_ROWS = 5
HOLDOUT_SHARE = 0.2

F64 = NDArray[np.float64]


class ArtifactError(Exception):
    """A model artifact cannot be used (unreadable or not a Polku matcher)."""


class ArtifactVersionError(ArtifactError):
    """The artifact was made by another scikit-learn or another matcher code."""


class InsufficientHistoryError(ValueError):
    """Too little history (or one class of outcomes only) to fit a model."""


def code_version() -> str:
    """``MATCHER_VERSION+hash``: the hash covers :data:`VERSIONED_MODULES`."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in VERSIONED_MODULES:
        digest.update(name.encode())
        digest.update((here / name).read_bytes())
    return f"{MATCHER_VERSION}+{digest.hexdigest()[:12]}"


@dataclass(frozen=True, eq=False)
class TrainingTable:
    """Features and labels of the training rows, with their end dates."""

    X: F64
    y: NDArray[np.int64]
    end: tuple[dt.date, ...]


def training_table(dataset: Dataset, cat: Catalogue) -> TrainingTable:
    """One row per training-period placement, features as at the period's start.

    Self-assessment and history are read as they stood when the period began.
    """
    until = cat.history.until
    clients = {c.id: c for c in dataset.clients}
    rows = [
        p
        for p in dataset.placements
        if until is not None
        and H.is_training_placement(p, until)
        and (p.site or p.job or "") in cat.index
    ]
    batch = encode_clients(
        [clients[p.client] for p in rows], cat, assessed_on=[p.start for p in rows]
    )
    ci = np.arange(len(rows), dtype=np.int64)
    pj = np.array([cat.index[p.site or p.job or ""] for p in rows], dtype=np.int64)
    y = np.array([p.exit_reason in V.POSITIVE_EXITS for p in rows], dtype=np.int64)
    goals = np.array([H.exit_goal_vector(p.exit_reason) for p in rows])
    seen = H.counts_before(
        place=pj,
        end=np.array([(p.end or dt.date.min).toordinal() for p in rows], np.int64),
        first_goal=batch.first_goal,
        label=y.astype(np.float64),
        exit_goals=goals.reshape(len(rows), len(V.GOALS)),
        at=np.array([p.start.toordinal() for p in rows], dtype=np.int64),
    )
    km = cat.municipality_km[batch.municipality, pj]
    X = F.pair_features(batch, cat, ci, pj, km, seen)
    return TrainingTable(X=X, y=y, end=tuple(p.end or dt.date.min for p in rows))


@dataclass(frozen=True, eq=False)
class TrainedModel:
    """A fitted Pipeline with the metadata saved beside it."""

    pipeline: Pipeline
    metadata: dict[str, Any] = field(default_factory=dict)

    def decision_function(self, X: F64) -> F64:
        """Log-odds of a positive exit (monotone in the probability)."""
        # X is built by pair_features (finite floats of a known shape): scikit-learn's
        # input checks would cost more than the scoring of one client's sites.
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            return np.asarray(self.pipeline.decision_function(X), dtype=np.float64)

    def with_evaluation(self, figures: dict[str, Any]) -> TrainedModel:
        """A copy whose metadata also records these evaluation figures."""
        evaluation = {**self.metadata.get("evaluation", {}), **figures}
        return TrainedModel(self.pipeline, {**self.metadata, "evaluation": evaluation})


def check_trainable(y: NDArray[np.int64]) -> None:
    """Raise :class:`InsufficientHistoryError` unless both outcomes are common enough."""
    positives = int(y.sum())
    if (
        len(y) < MIN_TRAINING_ROWS
        or min(positives, len(y) - positives) < MIN_CLASS_ROWS
    ):
        raise InsufficientHistoryError(
            f"{len(y)} ended placements, {positives} positive: need at least "
            f"{MIN_TRAINING_ROWS} with {MIN_CLASS_ROWS} of each outcome"
        )


def fit(dataset: Dataset, cat: Catalogue, model: ModelKind = "logreg") -> TrainedModel:
    """Fit on the history up to ``cat.history.until``; evaluate on its latest 20 %.

    The holdout figures come from a model fitted on the earlier 80 % (time order);
    the returned model is then refitted on every row.
    """
    table = training_table(dataset, cat)
    check_trainable(table.y)
    figures = _holdout_figures(table, model)
    pipeline = make_pipeline(model).fit(table.X, table.y)
    metadata = {
        "format": ARTIFACT_FORMAT,
        "matcher_version": MATCHER_VERSION,
        "code_version": code_version(),
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "model": model,
        "feature_names": list(F.FEATURE_NAMES),
        "training_data_as_of": dataset.as_of.isoformat(),
        "history_until": cat.history.until.isoformat() if cat.history.until else None,
        "trained_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "training_rows": len(table.y),
        "positive_rate": round(float(table.y.mean()), 4),
        "evaluation": figures,
    }
    return TrainedModel(pipeline, metadata)


def _holdout_figures(table: TrainingTable, model: ModelKind) -> dict[str, Any]:
    order = np.argsort(np.array([d.toordinal() for d in table.end]), kind="stable")
    cut = int(len(order) * (1 - HOLDOUT_SHARE))
    train, test = order[:cut], order[cut:]
    y_train, y_test = table.y[train], table.y[test]
    if len(set(y_train.tolist())) < 2 or len(set(y_test.tolist())) < 2:
        return {"holdout_rows": 0}
    p = make_pipeline(model).fit(table.X[train], y_train).predict_proba(table.X[test])
    p1 = p[:, 1]
    return {
        "holdout_rows": int(len(test)),
        "holdout_auc": round(float(roc_auc_score(y_test, p1)), 4),
        "holdout_log_loss": round(float(log_loss(y_test, p1, labels=[0, 1])), 4),
        "holdout_brier": round(float(brier_score_loss(y_test, p1)), 4),
        "holdout_positive_rate": round(float(y_test.mean()), 4),
    }


def save(model: TrainedModel, path: str | Path) -> None:
    """Write the artifact: plain-value envelope with the pickled Pipeline inside."""
    envelope = {
        "format": ARTIFACT_FORMAT,
        "metadata": model.metadata,
        "pipeline": pickle.dumps(model.pipeline, protocol=pickle.HIGHEST_PROTOCOL),
    }
    Path(path).write_bytes(pickle.dumps(envelope, protocol=pickle.HIGHEST_PROTOCOL))


class _PlainUnpickler(pickle.Unpickler):
    """Reads dicts, lists, strings, numbers and bytes; refuses every class."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"unexpected object {module}.{name} in envelope")


def read_metadata(path: str | Path) -> dict[str, Any]:
    """The artifact's metadata, without building any scikit-learn object."""
    return dict(_read_envelope(path)["metadata"])


def _read_envelope(path: str | Path) -> dict[str, Any]:
    try:
        raw = Path(path).read_bytes()
        envelope = _PlainUnpickler(io.BytesIO(raw)).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError) as exc:
        raise ArtifactError(f"{path}: not a readable matcher artifact ({exc})") from exc
    if not isinstance(envelope, dict) or envelope.get("format") != ARTIFACT_FORMAT:
        raise ArtifactError(f"{path}: not a {ARTIFACT_FORMAT} artifact")
    return envelope


def load(path: str | Path) -> TrainedModel:
    """Load an artifact; refuse one made by another scikit-learn or matcher code.

    Raises :class:`ArtifactVersionError` naming both versions: retrain the model
    (``rank_dataset`` trains afresh) rather than risk silently wrong rankings.
    """
    envelope = _read_envelope(path)
    meta = envelope["metadata"]
    expected = {"sklearn_version": sklearn.__version__, "code_version": code_version()}
    for key, value in expected.items():
        if meta.get(key) != value:
            raise ArtifactVersionError(
                f"{path}: made with {key} {meta.get(key)!r}, this code has {value!r}; "
                "retrain the matcher"
            )
    pipeline = pickle.loads(envelope["pipeline"])
    if not isinstance(pipeline, Pipeline):
        raise ArtifactError(f"{path}: the artifact holds no scikit-learn Pipeline")
    return TrainedModel(pipeline, dict(meta))
