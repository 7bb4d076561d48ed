"""The published outcome figures: the raw counts with disclosure control applied once.

The one step between the counts of the selectors and everything anyone sees::

    selectors (SQL)  →  OutcomeFigures  →  publish()  →  Published  →  tables
                         raw counts        cell key,       shown          → page, charts,
                         with record keys  suppression     values           CSV, Excel

Nothing after this step sees a true count: the tables, the charts and the exports
read :class:`Published`, whose cells are published values, "< 5"
(:data:`~marketplace.outcomes.statistics.SUPPRESSED`), rates computed from published
counts, or averages behind a shown count (rules in ``disclosure``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from marketplace.outcomes import disclosure as dc
from marketplace.outcomes.disclosure import Cell
from marketplace.outcomes.scope import OutcomeScope
from marketplace.outcomes.selectors.periods import OutcomeFigures, PeriodFigures
from marketplace.outcomes.statistics import SUPPRESSED, Count, Rate, Suppressed
from matching.core import vocabulary as V

Share = Rate | Suppressed
Mean = float | Suppressed


@dataclass(frozen=True)
class PublishedPeriods:
    """The period figures of one site, one month or the whole scope."""

    served: Cell
    ended: Cell
    positive: Cell
    share: Share
    length_days: Mean = SUPPRESSED
    returns: Cell = SUPPRESSED
    stalled: Cell = SUPPRESSED


@dataclass(frozen=True)
class PublishedChange:
    clients: Cell
    work_ability: Mean
    all_areas: Mean


@dataclass(frozen=True)
class PublishedFeedback:
    answers: Cell
    good: Share
    learned: Share
    continues: Share
    helped: Cell


@dataclass(frozen=True)
class PublishedJobs:
    jobs_done: int
    income_cents: int
    work_days: Cell
    work_share_cents: Cell


@dataclass(frozen=True)
class PublishedBucket:
    bucket: dt.date
    ended: Cell
    positive: Cell
    share: Share


@dataclass(frozen=True)
class PublishedSite:
    site: Any
    periods: PublishedPeriods
    change: PublishedChange
    feedback: PublishedFeedback | None
    #: clients with competence recorded at work (opinnollistaminen)
    competence: Cell = SUPPRESSED


@dataclass(frozen=True)
class Published:
    scope: OutcomeScope
    total: PublishedPeriods
    exits: dict[str, Cell]
    holds: Cell
    change: PublishedChange
    buckets: list[PublishedBucket]
    sites: list[PublishedSite]
    feedback: PublishedFeedback
    jobs: list[tuple[Any, PublishedJobs]]
    jobs_total: PublishedJobs


def _clients(n: int, key: int) -> Count:
    """A count of distinct clients (its value is its clients)."""
    return Count(n, n, key)


def publish_total(
    t: PeriodFigures, by_reason: dict[str, Count]
) -> tuple[PublishedPeriods, dict[str, Cell]]:
    """The scope's period figures and its ended periods by exit reason, published
    (the exit table, the summary, the exit chart)."""
    overall = dc.share(t.positive, t.ended, t.negative_clients)
    positive = [r for r in V.EXIT_REASONS if r in V.POSITIVE_EXITS]
    other = [r for r in V.EXIT_REASONS if r not in V.POSITIVE_EXITS]
    grouped = dc.groups(
        [[by_reason[r] for r in positive], [by_reason[r] for r in other]],
        subtotals_shown=isinstance(overall, Rate),
    )
    exits = dict(zip(positive + other, grouped[0] + grouped[1], strict=True))
    total = PublishedPeriods(
        served=dc.cell(t.served),
        ended=dc.cell(t.ended),
        positive=dc.perturbed(t.positive) if isinstance(overall, Rate) else SUPPRESSED,
        share=overall,
        length_days=dc.mean(t.length_days, t.ended),
        returns=dc.cell(t.returns),
        stalled=dc.cell(t.stalled),
    )
    return total, exits


def _buckets(figures: OutcomeFigures) -> list[PublishedBucket]:
    rows = figures.buckets
    ended = dc.parts([b.ended for b in rows])
    positive = dc.parts_with_rest(
        [b.positive for b in rows], [b.negative_clients for b in rows]
    )
    out = []
    for b, ended_cell, positive_cell in zip(rows, ended, positive, strict=True):
        share: Share = SUPPRESSED
        if ended_cell is not SUPPRESSED and positive_cell is not SUPPRESSED:
            share = dc.share(b.positive, b.ended, b.negative_clients)
        out.append(PublishedBucket(b.bucket, ended_cell, positive_cell, share))
    return out


def _site_periods(per: list[PeriodFigures]) -> list[PublishedPeriods]:
    """Each column of the site table with secondary suppression down the sites."""
    served = dc.parts([f.served for f in per])
    ended = dc.parts([f.ended for f in per])
    positive = dc.parts_with_rest(
        [f.positive for f in per], [f.negative_clients for f in per]
    )
    returns = dc.parts([f.returns for f in per])
    stalled = dc.parts([f.stalled for f in per])
    out = []
    for i, f in enumerate(per):
        share: Share = SUPPRESSED
        if ended[i] is not SUPPRESSED and positive[i] is not SUPPRESSED:
            share = dc.share(f.positive, f.ended, f.negative_clients)
        out.append(
            PublishedPeriods(
                served=served[i],
                ended=ended[i],
                positive=positive[i],
                share=share,
                length_days=dc.mean(f.length_days, f.ended),
                returns=returns[i],
                stalled=stalled[i],
            )
        )
    return out


def _change(change: Any) -> PublishedChange:
    if change is None:
        return PublishedChange(SUPPRESSED, SUPPRESSED, SUPPRESSED)
    behind = change.clients
    return PublishedChange(
        dc.cell(behind),
        dc.mean(change.work_ability, behind),
        dc.mean(change.all_areas, behind),
    )


def _feedback(f: Any, answers: Cell, helped: Cell) -> PublishedFeedback:
    def share(part: Count, rest_clients: int) -> Share:
        if answers is SUPPRESSED:
            return SUPPRESSED
        return dc.share(part, f.answers, rest_clients)

    return PublishedFeedback(
        answers=answers,
        good=share(f.good, f.not_good_clients),
        learned=share(f.learned, f.not_learned_clients),
        continues=share(f.continues, f.not_continues_clients),
        helped=helped,
    )


def _feedback_columns(per: list[Any]) -> list[PublishedFeedback]:
    answers = dc.parts([f.answers for f in per])
    helped = dc.parts_with_rest(
        [f.helped for f in per], [f.answers.clients - f.helped.clients for f in per]
    )
    return [_feedback(f, answers[i], helped[i]) for i, f in enumerate(per)]


def _feedback_total(total: Any) -> PublishedFeedback:
    helped = dc.parts_with_rest(
        [total.helped], [total.answers.clients - total.helped.clients]
    )[0]
    return _feedback(total, dc.cell(total.answers), helped)


def _jobs(figures: OutcomeFigures) -> tuple[list[tuple[Any, PublishedJobs]], Any]:
    sites = [s for s in figures.sites if s.pk in figures.jobs_by_site]
    per = [figures.jobs_by_site[s.pk] for s in sites]
    days = dc.parts([f.work_days for f in per])
    money = dc.amounts([f.work_share_cents for f in per])
    rows = [
        (site, PublishedJobs(f.jobs_done, f.income_cents, days[i], money[i]))
        for i, (site, f) in enumerate(zip(sites, per, strict=True))
    ]
    t = figures.jobs_total
    total = PublishedJobs(
        jobs_done=sum(f.jobs_done for f in per),
        income_cents=sum(f.income_cents for f in per),
        work_days=dc.cell(t.work_days),
        work_share_cents=dc.amounts([t.work_share_cents])[0],
    )
    return rows, total


def publish(figures: OutcomeFigures) -> Published:
    """Disclosure control, once, for every figure of the report."""
    total, exits = publish_total(figures.totals, figures.exits)
    sites = [
        s
        for s in figures.sites
        if s.pk in figures.by_site or s.pk in figures.feedback_by_site
    ]
    periods = _site_periods([figures.by_site.get(s.pk, PeriodFigures()) for s in sites])
    with_feedback = [s for s in sites if s.pk in figures.feedback_by_site]
    feedback = dict(
        zip(
            [s.pk for s in with_feedback],
            _feedback_columns([figures.feedback_by_site[s.pk] for s in with_feedback]),
            strict=True,
        )
    )
    jobs, jobs_total = _jobs(figures)
    competence = dc.parts(
        [figures.competence_by_site.get(s.pk, Count(0, 0)) for s in sites]
    )
    return Published(
        scope=figures.scope,
        total=total,
        exits=exits,
        holds=dc.cell(figures.holds),
        change=_change(figures.change_total),
        buckets=_buckets(figures),
        sites=[
            PublishedSite(
                site,
                periods[i],
                _change(figures.change_by_site.get(site.pk)),
                feedback.get(site.pk),
                competence[i],
            )
            for i, site in enumerate(sites)
        ],
        feedback=_feedback_total(figures.feedback_total),
        jobs=jobs,
        jobs_total=jobs_total,
    )
