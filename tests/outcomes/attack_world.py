"""A generated region for the differencing attack on the outcome figures.

Three municipalities (one large), three organisations, eight sites; a few hundred
clients whose periods ended in 2023 and 2024 with the exit reasons of the 2020
Päijät-Häme report (``EXIT_MIX``); random record keys from a seeded generator, so the
world and its published figures are the same on every run. The ground truth (which
client ended when, where and why) is returned with it, for the attacker's score.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from marketplace.access import roles
from marketplace.models import Client, Placement, PlacementPeriod
from marketplace.models.clients import RECORD_KEY_RANGE
from tests.factories.accounts import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    make_user,
)
from tests.factories.sites import make_site

#: Exit reasons and their weights in the 2020 report (periods per reason).
EXIT_MIX = {
    "did_not_start": 28, "refused": 9, "rehabilitation": 6, "death": 3, "other": 50,
    "moved_within_region": 11, "moved_away": 14, "pension": 12, "family_reasons": 3,
    "illness": 37, "non_commitment": 87, "ended_job_seeker": 129,
    "health_investigation": 53, "studies": 52, "work_trial": 68,
    "open_labour_market": 27, "apprenticeship": 3, "pay_subsidy": 29,
    "entrepreneurship": 2,
}  # fmt: skip
FIRST = dt.date(2023, 1, 1)
LAST = dt.date(2024, 12, 31)


@dataclass(frozen=True)
class Exit:
    """One ended period, as the database holds it (the attacker's target)."""

    client: str
    site: int
    municipality: str
    organisation: int
    service: str
    reason: str
    end: dt.date


def build_attack_world(seed: int = 16, clients: int = 360) -> dict[str, Any]:
    rng = random.Random(seed)
    region = RegionFactory(slug="hyokkays", name_fi="Hyökkäysalue")
    towns = [
        MunicipalityFactory(code=code, name=name, region=region)
        for code, name in (("398", "Lahti"), ("111", "Heinola"), ("576", "Padasjoki"))
    ]
    orgs = [
        OrganisationFactory(name=name, region=region)
        for name in ("Päijät-Sote", "Työpaja ry", "Kierrätyssäätiö")
    ]
    plan = [(0, 0), (0, 0), (0, 1), (0, 1), (0, 2), (1, 1), (1, 2), (2, 0)]
    sites = [
        make_site(
            title=f"Paikka {i + 1}",
            organisation=orgs[org],
            municipality=towns[town],
            services=("rehabilitative", "disability"),
        )
        for i, (town, org) in enumerate(plan)
    ]
    weights = [3, 3, 2, 2, 2, 2, 1, 1]
    reasons, mix = zip(*EXIT_MIX.items(), strict=True)
    people = Client.objects.bulk_create(
        Client(
            name=f"Asiakas {i}",
            municipality=towns[0],
            service="rehabilitative" if rng.random() < 0.85 else "disability",
            goals=["work_trial"],
            days_per_week=3,
            hours_per_day=5,
            max_travel_km=30,
            record_key=rng.randrange(RECORD_KEY_RANGE),
        )
        for i in range(clients)
    )
    exits: list[Exit] = []
    span = (LAST - FIRST).days
    for person in people:
        site = rng.choices(sites, weights)[0]
        start = FIRST - dt.timedelta(days=rng.randrange(30, 300))
        end = FIRST + dt.timedelta(days=rng.randrange(0, span + 1))
        reason = rng.choices(reasons, mix)[0]
        placement = Placement.objects.create(
            client=person, site=site, status=Placement.Status.ENDED, start_date=start
        )
        PlacementPeriod.objects.create(
            placement=placement, start=start, end=end, exit_reason=reason
        )
        exits.append(
            Exit(
                str(person.pk),
                site.pk,
                site.municipality.code,
                site.organisation_id,
                person.service,
                reason,
                end,
            )
        )
    return {
        "organiser": make_user(roles.ORGANISER, organisation=orgs[0]),
        "towns": towns,
        "orgs": orgs,
        "sites": sites,
        "exits": exits,
    }
