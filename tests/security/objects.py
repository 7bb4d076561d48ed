"""Two regions with one of everything, and the registry that builds the arguments of
every object URL of the URL conf from them.

The IDOR test opens each object URL of one region as each role of the other and
expects a refusal. A new object URL fails the test until it is registered here:
add an entry to ``REGISTRY`` under its URL name, saying which role of the region
owns the object (the test checks that this role is *not* refused, so that the
entry builds real objects) and how to build the URL's arguments from a region.
URL arguments that are not objects (a report's table name, a public site) are
registered with ``owner=None`` and the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from marketplace.access import roles
from marketplace.models import Placement
from tests.factories.accounts import (
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
    make_user,
)
from tests.factories.clients import make_client, make_placement
from tests.factories.sites import make_site

#: The roles of a region that the IDOR test logs in as ("colleague" is a second
#: social instructor of the same organisation as "instructor").
ROLES = ("instructor", "colleague", "supervisor", "organiser", "poster", "client")
WISHES_MARKER = "KIRAHVITOIVE-5821"
WISHES = f"Haluaisin hoitaa kirahveja eläintarhassa ({WISHES_MARKER})."


class Realm(dict):
    """A region's organisations, users, site, client and placement, by name."""


def realm_build(tag: str, code: str) -> Realm:
    region = RegionFactory(slug=f"alue-{tag}", name_fi=f"Alue {tag}")
    town = MunicipalityFactory(code=code, name=f"Kunta {tag}", region=region)
    county = OrganisationFactory(
        name=f"Hyvinvointialue {tag}", kind="wellbeing_county", region=region
    )
    unit = OrganisationFactory(name=f"Työpaja {tag} ry", region=region)
    poster_org = OrganisationFactory(
        name=f"Seurakunta {tag}", kind="parish", region=region
    )
    site = make_site(
        title=f"Verstas {tag}",
        organisation=unit,
        municipality=town,
        services=("disability", "rehabilitative"),
        tags=("mailing", "woodwork"),
        work_share_cents_per_day=600,
    )
    instructor = make_user(roles.INSTRUCTOR, organisation=county)
    client_user = make_user(roles.CLIENT)
    person = make_client(
        instructor=instructor,
        municipality=town,
        user=client_user,
        name=f"Asiakas {tag}",
        service="disability",
        wishes=WISHES,
    )
    placement = make_placement(person, site)
    return Realm(
        tag=tag,
        region=region,
        town=town,
        county=county,
        unit=unit,
        site=site,
        person=person,
        placement=placement,
        instructor=instructor,
        colleague=make_user(roles.INSTRUCTOR, organisation=county),
        supervisor=make_user(roles.SUPERVISOR, organisation=unit),
        organiser=make_user(roles.ORGANISER, organisation=county),
        poster=make_user(roles.POSTER, organisation=poster_org),
        client=client_user,
        # the names tests/factories/jobs.py's helpers read
        ngo=poster_org,
        lahti=town,
        people=[person],
    )


def _job(realm: Realm) -> Any:
    """A free job of the region's poster, taken by its unit, with a work day."""
    if "job" not in realm:
        from marketplace.jobs.services.jobs import job_start
        from tests.factories.jobs import record_days, taken_job

        job = taken_job(realm, price_cents=0)
        job_start(actor=realm["supervisor"], job=job)
        realm["job"] = job
        realm["work_days"] = record_days(realm, job, days=1)
    return realm["job"]


def with_work_share(realm: Realm) -> Any:
    """The realm's work day on its job, allocated work-share money (a statement
    line for the month of the work day); returns the allocation."""
    from marketplace.models import WorkShareAllocation
    from marketplace.money.services import ledger

    day = _work_day(realm)
    if day.allocation_id:
        return day.allocation
    site = realm["site"]
    entry = ledger.ledger_post(
        kind="allocation",
        site=site,
        lines=[
            ledger.Line(ledger.unit_fund_account(site), 600),
            ledger.Line(ledger.participant_account(site, day.client), -600),
        ],
    )
    allocation = WorkShareAllocation.objects.create(
        site=site,
        client=day.client,
        date=day.date,
        amount_cents=600,
        rate_cents=600,
        cap_cents=1200,
        entry=entry,
    )
    day.allocation = allocation
    day.save(update_fields=["allocation"])
    return allocation


def _competence(realm: Realm) -> Any:
    """A competence record of the realm's participant (a unit the site offers);
    made again if the removal URL's check removed it."""
    from marketplace.models import CompetenceRecord, LearningUnit

    kept = realm.get("competence")
    if kept is None or not CompetenceRecord.objects.filter(pk=kept.pk).exists():
        unit, _new = LearningUnit.objects.get_or_create(
            site=realm["site"], name="Puutyöt"
        )
        realm["competence"] = CompetenceRecord.objects.create(
            placement=realm["placement"],
            unit=unit,
            unit_name=unit.name,
            parts="Työturvallisuus",
            level=CompetenceRecord.Level.WORKED_ON,
            start=realm["placement"].start_date,
            end=timezone.localdate(),
            tasks="Hiontaa ja kokoamista.",
            recorded_by=realm["supervisor"],
        )
    return realm["competence"]


