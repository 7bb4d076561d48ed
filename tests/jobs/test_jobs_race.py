"""At the same moment: two groups' offers accepted for one job, and a poster's double
click on "Pay". Exactly one wins; Stripe is asked for one payment page."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from marketplace.jobs.services import jobs as svc
from marketplace.models import JobOffer, JobPayment, JobProgress
from tests.factories.jobs import post_job, taken_job
from tests.factories.money import ready_account, start_payment

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent transactions need PostgreSQL (CI runs on PostgreSQL)",
)


def at_once(*calls: Callable[[], Any]) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except svc.JobRuleError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(outcomes)


def _wagtail_rows() -> None:
    """Wagtail's root page and locale, which its migrations made."""
    from django.conf import settings
    from django.core.cache import cache
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", live=True))
    cache.clear()


@pytest.fixture
def wagtail_rows_kept(django_db_blocker: Any) -> Any:
    """Put back, after the flush that ends a transactional test, the rows that
    later tests rely on (requested before ``transactional_db`` so that its
    teardown runs after the flush)."""
    yield
    with django_db_blocker.unblock():
        _wagtail_rows()


@pytest.fixture
def wagtail_rows(transactional_db: None) -> None:
    _wagtail_rows()  # an earlier transactional test may have flushed them


@pytest.fixture
def race_bank(wagtail_rows_kept, wagtail_rows, bank):  # type: ignore[no-untyped-def]
    return bank


def test_two_groups_taking_the_same_job_at_once_one_succeeds(race_bank):
    bank = race_bank
    job = post_job(bank, price_cents=0)
    near = svc.job_offer(
        actor=bank["supervisor"], job=job, site=bank["site"], workers=3
    )
    far = svc.job_offer(
        actor=bank["far_supervisor"], job=job, site=bank["far_site"], workers=2
    )
    outcomes = at_once(
        lambda: svc.offer_accept(actor=bank["poster"], offer=near),
        lambda: svc.offer_accept(actor=bank["poster"], offer=far),
    )
    assert outcomes == ["ok", "refused"]
    assert JobOffer.objects.filter(status="accepted").count() == 1
    progress = JobProgress.objects.get(job=job)
    assert progress.status == "taken"
    assert progress.offer == JobOffer.objects.get(status="accepted")


def test_a_double_click_on_pay_makes_one_payment(race_bank, stripe_fake):
    bank = race_bank
    ready_account(bank["unit_org"], stripe_fake)
    job = taken_job(bank)
    outcomes = at_once(
        lambda: start_payment(bank, job), lambda: start_payment(bank, job)
    )
    assert outcomes == ["ok", "ok"]
    assert JobPayment.objects.filter(job=job).count() == 1
    sessions = [
        o for o in stripe_fake.objects.values() if o["object"] == "checkout.session"
    ]
    assert len(sessions) == 1
