"""The cross-world evaluation: build worlds, hand them to :mod:`matching.core.evaluation`.

Two sets of worlds:

* the **family** (:mod:`matching.synthetic.family`): a structure drawn per seed.
  Settings are chosen on :data:`DEV_SEEDS` and reported on :data:`REPORT_SEEDS`,
  which nothing was tuned on;
* the **fixed** worlds (:mod:`matching.synthetic.world`), one shape, kept as
  regression tests.

The learners are the matcher (:func:`matching.core.training.fit`) and, with
``ablations``, the matcher refitted without one feature group at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace

from threadpoolctl import threadpool_limits

from matching.core.catalogue import Catalogue
from matching.core.dataset import Dataset
from matching.core.evaluation import (
    EvaluationWorld,
    Learner,
    WorldResult,
    evaluate_world,
)
from matching.core.evaluation_summary import Results
from matching.core.pipeline import ModelConfig, ModelKind
from matching.core.ranking import Scorer
from matching.core.training import fit
from matching.synthetic.family import make_family_world
from matching.synthetic.world import make_world

Progress = Callable[[str], None]
DEV_SEEDS: tuple[int, ...] = tuple(range(100, 120))
REPORT_SEEDS: tuple[int, ...] = tuple(range(0, 30))
ABLATION_GROUPS = ("goal", "history", "words", "fit")


def learner(config: ModelConfig) -> Learner:
    """The matcher as trained by ``rank_dataset`` and the web layer, with ``config``."""

    def learn(ds: Dataset, cat: Catalogue) -> Scorer:
        return fit(ds, cat, config=config)

    return learn


def default_learners(
    model: ModelKind = "logreg", ablations: bool = False
) -> dict[str, Learner]:
    """The matcher; with ``ablations`` also refitted without each feature group, with
    the exposure columns learned (and used) instead of neutralised, and without the
    distance penalty."""
    base = ModelConfig(kind=model)
    out = {"model": learner(base)}
    if ablations:
        for group in ABLATION_GROUPS:
            out[f"without_{group}"] = learner(replace(base, drop=(group,)))
        out["exposure_learned"] = learner(
            replace(base, exposure="learn", distance_penalty=0.0)
        )
        out["no_distance_penalty"] = learner(replace(base, distance_penalty=0.0))
    return out


def variant_learners(variants: Mapping[str, ModelConfig]) -> dict[str, Learner]:
    """Named configurations, for choosing settings on the development seeds."""
    return {name: learner(config) for name, config in variants.items()}


def run(
    worlds: Iterable[tuple[int, Callable[[], EvaluationWorld]]],
    learners: Mapping[str, Learner],
    progress: Progress = print,
    label: str = "",
) -> Results:
    """Evaluate on each world in turn, printing one line per world."""
    results = Results(label=label)
    todo = list(worlds)
    main = next(iter(learners))
    for n, (seed, build) in enumerate(todo, start=1):
        # one BLAS thread: many small fits, where threads only contend (8× faster)
        with threadpool_limits(limits=1):
            result: WorldResult = evaluate_world(build(), learners)
        results.worlds.append(result)
        m, t = result.scores[main], result.scores["tags_then_distance"]
        progress(
            f"[{n}/{len(todo)}] seed {seed}: {result.test_clients} test clients, "
            f"{result.training_rows} training rows, NDCG@10 model {m.ndcg:.3f} vs "
            f"tags-then-distance {t.ndcg:.3f}, violations {m.violations} "
            f"({result.seconds:.1f} s)"
        )
    return results


def evaluate_family(
    seeds: Iterable[int] = REPORT_SEEDS,
    learners: Mapping[str, Learner] | None = None,
    progress: Progress = print,
    n_clients: int | None = None,
) -> Results:
    """The family's worlds ``seeds`` (report seeds unless told otherwise)."""
    worlds = [
        (seed, lambda seed=seed: make_family_world(seed, n_clients=n_clients))
        for seed in seeds
    ]
    return run(worlds, learners or default_learners(), progress, label="family")


def evaluate_fixed(
    seeds: Iterable[int] = range(5),
    learners: Mapping[str, Learner] | None = None,
    progress: Progress = print,
    n_clients: int = 2500,
    n_sites: int = 150,
    n_jobs: int = 60,
) -> Results:
    """The fixed worlds of one shape (the regression set of earlier versions)."""
    worlds = [
        (
            seed,
            lambda seed=seed: make_world(
                n_clients=n_clients, n_sites=n_sites, n_jobs=n_jobs, seed=seed
            ),
        )
        for seed in seeds
    ]
    return run(worlds, learners or default_learners(), progress, label="fixed")
