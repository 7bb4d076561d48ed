"""Import of a ``polku-dataset/1`` document: all or nothing, updates by id, and
nothing written for a record that did not change.

The format is read by ``matching.core.dataset`` (strict and bounded, errors named by
record and field). This service writes what this version of Polku keeps:
municipalities and organisations (here), work-activity sites
(``importing_sites``), job-bank jobs (``importing_jobs``), clients and placements
at sites (``importing_clients``).

Rules enforced here:
- every write happens in one transaction; a record the database refuses is
  reported like a format error (``sites[3].hours_max: …``) and nothing is kept;
- a record whose stored values equal the record's is *unchanged*: nothing is
  written for it, so importing the same file twice leaves every table as it was
  (pages get no revision or log entry, no background task is queued).
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from marketplace.accounts.regions import region_for_municipality
from marketplace.models import Municipality, Organisation
from marketplace.seeding.importing_clients import import_clients, import_placements
from marketplace.seeding.importing_jobs import import_jobs
from marketplace.seeding.importing_run import (
    ImportRun,
    ImportSummary,
    Outcome,
    Progress,
)
from marketplace.seeding.importing_sites import import_sites
from marketplace.seeding.setup import polku_setup
from marketplace.sites.services import seats_recount
from matching.core import dataset as ds

__all__ = ["ImportSummary", "dataset_import"]


def dataset_import(
    *, data: ds.Dataset, progress: Progress | None = None
) -> ImportSummary:
    """Import a validated data set; raise :class:`DatasetError` and keep nothing on
    error. Returns how many records of each section were created, updated and left
    unchanged."""
    with transaction.atomic():
        catalogue = polku_setup()
        run = ImportRun(data, progress)
        _municipalities(run)
        _organisations(run)
        import_sites(run, catalogue)
        import_jobs(run)
        clients = import_clients(run)
        import_placements(run, clients)
        if run.errors:
            raise ds.DatasetError(run.errors)
        seats_recount()  # seats taken = the placements that hold one, after the import
    run.summary.not_imported = {
        "placements at jobs": sum(1 for p in data.placements if p.job is not None),
    }
    return run.summary


def _store(obj: Municipality | Organisation, values: dict[str, object]) -> Outcome:
    """Set ``values`` on ``obj`` and save it only if one of them differs."""
    if obj.pk is not None and all(getattr(obj, k) == v for k, v in values.items()):
        return "unchanged"
    created = obj.pk is None
    for name, value in values.items():
        setattr(obj, name, value)
    obj.save()
    return "created" if created else "updated"


def _municipalities(run: ImportRun) -> None:
    existing = {m.code: m for m in Municipality.objects.all()}
    total = len(run.data.municipalities)
    for i, m in enumerate(run.data.municipalities, 1):
        slug = region_for_municipality(m.code)
        region = run.regions.get(slug) if slug else None
        obj = existing.get(m.code) or Municipality(code=m.code)
        values = {
            "name": m.name,
            "lat": m.lat,
            "lon": m.lon,
            "region_id": region.pk if region else None,
        }
        run.count("municipalities", _store(obj, values))
        run.municipalities[m.code] = obj
        run.progress("municipalities", i, total)


def _organisations(run: ImportRun) -> None:
    """An organisation's region is where most of its sites are."""
    site_regions: dict[str, Counter[int]] = {}
    for s in run.data.sites:
        region_id = run.municipalities[s.municipality].region_id
        if region_id is not None:
            site_regions.setdefault(s.organisation, Counter())[region_id] += 1
    existing = {
        o.external_id: o for o in Organisation.objects.filter(external_id__isnull=False)
    }
    total = len(run.data.organisations)
    for i, o in enumerate(run.data.organisations, 1):
        obj = existing.get(o.id) or Organisation(external_id=o.id)
        values: dict[str, object] = {
            "name": o.name,
            "kind": o.kind,
            "business_id": o.business_id or "",
        }
        regions = site_regions.get(o.id)
        if regions:
            values["region_id"] = regions.most_common(1)[0][0]
        run.count("organisations", _store(obj, values))
        run.organisations[o.id] = obj
        run.progress("organisations", i, total)
