"""The outcome report: raw counts → suppressed tables and chart series.

Everything shown or exported passes through here, so the small-number rules of
``marketplace.outcome_stats`` are applied once, in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from marketplace.models.placements import EXIT_REASON_LABELS
from marketplace.outcome_stats import (
    MIN_CLIENTS,
    SUPPRESSED,
    Count,
    Rate,
    Suppressed,
    count_cell,
    mean_cell,
    share_cell,
    suppress_parts,
)
from marketplace.outcome_tables import (
    Change,
    Column,
    Months,
    Percent,
    Table,
    rate_cells,
    share_of,
    suppress_groups,
    suppress_with_rest,
)
from marketplace.selectors_feedback import FeedbackFigures
from marketplace.selectors_outcomes import (
    OutcomeFigures,
    OutcomeScope,
    PeriodFigures,
    outcome_figures,
)
from matching import vocabulary as V

DAYS_PER_MONTH = 30.44
#: The moves on that the transitions table reports, in the issue's order.
TRANSITIONS = (
    "work_trial",
    "studies",
    "pay_subsidy",
    "open_labour_market",
    "apprenticeship",
    "entrepreneurship",
    "rehabilitation",
)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Suppressed
    positive: bool = False


@dataclass(frozen=True)
class Point:
    label: str
    value: Rate | Suppressed


@dataclass
class OutcomeReport:
    scope: OutcomeScope
    summary: Table
    exits: Table
    buckets: Table
    sites: Table
    progress: Table
    feedback: Table
    transitions: Table
    exit_bars: list[Bar] = field(default_factory=list)
    share_points: list[Point] = field(default_factory=list)
    site_rates: list[Point] = field(default_factory=list)
    overall_rate: Rate | Suppressed = SUPPRESSED
    extra: list[Table] = field(default_factory=list)

    def tables(self) -> list[Table]:
        return [
            self.summary,
            self.exits,
            self.transitions,
            self.buckets,
            self.sites,
            self.progress,
            self.feedback,
            *self.extra,
        ]

    def table(self, slug: str) -> Table | None:
        return next((t for t in self.tables() if t.slug == slug), None)


def _c(label: Any, **kwargs: Any) -> Column:
    return Column(str(label), **kwargs)


def _months(days: float | None) -> float | None:
    return None if days is None else days / DAYS_PER_MONTH


def _clients(n: int) -> Count:
    return Count(n, n)


def bucket_label(bucket: dt.date, by: str) -> str:
    if by == "quarter":
        return _("Q%(quarter)s/%(year)s") % {
            "quarter": (bucket.month - 1) // 3 + 1,
            "year": bucket.year,
        }
    return f"{bucket.month}/{bucket.year}"


def _exits(figures: OutcomeFigures) -> tuple[Table, dict[str, Any], list[Any]]:
    """The 2020-style table; returns it, the cells by reason, and the footer cells."""
    totals = figures.totals
    positive = [r for r in V.EXIT_REASONS if r in V.POSITIVE_EXITS]
    other = [r for r in V.EXIT_REASONS if r not in V.POSITIVE_EXITS]
    overall = share_cell(
        totals.positive.value,
        totals.ended.value,
        totals.positive.clients,
        totals.negative_clients,
    )
    grouped = suppress_groups(
        [[figures.exits[r] for r in positive], [figures.exits[r] for r in other]],
        group_totals_visible=isinstance(overall, Rate),
    )
    cells = dict(zip(positive + other, grouped[0] + grouped[1], strict=True))
    total = count_cell(totals.ended)
    total_n = total if isinstance(total, int) else 0
    positive_total = totals.positive.value if isinstance(overall, Rate) else SUPPRESSED
    yes, no = _("Yes"), _("No")
    table = Table(
        "exits",
        _("Ended periods by exit reason"),
        [
            _c(_("Exit reason"), numeric=False),
            _c(_("Moving on"), numeric=False),
            _c(_("Ended periods")),
            _c(_("Share")),
        ],
        rows=[
            [
                str(EXIT_REASON_LABELS[r]),
                yes if r in V.POSITIVE_EXITS else no,
                cells[r],
                share_of(cells[r], total_n),
            ]
            for r in V.EXIT_REASONS
        ],
        note=_(
            "Moving on: studies, work trial, open labour market, apprenticeship, "
            "pay-subsidised work, entrepreneurship and rehabilitation."
        ),
    )
    footer = [
        [_("Moving on, in total"), "", positive_total, rate_cells(overall)[0]],
        [_("All ended periods"), "", total, Percent(1.0) if total_n else SUPPRESSED],
    ]
    table.footer = footer
    return table, cells, [positive_total, overall, total]


def _summary(
    figures: OutcomeFigures, positive_total: Any, overall: Any, total: Any
) -> tuple[Table, dict[str, Any]]:
    t = figures.totals
    change = figures.change_total
    returns = count_cell(t.returns)
    holds = count_cell(figures.holds)
    share, interval = rate_cells(overall)
    rows = [
        [_("Clients served"), count_cell(_clients(t.served_clients)), None],
        [_("Ended periods"), total, None],
        [_("Ended by moving on"), positive_total, None],
        [_("Share moving on"), share, interval],
        [
            _("Average length of an ended period (months)"),
            _mean(Months, _months(t.length_days), t.ended.clients),
            None,
        ],
        [
            _("Clients with a start and a 3-month self-assessment"),
            count_cell(_clients(change.clients)),
            None,
        ],
        [
            _("Change in work ability, start → 3 months (0–10)"),
            _mean(Change, change.work_ability, change.clients),
            None,
        ],
        [
            _("Change in all self-assessment areas, start → 3 months (0–10)"),
            _mean(Change, change.all_areas, change.clients),
            None,
        ],
        [_("Seats held for a return"), holds, None],
        [_("Held returns used"), returns, None],
        [
            _("Clients stalled at the end of the period"),
            count_cell(_clients(t.stalled.clients)),
            None,
        ],
    ]
    table = Table(
        "summary",
        _("Summary"),
        [
            _c(_("Figure"), numeric=False),
            _c(_("Value")),
            _c(_("Confidence interval (95%)"), interval=True),
        ],
        rows=rows,
    )
    return table, {"returns": returns, "holds": holds}


def _mean(kind: type, value: float | None, clients: int) -> Any:
    cell = mean_cell(value, clients)
    return cell if isinstance(cell, Suppressed) else kind(cell)


def _transitions(cells: dict[str, Any], extra: dict[str, Any]) -> Table:
    rows = [[str(EXIT_REASON_LABELS[r]), cells[r]] for r in TRANSITIONS]
    rows += [
        [_("Seat held for a return"), extra["holds"]],
        [_("Came back through a held return"), extra["returns"]],
    ]
    return Table(
        "transitions",
        _("Moving on and coming back"),
        [_c(_("Transition"), numeric=False), _c(_("Periods"))],
        rows=rows,
        note=_(
            "Ended periods by the move, and held seats and returns in the period "
            "(a stepless return to the same place after a work trial or a job)."
        ),
    )


def _buckets(figures: OutcomeFigures) -> tuple[Table, list[Point]]:
    scope = figures.scope
    rows_in = figures.buckets
    ended = suppress_parts([b.ended for b in rows_in])
    positive = suppress_with_rest(
        [b.positive for b in rows_in], [b.negative_clients for b in rows_in]
    )
    rows, points = [], []
    for b, ended_cell, positive_cell in zip(rows_in, ended, positive, strict=True):
        rate: Rate | Suppressed = SUPPRESSED
        if ended_cell is not SUPPRESSED and positive_cell is not SUPPRESSED:
            rate = share_cell(
                b.positive.value, b.ended.value, b.positive.clients, b.negative_clients
            )
        label = bucket_label(b.bucket, scope.by)
        rows.append([label, ended_cell, positive_cell, *rate_cells(rate)])
        points.append(Point(label, rate))
    title = (
        _("Moving on by quarter") if scope.by == "quarter" else _("Moving on by month")
    )
    table = Table(
        "by-month",
        title,
        [
            _c(_("Quarter") if scope.by == "quarter" else _("Month"), numeric=False),
            _c(_("Ended periods")),
            _c(_("Ended by moving on")),
            _c(_("Share moving on")),
            _c(_("Confidence interval (95%)"), interval=True),
        ],
        rows=rows,
    )
    return table, points


def _site_label_cells(site: Any) -> list[str]:
    return [site.title, site.municipality.name, site.organisation.name]


def _site_columns() -> list[Column]:
    return [
        _c(_("Site"), numeric=False),
        _c(_("Municipality"), numeric=False),
        _c(_("Organisation"), numeric=False),
    ]


def _sites(figures: OutcomeFigures) -> tuple[Table, Table, list[Point]]:
    sites = figures.sites
    per = [figures.by_site.get(s.pk, PeriodFigures()) for s in sites]
    served = suppress_parts([_clients(f.served_clients) for f in per])
    ended = suppress_parts([f.ended for f in per])
    positive = suppress_with_rest(
        [f.positive for f in per], [f.negative_clients for f in per]
    )
    returns = suppress_parts([f.returns for f in per])
    stalled = suppress_parts([_clients(f.stalled.clients) for f in per])
    rows, progress, points = [], [], []
    for i, (site, f) in enumerate(zip(sites, per, strict=True)):
        rate: Rate | Suppressed = SUPPRESSED
        if ended[i] is not SUPPRESSED and positive[i] is not SUPPRESSED:
            rate = share_cell(
                f.positive.value, f.ended.value, f.positive.clients, f.negative_clients
            )
        if isinstance(rate, Rate):
            points.append(Point(site.title, rate))
        rows.append(
            [
                *_site_label_cells(site),
                served[i],
                ended[i],
                positive[i],
                *rate_cells(rate),
                _mean(Months, _months(f.length_days), f.ended.clients),
            ]
        )
        change = figures.change_by_site.get(site.pk)
        n = change.clients if change else 0
        progress.append(
            [
                *_site_label_cells(site),
                count_cell(_clients(n)),
                _mean(Change, change.work_ability if change else None, n),
                _mean(Change, change.all_areas if change else None, n),
                returns[i],
                stalled[i],
            ]
        )
    site_table = Table(
        "sites",
        _("Sites: clients and exits"),
        [
            *_site_columns(),
            _c(_("Clients served")),
            _c(_("Ended periods")),
            _c(_("Ended by moving on")),
            _c(_("Share moving on")),
            _c(_("Confidence interval (95%)"), interval=True),
            _c(_("Average length (months)")),
        ],
        rows=rows,
        note=_(
            "Sites with clients in the period. The confidence interval (Wilson, 95%) "
            "shows how much the share could vary by chance: with few periods it is wide."
        ),
    )
    progress_table = Table(
        "progress",
        _("Sites: self-assessment, returns and stalled clients"),
        [
            *_site_columns(),
            _c(_("Clients with both self-assessments")),
            _c(_("Change in work ability")),
            _c(_("Change in all areas")),
            _c(_("Held returns used")),
            _c(_("Stalled clients")),
        ],
        rows=progress,
        note=_(
            "Self-assessment: the start assessment and the one about three months "
            "later, 0–10. Stalled: the period had lasted over 12 months at the end of "
            "the chosen period and was not reviewed (extended) in the last 12 months."
        ),
    )
    points.sort(key=lambda p: (-p.value.value, p.label))  # type: ignore[union-attr]
    return site_table, progress_table, points


def _feedback_cells(f: FeedbackFigures, answers_cell: Any) -> list[Any]:
    def share(part: Count, rest_clients: int) -> Any:
        if answers_cell is SUPPRESSED:
            return SUPPRESSED
        rate = share_cell(part.value, f.answers.value, part.clients, rest_clients)
        return Percent(rate.value) if isinstance(rate, Rate) else SUPPRESSED

    return [
        answers_cell,
        share(f.good, f.not_good_clients),
        share(f.learned, f.not_learned_clients),
        share(f.continues, f.not_continues_clients),
    ]


def _feedback(figures: OutcomeFigures) -> Table:
    sites = {s.pk: s for s in figures.sites}
    ids = [s.pk for s in figures.sites if s.pk in figures.feedback_by_site]
    per = [figures.feedback_by_site[pk] for pk in ids]
    answers = suppress_parts([f.answers for f in per])
    helped = suppress_with_rest(
        [f.helped for f in per], [f.answers.clients - f.helped.clients for f in per]
    )
    rows = [
        [*_site_label_cells(sites[pk]), *_feedback_cells(f, answers[i]), helped[i]]
        for i, (pk, f) in enumerate(zip(ids, per, strict=True))
    ]
    total = figures.feedback_total
    total_helped = suppress_with_rest(
        [total.helped], [total.answers.clients - total.helped.clients]
    )[0]
    footer = [
        [
            pgettext("work-activity sites", "All sites"),
            "",
            "",
            *_feedback_cells(total, count_cell(total.answers)),
            total_helped,
        ]
    ]
    return Table(
        "feedback",
        _("Client feedback"),
        [
            *_site_columns(),
            _c(_("Answers")),
            _c(_("The work felt good")),
            _c(_("Learned something")),
            _c(_("Wants to continue")),
            _c(_("Answered with the supervisor's help")),
        ],
        rows=rows,
        footer=footer,
        note=_(
            "Monthly answers of the clients. Learned something: yes or a little. "
            "Shares are of the answers and are shown when at least %(n)s clients "
            "are behind both the share and the rest."
        )
        % {"n": MIN_CLIENTS},
    )


def outcome_report(scope: OutcomeScope) -> OutcomeReport:
    """Count everything for ``scope`` (a fixed number of queries) and suppress."""
    return build_report(outcome_figures(scope))


def build_report(figures: OutcomeFigures) -> OutcomeReport:
    exits, cells, (positive_total, overall, total) = _exits(figures)
    summary, extra = _summary(figures, positive_total, overall, total)
    buckets, points = _buckets(figures)
    sites, progress, site_points = _sites(figures)
    return OutcomeReport(
        scope=figures.scope,
        summary=summary,
        exits=exits,
        buckets=buckets,
        sites=sites,
        progress=progress,
        feedback=_feedback(figures),
        transitions=_transitions(cells, extra),
        exit_bars=[
            Bar(str(EXIT_REASON_LABELS[r]), cells[r], r in V.POSITIVE_EXITS)
            for r in V.EXIT_REASONS
        ],
        share_points=points,
        site_rates=site_points,
        overall_rate=overall,
    )
