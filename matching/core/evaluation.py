"""Score rankings against a planted truth: one world at a time, worlds passed in.

Pure: the worlds (anything with the :class:`EvaluationWorld` shape) are built
elsewhere (:mod:`matching.synthetic.evaluation` runs the family and the fixed worlds).
For each world the learners train on the placements that ended by ``world.cutoff``
and rank for the clients who started a period after it, with history up to the
cutoff only. Every method ranks the same allowed placements:

* the learners given (the matcher and its ablations), through
  :class:`matching.core.ranking.Ranker`;
* ``content_only`` — the hand-set scorer ``rank_dataset`` falls back to;
* ``random``, ``nearest``, ``tags_then_distance`` (most shared interest tags, then
  nearest), ``most_popular`` (most past placements, then nearest);
* ``oracle`` — the planted truth (NDCG 1 by definition).

Per method: NDCG@10 with the true probability as gain (ideal order over the ALLOWED
placements), the true probability of the top suggestion, hard-rule violations
(:func:`matching.core.rules.explain`, independent of the mask), and per audit group
(age band, language of service: never features) the mean NDCG@10 and the share of
lists whose first place is one where moving on is likelier than the world's rate.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.core.catalogue import Catalogue, ClientBatch, encode_clients
from matching.core.content import ContentScorer
from matching.core.dataset import Dataset, Placement
from matching.core.ranking import Ranker, Scorer
from matching.core.rules import allowed, explain, travel_km

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
Bool = NDArray[np.bool_]
Learner = Callable[[Dataset, Catalogue], Scorer]
BASELINES = ("random", "nearest", "tags_then_distance", "most_popular", "oracle")
K = 10
#: Groups smaller than this are left out of the gaps (too noisy to compare).
MIN_GROUP = 30


class EvaluationWorld(Protocol):
    """What the evaluation needs of a world with a planted truth."""

    @property
    def seed(self) -> int: ...

    @property
    def dataset(self) -> Dataset: ...

    @property
    def cutoff(self) -> dt.date: ...

    def true_probability(self, cat: Catalogue, client_ids: list[str]) -> F64: ...

    def audit_groups(self, client_ids: list[str]) -> dict[str, list[str]]: ...


@dataclass
class MethodScores:
    """One method's figures on one world."""

    ndcg: float
    top1_truth: float
    violations: int
    #: attribute -> group -> (mean NDCG@10, share of lists with a good first place)
    groups: dict[str, dict[str, tuple[float, float]]] = field(default_factory=dict)

    def gap(self, attribute: str) -> float | None:
        """Largest minus smallest group NDCG@10 (None with fewer than two groups)."""
        values = [v[0] for v in self.groups.get(attribute, {}).values()]
        return max(values) - min(values) if len(values) >= 2 else None


@dataclass
class WorldResult:
    seed: int
    test_clients: int
    training_rows: int
    scores: dict[str, MethodScores]
    seconds: float
    info: dict[str, object] = field(default_factory=dict)


def ndcg_at_k(gains: F64, truth_allowed: list[F64], k: int = K) -> F64:
    """NDCG@k per client: ``gains`` (clients × k, 0 where no suggestion) against the
    ideal order of each client's allowed true probabilities."""
    discount = 1.0 / np.log2(np.arange(2, k + 2))
    dcg = gains[:, :k] @ discount[: gains.shape[1]]
    ideal = np.array(
        [np.sort(t)[::-1][:k] @ discount[: min(k, t.size)] for t in truth_allowed]
    )
    return np.where(ideal > 0, dcg / np.where(ideal > 0, ideal, 1.0), 0.0)


def top_by(scores: F64, mask: Bool, km: F64, k: int) -> I64:
    """Rows of the k best allowed placements per client (ties: nearer), -1 padded."""
    s = np.where(mask, scores, -np.inf)
    order = np.lexsort((km, -s), axis=1)[:, :k]
    return np.where(np.take_along_axis(mask, order, axis=1), order, -1)


