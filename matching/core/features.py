"""Pure functions from records to the feature table, shared by training and serving.

A row of the table describes one client–placement pair. Feature groups
(:data:`GROUPS`; the evaluation refits without each in turn):

* ``goal`` — the client's goals (first goal weighted most) against what the place
  leads to: its forms and tags (a curated table), its learning units (→ studies)
  and the goals its past positive exits served;
* ``history`` — the place's positive-exit rate and its rate among clients with the
  same goals, both shrunk towards the mean (empirical Bayes, hierarchically: the
  goal's rate at the site towards the site's rate shifted by the goal's overall rate);
  training rows see them computed out of fold (:mod:`matching.core.history`);
* ``exposure`` — how often the place was used and how far it is relative to the
  client's own travel limit. They describe how the history was CHOSEN (habit,
  popularity), not what works, so the model is fitted with them (to keep the other
  weights clean) and ranking neutralises them (:mod:`matching.core.training`);
* ``words`` — stated interests against tags, the kinds of work the client's wishes
  name or avoid (:mod:`matching.core.lexicon`), and the wanted words against the
  place's text (TF-IDF of base forms);
* ``fit`` — schedule and support level against the self-assessment.

NEVER a feature: age, gender, origin, language (a proxy for origin), health or
disability status. The data set carries none of these except languages, and
languages are deliberately not read here; the service (rehabilitative / disability)
and accessibility needs are read only by the hard rules. The self-assessment touches
on health, so it enters only as the gap between the support its mean score suggests
and the site's support level, never as a gate (see docs/model-card.md).
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
from matching.core.history import PairHistory, rate_tables

if TYPE_CHECKING:
    from matching.core.catalogue import Catalogue, ClientBatch

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
GOAL_INDEX = {g: i for i, g in enumerate(V.GOALS)}

#: Each later goal weighs this much of the one before: 1, ½, ¼ … (then normalised).
GOAL_RANK_DECAY = 0.5
#: A job-bank job is done in a supervised group: medium support.
JOB_SUPPORT_LEVEL = 2.0

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

GROUPS: dict[str, tuple[str, ...]] = {
    "goal": ("goal_content", "goal_learning_units", "goal_history"),
    "history": ("site_rate", "goal_site_rate"),
    "exposure": ("history_log_n", "distance_share"),
    "words": (
        "interest_overlap",
        "interest_any",
        "wish_fit",
        "wish_avoid",
        "text_similarity",
    ),
    "fit": (
        "days_fit",
        "hours_fit",
        "support_gap",
        "support_gap_abs",
        "has_assessment",
    ),
    "kind": ("remote_beyond", "is_job"),
}
FEATURE_NAMES: tuple[str, ...] = tuple(f for names in GROUPS.values() for f in names)
#: 0/1 columns, passed through unscaled.
FLAG_FEATURES: tuple[str, ...] = ("has_assessment", "remote_beyond", "is_job")
#: Columns that describe how the history was chosen: neutralised when ranking.
EXPOSURE_FEATURES: tuple[str, ...] = GROUPS["exposure"]
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
    if sp.issparse(a) and a.shape[0] <= 64:
        # a few clients (the web page's one): a dense product, no sparse result
        small = np.asarray(b @ sp.csr_matrix(a).toarray().T, dtype=np.float64)
        return np.asarray(small[pj, ci], dtype=np.float64)
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
    passes, per row, the outcomes of the other folds only
    (:func:`matching.core.history.out_of_fold`), so a row never sees its own label.
    """
    out = np.empty((ci.size, len(FEATURE_NAMES)))
    _goal_columns(out, batch, cat, ci, pj)
    _history_columns(out, batch, cat, ci, pj, seen)
    _word_columns(out, batch, cat, ci, pj)
    _schedule_columns(out, batch, cat, ci, pj)
    _distance_columns(out, batch, cat, ci, pj, km)
    out[:, COLUMN["is_job"]] = cat.is_job[pj]
    return out


def _goal_columns(
    out: F64, batch: ClientBatch, cat: Catalogue, ci: I64, pj: I64
) -> None:
    """Goal fit: Σ over the client's goals of weight × what the placement leads to."""
    w = batch.goal_weights
    out[:, COLUMN["goal_learning_units"]] = pair_dot(w, cat.unit_goals, ci, pj)
    out[:, COLUMN["goal_content"]] = pair_dot(w, cat.content_goals, ci, pj)


def _history_columns(
    out: F64,
    batch: ClientBatch,
    cat: Catalogue,
    ci: I64,
    pj: I64,
    seen: PairHistory | None,
) -> None:
    """Shrunk rates (see :func:`matching.core.history.rate_tables`): a place with no
    history gets exactly the prior, so a new site is ranked on its content alone."""
    h = cat.history
    w = batch.goal_weights
    has_goal = batch.first_goal[ci] >= 0
    if seen is None:
        rate = h.tables.rate[pj]
        goal_rate = pair_dot(w, h.tables.goal_rate, ci, pj)
        goal_history = pair_dot(w, h.tables.goal_history, ci, pj)
        n = h.n[pj]
    else:
        t = rate_tables(
            seen.n, seen.pos, seen.n_goal, seen.pos_goal, seen.exit_goal, h.priors
        )
        rate = t.rate
        goal_rate = np.einsum("ij,ij->i", w[ci], t.goal_rate)
        goal_history = np.einsum("ij,ij->i", w[ci], t.goal_history)
        n = seen.n
    out[:, COLUMN["site_rate"]] = rate
    out[:, COLUMN["goal_site_rate"]] = np.where(has_goal, goal_rate, rate)
    out[:, COLUMN["goal_history"]] = goal_history
    out[:, COLUMN["history_log_n"]] = np.log1p(n)


def _word_columns(
    out: F64, batch: ClientBatch, cat: Catalogue, ci: I64, pj: I64
) -> None:
    """Stated interests offered; kinds of work the wishes name or avoid; text."""
    shared = pair_dot(batch.interests, cat.tags, ci, pj)
    out[:, COLUMN["interest_overlap"]] = shared / np.maximum(batch.n_interests[ci], 1.0)
    out[:, COLUMN["wish_fit"]] = np.minimum(pair_dot(batch.want, cat.tags, ci, pj), 1.0)
    # every kind of work the client named, stated or written: the share offered
    named = np.maximum(batch.interests, batch.want)
    out[:, COLUMN["interest_any"]] = pair_dot(named, cat.tags, ci, pj) / np.maximum(
        named.sum(axis=1)[ci], 1.0
    )
    out[:, COLUMN["wish_avoid"]] = np.minimum(
        pair_dot(batch.avoid, cat.tags, ci, pj), 1.0
    )
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


def travel_share(km: F64, limit: F64, beyond: NDArray[np.bool_]) -> F64:
    """Travel as a share of the client's own limit, 0–1 (done from home: 0)."""
    share = np.minimum(km / np.maximum(limit, 1.0), 1.0)
    return np.where(beyond, 0.0, share)


def _distance_columns(
    out: F64, batch: ClientBatch, cat: Catalogue, ci: I64, pj: I64, km: F64
) -> None:
    """Travel relative to the client's limit; a remote placement beyond the limit
    is done from home."""
    limit = batch.max_km[ci]
    beyond = (km > limit) & cat.remote[pj] & batch.remote_ok[ci]
    out[:, COLUMN["distance_share"]] = travel_share(km, limit, beyond)
    out[:, COLUMN["remote_beyond"]] = beyond
