"""The ``sites`` section of a data set: work-activity sites as published pages under
the catalogue, created or updated by their data-set id.

Rules enforced here:
- a site whose page content is the same as the record's gets no new revision, no
  log entry, no search-index write and no background task (it is *unchanged*);
- a changed site is validated by the model (named ``sites[i].field``), saved and
  published as one new revision;
- seats live outside the page and are live data: the record's seats are applied
  only when they changed in the data set since the last import, so a re-import
  keeps what supervisors and placements did (``sites.services.seats_import``); a
  change of seats alone updates them without a page revision;
- a new site's address (slug) is unique among the catalogue's pages, even when two
  names and ids slugify alike.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.search.index import insert_or_update_object

from marketplace.models import LearningUnit, WorkSite
from marketplace.seeding.importing_run import ImportRun, Outcome, codes, free_slug
from marketplace.sites.services import seats_import
from matching.core import dataset as ds

PAGE_FIELDS = [
    "organisation", "municipality", "address", "postal_code", "lat", "lon", "description_fi",
    "days_min", "days_max", "hours_min", "hours_max", "support_level",
    "voucher_price_cents", "contact_name", "contact_phone", "contact_email",
]  # fmt: skip
RELATIONS = {
    "services": "service",
    "forms": "form",
    "tags": "tag",
    "accessibility": "accessibility",
    "languages": "language",
}


def import_sites(run: ImportRun, catalogue: Page) -> None:
    """Create, update or leave each site of the data set; errors go to ``run``."""
    existing = {
        s.external_id: s
        for s in WorkSite.objects.filter(external_id__isnull=False).select_related(
            "capacity"
        )
    }
    slugs = set(catalogue.get_children().values_list("slug", flat=True))
    total = len(run.data.sites)
    for i, record in enumerate(run.data.sites):
        site = existing.get(record.id)
        if site is not None and _same_page(site, record, run):
            outcome: Outcome = "unchanged"
        else:
            saved = _save_page(run, catalogue, site, record, f"sites[{i}]", slugs)
            if saved is None:
                continue
            outcome = "created" if site is None else "updated"
            site = saved
        if _seats_set(site, record) and outcome == "unchanged":
            outcome = "updated"
        run.count("sites", outcome)
        run.progress("sites", i + 1, total)


def _save_page(
    run: ImportRun,
    catalogue: Page,
    site: WorkSite | None,
    record: ds.Site,
    where: str,
    slugs: set[str],
) -> WorkSite | None:
    created = site is None
    if site is None:
        site = WorkSite(
            external_id=record.id, slug=free_slug(record.name, record.id, slugs, "site")
        )
    _fill(site, record, run)
    try:
        names = {f.name for f in WorkSite._meta.get_fields() if _concrete(f)}
        site.clean_fields(exclude=names - set(PAGE_FIELDS))
        site.clean()
    except ValidationError as exc:
        run.refused(where, exc.message_dict)
        return None
    if created:
        catalogue.add_child(instance=site)
        slugs.add(site.slug)
    for relation, vocabulary in RELATIONS.items():
        getattr(site, relation).set(
            run.terms_for(vocabulary, getattr(record, relation))
        )
    site.learning_units = [
        LearningUnit(name=name, sort_order=n)
        for n, name in enumerate(record.learning_units)
    ]
    site.save()
    site.save_revision().publish()
    insert_or_update_object(site)
    return site


def _concrete(field: Any) -> bool:
    return bool(getattr(field, "concrete", False))


def _fill(site: WorkSite, s: ds.Site, run: ImportRun) -> None:
    site.title = s.name
    site.organisation = run.organisations[s.organisation]
    site.municipality = run.municipalities[s.municipality]
    site.address, site.postal_code = s.address, s.postal_code
    site.lat, site.lon = s.lat, s.lon
    site.description_fi = s.description  # the record's text is Finnish
    site.days_min, site.days_max = s.days_per_week
    site.hours_min, site.hours_max = s.hours_per_day
    site.support_level = s.support_level
    site.voucher_price_cents = s.voucher_price_cents
    site.contact_name, site.contact_phone = s.contact_name, s.contact_phone
    site.contact_email = s.contact_email


def _same_page(site: WorkSite, s: ds.Site, run: ImportRun) -> bool:
    """The published page already says what the record says."""
    stored = (
        site.title, site.organisation_id, site.municipality_id, site.address,
        site.postal_code, site.lat, site.lon, site.description_fi, site.days_min,
        site.days_max, site.hours_min, site.hours_max, site.support_level,
        site.voucher_price_cents, site.contact_name, site.contact_phone,
        site.contact_email,
    )  # fmt: skip
    wanted = (
        s.name, run.organisations[s.organisation].pk, run.municipalities[s.municipality].pk,
        s.address, s.postal_code, s.lat, s.lon, s.description, *s.days_per_week,
        *s.hours_per_day, s.support_level, s.voucher_price_cents, s.contact_name,
        s.contact_phone, s.contact_email,
    )  # fmt: skip
    if stored != wanted or not site.live or site.has_unpublished_changes:
        return False
    for relation in RELATIONS:
        if codes(getattr(site, relation).all()) != frozenset(getattr(s, relation)):
            return False
    units = [u.name for u in site.learning_units.all().order_by("sort_order")]
    return units == list(s.learning_units)


def _seats_set(site: WorkSite, s: ds.Site) -> bool:
    """The record's seats for the site, when they changed in the data set since the
    last import (``seats_import``): True when anything was written."""
    return seats_import(site=site, seats_total=s.seats_total, seats_free=s.seats_free)
