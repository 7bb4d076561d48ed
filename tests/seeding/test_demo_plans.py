"""Demo competence records and network plans (load_demo): made through the services,
within each participant's time at the site, the demo instructor's clients first, the
demo client's plan first, shown on the pages, and not made twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from marketplace.access import roles
from marketplace.models import (
    CompetenceRecord,
    NetworkMeeting,
    NetworkPlan,
    NetworkTask,
    Placement,
    PlacementPeriod,
)
from marketplace.seeding import demo_plans
from marketplace.seeding.demo_plans import demo_plans_ensure
from tests.factories.accounts import MunicipalityFactory, OrganisationFactory, make_user
from tests.factories.clients import make_client
from tests.factories.sites import make_site

D = dt.date
AS_OF = D(2026, 11, 1)
TODAY = D(2026, 12, 5)  # the plans look ahead from the day the demo is loaded


def placed(
    client: Any, site: Any, start: dt.date, end: dt.date | None = None
) -> Placement:
    placement = Placement.objects.create(
        client=client,
        site=site,
        status=Placement.Status.ENDED if end else Placement.Status.ACTIVE,
        start_date=start,
    )
    PlacementPeriod.objects.create(
        placement=placement, start=start, end=end, exit_reason="studies" if end else ""
    )
    return placement


@pytest.fixture
def demo(polku: Any) -> dict[str, Any]:
    """A supervisor's association with a site that offers units and one that does
    not, another organisation's site; an instructor's caseload of six, one with the
    client login."""
    town = MunicipalityFactory(code="398", name="Lahti")
    association = OrganisationFactory(name="Kierrätys ry", region=town.region)
    county = OrganisationFactory(kind="wellbeing_county", region=town.region)
    learning = make_site(
        title="Kierrätyskeskus",
        organisation=association,
        municipality=town,
        learning_units=("Kierrätysmateriaalien käsittely", "Myyntityössä toimiminen"),
    )
    plain = make_site(title="IT-kunnostamo", organisation=association)
    elsewhere = make_site(title="Puupaja", municipality=town)
    supervisor = make_user(roles.SUPERVISOR, organisation=association)
    instructor = make_user(roles.INSTRUCTOR, organisation=county)
    client_user = make_user(roles.CLIENT)
    own = [
        make_client(instructor=instructor, name=f"Oma {n}", external_id=f"c{n}")
        for n in range(6)
    ]
    own[3].user = client_user
    own[3].save()
    others = [make_client(name=f"Muu {n}", external_id=f"x{n}") for n in range(4)]
    return {
        "supervisor": supervisor,
        "instructor": instructor,
        "own": own,
        "client_user": client_user,
        # at the learning site: one of the instructor's clients (ended), four others
        "ended_own": placed(own[0], learning, D(2025, 1, 10), D(2025, 6, 30)),
        "active": [
            placed(c, learning, D(2026, 6 + n, 1)) for n, c in enumerate(others[:3])
        ],
        "ended_other": placed(others[3], learning, D(2024, 1, 1), D(2024, 3, 1)),
        # the instructor's clients: the demo client at the association's site
        # without units for six months, the others elsewhere
        "demo_client": placed(own[3], plain, D(2026, 5, 4)),
        "recent": placed(own[1], elsewhere, D(2026, 10, 1)),
        "future": placed(own[2], elsewhere, TODAY + dt.timedelta(days=3)),
        "later": [placed(c, elsewhere, D(2026, 8, 1)) for c in own[4:]],
    }


def ensure(demo: dict[str, Any]) -> demo_plans.DemoPlans:
    return demo_plans_ensure(
        instructor=demo["instructor"],
        supervisor=demo["supervisor"],
        as_of=AS_OF,
        today=TODAY,
    )


def test_competence_is_recorded_for_the_instructors_client_first_within_each_period(
    demo,
):
    made = ensure(demo)

    placements = {r.placement for r in CompetenceRecord.objects.all()}
    # the instructor's client's ended placement and three active ones: four in all
    assert placements == {demo["ended_own"], *demo["active"]}
    assert made.records == CompetenceRecord.objects.count() == 6  # 2 + 1 + 2 + 1
    for record in CompetenceRecord.objects.select_related("placement"):
        period = record.placement.periods.get()
        assert period.start <= record.start <= record.end <= (period.end or AS_OF)
        assert record.recorded_by == demo["supervisor"]
        assert record.parts and record.tasks
    (shown,) = demo["ended_own"].competence_records.filter(level="shown")
    assert shown.unit_name == "Kierrätysmateriaalien käsittely"
    assert "Materiaalien lajittelu" in shown.part_list()


def test_network_plans_for_three_clients_the_demo_clients_first_with_a_review(demo):
    ensure(demo)

    plans = NetworkPlan.objects.all()
    # the demo client, then by data-set id those with an active placement that
    # began before today (not c0, ended; not c2, starts later), three in all
    assert {p.client for p in plans} == {demo["own"][n] for n in (3, 1, 4)}
    demo_plan = plans.get(client=demo["own"][3])
    assert list(demo_plan.meetings.values_list("kind", flat=True)) == [
        "start",
        "review",
    ]
    review = demo_plan.meetings.get(kind=NetworkMeeting.Kind.REVIEW)
    assert review.next_step == "continue"
    # the latest review: at the last three-month mark (4.5. + 2 × 91 days), the
    # next meeting to come, the task agreed there due by it
    assert review.date == D(2026, 11, 2) and review.next_meeting == D(2027, 2, 1)
    agreed = review.tasks_agreed.get()
    assert (agreed.status, agreed.due) == ("open", review.next_meeting)
    done = demo_plan.tasks.filter(status=NetworkTask.Status.DONE)
    assert done.count() == 3 and all(t.outcome for t in done)
    assert demo_plan.tasks.filter(status=NetworkTask.Status.OPEN).count() == 2
    recent = plans.get(client=demo["own"][1])
    assert list(recent.meetings.values_list("kind", flat=True)) == ["start"]
    assert recent.tasks.filter(status=NetworkTask.Status.OPEN).count() == 4
    # at another organisation's site the demo supervisor is not in the network:
    # the last task is the client's own
    mine = recent.tasks.get(actor__is_client=True)
    assert mine.description == demo_plans.CLIENT_TASK


def test_the_supervisor_is_in_the_network_of_a_client_at_their_own_site(demo):
    ensure(demo)

    plan = NetworkPlan.objects.get(client=demo["own"][3])
    tasks = NetworkTask.objects.filter(actor__user=demo["supervisor"])
    assert tasks.count() == 1 and tasks.get().plan == plan
    assert tasks.get().description == demo_plans.SITE_TASK
    assert tasks.get().actor.organisation == "Kierrätys ry"
    assert not plan.actors.filter(is_client=True).exists()


def test_running_it_again_adds_nothing(demo):
    ensure(demo)
    counts = (
        CompetenceRecord.objects.count(),
        NetworkPlan.objects.count(),
        NetworkMeeting.objects.count(),
        NetworkTask.objects.count(),
    )

    again = ensure(demo)

    assert (again.records, again.plans) == (0, 0)
    assert counts == (
        CompetenceRecord.objects.count(),
        NetworkPlan.objects.count(),
        NetworkMeeting.objects.count(),
        NetworkTask.objects.count(),
    )


def test_the_instructor_and_the_client_see_them_on_their_pages(client, demo):
    ensure(demo)
    client.force_login(demo["instructor"])

    page = client.get(f"/oma/asiakkaat/{demo['own'][0].pk}/").content.decode()

    assert "Kierrätysmateriaalien käsittely" in page
    page = client.get(f"/oma/asiakkaat/{demo['own'][3].pk}/").content.decode()
    assert "Tukee koulutukseen hakemisessa" in page
    client.force_login(demo["client_user"])
    page = client.get("/oma/minun/").content.decode()
    assert "Tukee koulutukseen hakemisessa" in page
