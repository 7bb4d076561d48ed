"""A stateful test: random sequences of placement steps (some sent twice, some with
dates a person would not pick), attendance marks, seat changes, job-bank jobs and
payments through the fake Stripe. After every step the invariants hold:

- a site's free seats are never negative, free + taken never exceed the total, and
  the seats taken are exactly the site's placements that hold a seat;
- a client's agreed and active placements together stay within the days a week of
  the client's service (the law's 1–4 for rehabilitative work activity);
- every ledger entry is balanced and the books sum to zero;
- every money figure shown for a month is its days times the day's rate, and the
  client's pages and the supervisor's grid show the same days for a placement;
- no attendance day counts outside a started period or after today.

Each example runs inside a savepoint that is rolled back, on a world built once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from marketplace.clients.selectors.attendance import client_month, site_month
from marketplace.clients.services import placement_rules as rules
from marketplace.clients.services import placements as svc
from marketplace.clients.services.attendance import (
    AttendanceError,
    attendance_set_month,
)
from marketplace.jobs.services import disputes as dsvc
from marketplace.jobs.services import jobs as jsvc
from marketplace.jobs.status import JobRuleError
from marketplace.models import (
    AttendanceDay,
    Client,
    JobRefund,
    JobTransfer,
    LedgerAccount,
    Placement,
    SiteCapacity,
)
from marketplace.money.payments import gateway
from marketplace.money.services import ledger
from marketplace.money.services import payments as msvc
from marketplace.money.services.stripe_events import stripe_event_receive
from marketplace.shared.months import add_months, month_bounds
from marketplace.sites.services import SeatsError, site_seats_update
from tests.factories.clients import make_client
from tests.factories.jobs import post_job
from tests.factories.money import ready_account
from tests.factories.sites import make_site
from tests.stripe_fake import FakeStripe

S = Placement.Status
START = dt.date(2026, 3, 2)
REFUSED = (svc.PlacementRuleError, PermissionDenied)


@pytest.fixture
def world(bank, stripe_fake, clock):  # type: ignore[no-untyped-def]
    clock.set(START)
    org = bank["unit_org"]
    ready_account(org, stripe_fake)
    sites = [
        make_site(title="Paja A", organisation=org, seats=(3, 2), days_max=4),
        make_site(
            title="Paja B",
            organisation=org,
            seats=(2, 2),
            services=("rehabilitative", "disability"),
            work_share_cents_per_day=300,
            days_max=5,
        ),
    ]
    instructor = bank["instructor"]
    clients = [
        make_client(instructor=instructor, name=f"Asiakas {n}", service=service)
        for n, service in enumerate(
            ("rehabilitative", "rehabilitative", "disability", "rehabilitative")
        )
    ]
    return {**bank, "sites": sites, "clients": clients, "clock": clock}


def likely(low: int, high: int, wide_low: int, wide_high: int) -> Any:
    """Mostly a value a person would pick, sometimes one from a wider range."""
    return st.one_of(
        st.integers(low, high),
        st.integers(low, high),
        st.integers(low, high),
        st.integers(wide_low, wide_high),
    )


class PlacementWorld(RuleBasedStateMachine):
    w: dict[str, Any]

    def __init__(self) -> None:
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        self.today = START
        self.w["clock"].set(START)
        self.fake = FakeStripe()
        gateway.use_http_client(self.fake)
        self.placements: list[Placement] = []
        self.jobs: list[Any] = []
        self.last: tuple[Any, dict[str, Any]] | None = None

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    # --- helpers -----------------------------------------------------------------
    def _day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def _call(self, service: Any, **kwargs: Any) -> Any:
        """One step as a request would make it (its own transaction), remembered
        so that ``resubmit`` can send it again."""
        self.last = (service, kwargs)
        try:
            with transaction.atomic():
                return service(**kwargs)
        except REFUSED:
            return None

    def _placement(self, index: int, step: str | None = None) -> Placement:
        """A placement, read afresh: usually one the step can start from (so that
        sequences reach deep), sometimes any (so that wrong steps are tried too)."""
        ids = [p.pk for p in self.placements]
        if step is not None and index % 4:
            sources = rules.TRANSITIONS[step][0]
            fitting = list(
                Placement.objects.filter(pk__in=ids, status__in=sources)
                .order_by("created_at", "pk")
                .values_list("pk", flat=True)
            )
            ids = fitting or ids
        return Placement.objects.get(pk=ids[index % len(ids)])

    @initialize()
    def clients_visit_sites(self) -> None:
        """Every example starts with each client's visit booked at one site, and
        the first client's at both (two places that share the client's week)."""
        sites = self.w["sites"]
        pairs = [
            (client, sites[1 if client.service == "disability" else n % 2])
            for n, client in enumerate(self.w["clients"])
        ] + [(self.w["clients"][0], sites[1])]
        for client, site in pairs:
            placement = svc.placement_suggest(
                actor=self.w["instructor"], client=client, site=site
            )
            self.placements.append(
                svc.placement_book_visit(
                    actor=self.w["instructor"],
                    placement=placement,
                    visit_at=dt.datetime.combine(START, dt.time(9), tzinfo=dt.UTC),
                )
            )

    # --- time --------------------------------------------------------------------
    @rule(days=st.integers(min_value=1, max_value=40))
    def time_passes(self, days: int) -> None:
        self.today = self.w["clock"].set(self._day(days))
        with transaction.atomic():
            svc.placement_holds_expire(today=self.today)

    # --- the placement path ------------------------------------------------------
    @rule(client=st.integers(0, 3), site=st.integers(0, 1))
    def suggest(self, client: int, site: int) -> None:
        placement = self._call(
            svc.placement_suggest,
            actor=self.w["instructor"],
            client=self.w["clients"][client],
            site=self.w["sites"][site],
        )
        if placement is not None:
            self.placements.append(placement)

    @precondition(lambda self: self.placements)
    @rule(
        p=st.integers(0, 50), offset=likely(0, 90, -400, 400), hour=st.integers(6, 20)
    )
    def book_visit(self, p: int, offset: int, hour: int) -> None:
        moment = dt.datetime.combine(self._day(offset), dt.time(hour), tzinfo=dt.UTC)
        self._call(
            svc.placement_book_visit,
            actor=self.w["instructor"],
            placement=self._placement(p, "visit"),
            visit_at=moment,
        )

    @precondition(lambda self: self.placements)
    @rule(
        p=st.integers(0, 50),
        offset=likely(-14, 0, -30, 200),
        days=likely(1, 2, 1, 5),
        hours=likely(4, 6, 3, 8),
    )
    def agree(self, p: int, offset: int, days: int, hours: int) -> None:
        self._call(
            svc.placement_agree,
            actor=self.w["instructor"],
            placement=self._placement(p, "agree"),
            start_date=self._day(offset),
            days_per_week=days,
            hours_per_day=hours,
            tasks="",
        )

    @precondition(lambda self: self.placements)
    @rule(p=st.integers(0, 50), after=likely(0, 5, -5, 30))
    def activate(self, p: int, after: int) -> None:
        placement = self._placement(p, "activate")
        agreed = placement.start_date or self.today
        if after >= 0:  # the usual: on the agreed start or a few days later
            start = max(agreed, self._day(-after))
        else:  # before the agreed start: refused
            start = agreed + dt.timedelta(days=after)
        self._call(
            svc.placement_activate,
            actor=self.w["instructor"],
            placement=placement,
            start_date=start,
        )

    @precondition(lambda self: self.placements)
    @rule(p=st.integers(0, 50), months=st.integers(0, 8), stale=st.booleans())
    def extend(self, p: int, months: int, stale: bool) -> None:
        placement = self._placement(p, "extend")
        seen = placement.planned_end
        if stale and seen is not None:
            seen = add_months(seen, -1)
        before = placement.planned_end
        done = self._call(
            svc.placement_extend,
            actor=self.w["instructor"],
            placement=placement,
            months=months,
            current_end=seen,
        )
        placement.refresh_from_db()
        if done is None:
            assert placement.planned_end == before
        else:
            assert placement.planned_end == add_months(before, months)

    @precondition(lambda self: self.placements)
    @rule(p=st.integers(0, 50), days=st.integers(1, 5), hours=st.integers(4, 6))
    def change_days(self, p: int, days: int, hours: int) -> None:
        self._call(
            svc.placement_change_days,
            actor=self.w["instructor"],
            placement=self._placement(p, "days"),
            days_per_week=days,
            hours_per_day=hours,
        )

    @precondition(lambda self: self.placements)
    @rule(
        p=st.integers(0, 50),
        offset=likely(-5, 0, -60, 5),
        weeks=likely(1, 8, 0, 30),
        reason=st.sampled_from(["work_trial", "pay_subsidy", "work_trial", "illness"]),
    )
    def hold(self, p: int, offset: int, weeks: int, reason: str) -> None:
        self._call(
            svc.placement_hold,
            actor=self.w["instructor"],
            placement=self._placement(p, "hold"),
            end_date=self._day(offset),
            exit_reason=reason,
            weeks=weeks,
        )

    @precondition(lambda self: self.placements)
    @rule(p=st.integers(0, 50), after=likely(1, 10, -5, 60))
    def return_(self, p: int, after: int) -> None:
        placement = self._placement(p, "return")
        last = placement.periods.order_by("start").last()
        left = last.end if last is not None and last.end else self.today
        self._call(
            svc.placement_return,
            actor=self.w["instructor"],
            placement=placement,
            start_date=left + dt.timedelta(days=after),
        )

    @precondition(lambda self: self.placements)
    @rule(
        p=st.integers(0, 50),
        offset=likely(-3, 0, -60, 5),
        reason=st.sampled_from(["studies", "did_not_start", "studies", "bad-reason"]),
    )
    def end(self, p: int, offset: int, reason: str) -> None:
        self._call(
            svc.placement_end,
            actor=self.w["instructor"],
            placement=self._placement(p, "end"),
            end_date=self._day(offset),
            exit_reason=reason,
        )

    @precondition(lambda self: self.placements)
    @rule(p=st.integers(0, 50))
    def cancel(self, p: int) -> None:
        self._call(
            svc.placement_cancel,
            actor=self.w["instructor"],
            placement=self._placement(p, "cancel"),
        )

    @precondition(lambda self: self.placements)
    @rule(p=st.integers(0, 50), days=st.integers(1, 4))
    def proceed(self, p: int, days: int) -> None:
        """The next step a careful instructor would take, with sensible dates (so
        that random sequences reach active, held and returned placements)."""
        placement = self._placement(p)
        i, today = self.w["instructor"], self.today
        last = placement.periods.order_by("start").last()
        steps = {
            S.SUGGESTED: (
                svc.placement_book_visit,
                {"visit_at": dt.datetime.combine(today, dt.time(9), tzinfo=dt.UTC)},
            ),
            S.VISIT_BOOKED: (
                svc.placement_agree,
                {
                    "start_date": today,
                    "days_per_week": days,
                    "hours_per_day": 5,
                    "tasks": "",
                },
            ),
            S.AGREED: (
                svc.placement_activate,
                {"start_date": max(placement.start_date or today, today)},
            ),
            S.ACTIVE: (
                svc.placement_hold,
                {"end_date": today, "exit_reason": "work_trial", "weeks": 4},
            ),
            S.HELD: (
                svc.placement_return,
                {
                    "start_date": min(
                        (last.end if last and last.end else today)
                        + dt.timedelta(days=days),
                        today,
                    )
                },
            ),
        }
        if placement.status in steps:
            service, kwargs = steps[placement.status]
            self._call(service, actor=i, placement=placement, **kwargs)

    @rule(first=st.integers(1, 4), second=st.integers(1, 4))
    def two_places_share_a_week(self, first: int, second: int) -> None:
        """The first client agrees at both sites: together within 4 days a week."""
        client = self.w["clients"][0]
        for placement, days in zip(
            client.placements.filter(status=S.VISIT_BOOKED).order_by("created_at"),
            (first, second),
            strict=False,
        ):
            self._call(
                svc.placement_agree,
                actor=self.w["instructor"],
                placement=placement,
                start_date=self.today,
                days_per_week=days,
                hours_per_day=5,
                tasks="",
            )

    @precondition(lambda self: self.last is not None)
    @rule()
    def resubmit(self) -> None:
        """The same form sent again (a double click, the back button): refused, or
        for a different result only when the step allows it (another visit time)."""
        service, kwargs = self.last
        placement = kwargs.get("placement")
        events = placement.events.count() if placement is not None else None
        seats = list(SiteCapacity.objects.order_by("pk").values_list("seats_free"))
        try:
            with transaction.atomic():
                service(**kwargs)
        except REFUSED + (SeatsError, AttendanceError, JobRuleError):
            pass
        else:
            # only a suggestion (a new one after cancelling) may be made again
            assert service in (svc.placement_suggest, site_seats_update), service
        if placement is not None and service is not svc.placement_suggest:
            assert placement.events.count() == events
        if service is not site_seats_update:
            now = list(SiteCapacity.objects.order_by("pk").values_list("seats_free"))
            assert now == seats

    # --- seats and attendance ----------------------------------------------------
    @rule(site=st.integers(0, 1), total=st.integers(0, 6), free=st.integers(0, 6))
    def supervisor_sets_seats(self, site: int, total: int, free: int) -> None:
        self.last = None
        try:
            with transaction.atomic():
                site_seats_update(
                    user=self.w["supervisor"],
                    site=self.w["sites"][site],
                    seats_total=total,
                    seats_free=free,
                )
        except SeatsError:
            pass

    @rule(
        site=st.integers(0, 1),
        back=st.integers(0, 1),
        days=st.sets(st.integers(1, 31), min_size=1, max_size=8),
        careful=st.booleans(),
    )
    def supervisor_marks(
        self, site: int, back: int, days: set[int], careful: bool
    ) -> None:
        """Tick days of a month: a careful supervisor ticks only the open boxes; a
        hurried one (or a forged form) sends any day, which refuses the month."""
        self.last = None
        month = add_months(self.today.replace(day=1), -back)
        figures = site_month(self.w["sites"][site], month, today=self.today)
        marks = set()
        for f in figures:
            open_days = sorted(f.markable)
            for d in days:
                if careful and open_days:
                    marks.add((str(f.placement.pk), open_days[d % len(open_days)]))
                elif not careful and d <= month_bounds(month)[1].day:
                    marks.add((str(f.placement.pk), month.replace(day=d)))
        before = AttendanceDay.objects.count()
        try:
            with transaction.atomic():
                attendance_set_month(
                    actor=self.w["supervisor"],
                    site=self.w["sites"][site],
                    month=month,
                    marks=marks,
                    today=self.today,
                )
        except AttendanceError:
            assert AttendanceDay.objects.count() == before
            assert any(d not in f.markable for f in figures for _p, d in marks)

    # --- the job bank and its money -------------------------------------------------
    @rule(
        j=st.integers(0, 10),
        step=st.sampled_from(
            ["new paid", "new unpaid", "pay", "pay twice", "start", "deliver",
             "accept", "cancel", "days"]
        ),
    )  # fmt: skip
    def job_step(self, j: int, step: str) -> None:
        """One step of a job-bank job: posted and taken, paid (the webhook perhaps
        twice), started, delivered, accepted, cancelled, work days with money."""
        self.last = None
        if step.startswith("new") or not self.jobs:
            self._job_taken(paid=step != "new unpaid")
            return
        job = self.jobs[j % len(self.jobs)]
        if step.startswith("pay"):
            unpaid = [
                x for x in self.jobs if x.price_cents and not msvc.paid_payment(x)
            ]
            self._job_paid(unpaid[0] if unpaid else job, twice=step == "pay twice")
            return
        w = self.w
        calls = {
            "start": lambda: jsvc.job_start(actor=w["supervisor"], job=job),
            "deliver": lambda: jsvc.job_deliver(actor=w["supervisor"], job=job),
            "accept": lambda: jsvc.job_accept(actor=w["poster"], job=job),
            "cancel": lambda: dsvc.job_cancel(actor=w["poster"], job=job, reason="x"),
            "days": lambda: self._work_day(job),
        }
        try:
            with transaction.atomic():
                calls[step]()
        except (JobRuleError, PermissionDenied):
            pass
        self._run_money_tasks()

    def _job_taken(self, *, paid: bool) -> None:
        job = post_job(self.w, price_cents=60000 if paid else 0)
        offer = jsvc.job_offer(
            actor=self.w["supervisor"], job=job, site=self.w["site"], workers=3
        )
        jsvc.offer_accept(actor=self.w["poster"], offer=offer)
        self.jobs.append(job)

    def _job_paid(self, job: Any, *, twice: bool) -> None:
        if not job.price_cents or msvc.paid_payment(job) is not None:
            return
        try:
            payment = msvc.payment_start(
                actor=self.w["poster"],
                job=job,
                success_url="https://polku.test/ok/",
                cancel_url="https://polku.test/no/",
            )
        except JobRuleError:
            return
        event = self.fake.complete_checkout(payment.checkout_session_id, fee_cents=925)
        for _ in range(2 if twice else 1):
            stripe_event_receive(event)

    def _work_day(self, job: Any) -> None:
        from marketplace.money.services.workshare import (
            work_days_record,
            work_share_allocate,
        )

        work_days_record(
            actor=self.w["supervisor"],
            job=job,
            date=self.today,
            clients=self.w["people"],
        )
        work_share_allocate(actor=self.w["supervisor"], site=self.w["site"])

    def _run_money_tasks(self) -> None:
        """What the background tasks do after a commit: send transfers and refunds."""
        for pk in JobTransfer.objects.exclude(
            status=JobTransfer.Status.SUCCEEDED
        ).values_list("pk", flat=True):
            msvc.transfer_execute(transfer_id=pk)
        for pk in JobRefund.objects.filter(
            status__in=[JobRefund.Status.PENDING, JobRefund.Status.FAILED],
            stripe_refund_id__isnull=True,
        ).values_list("pk", flat=True):
            msvc.refund_execute(refund_id=pk)

    # --- invariants ------------------------------------------------------------------
    @invariant()
    def seats_fit_and_count_the_placements(self) -> None:
        for c in SiteCapacity.objects.filter(site__in=self.w["sites"]).annotate(
            holding=Count(
                "site__placements",
                filter=Q(site__placements__status__in=Placement.HOLDS_SEAT),
            )
        ):
            assert c.seats_free >= 0
            assert c.seats_free + c.seats_taken <= c.seats_total
            assert c.seats_taken == c.holding, (c.seats_taken, c.holding)

    @invariant()
    def days_a_week_per_client_within_the_law(self) -> None:
        for client in Client.objects.filter(pk__in=[c.pk for c in self.w["clients"]]):
            limit = rules.MAX_DAYS_PER_WEEK[client.service]
            assert rules.weekly_days(client) <= limit, client.name

    @invariant()
    def books_balance(self) -> None:
        assert ledger.unbalanced_entries() == []
        assert sum(ledger.balance(a) for a in LedgerAccount.objects.all()) == 0

    @invariant()
    def shown_money_is_the_sum_of_its_days(self) -> None:
        month = self.today.replace(day=1)
        by_site = {}
        for site in self.w["sites"]:
            for f in site_month(site, month, today=self.today):
                assert f.total_cents == len(f.days) * f.rate_cents
                assert set(f.days) <= f.markable
                assert all(d <= self.today for d in f.days)
                by_site[f.placement.pk] = f.days
        for client in self.w["clients"]:
            for f in client_month(client, month, today=self.today):
                assert f.total_cents == len(f.days) * f.rate_cents
                assert f.days == by_site[f.placement.pk]


@pytest.mark.django_db
def test_random_sequences_keep_seats_days_money_and_books_right(world):
    PlacementWorld.w = world
    run_state_machine_as_test(
        PlacementWorld,
        settings=settings(
            max_examples=10,
            stateful_step_count=50,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
