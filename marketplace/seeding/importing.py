"""Import of a ``polku-dataset/1`` document: all or nothing, updates by id.

The format is read by ``matching.core.dataset`` (strict, errors named by record and
field). This service writes what this version of Polku keeps: municipalities,
organisations, work-activity sites, job-bank jobs (``importing_jobs``), clients and
placements at sites. Every write happens in one transaction; a record the database
refuses is reported like a format error and nothing is kept.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.search.index import insert_or_update_object

from marketplace.accounts.regions import region_for_municipality
from marketplace.models import (
    Client,
    LearningUnit,
    Municipality,
    Organisation,
    Placement,
    PlacementPeriod,
    Region,
    SelfAssessment,
    SiteCapacity,
    Term,
    WorkSite,
)
from marketplace.seeding.importing_jobs import import_jobs
from marketplace.seeding.setup import polku_setup
from marketplace.shared.months import add_months
from matching.core import dataset as ds

Progress = Callable[[str, int, int], None]


@dataclass
class ImportSummary:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    not_imported: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        out = []
        for section in (
            "municipalities",
            "organisations",
            "sites",
            "jobs",
            "clients",
            "placements",
        ):
            out.append(
                f"{section}: {self.created[section]} created, {self.updated[section]} updated"
            )
        for section, count in self.not_imported.items():
            if count:
                out.append(
                    f"{section}: {count} records read and checked, not stored by this version"
                )
        return out


_SITE_FIELDS = [
    "organisation", "municipality", "address", "postal_code", "lat", "lon", "description",
    "days_min", "days_max", "hours_min", "hours_max", "support_level",
    "voucher_price_cents", "contact_name", "contact_phone", "contact_email",
]  # fmt: skip


class _Import:
    def __init__(self, data: ds.Dataset, progress: Progress | None) -> None:
        self.data = data
        self.progress = progress or (lambda section, done, total: None)
        self.summary = ImportSummary()
        self.errors: list[str] = []
        self.regions = {r.slug: r for r in Region.objects.all()}
        self.municipalities: dict[str, Municipality] = {}
        self.organisations: dict[str, Organisation] = {}
        self.terms = {(t.vocabulary, t.code): t for t in Term.objects.all()}

    def term(self, vocabulary: str, code: str) -> Term:
        key = (vocabulary, code)
        if key not in self.terms:
            self.terms[key] = Term.objects.create(vocabulary=vocabulary, code=code)
        return self.terms[key]

    def count(self, section: str, created: bool) -> None:
        (self.summary.created if created else self.summary.updated)[section] += 1

    def municipalities_(self) -> None:
        total = len(self.data.municipalities)
        for i, m in enumerate(self.data.municipalities, 1):
            slug = region_for_municipality(m.code)
            obj, created = Municipality.objects.update_or_create(
                code=m.code,
                defaults={
                    "name": m.name,
                    "lat": m.lat,
                    "lon": m.lon,
                    "region": self.regions.get(slug) if slug else None,
                },
            )
            self.municipalities[m.code] = obj
            self.count("municipalities", created)
            self.progress("municipalities", i, total)

    def organisations_(self) -> None:
        # An organisation's region is where most of its sites are.
        site_regions: dict[str, Counter[int]] = {}
        for s in self.data.sites:
            region_id = self.municipalities[s.municipality].region_id
            if region_id is not None:
                site_regions.setdefault(s.organisation, Counter())[region_id] += 1
        total = len(self.data.organisations)
        for i, o in enumerate(self.data.organisations, 1):
            regions = site_regions.get(o.id)
            defaults = {
                "name": o.name,
                "kind": o.kind,
                "business_id": o.business_id or "",
            }
            if regions:
                defaults["region_id"] = regions.most_common(1)[0][0]
            obj, created = Organisation.objects.update_or_create(
                external_id=o.id, defaults=defaults
            )
            self.organisations[o.id] = obj
            self.count("organisations", created)
            self.progress("organisations", i, total)

    def sites_(self, catalogue: WorkSite) -> None:
        existing = {
            s.external_id: s for s in WorkSite.objects.filter(external_id__isnull=False)
        }
        total = len(self.data.sites)
        for i, s in enumerate(self.data.sites, 1):
            where = f"sites[{i - 1}]"
            site = existing.get(s.id)
            created = site is None
            if created:
                site = WorkSite(
                    external_id=s.id, slug=slugify(f"{s.name}-{s.id}")[:250]
                )
            self._fill_site(site, s)
            try:
                self._validate_site(site)
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    self.errors += [f"{where}.{name}: {m}" for m in messages]
                continue
            if created:
                catalogue.add_child(instance=site)
            self._set_relations(site, s)
            site.save()
            site.save_revision().publish()
            SiteCapacity.objects.update_or_create(
                site=site,
                defaults={"seats_total": s.seats_total, "seats_free": s.seats_free},
            )
            insert_or_update_object(site)
            self.count("sites", created)
            self.progress("sites", i, total)

    def clients_(self) -> None:
        existing = {
            c.external_id: c for c in Client.objects.filter(external_id__isnull=False)
        }
        total = len(self.data.clients)
        self.clients: dict[str, Client] = {}
        for i, c in enumerate(self.data.clients, 1):
            client = existing.get(c.id) or Client(external_id=c.id)
            created = client._state.adding
            client.name = c.name or client.name or f"Asiakas {c.id}"
            client.municipality = self.municipalities[c.municipality]
            client.service = c.service
            client.goals = list(c.goals)
            client.wishes = c.wishes
            client.days_per_week, client.hours_per_day = (
                c.days_per_week,
                c.hours_per_day,
            )
            client.max_travel_km = round(c.max_travel_km)
            client.remote_ok = c.remote_ok
            try:
                client.full_clean(exclude=["instructor", "user"])
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    self.errors += [f"clients[{i - 1}].{name}: {m}" for m in messages]
                continue
            client.save()
            client.interests.set([self.term("tag", t) for t in c.interests])
            client.accessibility_needs.set(
                [self.term("accessibility", a) for a in c.accessibility_needs]
            )
            client.languages.set([self.term("language", lang) for lang in c.languages])
            client.assessments.all().delete()
            SelfAssessment.objects.bulk_create(
                [
                    SelfAssessment(
                        client=client,
                        date=a.date,
                        consent=True,
                        **{area: getattr(a, area) for area in SelfAssessment.AREAS},
                    )
                    for a in c.self_assessment
                ]
            )
            self.clients[c.id] = client
            self.count("clients", created)
            self.progress("clients", i, total)

    def placements_(self) -> None:
        """Placement history at sites; the sites' seat counts are the data set's own."""
        sites = {
            s.external_id: s for s in WorkSite.objects.filter(external_id__isnull=False)
        }
        existing = {
            p.external_id: p
            for p in Placement.objects.filter(external_id__isnull=False)
        }
        rows = [p for p in self.data.placements if p.site is not None]
        for i, p in enumerate(rows, 1):
            if p.client not in self.clients:
                continue  # the client's own error is already reported
            placement = existing.get(p.id) or Placement(external_id=p.id)
            created = placement._state.adding
            placement.client = self.clients[p.client]
            placement.site = sites[p.site]
            placement.start_date = p.start
            placement.status = (
                Placement.Status.ENDED if p.end else Placement.Status.ACTIVE
            )
            placement.planned_end = (
                None if p.end else _current_period_end(p.start, self.data.as_of)
            )
            placement.save()
            placement.periods.all().delete()
            PlacementPeriod.objects.create(
                placement=placement,
                start=p.start,
                end=p.end,
                exit_reason=p.exit_reason or "",
            )
            self.count("placements", created)
            self.progress("placements", i, len(rows))

    def _fill_site(self, site: WorkSite, s: ds.Site) -> None:
        site.title = s.name
        site.organisation = self.organisations[s.organisation]
        site.municipality = self.municipalities[s.municipality]
        site.address, site.postal_code = s.address, s.postal_code
        site.lat, site.lon = s.lat, s.lon
        site.description = s.description
        site.days_min, site.days_max = s.days_per_week
        site.hours_min, site.hours_max = s.hours_per_day
        site.support_level = s.support_level
        site.voucher_price_cents = s.voucher_price_cents
        site.contact_name, site.contact_phone = s.contact_name, s.contact_phone
        site.contact_email = s.contact_email

    def _validate_site(self, site: WorkSite) -> None:
        names = {
            f.name for f in WorkSite._meta.get_fields() if getattr(f, "concrete", False)
        }
        site.clean_fields(exclude=names - set(_SITE_FIELDS))
        site.clean()

    def _set_relations(self, site: WorkSite, s: ds.Site) -> None:
        site.services.set([self.term("service", c) for c in s.services])
        site.forms.set([self.term("form", c) for c in s.forms])
        site.tags.set([self.term("tag", c) for c in s.tags])
        site.accessibility.set([self.term("accessibility", c) for c in s.accessibility])
        site.languages.set([self.term("language", c) for c in s.languages])
        site.learning_units = [
            LearningUnit(name=name, sort_order=n)
            for n, name in enumerate(s.learning_units)
        ]


def dataset_import(
    *, data: ds.Dataset, progress: Progress | None = None
) -> ImportSummary:
    """Import a validated data set; raise :class:`DatasetError` and keep nothing on error."""
    with transaction.atomic():
        catalogue = polku_setup()
        run = _Import(data, progress)
        run.municipalities_()
        run.organisations_()
        run.sites_(catalogue)
        import_jobs(run, data)
        run.clients_()
        run.placements_()
        if run.errors:
            raise ds.DatasetError(run.errors)
    run.summary.not_imported = {
        "placements at jobs": sum(1 for p in data.placements if p.job is not None),
    }
    return run.summary


def _current_period_end(start: dt.date, as_of: dt.date) -> dt.date:
    """The end of the period an open placement is in on ``as_of``: the first period
    is 3 months and each review extends it by 3 more (at most 24 in total)."""
    months = 3
    end = add_months(start, months)
    while end < as_of and months < 24:
        months += 3
        end = add_months(start, months)
    return end
