"""The public API the web layer calls: rank sites and jobs for clients.

    ranker = Ranker(LazyModel(settings.MATCHER_ARTIFACT), Catalogue.build(...))
    for s in ranker.rank(client, k=10):
        s.placement_id, s.kind, s.score, s.reasons   # reasons: (code, params)

A placement that breaks a hard rule (:mod:`matching.core.rules`) never appears: the rules
are applied as a mask before any scoring. The hot path is array code: rules, features
and scores for a whole chunk of clients at once, then a partial sort per client.
Thread limits for BLAS/OpenMP are the web layer's business.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np
from numpy.typing import NDArray

from matching.core import features as F
from matching.core import training
from matching.core.catalogue import TAG_INDEX, Catalogue, ClientBatch, encode_clients
from matching.core.dataset import Client
from matching.core.lexicon import Lexicon
from matching.core.reasons import Reason, reasons_for
from matching.core.rules import allowed, travel_km

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
Kind = Literal["site", "job"]
#: Pairs per chunk of the batch: bounds memory (a few dense arrays of this size).
CHUNK_PAIRS = 500_000


class Scorer(Protocol):
    """Anything that turns the feature table into ranking scores (higher first),
    with the words it reads wishes by and, if measured, calibrated probabilities."""

    @property
    def metadata(self) -> dict[str, Any]: ...

    @property
    def lexicon(self) -> Lexicon: ...

    def decision_function(self, X: F64) -> F64: ...

    def probability(self, z: F64) -> F64 | None: ...


class LazyModel:
    """A trained model read from its artifact at first use, then kept.

    Building one costs nothing, so the web layer can create it at start-up; the
    artifact (and its version check) is read at the first ranking.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._model: training.TrainedModel | None = None
        self._lock = threading.Lock()

    def get(self) -> training.TrainedModel:
        """The loaded model (raises ``training.ArtifactError`` if unusable)."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = training.load(self.path)
        return self._model

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def metadata(self) -> dict[str, Any]:
        return self.get().metadata

    @property
    def lexicon(self) -> Lexicon:
        return self.get().lexicon

    def decision_function(self, X: F64) -> F64:
        return self.get().decision_function(X)

    def probability(self, z: F64) -> F64 | None:
        return self.get().probability(z)


@dataclass(frozen=True)
class Suggestion:
    """One suggested placement. ``score`` orders the list (a ranking score, not a
    chance); ``probability`` is the calibrated chance of moving on, or None when
    the scorer's calibration was not measured well enough to show one."""

    placement_id: str
    kind: Kind
    score: float
    reasons: tuple[Reason, ...] = ()
    probability: float | None = None


@dataclass(frozen=True, eq=False)
class TopK:
    """Best placements per client: catalogue rows (-1 = none) and their log-odds."""

    rows: I64  # (clients, k)
    scores: F64  # (clients, k), -inf where rows is -1


