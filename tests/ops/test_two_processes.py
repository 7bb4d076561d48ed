"""Two application processes on one PostgreSQL database behave as one site: a
session started on one continues on the other, login failures count together, the
last seat goes once whichever process agrees it, a Stripe webhook delivered to both
is booked once, and the matcher's per-process catalogue follows changes made
through the other process. Nothing a request needs is kept in a process.

Each test starts two gunicorn servers (config/gunicorn.conf.py, one worker each)
against the test database (tests/ops/servers.py). PostgreSQL only: CI runs it.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.utils import timezone

from marketplace.access import roles
from marketplace.models import (
    LedgerEntry,
    Placement,
    PlacementPeriod,
    SiteCapacity,
    StripeEvent,
)
from marketplace.models.money import JobPayment
from marketplace.money.services import payments as msvc
from marketplace.sites.services import site_seats_update
from tests.factories.accounts import (
    PASSWORD,
    MunicipalityFactory,
    OrganisationFactory,
    make_user,
)
from tests.factories.clients import make_client
from tests.factories.jobs import taken_job
from tests.factories.money import ready_account
from tests.factories.sites import make_site
from tests.ops.servers import Browser, Server, two_servers
from tests.security.login import authenticator_for, current_code
from tests.stripe_fake import SECRET_KEY, WEBHOOK_SECRET, signed

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="other processes can share only a PostgreSQL test database (CI)",
    ),
]


@pytest.fixture
def county(committed: None, polku: Any) -> dict[str, Any]:
    org = OrganisationFactory(kind="wellbeing_county")
    town = MunicipalityFactory(code="398", name="Lahti", region=org.region)
    ngo = OrganisationFactory(region=org.region)
    instructor = make_user(roles.INSTRUCTOR, organisation=org, username="ohjaaja")
    authenticator_for(instructor)
    return {"org": org, "town": town, "ngo": ngo, "instructor": instructor}


def log_in(browser: Browser, first: Server, second: Server, user: Any) -> None:
    """Password on ``first``, the authenticator's code on ``second``."""
    reply = browser.submit(
        first, "/kirjaudu/", {"username": user.username, "password": PASSWORD}
    )
    assert reply.status == 302 and "/oma/tili/vahvistus/" in reply.location
    verify = urlsplit(reply.location)
    path = f"{verify.path}?{verify.query}" if verify.query else verify.path
    code = current_code(authenticator_for(user))
    reply = browser.submit(second, path, {"code": code})
    assert reply.status == 302, reply.text[:500]


def visit_booked(county: dict[str, Any], site: Any, name: str) -> Placement:
    person = make_client(
        instructor=county["instructor"], municipality=county["town"], name=name
    )
    return Placement.objects.create(
        client=person,
        site=site,
        status=Placement.Status.VISIT_BOOKED,
        visit_at=timezone.now(),
    )


AGREEMENT = {
    "start_date": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
    "days_per_week": 3,
    "hours_per_day": 5,
    "tasks": "Puutyöt",
}


def agree(browser: Browser, server: Server, placement: Placement) -> Any:
    return browser.submit(server, f"/oma/sijoitukset/{placement.pk}/agree/", AGREEMENT)


def test_a_session_started_on_one_process_is_valid_on_the_other(county, tmp_path):
    make_client(instructor=county["instructor"], name="Aino Asiakas")
    with two_servers(tmp_path) as (a, b):
        browser = Browser()
        # Given the password typed on A and the second factor on B
        log_in(browser, a, b, county["instructor"])
        # then both processes know the session
        for server in (a, b):
            reply = browser.get(server, "/oma/asiakkaat/")
            assert reply.status == 200 and "Aino Asiakas" in reply.text
        # and logging out on B ends it on A too
        page = browser.get(b, "/oma/asiakkaat/")
        token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        reply = browser.request(
            b, "POST", "/kirjaudu-ulos/", {"csrfmiddlewaretoken": token}
        )
        assert reply.status == 302
        assert browser.get(a, "/oma/asiakkaat/").status == 302


def test_login_failures_on_both_processes_count_together(county, tmp_path):
    user = county["instructor"]
    with two_servers(tmp_path) as (a, b):
        browser = Browser()
        # Given five wrong passwords, three on A and two on B
        for server in (a, b, a, b, a):
            wrong = {"username": user.username, "password": "väärä"}
            assert browser.submit(server, "/kirjaudu/", wrong).status != 302
        # then the right one is refused on both: the lockout is in the database
        for server in (a, b):
            right = {"username": user.username, "password": PASSWORD}
            reply = Browser().submit(server, "/kirjaudu/", right)
            assert reply.status != 302


