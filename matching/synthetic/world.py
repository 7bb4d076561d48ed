"""Synthetic worlds in the data set format, with a PLANTED TRUTH.

Every client–placement pair has a true probability of a positive exit, a logistic
function of hidden quantities the matcher never sees directly:

* goal fit — the client's goals (first goal weighted most, with weights that are NOT
  the matcher's) against what the site really leads to, which is only partly visible
  in its learning units and forms and otherwise shows only in its past exits;
* interest fit — against the client's TRUE interests: the stated ones plus hidden ones
  that only show in the free-text wishes;
* schedule fit, support fit (the true need for support; the self-assessment is a
  noisy, sometimes missing, measurement of it), a hidden per-site quality, and a
  travel burden.

History (three years by default) is biased: placements were chosen mostly by habit —
the nearest site — as they often are. Outcomes are drawn from the truth. See
:mod:`matching.synthetic.history` for the sampling and :mod:`matching.core.evaluation` for
how the matcher is scored against the truth.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from matching.core import vocabulary as V
from matching.core.catalogue import TAG_INDEX
from matching.core.dataset import parse
from matching.synthetic.history import add_history
from matching.synthetic.people import client_records, organisation_records
from matching.synthetic.places import (
    job_records,
    municipality_records,
    site_latent,
    site_records,
)
from matching.synthetic.truth import Region, World, WorldSpec, client_arrays

__all__ = ["World", "WorldSpec", "make_world"]


def make_world(
    n_clients: int = 2500,
    n_sites: int = 150,
    n_jobs: int = 60,
    seed: int = 0,
    *,
    region: Region = "paijat-hame",
    n_municipalities: int = 300,
    history: bool = True,
    n_queries: int | None = None,
) -> World:
    """Build a world: records, hidden truth and (unless ``history=False``) a biased
    history of placements, self-assessments and queries.

    ``region`` "paijat-hame" is the ten municipalities of Päijät-Häme; "finland"
    spreads ``n_municipalities`` over the country (for the national benchmark).
    """
    spec = WorldSpec(
        n_clients=n_clients,
        n_sites=n_sites,
        n_jobs=n_jobs,
        seed=seed,
        region=region,
        n_municipalities=n_municipalities,
        history=history,
        n_queries=n_queries,
    )
    rng = np.random.default_rng(seed)
    data, hidden, need = _records(rng, spec)
    interests = np.zeros((n_clients, len(V.TAGS)))
    for i, (c, extra) in enumerate(zip(data["clients"], hidden, strict=True)):
        interests[i, [TAG_INDEX[t] for t in (*c["interests"], *extra)]] = 1.0
    leads_to, quality = site_latent(rng, data["sites"], data["jobs"])
    dataset = parse(data)
    world = World(
        spec=spec,
        data=data,
        dataset=dataset,
        leads_to=leads_to,
        quality=quality,
        true_interests=interests,
        need=need,
        intercept=0.0,
        client_row={c.id: i for i, c in enumerate(dataset.clients)},
        client_arrays=client_arrays(dataset),
    )
    return add_history(rng, world) if spec.history else world


def _records(
    rng: np.random.Generator, spec: WorldSpec
) -> tuple[dict[str, Any], list[list[str]], np.ndarray]:
    """The data set document without history, hidden interests, true needs."""
    munis = municipality_records(rng, spec.region, spec.n_municipalities)
    orgs = organisation_records(rng, max(3, spec.n_sites // 3 + spec.n_jobs // 4))
    sites = site_records(rng, spec.n_sites, munis, orgs)
    jobs = job_records(rng, spec.n_jobs, munis, orgs, spec.as_of, spec.years)
    clients, hidden, need = client_records(rng, spec.n_clients, munis)
    data: dict[str, Any] = {
        "format": V.FORMAT,
        "as_of": spec.as_of.isoformat(),
        "municipalities": [{k: v for k, v in m.items() if k != "_pop"} for m in munis],
        "organisations": orgs,
        "sites": sites,
        "jobs": jobs,
        "clients": clients,
        "placements": [],
        "queries": [],
    }
    return data, hidden, need