def _network_meeting(realm: Realm) -> Any:
    """A review meeting of the realm's client's network plan."""
    if "network_meeting" not in realm:
        from marketplace.models import NetworkActor, NetworkMeeting, NetworkPlan

        plan = NetworkPlan.objects.create(
            client=realm["person"],
            starting_point="Alku",
            goals="Tavoite",
            created_by=realm["instructor"],
        )
        coach = NetworkActor.objects.create(plan=plan, role="Työvalmentaja")
        meeting = NetworkMeeting.objects.create(
            plan=plan,
            kind=NetworkMeeting.Kind.REVIEW,
            date=timezone.localdate(),
            coordinator=coach,
            client_agreed=True,
            recorded_by=realm["instructor"],
        )
        meeting.participants.set([coach])
        realm["network_meeting"] = meeting
    return realm["network_meeting"]


def _booked(realm: Realm) -> Any:
    """A visit booked for the region's client at a second site of the unit, with a
    period that would be reviewed (the realm's own placement has neither)."""
    if "booked" not in realm:
        site = make_site(
            title=f"Toinen verstas {realm['tag']}",
            organisation=realm["unit"],
            municipality=realm["town"],
            services=("disability",),
        )
        soon = timezone.now() + dt.timedelta(days=3)
        realm["booked"] = Placement.objects.create(
            client=realm["person"],
            site=site,
            status=Placement.Status.VISIT_BOOKED,
            visit_at=soon,
        )
        Placement.objects.filter(pk=realm["placement"].pk).update(
            planned_end=timezone.localdate() + dt.timedelta(days=40)
        )
    return realm["booked"].pk


def _reviewed(realm: Realm) -> Any:
    _booked(realm)  # gives the realm's placement a period end, so a review date
    return realm["placement"].pk


def _offer(realm: Realm) -> Any:
    return _job(realm).offers.first()


def _work_day(realm: Realm) -> Any:
    _job(realm)
    return realm["work_days"][0]


def _actions(module: str, name: str) -> list[str]:
    from importlib import import_module

    return list(getattr(import_module(module), name))


@dataclass(frozen=True)
class ObjectUrl:
    #: the role of the realm whose object it is (None: the arguments are no object)
    owner: str | None
    #: the URL arguments for the realm's object(s); several for action URLs
    build: Callable[[Realm], list[dict[str, Any]]]
    reason: str = ""


def _one(**getters: Callable[[Realm], Any]) -> Callable[[Realm], list[dict[str, Any]]]:
    return lambda realm: [{k: get(realm) for k, get in getters.items()}]


def _site(r: Realm) -> Any:
    return r["site"].pk


def _client(r: Realm) -> Any:
    return r["person"].pk


def _placement(r: Realm) -> Any:
    return r["placement"].pk