def baseline_scores(
    batch: ClientBatch, cat: Catalogue, km: F64, truth: F64, seed: int
) -> dict[str, F64]:
    """The simple rankers' scores (clients × placements; higher first)."""
    rng = np.random.default_rng(seed + 7919)
    return {
        "random": rng.random(km.shape),
        "nearest": -km,
        "tags_then_distance": np.asarray(batch.interests @ cat.tags.T),
        "most_popular": np.broadcast_to(cat.history.n, km.shape),
        "oracle": truth,
    }


def _group_figures(
    nd: F64, good: Bool, groups: Mapping[str, list[str]]
) -> dict[str, dict[str, tuple[float, float]]]:
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for attribute, labels in groups.items():
        arr = np.asarray(labels, dtype=object)
        out[attribute] = {
            str(g): (float(nd[arr == g].mean()), float(good[arr == g].mean()))
            for g in sorted(set(labels))
            if int((arr == g).sum()) >= MIN_GROUP
        }
    return out


def score_method(
    rows: I64,
    truth: F64,
    mask: Bool,
    batch: ClientBatch,
    cat: Catalogue,
    groups: Mapping[str, list[str]],
    good_rate: float,
) -> MethodScores:
    """The figures of one ranking (module docstring) for the clients of ``batch``."""
    valid = rows >= 0
    gains = np.where(valid, np.take_along_axis(truth, np.maximum(rows, 0), 1), 0.0)
    has: Bool = np.asarray(mask.any(axis=1), dtype=bool)
    nd = ndcg_at_k(gains[has], [truth[i][mask[i]] for i in np.flatnonzero(has)])
    violations = sum(
        1
        for i, client in enumerate(batch.records)
        for row in rows[i][valid[i]].tolist()
        if explain(client, cat.ids[row], cat)
    )
    keep: list[bool] = has.tolist()
    kept = {
        a: [g for g, h in zip(v, keep, strict=True) if h] for a, v in groups.items()
    }
    good = gains[has, 0] >= good_rate
    return MethodScores(
        ndcg=float(nd.mean()) if nd.size else 0.0,
        top1_truth=float(gains[has, 0].mean()) if has.any() else 0.0,
        violations=violations,
        groups=_group_figures(nd, good, kept) if nd.size else {},
    )


def last_year_starters(world: EvaluationWorld) -> list[str]:
    """Clients who started a period after the cutoff, in the records' order."""
    order = {c.id: i for i, c in enumerate(world.dataset.clients)}
    started = {p.client for p in world.dataset.placements if p.start >= world.cutoff}
    return sorted(started, key=order.__getitem__)


def evaluate_world(
    world: EvaluationWorld, learners: Mapping[str, Learner]
) -> WorldResult:
    """Train every learner on the history up to the cutoff and score all methods."""
    began = time.perf_counter()
    ds = world.dataset
    cat = Catalogue.from_dataset(ds, history_until=world.cutoff)
    ids = last_year_starters(world)
    by_id = {c.id: c for c in ds.clients}
    clients = [by_id[c] for c in ids]
    batch = encode_clients(clients, cat)
    km = travel_km(batch, cat)
    mask = allowed(batch, cat, km)
    truth = world.true_probability(cat, ids)
    groups = world.audit_groups(ids)
    ended = [p for p in ds.placements if p.end is not None and p.end <= world.cutoff]
    good_rate = _positive_rate(ended)
    tops: dict[str, I64] = {}
    rows = 0
    for name, learn in learners.items():
        ranker = Ranker(learn(ds, cat), cat)
        rows = max(rows, int(ranker.scorer.metadata.get("training_rows", 0)))
        tops[name] = ranker.top_k(ranker.encode(clients), K).rows
    content = Ranker(ContentScorer(), cat)
    tops["content_only"] = content.top_k(content.encode(clients), K).rows
    for name, scores in baseline_scores(batch, cat, km, truth, world.seed).items():
        tops[name] = top_by(scores, mask, km, K)
    return WorldResult(
        seed=world.seed,
        test_clients=len(ids),
        training_rows=rows,
        scores={
            m: score_method(r, truth, mask, batch, cat, groups, good_rate)
            for m, r in tops.items()
        },
        seconds=time.perf_counter() - began,
    )


def _positive_rate(ended: list[Placement]) -> float:
    reasons = [p.exit_reason in V.POSITIVE_EXITS for p in ended]
    return float(np.mean(reasons)) if reasons else 0.3
