"""A hand-counted region for the outcome tests (the expected figures are in the tests).

Region "Etelä" (organiser's), year 2025:

* Site A1 (Lahti, organisation A): 15 periods 1.1.2025 → ended: 5 work trials (1.4.),
  3 studies + 2 job seekers (1.7.), 4 job seekers + 1 illness (1.10.); 7 open periods
  from 1.6.2024 (s1–s7; s6 extended 1.6.2025, s7 started 1.3.2025), one held return
  (first period ended 2024, back 15.1.2025) and 5 new clients from 1.2.2025 with start
  and 3-month self-assessments; 2 periods that ended in 2024 (outside the year).
* Site A2 (Heinola, organisation A): 3 periods 1.1.–1.7.2025: studies, illness, job seeker.
* Site B1 (Lahti, organisation B): 5 disability clients 1.1.–1.10.2025: 3 job seekers,
  2 non-commitment.
* Site C1 (Oulu, organisation C, another region): 10 work trials in 2025.

Every client's record key is 0, so the figures are published unperturbed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from marketplace.access import roles
from marketplace.models import Client, Placement, PlacementPeriod
from tests.factories.accounts import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    make_user,
)
from tests.factories.clients import (
    answer,
    assess,
    event_at,
    make_client,
    make_placement,
)
from tests.factories.sites import make_site

D = dt.date
JAN1 = D(2025, 1, 1)


def period(
    site: Any,
    name: str,
    start: dt.date,
    end: dt.date | None = None,
    reason: str = "",
    *,
    service: str = "rehabilitative",
    municipality: Any = None,
) -> Placement:
    client = make_client(
        name=name, service=service, municipality=municipality or site.municipality
    )
    return make_placement(client, site, start, end, reason)


def build_world() -> dict[str, Any]:
    south = RegionFactory(slug="etela", name_fi="Etelä")
    north = RegionFactory(slug="pohjoinen", name_fi="Pohjoinen")
    lahti = MunicipalityFactory(code="398", name="Lahti", region=south)
    heinola = MunicipalityFactory(code="111", name="Heinola", region=south)
    oulu = MunicipalityFactory(code="564", name="Oulu", region=north)
    org_a = OrganisationFactory(name="Yhdistys A", region=south)
    org_b = OrganisationFactory(name="Säätiö B", region=south)
    org_c = OrganisationFactory(name="Yhdistys C", region=north)
    a1 = make_site(title="A1 Puupaja", organisation=org_a, municipality=lahti)
    a2 = make_site(title="A2 Kahvila", organisation=org_a, municipality=heinola)
    b1 = make_site(
        title="B1 Pesula",
        organisation=org_b,
        municipality=lahti,
        services=("rehabilitative", "disability"),
    )
    c1 = make_site(title="C1 Verstas", organisation=org_c, municipality=oulu)

    ended_a1 = []
    for i in range(5):
        ended_a1.append(period(a1, f"a{i + 1}", JAN1, D(2025, 4, 1), "work_trial"))
    for i, reason in enumerate(["studies"] * 3 + ["ended_job_seeker"] * 2):
        ended_a1.append(period(a1, f"a{i + 6}", JAN1, D(2025, 7, 1), reason))
    for i, reason in enumerate(["ended_job_seeker"] * 4 + ["illness"]):
        ended_a1.append(period(a1, f"a{i + 11}", JAN1, D(2025, 10, 1), reason))
    open_a1 = [period(a1, f"s{i + 1}", D(2024, 6, 1)) for i in range(6)]
    event_at(open_a1[5], D(2025, 6, 1), "active", extended_to="2025-12-01")
    open_a1.append(period(a1, "s7", D(2025, 3, 1)))
    returned = period(a1, "ret", D(2024, 1, 1), D(2024, 10, 31), "work_trial")
    returned.status = Placement.Status.ACTIVE
    returned.save()
    event_at(returned, D(2024, 10, 31), "held", exit_reason="work_trial", weeks=12)
    PlacementPeriod.objects.create(placement=returned, start=D(2025, 1, 15))
    new = [period(a1, f"n{i + 1}", D(2025, 2, 1)) for i in range(5)]
    for placement, work in zip(new, [6, 5, 4, 7, 5], strict=True):
        assess(placement.client, D(2025, 1, 20), 4)
        assess(placement.client, D(2025, 5, 1), work)
    assess(new[0].client, D(2025, 9, 1), 10)  # later than 150 days: ignored
    for name in ("old1", "old2"):
        period(a1, name, D(2024, 1, 1), D(2024, 6, 30), "ended_job_seeker")

    for i, reason in enumerate(["studies", "illness", "ended_job_seeker"]):
        period(a2, f"h{i + 1}", JAN1, D(2025, 7, 1), reason, municipality=heinola)
    for i, reason in enumerate(["ended_job_seeker"] * 3 + ["non_commitment"] * 2):
        period(b1, f"b{i + 1}", JAN1, D(2025, 10, 1), reason, service="disability")
    for i in range(10):
        period(c1, f"c{i + 1}", JAN1, D(2025, 5, 1), "work_trial")

    march, april, january = D(2025, 3, 1), D(2025, 4, 1), D(2025, 1, 1)
    for placement in new:
        answer(placement, march, 3, "yes", "yes")
    answer(new[0], april, 2, "a_little", "not_sure", helped_by_supervisor=True)
    answer(open_a1[6], april, 1, "no", "no")
    for placement in ended_a1[8:13]:
        answer(placement, january, 2, "no", "not_sure")

    # every record key 0: every cell key is 0, for which the perturbation table
    # gives no noise, so the hand-counted figures are published as they are (the
    # noise itself is tested in test_disclosure.py)
    Client.objects.update(record_key=0)
    return {
        "regions": (south, north),
        "municipalities": (lahti, heinola, oulu),
        "orgs": (org_a, org_b, org_c),
        "a1": a1,
        "a2": a2,
        "b1": b1,
        "c1": c1,
        "organiser": make_user(roles.ORGANISER, organisation=org_a),
        "other_organiser": make_user(roles.ORGANISER, organisation=org_c),
        "supervisor_a": make_user(roles.SUPERVISOR, organisation=org_a),
        "supervisor_c": make_user(roles.SUPERVISOR, organisation=org_c),
        "instructor": make_user(roles.INSTRUCTOR, organisation=org_a),
        "new": new,
        "open_a1": open_a1,
    }