REGISTRY: dict[str, ObjectUrl] = {
    # the organiser's pages of their region's users and organisations
    "user_security": ObjectUrl("organiser", _one(pk=lambda r: r["supervisor"].pk)),
    "user_security_reset": ObjectUrl(
        "organiser", _one(pk=lambda r: r["supervisor"].pk)
    ),
    "user_security_unlock": ObjectUrl(
        "organiser", _one(pk=lambda r: r["supervisor"].pk)
    ),
    "user_edit": ObjectUrl("organiser", _one(pk=lambda r: r["supervisor"].pk)),
    "organisation_edit": ObjectUrl("organiser", _one(pk=lambda r: r["unit"].pk)),
    # a site's supervisor
    "seats_update": ObjectUrl("supervisor", _one(pk=_site)),
    "site_attendance": ObjectUrl("supervisor", _one(pk=_site)),
    "site_day": ObjectUrl("supervisor", _one(pk=_site)),
    "site_attendance_week": ObjectUrl("supervisor", _one(pk=_site)),
    "site_day_weekdays": ObjectUrl(
        "supervisor", _one(pk=_site, placement_pk=_placement)
    ),
    "site_attendance_csv": ObjectUrl("supervisor", _one(pk=_site)),
    "site_feedback": ObjectUrl("supervisor", _one(pk=_site)),
    "site_feedback_answer": ObjectUrl(
        "supervisor", _one(pk=_site, placement_pk=_placement)
    ),
    "work_share_site": ObjectUrl("supervisor", _one(pk=_site)),
    "work_share_statement": ObjectUrl("supervisor", _one(pk=_site)),
    "work_share_statement_csv": ObjectUrl("supervisor", _one(pk=_site)),
    "work_share_statement_pdf": ObjectUrl("supervisor", _one(pk=_site)),
    # a client's own worker
    "client_detail": ObjectUrl("instructor", _one(pk=_client)),
    "client_edit": ObjectUrl("instructor", _one(pk=_client)),
    "assessment_create": ObjectUrl("instructor", _one(pk=_client)),
    "placement_suggest": ObjectUrl("instructor", _one(pk=_client)),
    "client_attendance_csv": ObjectUrl("instructor", _one(pk=_client)),
    "client_suggestions": ObjectUrl("instructor", _one(pk=_client)),
    "suggestion_book": ObjectUrl("instructor", _one(pk=_client, site_id=_site)),
    "suggestion_hide": ObjectUrl("instructor", _one(pk=_client, site_id=_site)),
    "suggestion_unhide": ObjectUrl("instructor", _one(pk=_client, site_id=_site)),
    "placement_action": ObjectUrl(
        "instructor",
        lambda r: [
            {"pk": r["placement"].pk, "action": a}
            for a in _actions("marketplace.clients.views.placements", "ACTIONS")
        ],
    ),
    "placement_agreement": ObjectUrl("instructor", _one(pk=_placement)),
    "placement_agreement_pdf": ObjectUrl("instructor", _one(pk=_placement)),
    "placement_agreement_sign": ObjectUrl("instructor", _one(pk=_placement)),
    # competence at work: the site's supervisor records, the client reads their own
    "site_competence": ObjectUrl("supervisor", _one(pk=_site)),
    "participant_competence": ObjectUrl("supervisor", _one(pk=_placement)),
    "competence_record_remove": ObjectUrl(
        "supervisor", _one(pk=_placement, record=lambda r: _competence(r).pk)
    ),
    "staff_certificate": ObjectUrl("supervisor", _one(pk=_placement)),
    "staff_certificate_pdf": ObjectUrl("supervisor", _one(pk=_placement)),
    "my_certificate": ObjectUrl(
        "client", _one(pk=lambda r: _competence(r).placement_id)
    ),
    "my_certificate_pdf": ObjectUrl(
        "client", _one(pk=lambda r: _competence(r).placement_id)
    ),
    # the network plan: the client's own worker
    "network_plan": ObjectUrl("instructor", _one(pk=_client)),
    "network_meeting_new": ObjectUrl("instructor", _one(pk=_client)),
    "network_tasks": ObjectUrl("instructor", _one(pk=lambda r: _network_meeting(r).pk)),
    "network_review": ObjectUrl(
        "instructor", _one(pk=lambda r: _network_meeting(r).pk)
    ),
    "placement_visit_ics": ObjectUrl("instructor", _one(pk=_booked)),
    "placement_review_ics": ObjectUrl("instructor", _one(pk=_reviewed)),
    # a colleague of the own worker, who opens the client by giving a purpose
    "client_purpose": ObjectUrl("colleague", _one(pk=_client)),
    # the client
    "my_feedback": ObjectUrl("client", _one(pk=_placement)),
    "my_suggestion_answer": ObjectUrl(
        None,
        _one(site_id=_site),
        "the client answers about a published site, public to all; the answer is "
        "stored for the client who gives it",
    ),
    # a password reset link: its arguments are a user id and a token, checked by
    # Django's token generator (tests/accounts/test_password_reset.py)
    "password_reset_confirm": ObjectUrl(
        None,
        lambda r: [{"uidb64": "MQ", "token": "set-password"}],
        "a reset link's user id and one-time token; a wrong token is an invalid "
        "link, and staff accounts are never reset by e-mail",
    ),
    # the job bank
    "job_manage": ObjectUrl("poster", _one(pk=lambda r: _job(r).pk)),
    "job_edit": ObjectUrl("poster", _one(pk=lambda r: _job(r).pk)),
    "job_pay": ObjectUrl("poster", _one(pk=lambda r: _job(r).pk)),
    "job_pay_return": ObjectUrl("poster", _one(pk=lambda r: _job(r).pk)),
    "job_offer": ObjectUrl(
        None,
        _one(pk=lambda r: _job(r).pk),
        "a published job is public (the job-bank page); the offer form lists only "
        "the user's own groups (selectors.sites_for_offering)",
    ),
    "job_work_days": ObjectUrl("supervisor", _one(pk=lambda r: _job(r).pk)),
    "work_day_remove": ObjectUrl("supervisor", _one(pk=lambda r: _work_day(r).pk)),
    "job_action": ObjectUrl(
        "supervisor",
        lambda r: [
            {"pk": _job(r).pk, "action": a}
            for a in _actions("marketplace.jobs.views", "ACTIONS")
        ],
    ),
    "offer_action": ObjectUrl(
        "poster",
        lambda r: [
            {"pk": _offer(r).pk, "action": a}
            for a in _actions("marketplace.jobs.views", "OFFER_ACTIONS")
        ],
    ),
    # reports: the argument names a table, the figures are the user's region's
    "outcomes_export_csv": ObjectUrl(
        None,
        lambda r: [{"table": "exits"}],
        "a report table's name; the view scopes the figures to the user's region "
        "(tests/outcomes/test_outcomes.py)",
    ),
    "outcomes_export_xlsx": ObjectUrl(
        None,
        lambda r: [{"table": "all"}],
        "a report table's name; the view scopes the figures to the user's region "
        "(tests/outcomes/test_outcomes.py)",
    ),
}
