"""Work-activity sites: published pages under the catalogue, with terms and seats."""

from __future__ import annotations

from wagtail.models import Page

from marketplace.models import Municipality, Organisation, SiteCapacity, Term, WorkSite
from tests.factories.accounts import MunicipalityFactory, OrganisationFactory


def term(vocabulary: str, code: str) -> Term:
    return Term.objects.get_or_create(vocabulary=vocabulary, code=code)[0]


def catalogue_page() -> Page:
    from cms.models import SiteIndexPage

    return SiteIndexPage.objects.get()


def make_site(
    *,
    title: str = "Puupaja",
    organisation: Organisation | None = None,
    municipality: Municipality | None = None,
    services: tuple[str, ...] = ("rehabilitative",),
    forms: tuple[str, ...] = ("workshop",),
    tags: tuple[str, ...] = ("woodwork",),
    accessibility: tuple[str, ...] = (),
    languages: tuple[str, ...] = ("fi",),
    learning_units: tuple[str, ...] = (),
    seats: tuple[int, int] | None = (10, 2),
    voucher_price_cents: int | None = None,
    description: str = "Puutöitä omaan tahtiin.",
    live: bool = True,
    **fields: object,
) -> WorkSite:
    """A published work-activity site under the catalogue page."""
    from marketplace.models import LearningUnit

    organisation = organisation or OrganisationFactory()
    municipality = municipality or MunicipalityFactory(region=organisation.region)
    site = WorkSite(
        title=title,
        organisation=organisation,
        municipality=municipality,
        lat=municipality.lat,
        lon=municipality.lon,
        description=description,
        days_min=fields.pop("days_min", 1),
        days_max=fields.pop("days_max", 4),
        hours_min=fields.pop("hours_min", 4),
        hours_max=fields.pop("hours_max", 6),
        voucher_price_cents=voucher_price_cents,
        live=live,
        **fields,
    )
    catalogue_page().add_child(instance=site)
    site.services.set([term("service", c) for c in services])
    site.forms.set([term("form", c) for c in forms])
    site.tags.set([term("tag", c) for c in tags])
    site.accessibility.set([term("accessibility", c) for c in accessibility])
    site.languages.set([term("language", c) for c in languages])
    site.learning_units = [LearningUnit(name=n) for n in learning_units]
    site.save()
    if live:
        site.save_revision().publish()
    if seats is not None:
        SiteCapacity.objects.create(
            site=site, seats_total=seats[0], seats_free=seats[1]
        )
    from wagtail.search.index import insert_or_update_object

    insert_or_update_object(site)
    return site


def terms(vocabulary: str, *codes: str) -> list[Term]:
    return [term(vocabulary, code) for code in codes]
