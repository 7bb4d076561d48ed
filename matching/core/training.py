"""Fit the matcher on a data set's history, evaluate it, save and load the artifact.

Training rows are the placements that ended on or before the catalogue's history date
(the data set's ``as_of`` in production) with an exit reason; the label is whether the
exit is positive (``vocabulary.POSITIVE_EXITS``). In its history features each row
sees the outcomes of the other folds of clients only
(:func:`matching.core.history.out_of_fold`), never its own.

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
from matching.core.calibration import Calibration, calibrate
from matching.core.catalogue import Catalogue, encode_clients
from matching.core.content import ContentScorer
from matching.core.dataset import Dataset, Placement
from matching.core.lexicon import Lexicon
from matching.core.pipeline import ModelConfig, ModelKind, make_pipeline
from matching.core.weights import model_weights
from matching.core.wishes import read_wish

MATCHER_VERSION = "2.0.0"
ARTIFACT_FORMAT = "polku-matcher/1"
#: Modules whose code decides the features or the model: a change to any of them
#: changes the code version and makes older artifacts refuse to load.
VERSIONED_MODULES = (
    "vocabulary.py",
    "geo.py",
    "language.py",
    "work_words.py",
    "wishes.py",
    "lexicon.py",
    "text.py",
    "history.py",
    "features.py",
    "catalogue.py",
    "pipeline.py",
    "calibration.py",
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
    end: NDArray[np.int64]  # ordinal dates


def training_rows(dataset: Dataset, cat: Catalogue) -> list[Placement]:
    """Periods that ended by the history date with an exit reason, at known places."""
    until = cat.history.until
    return [
        p
        for p in dataset.placements
        if until is not None
        and H.is_training_placement(p, until)
        and (p.site or p.job or "") in cat.index
    ]


def training_table(
    dataset: Dataset,
    cat: Catalogue,
    lexicon: Lexicon,
    known: NDArray[np.bool_] | None = None,
) -> TrainingTable:
    """One row per training period, features as at the period's start.

    The self-assessment is read as it stood when the period began. History features
    are out of fold (:func:`matching.core.history.out_of_fold`): a ``known`` row sees
    the known rows of the other folds, any other row (a hold-out) every known row.
    """
    rows = training_rows(dataset, cat)
    clients = {c.id: c for c in dataset.clients}
    batch = encode_clients(
        [clients[p.client] for p in rows],
        cat,
        assessed_on=[p.start for p in rows],
        lexicon=lexicon,
    )
    ci = np.arange(len(rows), dtype=np.int64)
    pj = np.array([cat.index[p.site or p.job or ""] for p in rows], dtype=np.int64)
    y = np.array([p.exit_reason in V.POSITIVE_EXITS for p in rows], dtype=np.int64)
    goals = np.array([H.exit_goal_vector(p.exit_reason) for p in rows])
    seen = H.out_of_fold(
        place=pj,
        first_goal=batch.first_goal,
        label=y.astype(np.float64),
        exit_goals=goals.reshape(len(rows), len(V.GOALS)),
        fold=H.fold_of([p.client for p in rows]),
        known=np.ones(len(rows), dtype=bool) if known is None else known,
        n_places=len(cat),
    )
    km = cat.municipality_km[batch.municipality, pj]
    X = F.pair_features(batch, cat, ci, pj, km, seen)
    end = np.array([(p.end or dt.date.min).toordinal() for p in rows], np.int64)
    return TrainingTable(X=X, y=y, end=end)


def learn_lexicon(dataset: Dataset) -> Lexicon:
    """Words → kinds of work from every client's wishes and stated interests."""
    return Lexicon.learn(
        [read_wish(c.wishes) for c in dataset.clients],
        [c.interests for c in dataset.clients],
    )


@dataclass(frozen=True, eq=False)
class TrainedModel:
    """A fitted Pipeline, how it ranks, its words and calibration, and metadata.

    :meth:`decision_function` is the RANKING score: the model's log-odds with the
    exposure columns set to their training means (how the history was chosen must
    not decide the ranking) minus the bounded distance penalty.
    """

    pipeline: Pipeline
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def config(self) -> ModelConfig:
        return ModelConfig.from_plain(self.metadata.get("config", {}))

    @property
    def lexicon(self) -> Lexicon:
        return Lexicon.from_plain(self.metadata.get("lexicon", {}))

    @property
    def calibration(self) -> Calibration | None:
        plain = self.metadata.get("calibration")
        return Calibration.from_plain(plain) if plain else None

    def decision_function(self, X: F64) -> F64:
        """Ranking scores for the feature table ``X`` (left unchanged)."""
        config = self.config
        neutral = self.metadata.get("neutral", {})
        share = X[:, F.COLUMN["distance_share"]]
        if config.exposure == "neutralise" and neutral:
            X = X.copy()
            for name, value in neutral.items():
                X[:, F.COLUMN[name]] = value
        # X is built by pair_features (finite floats of a known shape): scikit-learn's
        # input checks would cost more than the scoring of one client's sites.
        with sklearn.config_context(assume_finite=True, skip_parameter_validation=True):
            z = np.asarray(self.pipeline.decision_function(X), dtype=np.float64)
        return z - config.distance_penalty * share

    def probability(self, z: F64) -> F64 | None:
        """Calibrated chance of moving on for ranking scores, or None when the
        calibration was not measured well enough to show a percentage."""
        calibration = self.calibration
        if calibration is None or not calibration.usable:
            return None
        return calibration.probability(z)

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


