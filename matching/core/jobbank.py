"""Job bank (työpankki): which sites' groups could take a job.

A job-bank job is done by a supervised group (the ``group_outside`` form) or by a
site's group in its own premises. A site is suggested for a job when its group exists
(some seats are taken), its work is like the job's (tags, words), it is near enough
(unless the job is remote) and the group is big enough for the workers needed.

Rules applied before scoring, and why:

* a closed or fully staffed job gets no suggestions;
* a company's job only goes to sites that serve disability work activity — during
  rehabilitative work activity a client may not do a company's work (Act 189/2001);
  a mixed site gets the reason ``disability_clients_only`` so nobody forgets it;
* sites farther than ``max_km`` from the job are left out unless the job is remote.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.core.catalogue import SERVICE_BIT, TAG_INDEX, Catalogue, placement_text
from matching.core.dataset import Job, Site
from matching.core.geo import haversine_km
from matching.core.reasons import Reason

F64 = NDArray[np.float64]
WEIGHTS = {"tags": 2.0, "text": 1.0, "capacity": 0.5, "group_outside": 0.3, "km": 0.5}


@dataclass(frozen=True)
class GroupSuggestion:
    """A site whose group could take the job, with a relative score (0–1)."""

    site_id: str
    score: float
    reasons: tuple[Reason, ...]


def sites_for_job(
    job: Job,
    cat: Catalogue,
    organisation_kind: str | None = None,
    k: int = 10,
    max_km: float = 50.0,
) -> list[GroupSuggestion]:
    """The ``k`` sites best suited to do ``job``, best first (see module docstring).

    ``organisation_kind`` is the job poster's kind; by default it is looked up in the
    catalogue's organisations.
    """
    if job.deadline < cat.as_of or job.workers_needed <= 0:
        return []
    kind = organisation_kind or cat.organisation_kinds.get(job.organisation, "")
    site = ~cat.is_job
    occupied = _occupied(cat)
    km = haversine_km(job.lat, job.lon, cat.lat, cat.lon)
    keep = site & (occupied > 0) & ((km <= max_km) | job.remote)
    if kind in V.FOR_PROFIT_KINDS:
        keep &= (cat.service_bits & SERVICE_BIT["disability"]) != 0
    rows = np.flatnonzero(keep)
    if rows.size == 0:
        return []
    score = _scores(job, cat, rows, occupied[rows], km[rows])
    order = rows[np.lexsort((km[rows], -score))][:k]
    best = {int(r): float(s) for r, s in zip(rows, score, strict=True)}
    return [
        GroupSuggestion(
            site_id=cat.ids[r],
            score=round(best[r], 4),
            reasons=_reasons(job, cat, r, int(occupied[r]), float(km[r]), kind),
        )
        for r in order.tolist()
    ]


def _occupied(cat: Catalogue) -> F64:
    """Clients in each site's group now (taken seats); 0 for jobs."""
    return np.array(
        [
            r.seats_total - r.seats_free if isinstance(r, Site) else 0
            for r in cat.records
        ],
        dtype=np.float64,
    ).reshape(len(cat))


def _scores(
    job: Job, cat: Catalogue, rows: NDArray[np.int64], occupied: F64, km: F64
) -> F64:
    """Weighted fit in [0, 1]: shared tags, shared words, group size, form, distance."""
    job_tags = np.zeros(len(V.TAGS))
    job_tags[[TAG_INDEX[t] for t in job.tags]] = 1.0
    shared = cat.tags[rows] @ job_tags
    tags = shared / max(1.0, float(job_tags.sum()))
    words = cat.text.transform([placement_text(job)])
    text = np.asarray((cat.text.matrix[rows] @ words.T).toarray()).ravel()
    capacity = np.minimum(1.0, occupied / job.workers_needed)
    outside = np.array(
        [_group_outside(cat.records[r]) for r in rows.tolist()], dtype=float
    )
    near = 0.0 if job.remote else 1.0
    closeness = 1.0 - near * np.log1p(km) / np.log1p(max(km.max(), 1.0))
    w = WEIGHTS
    total = (
        w["tags"] * tags
        + w["text"] * text
        + w["capacity"] * capacity
        + w["group_outside"] * outside
        + w["km"] * closeness
    )
    return np.asarray(total / sum(w.values()), dtype=np.float64)


def _group_outside(record: Site | Job) -> bool:
    return isinstance(record, Site) and "group_outside" in record.forms


def _reasons(
    job: Job, cat: Catalogue, row: int, occupied: int, km: float, kind: str
) -> tuple[Reason, ...]:
    record = cat.records[row]
    assert isinstance(record, Site)
    out = [Reason("shared_tag", {"tag": t}) for t in job.tags if t in record.tags]
    out.append(
        Reason("group_size", {"clients": occupied, "needed": job.workers_needed})
    )
    if "group_outside" in record.forms:
        out.append(Reason("group_outside", {}))
    if kind in V.FOR_PROFIT_KINDS and "rehabilitative" in record.services:
        out.append(Reason("disability_clients_only", {}))
    out.append(
        Reason("remote", {}) if job.remote else Reason("distance", {"km": round(km, 1)})
    )
    return tuple(out)
