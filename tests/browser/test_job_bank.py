"""The job bank in a real browser, with Stripe played by the in-process fake.

An NGO posts a paid job, the organiser approves it, a unit sets up its payout
account and offers its group, the NGO chooses the group and pays on Stripe's page,
the group does the job over three days with three participants and delivers it, the
NGO accepts it, the money reaches the unit's work-share fund, the supervisor
allocates work-share money and reads the month's statement, and the organiser's
money page agrees with Stripe. Stripe's hosted pages (Checkout, Express onboarding)
are intercepted in the browser and answered by the fake, which also sends the signed
webhooks to the live server, as Stripe would.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import urllib.request
from typing import Any

import pytest
from django.utils import timezone
from wagtail.models import WorkflowState

from marketplace.models import Job, JobOffer, LedgerEntry, WorkShareAllocation
from marketplace.money.services import ledger
from tests.security.login import browser_log_in
from tests.stripe_fake import signed

pytestmark = pytest.mark.browser


def send_webhook(live_server: Any, event: dict[str, Any]) -> None:
    payload, header = signed(event)
    request = urllib.request.Request(
        f"{live_server.url}/oma/stripe/webhook/",
        data=payload.encode(),
        headers={"Content-Type": "application/json", "Stripe-Signature": header},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200


def stripe_pages(page: Any, fake: Any, live_server: Any) -> None:
    """Play Stripe's hosted pages in the browser. Polku answers "Pay" and "Set up"
    with a redirect to Stripe; the browser does not go there: the customer pays (or
    the organisation completes onboarding) at once, Stripe's webhook is sent, and
    the browser comes back to Polku's return address, as after a real visit."""

    def leave_for_stripe(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        answer = route.fetch(max_redirects=0)
        stripe_url = answer.headers["location"]
        if stripe_url.startswith("https://checkout.stripe.com/"):
            session_id = stripe_url.rsplit("/", 1)[1]
            send_webhook(live_server, fake.complete_checkout(session_id, fee_cents=925))
            back = fake.objects[session_id]["success_url"]
        else:
            assert stripe_url.startswith("https://connect.stripe.com/setup/e/")
            account_id = stripe_url.split("/setup/e/")[1].split("/")[0]
            send_webhook(live_server, fake.complete_onboarding(account_id))
            back = fake.sent("/v1/account_links")[-1].params["return_url"]
        route.fulfill(status=303, headers={"Location": back})

    page.route("**/oma/tyopankki/*/maksa/", leave_for_stripe)
    page.route("**/oma/maksutili/", leave_for_stripe)


def click(page: Any, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).first.click()


def status_message(page: Any) -> str:
    return page.locator(".messages").inner_text()


@pytest.fixture
def people(bank):  # type: ignore[no-untyped-def]  # noqa: F811
    for user in ("poster", "supervisor"):
        bank[user].first_name = {"poster": "Iida", "supervisor": "Tuomas"}[user]
        bank[user].save()
    return bank


def test_a_paid_job_from_posting_to_work_share_statement(
    page,
    browser,
    live_server,
    people,
    stripe_fake,  # noqa: F811 - the fixture imported above
    shot,
    axe,
):
    world, fake = people, stripe_fake
    today = timezone.localdate()
    deadline = (today + dt.timedelta(days=30)).isoformat()

    # --- The NGO posts a paid job --------------------------------------------
    browser_log_in(page, world["poster"])
    page.goto("/oma/tyopankki/uusi/")
    form = page.locator("main form")
    form.locator("#id_title").fill("Taita ja postita 800 jäsenkirjettä")
    form.locator("#id_description").fill(
        "Kirjeet taitetaan, kuoritetaan ja postitetaan."
    )
    form.get_by_label("Vammaisten työtoiminta", exact=True).check()
    form.get_by_label("Postitus").check()
    form.locator("#id_municipality").select_option(label="Lahti")
    form.locator("#id_workers_needed").fill("3")
    form.locator("#id_effort_days").fill("3")
    form.locator("#id_deadline").fill(deadline)
    form.locator("#id_price").fill("600,00")
    form.locator("#id_replaces_no_paid_work").check()
    assert axe(page) == []
    click(page, "Lähetä hyväksyttäväksi")
    job = Job.objects.get()
    assert page.url.endswith(f"/oma/tyopankki/{job.pk}/")
    assert not job.live and job.price_cents == 60000

    # --- The organiser of the region approves it (Wagtail's workflow) ---------
    state = WorkflowState.objects.get(object_id=str(job.pk))
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, world["organiser"], "approve")
    job.refresh_from_db()
    assert job.live

    # --- The unit sets up its payout account and offers its group ------------
    supervisor_context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    unit = supervisor_context.new_page()
    stripe_pages(unit, fake, live_server)
    try:
        browser_log_in(unit, world["supervisor"])
        unit.goto("/oma/maksutili/")
        assert axe(unit) == []
        click(unit, "Ota maksutili käyttöön Stripessä")
        assert unit.url.endswith("/oma/maksutili/")
        assert "valmis" in unit.locator("#account-state").inner_text().lower()
        unit.goto("/tyopankki/")
        assert axe(unit) == []
        with unit.expect_navigation():
            unit.get_by_role("link", name=job.title).click()
        assert axe(unit) == []
        unit.locator("#id_workers").fill("3")
        click(unit, "Lähetä tarjous")
        assert JobOffer.objects.get().site == world["site"]
        shot(unit, "job-bank-offer-sent")

        # --- The NGO chooses the group and pays on Stripe's page ----------------
        stripe_pages(page, fake, live_server)
        page.goto(f"/oma/tyopankki/{job.pk}/")
        click(page, "Valitse Työkeskus Verstas")
        assert page.locator("#job-status").inner_text() == "Otettu"
        click(page, "Maksa 600,00\u00a0€")
        assert "maksettu" in status_message(page).lower()
        assert page.locator("#payment-status").inner_text() == "Maksettu"
        assert axe(page) == []

        # --- The group works three days with three participants ----------------
        # (the group took the job three days ago: the days are after that)
        JobOffer.objects.update(decided_at=timezone.now() - dt.timedelta(days=3))
        unit.goto(f"/oma/tyopankki/{job.pk}/")
        click(unit, "Aloita työ")
        unit.goto(f"/oma/tyopankki/{job.pk}/tyopaivat/")
        for days_ago in (2, 1, 0):
            unit.locator("#id_date").fill(
                (today - dt.timedelta(days=days_ago)).isoformat()
            )
            for person in world["people"]:
                unit.get_by_label(person.name, exact=True).check()
            click(unit, "Tallenna päivä")
        assert unit.locator("main table tbody tr").count() == 9
        assert axe(unit) == []
        unit.goto(f"/oma/tyopankki/{job.pk}/deliver/")
        unit.locator("#id_note").fill("Kirjeet viety postiin.")
        click(unit, "Merkitse toimitetuksi")

        # --- The NGO accepts the delivery: the money goes to the unit ----------
        page.goto(f"/oma/tyopankki/{job.pk}/")
        click(page, "Hyväksy toimitus")
        assert page.locator("#job-status").inner_text() == "Maksettu yksikölle"
        assert "58,00" not in page.locator("#transfer-status").inner_text()
        assert "600,00" in page.locator("#transfer-status").inner_text()
        shot(page, "job-bank-paid")

        # --- The supervisor allocates work-share money and reads the statement -
        unit.goto(f"/oma/tyoosuusraha/{world['site'].pk}/")
        assert unit.locator("#fund-balance").inner_text() == "600,00\u00a0€"
        assert unit.locator("#payable-total").inner_text() == "54,00\u00a0€"
        assert axe(unit) == []
        click(unit, "Jaa 54,00\u00a0€ rahastosta")
        assert unit.locator("#fund-balance").inner_text() == "546,00\u00a0€"
        unit.goto(f"/oma/tyoosuusraha/{world['site'].pk}/tilitys/?kk={today:%Y-%m}")
        sections = unit.locator("section.statement")
        assert sections.count() == 3
        for n in range(3):
            assert "18,00" in sections.nth(n).locator("tfoot").inner_text()
        assert axe(unit) == []
        shot(unit, "job-bank-statement")
        csv_url = f"/oma/tyoosuusraha/{world['site'].pk}/tilitys.csv?kk={today:%Y-%m}"
        response = unit.request.get(csv_url)
        rows = list(
            csv.reader(io.StringIO(response.text().lstrip("\ufeff")), delimiter=";")
        )
        assert len(rows) == 1 + 9
        assert sum(int(r[3].replace(",", "")) for r in rows[1:]) == 5400
    finally:
        supervisor_context.close()

    # --- The books: balanced, and the organiser's page agrees with Stripe ------
    assert ledger.unbalanced_entries() == []
    assert sum(a.amount_cents for a in WorkShareAllocation.objects.all()) == 5400
    assert LedgerEntry.objects.filter(kind="payment").count() == 1
    organiser_context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    desk = organiser_context.new_page()
    try:
        browser_log_in(desk, world["organiser"])
        desk.goto("/oma/rahaliikenne/")
        assert "täsmäävät" in desk.locator("#reconciliation-result").inner_text()
        assert axe(desk) == []
        shot(desk, "job-bank-money")
    finally:
        organiser_context.close()
    sent = json.dumps([r.params for r in fake.requests], ensure_ascii=False)
    assert not any(person.name in sent for person in world["people"])