def _neutral(X: F64, config: ModelConfig) -> dict[str, float]:
    if config.exposure != "neutralise":
        return {}
    return {name: float(X[:, F.COLUMN[name]].mean()) for name in F.EXPOSURE_FEATURES}


def fit(
    dataset: Dataset,
    cat: Catalogue,
    model: ModelKind = "logreg",
    config: ModelConfig | None = None,
) -> TrainedModel:
    """Fit on the history up to ``cat.history.until``.

    The latest 20 % of periods (by end) are a hold-out: a model fitted on the
    earlier 80 % (their history out of fold, the hold-out's history from them alone)
    scores them for the evaluation figures and the calibration. The returned model
    is refitted on every period and carries that calibration.
    """
    config = config or ModelConfig(kind=model)
    lexicon = learn_lexicon(dataset)
    n_rows = len(training_rows(dataset, cat))
    order = np.argsort(
        [p.end.toordinal() if p.end else 0 for p in training_rows(dataset, cat)],
        kind="stable",
    )
    test = order[int(n_rows * (1 - HOLDOUT_SHARE)) :]
    known = np.ones(n_rows, dtype=bool)
    known[test] = False
    split = training_table(dataset, cat, lexicon, known)
    check_trainable(split.y)
    figures, calibration = holdout_figures(split, known, config)
    table = training_table(dataset, cat, lexicon)
    pipeline = make_pipeline(config).fit(table.X, table.y)
    metadata = {
        "format": ARTIFACT_FORMAT,
        "matcher_version": MATCHER_VERSION,
        "code_version": code_version(),
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "model": config.kind,
        "config": config.to_plain(),
        "feature_names": list(F.FEATURE_NAMES),
        "training_data_as_of": dataset.as_of.isoformat(),
        "history_until": cat.history.until.isoformat() if cat.history.until else None,
        "trained_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "training_rows": len(table.y),
        "positive_rate": round(float(table.y.mean()), 4),
        "evaluation": figures,
        "calibration": calibration.to_plain() if calibration else None,
        "neutral": _neutral(table.X, config),
        "lexicon": lexicon.to_plain(),
    }
    trained = TrainedModel(pipeline, metadata)
    metadata["weights"] = model_weights(trained, table)
    return trained


def holdout_figures(
    table: TrainingTable, known: NDArray[np.bool_], config: ModelConfig
) -> tuple[dict[str, Any], Calibration | None]:
    """AUC, log loss and Brier of the 80 % model on the hold-out, the content-only
    ranking's AUC on the same periods, and the calibration fitted there."""
    train, test = np.flatnonzero(known), np.flatnonzero(~known)
    y_train, y_test = table.y[train], table.y[test]
    if len(set(y_train.tolist())) < 2 or len(set(y_test.tolist())) < 2:
        return {"holdout_rows": 0}, None
    pipeline = make_pipeline(config).fit(table.X[train], y_train)
    neutral = _neutral(table.X[train], config)
    interim = TrainedModel(pipeline, {"config": config.to_plain(), "neutral": neutral})
    z = interim.decision_function(table.X[test])
    raw = pipeline.predict_proba(table.X[test])[:, 1]
    content = ContentScorer().decision_function(table.X[test])
    figures = {
        "holdout_rows": int(len(test)),
        "holdout_auc": round(float(roc_auc_score(y_test, z)), 4),
        "holdout_auc_raw": round(float(roc_auc_score(y_test, raw)), 4),
        "content_holdout_auc": round(float(roc_auc_score(y_test, content)), 4),
        "holdout_log_loss": round(float(log_loss(y_test, raw, labels=[0, 1])), 4),
        "holdout_brier": round(float(brier_score_loss(y_test, raw)), 4),
        "holdout_positive_rate": round(float(y_test.mean()), 4),
    }
    calibration = calibrate(z, y_test, raw, float(y_train.mean()))
    return figures, calibration


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
