"""Pure functions from records to the feature table, shared by training and serving.

A row of the table describes one client–placement pair. What the matcher looks at:

* the client's goals against what the placement leads to — its past positive exits
  (training period only), its learning units (→ studies) and its forms and tags —
  with the client's FIRST goal weighted highest (domain.md: placement by the client's
  own goals);
* interests and wishes against tags and description (Finnish TF-IDF);
* schedule fit, travel distance, the self-assessment against the support level;
* the site's positive-exit rate, smoothed with an empirical-Bayes Beta prior, overall
  and among past clients with the same first goal.

NEVER a feature: age, gender, origin, language (a proxy for origin), health or
disability status. The data set carries none of these except languages, and
languages are deliberately not read here; the service (rehabilitative / disability)
and accessibility needs are read only by the hard rules. The self-assessment touches
on health, so it enters only as one number — the gap between the support its mean
score suggests and the site's support level — never as a gate (see
docs/model-card.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.core.dataset import SelfAssessment
from matching.core.history import PairHistory

if TYPE_CHECKING:
    from matching.core.catalogue import Catalogue, ClientBatch

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
GOAL_INDEX = {g: i for i, g in enumerate(V.GOALS)}

#: Each later goal weighs this much of the one before: 1, ½, ¼ … (then normalised).
GOAL_RANK_DECAY = 0.5
#: A job-bank job is done in a supervised group: medium support.
JOB_SUPPORT_LEVEL = 2.0
#: Pseudo-count of the prior when smoothing the rate among clients with the same goal.
SIMILAR_PRIOR_STRENGTH = 5.0
#: Distances are capped here: beyond it, farther makes no difference to the model.
DISTANCE_CAP_KM = 300.0

#: What each form of activity typically leads to (domain.md: forms and next steps).
FORM_GOALS: dict[str, dict[str, float]] = {
    "workshop": {
        "life_management": 0.5,
        "social_participation": 0.5,
        "own_product": 0.3,
        "work_ability_assessment": 0.3,
    },
    "assisting": {"work_trial": 0.5, "work_ability_assessment": 0.5, "employment": 0.3},
    "remote": {"own_product": 0.4, "life_management": 0.3},
    "group_outside": {
        "social_participation": 0.6,
        "employment": 0.4,
        "work_trial": 0.3,
    },
    "individual": {"employment": 0.6, "work_trial": 0.5},
}
#: Tags where a client can develop their own product (disability work activity).
TAG_GOALS: dict[str, dict[str, float]] = {
    "digital_media": {"own_product": 0.6},
    "photography": {"own_product": 0.6},
    "crafts": {"own_product": 0.6},
}

FEATURE_NAMES: tuple[str, ...] = (
    "goal_history",
    "goal_learning_units",
    "goal_content",
    "interest_overlap",
    "text_similarity",
    "days_fit",
    "hours_fit",
    "support_gap",
    "support_gap_abs",
    "has_assessment",
    "distance_km",
    "log_distance",
    "distance_share",
    "remote_beyond",
    "site_rate",
    "history_log_n",
    "similar_rate",
    "is_job",
)
#: 0/1 columns, passed through unscaled.
FLAG_FEATURES: tuple[str, ...] = ("has_assessment", "remote_beyond", "is_job")
NUMERIC_FEATURES: tuple[str, ...] = tuple(
    f for f in FEATURE_NAMES if f not in FLAG_FEATURES
)
COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}


def goal_weights(goals: Sequence[str]) -> F64:
    """Weight per goal, decreasing with its rank in the client's list, summing to 1.

    The first goal is the client's own priority (interchange.md: "ordered: the
    client's first goal first"), so it weighs most.
    """
    out = np.zeros(len(V.GOALS))
    for rank, goal in enumerate(goals):
        out[GOAL_INDEX[goal]] = GOAL_RANK_DECAY**rank
    total = out.sum()
    return out / total if total else out


def first_goal_index(goals: Sequence[str]) -> int:
    """Index of the client's first goal in ``V.GOALS``; -1 when none is named."""
    return GOAL_INDEX[goals[0]] if goals else -1


