"""Score the matcher against the planted truth of synthetic worlds.

For each seed: build a world, train on the placements that ended in years 1–2, and
rank for the clients who started a period in year 3 (the test clients), using only
history up to the end of year 2. Every method ranks the same allowed placements:

* ``model`` — the trained matcher, through :class:`matching.core.ranking.Ranker`;
* ``content_only`` — the same Ranker with the hand-set content scorer that
  ``rank_dataset`` falls back to when there is no history to learn from;
* ``random``, ``nearest`` (nearest first), ``tags_then_distance`` (most shared
  interest tags, then nearest), ``most_popular`` (most past placements, then nearest);
* ``oracle`` — ranks by the planted truth (the ceiling; NDCG 1 by definition).

Metrics per method, averaged over test clients with at least one allowed placement:
NDCG@10 with the true probability as gain (ideal order taken over the ALLOWED
placements), the true probability of the top suggestion, and hard-rule violations
(counted by :func:`matching.core.rules.explain`, independently of the mask).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from matching.core.catalogue import Catalogue, ClientBatch, encode_clients
from matching.core.pipeline import ModelKind
from matching.core.ranking import ContentScorer, Ranker
from matching.core.rules import allowed, explain, travel_km
from matching.core.training import fit
from matching.synthetic.world import World, make_world

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
Progress = Callable[[str], None]
METHODS = (
    "model",
    "content_only",
    "random",
    "nearest",
    "tags_then_distance",
    "most_popular",
    "oracle",
)
K = 10


@dataclass
class MethodScores:
    """One method's figures on one world (or their mean over worlds)."""

    ndcg: float
    top1_truth: float
    violations: int


@dataclass
class WorldResult:
    seed: int
    test_clients: int
    training_rows: int
    scores: dict[str, MethodScores]
    seconds: float


@dataclass
class Results:
    """Per-seed results and their means; :meth:`table` prints the summary."""

    worlds: list[WorldResult] = field(default_factory=list)

    def mean(self, method: str) -> MethodScores:
        s = [w.scores[method] for w in self.worlds]
        return MethodScores(
            ndcg=float(np.mean([x.ndcg for x in s])),
            top1_truth=float(np.mean([x.top1_truth for x in s])),
            violations=sum(x.violations for x in s),
        )

    def std(self, method: str) -> float:
        return float(np.std([w.scores[method].ndcg for w in self.worlds]))

    def table(self) -> str:
        """The summary table (Markdown), one row per method."""
        lines = [
            f"{len(self.worlds)} seed(s): "
            + ", ".join(str(w.seed) for w in self.worlds),
            "",
            "| method | NDCG@10 (mean ± sd) | true P(positive) of top-1 | violations |",
            "|---|---:|---:|---:|",
        ]
        for method in METHODS:
            m = self.mean(method)
            lines.append(
                f"| {method} | {m.ndcg:.3f} ± {self.std(method):.3f} | "
                f"{m.top1_truth:.3f} | {m.violations} |"
            )
        gap = self.mean("model").ndcg - self.mean("tags_then_distance").ndcg
        lines += ["", f"model − tags_then_distance NDCG@10: {gap:+.3f}"]
        return "\n".join(lines)


def ndcg_at_k(gains: F64, truth_allowed: list[F64], k: int = K) -> F64:
    """NDCG@k per client: ``gains`` (clients × k, 0 where no suggestion) against the
    ideal order of each client's allowed true probabilities."""
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    dcg = gains[:, :k] @ discount[: gains.shape[1]]
    ideal = np.array(
        [np.sort(t)[::-1][:k] @ discount[: min(k, t.size)] for t in truth_allowed]
    )
    return np.where(ideal > 0, dcg / np.where(ideal > 0, ideal, 1.0), 0.0)


def _top_by(scores: F64, mask: NDArray[np.bool_], km: F64, k: int) -> I64:
    """Rows of the k best allowed placements per client (ties: nearer), -1 padded."""
    s = np.where(mask, scores, -np.inf)
    order = np.lexsort((km, -s), axis=1)[:, :k]
    return np.where(np.take_along_axis(mask, order, axis=1), order, -1)


