"""Every read of client data is logged, by construction (Client Data Act 703/2023).

Generated from the URL conf (tests/security/urlconf.py), like the IDOR test:

* every view of ours either wears ``marketplace.clients.reads.shows_client_data`` or
  is listed in :data:`NO_CLIENT_DATA` with the reason, so a new view fails here until
  it is one or the other;
* every view that wears it writes an entry of its kind when the user it is for opens
  it (its objects from tests/security/objects.py);
* no page names a client to a member of staff without an entry for that client
  written by that request (every page, as every staff role of a region).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from marketplace.clients.reads import client_data_of
from marketplace.models import AccessLogEntry, AttendanceDay
from tests.security.objects import REGISTRY, Realm, with_work_share
from tests.security.test_client_wishes import text_of
from tests.security.urlconf import Route, our_routes

#: Views that show no client's data, and why.
NO_CLIENT_DATA: dict[str, str] = {
    # signing in and the user's own account
    "favicon": "a redirect to a static file",
    "set_language": "changes the language",
    "login": "logging in",
    "logout": "logging out",
    "dashboard": "links to the user's pages",
    "account": "the user's own account",
    "two_factor_verify": "logging in",
    "two_factor_setup": "the user's own authenticator",
    "recovery_codes": "the user's own recovery codes",
    "two_factor_disable": "the user's own authenticator",
    "sessions_end": "the user's own sessions",
    "password_change": "the user's own password",
    "password_reset": "resetting one's own password",
    "password_reset_done": "resetting one's own password",
    "password_reset_confirm": "resetting one's own password",
    "password_reset_complete": "resetting one's own password",
    "notification_settings": "the user's own notification settings",
    "session_status": "the user's own session (the idle warning)",
    "session_keepalive": "the user's own session (the idle warning)",
    "address_search": "street addresses for a site's location, no client",
    # the organiser's users and organisations (staff, not clients)
    "organisation_list": "organisations",
    "organisation_create": "organisations",
    "organisation_edit": "organisations",
    "user_list": "staff users and login names, no client records",
    "user_create": "a new user",
    "user_edit": "a user's login, no client record",
    "user_security_list": "staff sign-in security",
    "user_security": "staff sign-in security",
    "user_security_reset": "staff sign-in security",
    "user_security_unlock": "staff sign-in security",
    # sites, jobs and money of a unit
    "my_sites": "the supervisor's sites and seat counts",
    "seats_update": "a site's seat counts",
    "job_list": "jobs",
    "job_create": "a new job",
    "job_manage": "a job, its offers and the number of work days, not who",
    "job_edit": "a job",
    "job_offer": "an offer of a group (by site, not who)",
    "job_pay": "a payment (POST, redirects to Stripe)",
    "job_pay_return": "a payment (redirects)",
    "job_action": "a job's status step",
    "offer_action": "an offer's status step (POST, redirects)",
    "work_day_remove": "removes a work day (POST, redirects)",
    "payout_account": "the unit's payout account",
    "payout_account_link": "the unit's payout account (redirects)",
    "payout_account_return": "the unit's payout account (redirects)",
    "work_share": "each unit's fund and the number of days waiting, not who",
    "money_overview": "ledger figures of units",
    "stripe_webhook": "Stripe's events",
    # figures about many clients, published under disclosure control
    "outcomes": "published figures (docs/outcomes.md), no client",
    "outcomes_export_csv": "published figures, no client",
    "outcomes_export_xlsx": "published figures, no client",
    "matcher_overview": "the matcher's figures over all clients, no client",
    # Wagtail's admin report, scoped to the user's pages (access/admin_scope.py)
    "polku_page_types_usage": "page types and their pages, no client",
    "polku_page_types_usage_results": "page types and their pages, no client",
    # steps that change data through services (which log the change) and redirect
    "client_create": "the form for a new client: no data yet",
    "client_purpose": "asks the colleague's purpose before the client is shown",
    "placement_suggest": "starts a placement (POST, redirects)",
    "suggestion_book": "books a visit (POST, redirects)",
    "suggestion_hide": "hides a suggestion (POST, redirects)",
    "suggestion_unhide": "shows a suggestion again (POST, redirects)",
    "competence_record_remove": "removes a record (POST, redirects)",
    # the client's own pages: a client reading their own data is not an access
    "my_page": "the client's own page",
    "my_wishes": "the client's own page",
    "my_feedback": "the client's own page",
    "my_suggestions": "the client's own page",
    "my_suggestion_answer": "the client's own page",
    "my_goal_move": "the client's own page",
    "my_certificate": "the client's own page",
    "my_certificate_pdf": "the client's own page",
}
#: Who opens a client-data view whose URL names no object of its own.
OWNER = {
    "client_list": "instructor",
    "access_log": "organiser",
    "my_network_tasks": "supervisor",
}
STAFF = ("instructor", "colleague", "supervisor", "organiser", "poster")


def client_data_routes() -> list[Route]:
    return [r for r in our_routes() if r.name and client_data_of(r.callback)]


@pytest.fixture
def realm(realms: Any) -> Realm:
    """The away region with something in every list: attendance this month, work
    days (one paid, one waiting), competence, a network task for the supervisor, and
    an access log entry for the organiser to find."""
    from marketplace.models import NetworkActor, NetworkTask
    from marketplace.money.services.workshare import work_days_record
    from tests.security.objects import _competence, _job, _network_meeting

    _home, away = realms
    today = timezone.localdate()
    AttendanceDay.objects.create(placement=away["placement"], date=today)
    with_work_share(away)
    work_days_record(
        actor=away["supervisor"],
        job=_job(away),
        date=today - dt.timedelta(days=1),
        clients=away["people"],
    )
    # the job's money has come in: its unallocated day waits for work-share money
    from marketplace.models import Job, JobProgress
    from marketplace.models.jobs import JobStatus

    Job.objects.filter(pk=_job(away).pk).update(price_cents=60000)
    JobProgress.objects.filter(job=_job(away)).update(
        status=JobStatus.PAID, delivered_at=timezone.now(), accepted_at=timezone.now()
    )
    _competence(away)
    meeting = _network_meeting(away)
    actor = NetworkActor.objects.create(
        plan=meeting.plan, role="Työtoiminnan ohjaaja", user=away["supervisor"]
    )
    NetworkTask.objects.create(
        plan=meeting.plan,
        agreed_at=meeting,
        actor=actor,
        description="Soita",
        due=today + dt.timedelta(days=7),
    )
    AccessLogEntry.objects.create(
        actor=away["instructor"], client=away["person"], action="view"
    )
    return away


def test_every_view_is_a_client_data_view_or_says_why_not() -> None:
    # Given every named route of ours
    routes = [r for r in our_routes() if r.name]
    # then each wears shows_client_data, or is listed as showing no client data
    unclassified = [
        f"{r.name} ({r.route})"
        for r in routes
        if not client_data_of(r.callback) and r.name not in NO_CLIENT_DATA
    ]
    assert not unclassified, (
        "Views that show client data must wear marketplace.clients.reads."
        "shows_client_data; list the others in NO_CLIENT_DATA with the reason: "
        + ", ".join(unclassified)
    )
    both = [r.name for r in routes if client_data_of(r.callback)]
    assert not set(both) & set(NO_CLIENT_DATA)
    assert not set(NO_CLIENT_DATA) - {r.name for r in routes}, "stale entries"


def _requests(route: Route, realm: Realm) -> tuple[str, list[str]]:
    if route.params:
        entry = REGISTRY[route.name or ""]
        assert entry.owner, route.name
        return entry.owner, [route.url(**kw) for kw in entry.build(realm)]
    assert route.name in OWNER, f"{route.name}: say who opens it (OWNER)"
    return OWNER[route.name], [route.url()]


@pytest.mark.parametrize("route", client_data_routes(), ids=lambda r: r.name)
def test_every_client_data_view_logs_what_it_shows(
    client: Any, realm: Realm, route: Route
) -> None:
    # Given the user the view is for, and the region's objects
    role, urls = _requests(route, realm)
    user = realm[role]
    client.force_login(user)
    kind = client_data_of(route.callback)
    assert kind is not None
    unlogged = []
    # when they open every variant of it
    for url in urls:
        before = set(AccessLogEntry.objects.values_list("pk", flat=True))
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url, {})
        assert response.status_code < 500, (url, response.status_code)
        written = AccessLogEntry.objects.exclude(pk__in=before).filter(actor=user)
        # then an entry of the view's kind names the client it showed
        if not written.filter(subject=kind.subject, action=kind.action).exists():
            unlogged.append(f"{url}: {response.status_code}")
    assert unlogged == []


def _pages(realm: Realm) -> list[tuple[str, str]]:
    found = []
    for route in our_routes():
        if route.name in ("logout", "set_language", "stripe_webhook", None):
            continue
        if not route.params:
            found.append((route.name, route.url()))
        elif route.name in REGISTRY:
            found += [
                (route.name, route.url(**kw))
                for kw in REGISTRY[route.name].build(realm)
            ]
    return found


@pytest.mark.parametrize("role", STAFF)
def test_no_page_names_a_client_without_an_entry(
    client: Any, realm: Realm, role: str
) -> None:
    # Given a member of staff of the region, and its clients' names
    user = realm[role]
    client.force_login(user)
    people = {p.pk: p.name for p in realm["people"]}
    silent, naming = [], 0
    # when they open every page of the URL conf
    for name, url in _pages(realm):
        before = set(AccessLogEntry.objects.values_list("pk", flat=True))
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = text_of(response)
        named = {pk for pk, person in people.items() if person in text}
        naming += bool(named)
        logged = set(
            AccessLogEntry.objects.exclude(pk__in=before)
            .filter(actor=user)
            .values_list("client_id", flat=True)
        )
        # then every client it names has an entry of this read
        if named - logged:
            silent.append(f"{name} {url}")
    assert silent == []
    # (the pages of those who work with clients did name them: the test saw some)
    assert naming > 0 or role in ("colleague", "poster")