def content_goal_profile(forms: Sequence[str], tags: Sequence[str]) -> F64:
    """How strongly a placement's forms and tags suit each goal (0–1, strongest wins)."""
    out = np.zeros(len(V.GOALS))
    for table, keys in ((FORM_GOALS, forms), (TAG_GOALS, tags)):
        for key in keys:
            for goal, value in table.get(key, {}).items():
                out[GOAL_INDEX[goal]] = max(out[GOAL_INDEX[goal]], value)
    return out


def learning_unit_profile(learning_units: Sequence[str]) -> F64:
    """Learning at work (opinnollistaminen): qualification units lead to studies."""
    out = np.zeros(len(V.GOALS))
    if learning_units:
        out[GOAL_INDEX["studies"]] = 1.0
    return out


def support_need(
    assessments: Sequence[SelfAssessment], on: dt.date | None = None
) -> tuple[float, float]:
    """Support the client's latest self-assessment suggests, 1 (light) … 3 (close).

    Reads the newest assessment on or before ``on`` (all when ``on`` is None) and
    returns ``(need, 1.0)``; ``(2.0, 0.0)`` when there is none. The scores are
    conversation material, never a gate: this only feeds a fit feature.
    """
    usable = [a for a in assessments if on is None or a.date <= on]
    if not usable:
        return 2.0, 0.0
    a = usable[-1]
    mean = sum(getattr(a, area) for area in V.SELF_ASSESSMENT_AREAS) / 6.0
    return 1.0 + 2.0 * (10.0 - mean) / 10.0, 1.0


def pair_dot(a: F64 | sp.csr_matrix, b: F64 | sp.csr_matrix, ci: I64, pj: I64) -> F64:
    """Row-wise dot products ``a[ci[k]] · b[pj[k]]`` without a Python loop.

    When the pairs cover much of the client × placement grid, one matrix product
    and a gather is fastest; otherwise only the gathered rows are multiplied.
    """
    if ci.size == 0:
        return np.zeros(0)
    if a.shape[0] * b.shape[0] <= 8 * ci.size + 4096:
        full = a @ b.T
        dense: F64 = sp.csr_matrix(full).toarray() if sp.issparse(full) else full
        return np.asarray(dense[ci, pj], dtype=np.float64)
    if sp.issparse(a):
        rows = sp.csr_matrix(a[ci]).multiply(sp.csr_matrix(b[pj]))
        return np.asarray(rows.sum(axis=1), dtype=np.float64).ravel()
    out: F64 = np.einsum("ij,ij->i", np.asarray(a)[ci], np.asarray(b)[pj])
    return out


def pair_features(
    batch: ClientBatch,
    cat: Catalogue,
    ci: I64,
    pj: I64,
    km: F64,
    seen: PairHistory | None = None,
) -> F64:
    """The feature table for the pairs ``(batch[ci[k]], cat[pj[k]])``.

    ``km`` is each pair's travel distance. Columns are :data:`FEATURE_NAMES`.
    History features read the catalogue's history, or ``seen`` when given: training
    passes, per row, only the outcomes that ended before the row's own period began
    (:func:`matching.core.history.counts_before`), so a row never sees its own label.
    """
    out = np.empty((ci.size, len(FEATURE_NAMES)))
    _goal_columns(out, batch, cat, ci, pj, seen)
    _interest_columns(out, batch, cat, ci, pj)
    _schedule_columns(out, batch, cat, ci, pj)
    _distance_columns(out, batch, cat, ci, pj, km)
    _history_columns(out, batch, cat, ci, pj, seen)
    out[:, COLUMN["is_job"]] = cat.is_job[pj]
    return out


def _goal_columns(
    out: F64,
    batch: ClientBatch,
    cat: Catalogue,
    ci: I64,
    pj: I64,
    seen: PairHistory | None,
) -> None:
    """Goal fit: Σ over the client's goals of weight × what the placement leads to.

    From history: the smoothed share of periods whose positive exit served the goal.
    """
    h = cat.history
    w = batch.goal_weights
    prior = h.prior_strength * h.goal_prior
    if seen is None:
        numerator = pair_dot(w, h.exit_goal + prior, ci, pj)
        n = h.n[pj]
    else:
        numerator = np.einsum("ij,ij->i", w[ci], seen.exit_goal + prior)
        n = seen.n
    out[:, COLUMN["goal_history"]] = numerator / (n + h.prior_strength)
    out[:, COLUMN["goal_learning_units"]] = pair_dot(w, cat.unit_goals, ci, pj)
    out[:, COLUMN["goal_content"]] = pair_dot(w, cat.content_goals, ci, pj)


