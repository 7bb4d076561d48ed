"""The outcome report: the tables and chart series of the published figures.

Figures flow one way (``docs/outcomes.md``): the selectors count in SQL
(``outcome_figures``), ``published.publish`` applies disclosure control once, and
this module lays the published figures out as :class:`~marketplace.outcomes.tables.
Table` objects and chart series, which the page, the charts and the exports read.
Nothing here computes or hides a figure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from marketplace.models.placements import EXIT_REASON_LABELS
from marketplace.outcomes.published import Published, publish
from marketplace.outcomes.scope import OutcomeScope
from marketplace.outcomes.selectors.periods import outcome_figures
from marketplace.outcomes.site_tables import (
    feedback_table,
    job_bank_table,
    progress_table,
    site_points,
    site_table,
)
from marketplace.outcomes.statistics import SUPPRESSED, Rate, Suppressed
from marketplace.outcomes.tables import (
    Bar,
    Percent,
    Point,
    Table,
    change,
    col,
    months,
    rate_cells,
    share_of,
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


#: The tables of the report, by slug, in the page's order (their export URLs).
TABLE_SLUGS = (
    "summary",
    "exits",
    "transitions",
    "by-month",
    "sites",
    "progress",
    "feedback",
    "job-bank",
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


def _exits(published: Published) -> Table:
    """The 2020-style table of ended periods by exit reason."""
    total = published.total
    cells = published.exits
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
                share_of(cells[r], total.ended),
            ]
            for r in V.EXIT_REASONS
        ],
        note=_(
            "Moving on: studies, work trial, open labour market, apprenticeship, "
            "pay-subsidised work, entrepreneurship and rehabilitation."
        ),
    )
    table.footer = [
        [_("Moving on, in total"), "", total.positive, rate_cells(total.share)[0]],
        [
            _("All ended periods"),
            "",
            total.ended,
            Percent(1.0) if isinstance(total.ended, int) else SUPPRESSED,
        ],
    ]
    return table


def _summary(published: Published) -> Table:
    t = published.total
    share, interval = rate_cells(t.share)
    c = published.change
    rows = [
        [_("Clients served"), t.served, None],
        [_("Ended periods"), t.ended, None],
        [_("Ended by moving on"), t.positive, None],
        [_("Share moving on"), share, interval],
        [_("Average length of an ended period (months)"), months(t.length_days), None],
        [_("Clients with a start and a 3-month self-assessment"), c.clients, None],
        [
            _("Change in work ability, start → 3 months (0–10)"),
            change(c.work_ability),
            None,
        ],
        [
            _("Change in all self-assessment areas, start → 3 months (0–10)"),
            change(c.all_areas),
            None,
        ],
        [_("Seats held for a return"), published.holds, None],
        [_("Held returns used"), t.returns, None],
        [_("Clients stalled at the end of the period"), t.stalled, None],
    ]
    return Table(
        "summary",
        _("Summary"),
        [
            col(_("Figure"), numeric=False),
            col(_("Value")),
            col(_("Confidence interval (95%)"), interval=True),
        ],
        rows=rows,
    )


def _transitions(published: Published) -> Table:
    rows = [[str(EXIT_REASON_LABELS[r]), published.exits[r]] for r in TRANSITIONS]
    rows += [
        [_("Seat held for a return"), published.holds],
        [_("Came back through a held return"), published.total.returns],
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


def _buckets(published: Published) -> tuple[Table, list[Point]]:
    by = published.scope.by
    rows, points = [], []
    for b in published.buckets:
        label = bucket_label(b.bucket, by)
        rows.append([label, b.ended, b.positive, *rate_cells(b.share)])
        points.append(Point(label, b.share))
    title = _("Moving on by quarter") if by == "quarter" else _("Moving on by month")
    table = Table(
        "by-month",
        title,
        [
            col(_("Quarter") if by == "quarter" else _("Month"), numeric=False),
            col(_("Ended periods")),
            col(_("Ended by moving on")),
            col(_("Share moving on")),
            col(_("Confidence interval (95%)"), interval=True),
        ],
        rows=rows,
    )
    return table, points


def outcome_report(scope: OutcomeScope) -> OutcomeReport:
    """Count everything for ``scope`` (a fixed number of queries), apply disclosure
    control once, and lay the published figures out."""
    return build_report(publish(outcome_figures(scope)))


def build_report(published: Published) -> OutcomeReport:
    buckets, points = _buckets(published)
    return OutcomeReport(
        scope=published.scope,
        summary=_summary(published),
        exits=_exits(published),
        buckets=buckets,
        sites=site_table(published),
        progress=progress_table(published),
        feedback=feedback_table(published),
        transitions=_transitions(published),
        exit_bars=[
            Bar(str(EXIT_REASON_LABELS[r]), published.exits[r], r in V.POSITIVE_EXITS)
            for r in V.EXIT_REASONS
        ],
        share_points=points,
        site_rates=site_points(published),
        overall_rate=published.total.share,
        extra=[job_bank_table(published)],
    )