class Ranker:
    """Ranks a catalogue's sites and jobs for clients with one scorer."""

    def __init__(self, scorer: Scorer, catalogue: Catalogue) -> None:
        self.scorer = scorer
        self.catalogue = catalogue
        self._lexicon: Lexicon | None = None

    def encode(self, clients: Sequence[Client]) -> ClientBatch:
        """Clients encoded against the catalogue with the scorer's words."""
        if self._lexicon is None:
            self._lexicon = self.scorer.lexicon
        return encode_clients(clients, self.catalogue, lexicon=self._lexicon)

    def rank(
        self,
        client: Client,
        k: int = 10,
        *,
        kind: Kind | None = None,
        max_km: float | None = None,
        tags: Iterable[str] = (),
        exclude: Iterable[str] = (),
        with_reasons: bool = True,
    ) -> list[Suggestion]:
        """The ``k`` best allowed placements for one client, best first.

        Filters narrow the result further (never widen it past the hard rules):
        ``kind`` sites or jobs only; ``max_km`` within this distance (remote ones
        the client can do from home pass); ``tags`` at least one of them;
        ``exclude`` leave these ids out (e.g. where the client already is).
        """
        batch = self.encode([client])
        extra = self._filter_mask(batch, kind, max_km, tuple(tags), set(exclude))
        top = self.top_k(batch, k, extra)
        return self._suggestions(batch, top, 0, with_reasons)

    def rank_batch(
        self,
        clients: Sequence[Client],
        k: int = 10,
        *,
        with_reasons: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[list[Suggestion]]:
        """:meth:`rank` for many clients at once (nightly batches), in chunks."""
        batch = self.encode(clients)
        top = self.top_k(batch, k, progress=progress)
        return [
            self._suggestions(batch, top, i, with_reasons) for i in range(len(clients))
        ]

    def top_k(
        self,
        batch: ClientBatch,
        k: int,
        extra: NDArray[np.bool_] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> TopK:
        """Best ``k`` allowed rows per client, processed in memory-bounded chunks."""
        n, k = len(batch), max(0, min(k, len(self.catalogue)))
        rows = np.full((n, k), -1, dtype=np.int64)
        scores = np.full((n, k), -np.inf)
        step = max(1, CHUNK_PAIRS // max(1, len(self.catalogue)))
        for start in range(0, n, step):
            part = slice(start, min(n, start + step))
            sub_extra = None if extra is None else extra[part]
            rows[part], scores[part] = self._top_k_chunk(batch.take(part), k, sub_extra)
            if progress is not None:
                progress(part.stop, n)
        return TopK(rows=rows, scores=scores)

    def _top_k_chunk(
        self, batch: ClientBatch, k: int, extra: NDArray[np.bool_] | None
    ) -> tuple[I64, F64]:
        cat = self.catalogue
        km = travel_km(batch, cat)
        mask = allowed(batch, cat, km)
        if extra is not None:
            mask &= extra
        ci, pj = np.nonzero(mask)
        dense = np.full(mask.shape, -np.inf)
        if ci.size:
            X = F.pair_features(batch, cat, ci, pj, km[ci, pj])
            dense[ci, pj] = self.scorer.decision_function(X)
        return _best_k(dense, km, k)

    def _filter_mask(
        self,
        batch: ClientBatch,
        kind: Kind | None,
        max_km: float | None,
        tags: tuple[str, ...],
        exclude: set[str],
    ) -> NDArray[np.bool_] | None:
        cat = self.catalogue
        if kind is None and max_km is None and not tags and not exclude:
            return None
        keep = np.ones(len(cat), dtype=bool)
        if kind is not None:
            keep &= cat.is_job == (kind == "job")
        if tags:
            keep &= cat.tags[:, [TAG_INDEX[t] for t in tags]].sum(axis=1) > 0
        if exclude:
            keep &= ~np.isin(np.asarray(cat.ids, dtype=object), list(exclude))
        mask = np.broadcast_to(keep, (len(batch), len(cat))).copy()
        if max_km is not None:
            near = travel_km(batch, cat) <= max_km
            mask &= near | (cat.remote[None, :] & batch.remote_ok[:, None])
        return mask

    def _suggestions(
        self, batch: ClientBatch, top: TopK, i: int, with_reasons: bool
    ) -> list[Suggestion]:
        cat = self.catalogue
        rows = top.rows[i][top.rows[i] >= 0]
        z = top.scores[i][: rows.size]
        probs = self.scorer.probability(z) if rows.size else None
        reasons: list[tuple[Reason, ...]] = [()] * rows.size
        if with_reasons and rows.size:
            reasons = reasons_for(batch, i, rows, cat, self._lexicon)
        return [
            Suggestion(
                placement_id=cat.ids[row],
                kind="job" if cat.is_job[row] else "site",
                score=round(float(score), 4),
                reasons=r,
                probability=None if probs is None else round(float(probs[n]), 4),
            )
            for n, (row, score, r) in enumerate(
                zip(rows.tolist(), z.tolist(), reasons, strict=True)
            )
        ]


def _best_k(dense: F64, km: F64, k: int) -> tuple[I64, F64]:
    """Per row, the ``k`` highest scores (ties: nearer first), best first."""
    n, m = dense.shape
    rows = np.full((n, k), -1, dtype=np.int64)
    scores = np.full((n, k), -np.inf)
    if n == 0 or m == 0 or k == 0:
        return rows, scores
    if k < m:
        cand = np.argpartition(-dense, k - 1, axis=1)[:, :k]
    else:
        cand = np.broadcast_to(np.arange(m), (n, m)).copy()
    s = np.take_along_axis(dense, cand, axis=1)
    d = np.take_along_axis(km, cand, axis=1)
    order = np.lexsort((cand, d, -s), axis=1)
    cand = np.take_along_axis(cand, order, axis=1)
    s = np.take_along_axis(s, order, axis=1)
    valid = np.isfinite(s)
    rows[:, : cand.shape[1]] = np.where(valid, cand, -1)
    scores[:, : cand.shape[1]] = s
    return rows, scores
