"""Per-site tables of the outcome report: clients and exits, progress, feedback, and
the job bank's figures per unit, laid out from the published figures (nothing is
counted or hidden here: see ``marketplace.outcomes.published``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from marketplace.models import WorkSite
from marketplace.outcomes.published import Published, PublishedFeedback
from marketplace.outcomes.statistics import MIN_CLIENTS, Rate
from marketplace.outcomes.tables import (
    Column,
    Euros,
    Point,
    Table,
    change,
    col,
    euros,
    months,
    percent,
    rate_cells,
)


def _site_label_cells(site: WorkSite) -> list[str]:
    return [site.title, site.municipality.name, site.organisation.name]


def _site_columns() -> list[Column]:
    return [
        col(_("Site"), numeric=False),
        col(_("Municipality"), numeric=False),
        col(_("Organisation"), numeric=False),
    ]


def site_table(published: Published) -> Table:
    rows = [
        [
            *_site_label_cells(s.site),
            s.periods.served,
            s.periods.ended,
            s.periods.positive,
            *rate_cells(s.periods.share),
            months(s.periods.length_days),
        ]
        for s in published.sites
    ]
    return Table(
        "sites",
        _("Sites: clients and exits"),
        [
            *_site_columns(),
            col(_("Clients served")),
            col(_("Ended periods")),
            col(_("Ended by moving on")),
            col(_("Share moving on")),
            col(_("Confidence interval (95%)"), interval=True),
            col(_("Average length (months)")),
        ],
        rows=rows,
        note=_(
            "Sites with clients in the period. The confidence interval (Wilson, 95%) "
            "shows how much the share could vary by chance: with few periods it is wide."
        ),
    )


def site_points(published: Published) -> list[Point]:
    """The sites whose share is shown, highest first, for the site chart."""
    points = [
        Point(s.site.title, s.periods.share)
        for s in published.sites
        if isinstance(s.periods.share, Rate)
    ]
    points.sort(key=lambda p: (-p.value.value, p.label))  # type: ignore[union-attr]
    return points


def progress_table(published: Published) -> Table:
    rows = [
        [
            *_site_label_cells(s.site),
            s.change.clients,
            change(s.change.work_ability),
            change(s.change.all_areas),
            s.periods.returns,
            s.periods.stalled,
            s.competence,
        ]
        for s in published.sites
    ]
    return Table(
        "progress",
        _("Sites: self-assessment, returns and stalled clients"),
        [
            *_site_columns(),
            col(_("Clients with both self-assessments")),
            col(_("Change in work ability")),
            col(_("Change in all areas")),
            col(_("Held returns used")),
            col(_("Stalled clients")),
            col(_("Clients with competence recorded")),
        ],
        rows=rows,
        note=_(
            "Self-assessment: the start assessment and the one about three months "
            "later, 0–10. Stalled: the period had lasted over 12 months at the end of "
            "the chosen period and was not reviewed (extended) in the last 12 months. "
            "Competence: clients whose supervisor recorded competence towards "
            "qualification units at work in the period."
        ),
    )


def _feedback_cells(f: PublishedFeedback) -> list[Any]:
    return [f.answers, percent(f.good), percent(f.learned), percent(f.continues)]


def feedback_table(published: Published) -> Table:
    rows = [
        [*_site_label_cells(s.site), *_feedback_cells(s.feedback), s.feedback.helped]
        for s in published.sites
        if s.feedback is not None
    ]
    total = published.feedback
    footer = [
        [
            pgettext("work-activity sites", "All sites"),
            "",
            "",
            *_feedback_cells(total),
            total.helped,
        ]
    ]
    return Table(
        "feedback",
        _("Client feedback"),
        [
            *_site_columns(),
            col(_("Answers")),
            col(_("The work felt good")),
            col(_("Learned something")),
            col(_("Wants to continue")),
            col(_("Answered with the supervisor's help")),
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


def job_bank_table(published: Published) -> Table:
    """Jobs done, income and work-share money per unit; days and money about
    participants are published under the rules of ``disclosure``."""
    rows = [
        [
            *_site_label_cells(site),
            f.jobs_done,
            Euros(f.income_cents),
            f.work_days,
            euros(f.work_share_cents),
        ]
        for site, f in published.jobs
    ]
    total = published.jobs_total
    footer = [
        [
            pgettext("work-activity sites", "All sites"),
            "",
            "",
            total.jobs_done,
            Euros(total.income_cents),
            total.work_days,
            euros(total.work_share_cents),
        ]
    ]
    return Table(
        "job-bank",
        _("Job bank by unit"),
        [
            *_site_columns(),
            col(_("Jobs done")),
            col(_("Income (€)")),
            col(_("Work days on jobs")),
            col(_("Work-share money paid (€)")),
        ],
        rows=rows,
        footer=footer if rows else [],
        note=_(
            "Jobs the poster accepted in the period; the money transferred to the unit "
            "for its jobs, after the platform fee; participants' recorded work days; "
            "and the work-share money allocated to them. Work days and work-share "
            "money are hidden when fewer than five participants are behind them. "
            "The service choice does not apply to the job bank."
        ),
    )
