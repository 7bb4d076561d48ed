"""The outcome report: raw counts → suppressed tables and chart series.

Everything shown or exported passes through here, so the small-number rules of
``marketplace.outcomes.statistics`` are applied once, in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from marketplace.models.placements import EXIT_REASON_LABELS
from marketplace.outcomes.scope import OutcomeScope
from marketplace.outcomes.selectors.periods import OutcomeFigures, outcome_figures
from marketplace.outcomes.site_tables import feedback_table, job_bank_table, site_tables
from marketplace.outcomes.statistics import (
    SUPPRESSED,
    Rate,
    Suppressed,
    count_cell,
    share_cell,
    suppress_parts,
)
from marketplace.outcomes.tables import (
    Bar,
    Change,
    Months,
    Percent,
    Point,
    Table,
    clients_count,
    col,
    mean_of,
    months,
    rate_cells,
    share_of,
    suppress_groups,
    suppress_with_rest,
)
from matching.core import vocabulary as V

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
            col(_("Exit reason"), numeric=False),
            col(_("Moving on"), numeric=False),
            col(_("Ended periods")),
            col(_("Share")),
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
        [_("Clients served"), count_cell(clients_count(t.served_clients)), None],
        [_("Ended periods"), total, None],
        [_("Ended by moving on"), positive_total, None],
        [_("Share moving on"), share, interval],
        [
            _("Average length of an ended period (months)"),
            mean_of(Months, months(t.length_days), t.ended.clients),
            None,
        ],
        [
            _("Clients with a start and a 3-month self-assessment"),
            count_cell(clients_count(change.clients)),
            None,
        ],
        [
            _("Change in work ability, start → 3 months (0–10)"),
            mean_of(Change, change.work_ability, change.clients),
            None,
        ],
        [
            _("Change in all self-assessment areas, start → 3 months (0–10)"),
            mean_of(Change, change.all_areas, change.clients),
            None,
        ],
        [_("Seats held for a return"), holds, None],
        [_("Held returns used"), returns, None],
        [
            _("Clients stalled at the end of the period"),
            count_cell(clients_count(t.stalled.clients)),
            None,
        ],
    ]
    table = Table(
        "summary",
        _("Summary"),
        [
            col(_("Figure"), numeric=False),
            col(_("Value")),
            col(_("Confidence interval (95%)"), interval=True),
        ],
        rows=rows,
    )
    return table, {"returns": returns, "holds": holds}


def _transitions(cells: dict[str, Any], extra: dict[str, Any]) -> Table:
    rows = [[str(EXIT_REASON_LABELS[r]), cells[r]] for r in TRANSITIONS]
    rows += [
        [_("Seat held for a return"), extra["holds"]],
        [_("Came back through a held return"), extra["returns"]],
    ]
    return Table(
        "transitions",
        _("Moving on and coming back"),
        [col(_("Transition"), numeric=False), col(_("Periods"))],
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
            col(_("Quarter") if scope.by == "quarter" else _("Month"), numeric=False),
            col(_("Ended periods")),
            col(_("Ended by moving on")),
            col(_("Share moving on")),
            col(_("Confidence interval (95%)"), interval=True),
        ],
        rows=rows,
    )
    return table, points


def outcome_report(scope: OutcomeScope) -> OutcomeReport:
    """Count everything for ``scope`` (a fixed number of queries) and suppress."""
    return build_report(outcome_figures(scope))


def build_report(figures: OutcomeFigures) -> OutcomeReport:
    exits, cells, (positive_total, overall, total) = _exits(figures)
    summary, extra = _summary(figures, positive_total, overall, total)
    buckets, points = _buckets(figures)
    sites, progress, site_points = site_tables(figures)
    return OutcomeReport(
        scope=figures.scope,
        summary=summary,
        exits=exits,
        buckets=buckets,
        sites=sites,
        progress=progress,
        feedback=feedback_table(figures),
        transitions=_transitions(cells, extra),
        exit_bars=[
            Bar(str(EXIT_REASON_LABELS[r]), cells[r], r in V.POSITIVE_EXITS)
            for r in V.EXIT_REASONS
        ],
        share_points=points,
        site_rates=site_points,
        overall_rate=overall,
        extra=[job_bank_table(figures)],
    )