def _interest_columns(
    out: F64, batch: ClientBatch, cat: Catalogue, ci: I64, pj: I64
) -> None:
    """Share of the client's interests among the tags; wishes vs description."""
    shared = pair_dot(batch.interests, cat.tags, ci, pj)
    out[:, COLUMN["interest_overlap"]] = shared / np.maximum(batch.n_interests[ci], 1.0)
    out[:, COLUMN["text_similarity"]] = pair_dot(batch.text, cat.text.matrix, ci, pj)


def _range_fit(value: I64, lo: I64, hi: I64) -> F64:
    """1 at the middle of the site's range, falling towards and beyond its ends."""
    mid = (lo + hi) / 2.0
    half = (hi - lo) / 2.0
    return np.clip(1.0 - np.abs(value - mid) / (half + 1.0), -1.0, 1.0)


def _schedule_columns(
    out: F64, batch: ClientBatch, cat: Catalogue, ci: I64, pj: I64
) -> None:
    """Schedule and support fit (jobs have no schedule range: a neutral 0.5)."""
    job = cat.is_job[pj]
    days = _range_fit(batch.days[ci], cat.days_lo[pj], cat.days_hi[pj])
    hours = _range_fit(batch.hours[ci], cat.hours_lo[pj], cat.hours_hi[pj])
    out[:, COLUMN["days_fit"]] = np.where(job, 0.5, days)
    out[:, COLUMN["hours_fit"]] = np.where(job, 0.5, hours)
    gap = cat.support[pj] - batch.support_need[ci]
    out[:, COLUMN["support_gap"]] = gap
    out[:, COLUMN["support_gap_abs"]] = np.abs(gap)
    out[:, COLUMN["has_assessment"]] = batch.has_assessment[ci]


def _distance_columns(
    out: F64, batch: ClientBatch, cat: Catalogue, ci: I64, pj: I64, km: F64
) -> None:
    """Travel: a remote placement beyond the client's limit is done from home."""
    limit = batch.max_km[ci]
    beyond = (km > limit) & cat.remote[pj] & batch.remote_ok[ci]
    travel = np.where(beyond, 0.0, np.minimum(km, DISTANCE_CAP_KM))
    out[:, COLUMN["distance_km"]] = travel
    out[:, COLUMN["log_distance"]] = np.log1p(travel)
    out[:, COLUMN["distance_share"]] = np.minimum(travel / np.maximum(limit, 1.0), 2.0)
    out[:, COLUMN["remote_beyond"]] = beyond


def _history_columns(
    out: F64,
    batch: ClientBatch,
    cat: Catalogue,
    ci: I64,
    pj: I64,
    seen: PairHistory | None,
) -> None:
    """Smoothed positive-exit rates: overall, and among clients with the same goal.

    ``(positives + κ·m) / (periods + κ)``: a place without history gets exactly the
    prior rate m, so a new site is ranked on its content alone.
    """
    h = cat.history
    g1 = batch.first_goal[ci]
    has_goal = g1 >= 0
    if seen is None:
        g1 = np.maximum(g1, 0)
        n, pos = h.n[pj], h.pos[pj]
        n_goal, pos_goal = h.n_goal[pj, g1], h.pos_goal[pj, g1]
    else:
        n, pos, n_goal, pos_goal = seen.n, seen.pos, seen.n_goal, seen.pos_goal
    k = h.prior_strength
    rate = (pos + k * h.prior_rate) / (n + k)
    similar = (pos_goal + SIMILAR_PRIOR_STRENGTH * rate) / (
        n_goal + SIMILAR_PRIOR_STRENGTH
    )
    out[:, COLUMN["site_rate"]] = rate
    out[:, COLUMN["history_log_n"]] = np.log1p(n)
    out[:, COLUMN["similar_rate"]] = np.where(has_goal, similar, rate)