def _baseline_scores(
    world: World, batch: ClientBatch, cat: Catalogue, km: F64, truth: F64, seed: int
) -> dict[str, F64]:
    rng = np.random.default_rng(seed + 7919)
    shared = batch.interests @ cat.tags.T
    return {
        "random": rng.random(km.shape),
        "nearest": -km,
        "tags_then_distance": shared,
        "most_popular": np.broadcast_to(cat.history.n, km.shape),
        "oracle": truth,
    }


def _score_method(
    rows: I64, truth: F64, mask: NDArray[np.bool_], batch: ClientBatch, cat: Catalogue
) -> MethodScores:
    valid = rows >= 0
    gains = np.where(valid, np.take_along_axis(truth, np.maximum(rows, 0), 1), 0.0)
    has = mask.any(axis=1)
    nd = ndcg_at_k(gains[has], [truth[i][mask[i]] for i in np.flatnonzero(has)])
    violations = sum(
        1
        for i, client in enumerate(batch.records)
        for row in rows[i][valid[i]].tolist()
        if explain(client, cat.ids[row], cat)
    )
    return MethodScores(
        ndcg=float(nd.mean()) if nd.size else 0.0,
        top1_truth=float(gains[has, 0].mean()) if has.any() else 0.0,
        violations=violations,
    )


def evaluate_world(world: World, model: ModelKind = "logreg") -> WorldResult:
    """Train on years 1…n−1, test on the last year's starters (module docstring)."""
    began = time.perf_counter()
    cutoff = world.spec.as_of - dt.timedelta(days=365)
    cat = Catalogue.from_dataset(world.dataset, history_until=cutoff)
    trained = fit(world.dataset, cat, model=model)
    test_ids = sorted(
        {p.client for p in world.dataset.placements if p.start >= cutoff},
        key=lambda c: world.client_row[c],
    )
    clients = [world.dataset.clients[world.client_row[c]] for c in test_ids]
    batch = encode_clients(clients, cat)
    km = travel_km(batch, cat)
    mask = allowed(batch, cat, km)
    truth = world.true_probability(cat, test_ids)
    tops = {
        "model": Ranker(trained, cat).top_k(batch, K).rows,
        "content_only": Ranker(ContentScorer(), cat).top_k(batch, K).rows,
    }
    for name, scores in _baseline_scores(
        world, batch, cat, km, truth, world.spec.seed
    ).items():
        tops[name] = _top_by(scores, mask, km, K)
    return WorldResult(
        seed=world.spec.seed,
        test_clients=len(clients),
        training_rows=int(trained.metadata["training_rows"]),
        scores={m: _score_method(tops[m], truth, mask, batch, cat) for m in METHODS},
        seconds=time.perf_counter() - began,
    )


def evaluate(
    seeds: int | list[int] = 5,
    progress: Progress = print,
    model: ModelKind = "logreg",
    n_clients: int = 2500,
    n_sites: int = 150,
    n_jobs: int = 60,
) -> Results:
    """Evaluate over several synthetic worlds, printing progress, return results."""
    seed_list = list(range(seeds)) if isinstance(seeds, int) else list(seeds)
    results = Results()
    for n, seed in enumerate(seed_list, start=1):
        progress(f"[{n}/{len(seed_list)}] seed {seed}: building the world…")
        world = make_world(
            n_clients=n_clients, n_sites=n_sites, n_jobs=n_jobs, seed=seed
        )
        progress(f"[{n}/{len(seed_list)}] seed {seed}: training and ranking…")
        result = evaluate_world(world, model=model)
        results.worlds.append(result)
        m, t = result.scores["model"], result.scores["tags_then_distance"]
        progress(
            f"[{n}/{len(seed_list)}] seed {seed}: {result.test_clients} test clients, "
            f"{result.training_rows} training rows, NDCG@10 model {m.ndcg:.3f} vs "
            f"tags-then-distance {t.ndcg:.3f}, violations {m.violations} "
            f"({result.seconds:.1f} s)"
        )
    return results