def test_the_last_seat_is_taken_once_whichever_process_agrees_it(county, tmp_path):
    site = make_site(
        title="Puupaja", organisation=county["ngo"], municipality=county["town"]
    )
    SiteCapacity.objects.filter(site=site).update(seats_total=4, seats_free=1)
    first, second = (visit_booked(county, site, f"Asiakas {n}") for n in (1, 2))
    raced = make_site(
        title="Kierrätyspaja", organisation=county["ngo"], municipality=county["town"]
    )
    SiteCapacity.objects.filter(site=raced).update(seats_total=4, seats_free=1)
    racers = [visit_booked(county, raced, f"Kilpailija {n}") for n in (1, 2)]
    with two_servers(tmp_path) as (a, b):
        browser = Browser()
        log_in(browser, a, b, county["instructor"])
        # When the last seat is agreed through A
        assert agree(browser, a, first).status == 302
        # then B shows the site full
        assert "0 free of 4" in Browser().get(b, site.url).text
        # and a second agreement through B fails with a clear message, changing nothing
        reply = agree(browser, b, second)
        assert reply.status == 200 and "The site has no free seat." in reply.text
        second.refresh_from_db()
        assert second.status == Placement.Status.VISIT_BOOKED
        assert SiteCapacity.objects.get(site=site).seats_free == 0
        assert PlacementPeriod.objects.filter(placement__site=site).count() == 1
        # and when two agreements for one last seat arrive at A and B at once
        barrier, statuses = threading.Barrier(2), []

        def race(server: Server, placement: Placement) -> None:
            page = browser.get(server, f"/oma/sijoitukset/{placement.pk}/agree/")
            token = page.text.split('csrfmiddlewaretoken" value="')[1].split('"')[0]
            form = {**AGREEMENT, "csrfmiddlewaretoken": token}
            barrier.wait()
            path = f"/oma/sijoitukset/{placement.pk}/agree/"
            statuses.append(browser.request(server, "POST", path, form).status)

        threads = [
            threading.Thread(target=race, args=(server, placement))
            for server, placement in zip((a, b), racers, strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # exactly one gets it
        assert sorted(statuses) == [200, 302]
        assert SiteCapacity.objects.get(site=raced).seats_free == 0
        assert (
            Placement.objects.filter(site=raced, status=Placement.Status.AGREED).count()
            == 1
        )


def test_a_webhook_delivered_to_both_processes_is_booked_once(
    committed,
    bank,
    stripe_fake,
    tmp_path: Path,
):
    # Given a job paid on Stripe's Checkout page (the fake), whose objects the
    # servers' Stripe fake reads
    ready_account(bank["unit_org"], stripe_fake)
    job = taken_job(bank)
    payment = msvc.payment_start(
        actor=bank["poster"],
        job=job,
        success_url="https://polku.test/maksettu/",
        cancel_url="https://polku.test/tyo/",
    )
    event = stripe_fake.complete_checkout(payment.checkout_session_id, fee_cents=925)
    state = tmp_path / "stripe.json"
    state.write_text(
        json.dumps({"objects": stripe_fake.objects, "balance": stripe_fake.balance})
    )
    payload, signature = signed(event)
    env = {
        "STRIPE_SECRET_KEY": SECRET_KEY,
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "POLKU_FAKE_STRIPE_STATE": str(state),
    }
    with two_servers(tmp_path, **env) as (a, b):
        # When Stripe delivers the same event to A and B at the same moment
        barrier, outcomes = threading.Barrier(2), []

        def deliver(server: Server) -> None:
            barrier.wait()
            reply = Browser().request(
                server,
                "POST",
                "/oma/stripe/webhook/",
                body=payload,
                headers={
                    "Content-Type": "application/json",
                    "Stripe-Signature": signature,
                },
            )
            assert reply.status == 200, reply.text[:300]
            outcomes.append(json.loads(reply.text)["outcome"])

        threads = [threading.Thread(target=deliver, args=(s,)) for s in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        # then one books the payment and the other sees a replay
        assert sorted(outcomes) == ["payment booked", "replay"]
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1
    assert LedgerEntry.objects.filter(kind="payment").count() == 1
    payment.refresh_from_db()
    assert payment.status == JobPayment.Status.SUCCEEDED


def test_the_matchers_catalogue_follows_changes_made_through_the_other_process(
    county, tmp_path
):
    # Given a client, and a site with one free seat that another client is visiting
    person = make_client(
        instructor=county["instructor"], municipality=county["town"], name="Aino"
    )
    site = make_site(
        title="Viimeinen paikka",
        organisation=county["ngo"],
        municipality=county["town"],
    )
    SiteCapacity.objects.filter(site=site).update(seats_total=4, seats_free=1)
    make_site(
        title="Toinen paja", organisation=county["ngo"], municipality=county["town"]
    )
    other = visit_booked(county, site, "Bertta")
    url = f"/oma/asiakkaat/{person.pk}/ehdotukset/"
    with two_servers(tmp_path) as (a, b):
        browser = Browser()
        log_in(browser, a, b, county["instructor"])
        # both processes suggest the site (and cache their catalogue)
        for server in (a, b):
            assert "Viimeinen paikka" in browser.get(server, url).text
        # When the last seat is agreed through B
        assert agree(browser, b, other).status == 302
        # then A's suggestions leave the full site out
        page = browser.get(a, url).text
        assert "Viimeinen paikka" not in page and "Toinen paja" in page
        # and when its supervisor frees a seat (a third process: this test)
        supervisor = make_user(roles.SUPERVISOR, organisation=county["ngo"])
        site_seats_update(user=supervisor, site=site, seats_total=5, seats_free=1)
        # both processes suggest it again
        for server in (a, b):
            assert "Viimeinen paikka" in browser.get(server, url).text
