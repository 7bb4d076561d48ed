"""The hard rules of a ranking (interchange.md, "Ranking output"), as a mask.

A placement that breaks one of these rules must never be suggested, whatever its
score. :func:`allowed` computes the rules for a whole batch of clients against the
catalogue with array operations; :func:`explain` names, for one client and one
placement, every rule broken — written record by record, independently of the mask, so
tests and the evaluation can cross-check the two, and the web layer can say why a
site is not offered.

The rules, and why:

* a site with no free seat — there is no place to offer;
* a site that does not offer the client's service (rehabilitative / disability);
* a site whose ``days_per_week`` or ``hours_per_day`` range does not contain the
  client's — the agreement fixes days and hours (Act 189/2001: 1–4 days, 4–8 hours);
* a site that lacks one of the client's accessibility needs;
* a site or job of a company for a rehabilitative client — during rehabilitative work
  activity a client may not work in a company or in profit-making work;
* a job that is closed (deadline before ``as_of``) or fully staffed;
* a site or job farther than the client's ``max_travel_km`` (inclusive), unless it is
  remote (site form ``remote``, job ``remote: true``) and the client is ``remote_ok``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.core.catalogue import Catalogue, ClientBatch
from matching.core.dataset import Client, Job, Site

F64 = NDArray[np.float64]
Bool = NDArray[np.bool_]

RULES: tuple[str, ...] = (
    "no_free_seat",
    "service_not_offered",
    "days_outside_range",
    "hours_outside_range",
    "accessibility_missing",
    "company_for_rehabilitative",
    "job_closed",
    "job_fully_staffed",
    "too_far",
)


class Breach(NamedTuple):
    """One broken rule: a code from :data:`RULES` and its parameters."""

    code: str
    params: dict[str, Any]


def travel_km(batch: ClientBatch, cat: Catalogue) -> F64:
    """Distances (clients × placements) from each client's home municipality."""
    return cat.municipality_km[batch.municipality]


def allowed(batch: ClientBatch, cat: Catalogue, km: F64 | None = None) -> Bool:
    """Boolean mask (clients × placements): True where no hard rule is broken.

    Clients with the same service, days, hours, needs and service type share every
    rule but distance, so those rules are evaluated once per distinct profile and the
    rows are gathered; only the distance rule is evaluated per pair.
    """
    if km is None:
        km = travel_km(batch, cat)
    profile = np.stack(
        [
            batch.service_bits,
            batch.days,
            batch.hours,
            batch.need_bits,
            batch.rehabilitative.astype(np.int64),
        ],
        axis=1,
    )
    if len(batch) == 0:
        return np.zeros((0, len(cat)), dtype=bool)
    unique, inverse = np.unique(profile, axis=0, return_inverse=True)
    mask = _profile_mask(unique, cat)[inverse.ravel()]
    reachable = km <= batch.max_km[:, None]
    reachable |= cat.remote[None, :] & batch.remote_ok[:, None]
    mask &= reachable
    return mask


def _profile_mask(profile: NDArray[np.int64], cat: Catalogue) -> Bool:
    """Every rule except distance, for each distinct client profile."""
    service, days, hours, needs, rehab = (profile[:, i : i + 1] for i in range(5))
    mask = np.broadcast_to(cat.available[None, :], (profile.shape[0], len(cat))).copy()
    mask &= (cat.service_bits[None, :] & service) != 0
    mask &= (cat.days_lo[None, :] <= days) & (days <= cat.days_hi[None, :])
    mask &= (cat.hours_lo[None, :] <= hours) & (hours <= cat.hours_hi[None, :])
    mask &= (needs & ~cat.access_bits[None, :]) == 0
    mask &= ~(cat.company[None, :] & (rehab == 1))
    return mask


def explain(client: Client, placement_id: str, cat: Catalogue) -> list[Breach]:
    """Every hard rule that ``placement_id`` breaks for ``client`` (empty: allowed).

    The distance is read from the catalogue's municipality × placement matrix (the
    same haversine values the mask uses), so the inclusive limit agrees exactly.
    """
    row = cat.index[placement_id]
    record = cat.records[row]
    out: list[Breach] = []
    if isinstance(record, Site):
        out.extend(_site_breaches(client, record))
    else:
        out.extend(_job_breaches(record, cat))
    if (
        client.service == "rehabilitative"
        and cat.organisation_kinds.get(record.organisation) in V.FOR_PROFIT_KINDS
    ):
        out.append(Breach("company_for_rehabilitative", {}))
    km = float(cat.municipality_km[cat.municipality_row[client.municipality], row])
    remote = "remote" in record.forms if isinstance(record, Site) else record.remote
    if km > client.max_travel_km and not (remote and client.remote_ok):
        out.append(
            Breach("too_far", {"km": round(km, 1), "limit": client.max_travel_km})
        )
    return out


def _site_breaches(client: Client, site: Site) -> list[Breach]:
    out: list[Breach] = []
    if site.seats_free <= 0:
        out.append(Breach("no_free_seat", {"seats_total": site.seats_total}))
    if client.service not in site.services:
        out.append(Breach("service_not_offered", {"service": client.service}))
    lo, hi = site.days_per_week
    if not lo <= client.days_per_week <= hi:
        params = {"value": client.days_per_week, "min": lo, "max": hi}
        out.append(Breach("days_outside_range", params))
    lo, hi = site.hours_per_day
    if not lo <= client.hours_per_day <= hi:
        params = {"value": client.hours_per_day, "min": lo, "max": hi}
        out.append(Breach("hours_outside_range", params))
    for need in client.accessibility_needs:
        if need not in site.accessibility:
            out.append(Breach("accessibility_missing", {"need": need}))
    return out


def _job_breaches(job: Job, cat: Catalogue) -> list[Breach]:
    out: list[Breach] = []
    if job.deadline < cat.as_of:
        out.append(Breach("job_closed", {"deadline": job.deadline.isoformat()}))
    if job.workers_needed <= 0:
        out.append(Breach("job_fully_staffed", {}))
    return out


def is_allowed(client: Client, placement_id: str, cat: Catalogue) -> bool:
    """True when ``placement_id`` breaks no hard rule for ``client``."""
    return not explain(client, placement_id, cat)
