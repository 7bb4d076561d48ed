"""Training, the artifact's metadata, and refusing artifacts of another version."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import numpy as np
import pytest
import sklearn

from matching.core import features as F
from matching.core import training
from matching.core import vocabulary as V
from matching.core.catalogue import Catalogue
from matching.core.dataset import parse
from matching.core.features import FEATURE_NAMES
from matching.core.lexicon import Lexicon
from matching.core.ranking import LazyModel
from matching.core.training import (
    ArtifactError,
    ArtifactVersionError,
    InsufficientHistoryError,
    TrainedModel,
    fit,
    load,
    read_metadata,
    save,
    training_table,
)
from matching.synthetic.world import World
from tests.factories.datasets import document, placement


def test_training_uses_only_placements_ended_by_the_history_date(world: World) -> None:
    # given a cut-off a year before as_of
    until = world.spec.as_of - dt.timedelta(days=365)
    cat = Catalogue.from_dataset(world.dataset, history_until=until)
    # when
    table = training_table(world.dataset, cat, Lexicon())
    # then exactly the ended periods with an exit, on or before the cut-off, are rows
    expected = [
        p for p in world.dataset.placements if p.end is not None and p.end <= until
    ]
    assert len(table.y) == len(expected) > 100
    assert max(table.end) <= until.toordinal()
    assert table.y.mean() == pytest.approx(
        np.mean([p.exit_reason in V.POSITIVE_EXITS for p in expected])
    )


def test_the_artifact_carries_its_metadata(trained: TrainedModel, world: World) -> None:
    meta = trained.metadata
    assert meta["format"] == training.ARTIFACT_FORMAT
    assert meta["sklearn_version"] == sklearn.__version__
    assert meta["code_version"] == training.code_version()
    assert meta["code_version"].startswith(training.MATCHER_VERSION + "+")
    assert meta["training_data_as_of"] == world.spec.as_of.isoformat()
    assert meta["training_rows"] > 100
    assert 0.1 < meta["positive_rate"] < 0.5
    assert meta["evaluation"]["holdout_rows"] > 0
    assert 0.5 < meta["evaluation"]["holdout_auc"] <= 1.0
    assert meta["feature_names"] == list(FEATURE_NAMES)
    assert meta["config"]["exposure"] == "neutralise"
    assert set(meta["weights"]["groups"]) >= {"goal", "history", "words", "fit"}
    assert sum(meta["weights"]["groups"].values()) == pytest.approx(1.0, abs=0.01)


def test_the_calibration_is_measured_on_the_hold_out(trained: TrainedModel) -> None:
    calibration = trained.calibration
    assert calibration is not None and calibration.rows > 100
    assert calibration.usable  # better than the base rate on the hold-out
    assert calibration.brier < calibration.brier_base
    bins = calibration.bins
    assert sum(b["periods"] for b in bins) == calibration.rows
    predicted = [b["predicted"] for b in bins]
    assert predicted == sorted(predicted)
    p = trained.probability(np.array([-3.0, 0.0, 3.0]))
    assert p is not None and np.all(np.diff(p) >= 0) and np.all((p >= 0) & (p <= 1))


def test_ranking_neutralises_exposure_and_penalises_distance(
    trained: TrainedModel, world: World
) -> None:
    # given feature rows that differ only in how often the place was used
    X = np.zeros((2, len(FEATURE_NAMES)))
    X[1, F.COLUMN["history_log_n"]] = 5.0
    # then the ranking score is the same; only distance to the limit lowers it
    z = trained.decision_function(X)
    assert z[0] == pytest.approx(z[1])
    X[1, F.COLUMN["distance_share"]] = 1.0
    z = trained.decision_function(X)
    assert z[0] - z[1] == pytest.approx(trained.config.distance_penalty)


def test_save_and_load_give_the_same_scores(
    trained: TrainedModel, tmp_path: Path
) -> None:
    # given a saved model
    path = tmp_path / "matcher.pkl"
    save(trained, path)
    # when
    loaded = load(path)
    # then
    X = np.random.default_rng(0).random((50, len(FEATURE_NAMES)))
    assert np.allclose(loaded.decision_function(X), trained.decision_function(X))
    assert loaded.metadata == trained.metadata
    assert read_metadata(path) == trained.metadata


def _tamper(path: Path, **changes: str) -> None:
    envelope = pickle.loads(path.read_bytes())
    envelope["metadata"].update(changes)
    path.write_bytes(pickle.dumps(envelope))


@pytest.mark.parametrize(
    "changes",
    [{"sklearn_version": "1.2.0"}, {"code_version": "0.9.0+000000000000"}],
)
def test_loading_refuses_another_version(
    trained: TrainedModel, tmp_path: Path, changes: dict[str, str]
) -> None:
    # given an artifact that says it was made by another version
    path = tmp_path / "matcher.pkl"
    save(trained, path)
    _tamper(path, **changes)
    # when / then
    with pytest.raises(
        ArtifactVersionError, match=re.escape(next(iter(changes.values())))
    ):
        load(path)


def test_loading_refuses_when_this_code_changed(
    trained: TrainedModel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "matcher.pkl"
    save(trained, path)
    monkeypatch.setattr(training, "code_version", lambda: "9.9.9+ffffffffffff")
    with pytest.raises(ArtifactVersionError, match="retrain"):
        load(path)


class Exploding:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("this must never run",))


@pytest.mark.parametrize(
    "content",
    [b"not a pickle", pickle.dumps({"format": "other"}), pickle.dumps(Exploding())],
)
def test_loading_refuses_what_is_not_an_artifact(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.pkl"
    path.write_bytes(content)
    with pytest.raises(ArtifactError):
        load(path)
    assert "must never run" not in capsys.readouterr().out


def test_the_lazy_model_reads_the_artifact_at_first_use(
    trained: TrainedModel, tmp_path: Path
) -> None:
    # given a lazy model whose file does not exist yet
    path = tmp_path / "later.pkl"
    lazy = LazyModel(path)
    assert not lazy.loaded
    # when the artifact appears and the model is used
    save(trained, path)
    X = np.zeros((2, len(FEATURE_NAMES)))
    scores = lazy.decision_function(X)
    # then
    assert lazy.loaded
    assert np.allclose(scores, trained.decision_function(X))


def test_a_missing_artifact_fails_only_when_used(tmp_path: Path) -> None:
    lazy = LazyModel(tmp_path / "missing.pkl")
    with pytest.raises(ArtifactError):
        lazy.get()


@pytest.mark.parametrize("exit_reason", ["illness", "studies"])
def test_one_sided_history_cannot_be_trained_on(exit_reason: str) -> None:
    # given 40 ended periods, all with the same kind of outcome
    rows = [
        placement(f"p{i}", "s1", "2024-01-01", "2024-05-01", exit_reason)
        for i in range(40)
    ]
    ds = parse(document(placements=rows))
    # when / then
    with pytest.raises(InsufficientHistoryError):
        fit(ds, Catalogue.from_dataset(ds))


def test_the_gbm_option_trains_too(world: World, world_catalogue: Catalogue) -> None:
    model = fit(world.dataset, world_catalogue, model="gbm")
    assert model.metadata["model"] == "gbm"
    assert type(model.pipeline[-1]).__name__ == "HistGradientBoostingClassifier"


def test_an_unknown_model_kind_is_an_error(
    world: World, world_catalogue: Catalogue
) -> None:
    with pytest.raises(ValueError, match="unknown model"):
        fit(world.dataset, world_catalogue, model="forest")  # type: ignore[arg-type]
