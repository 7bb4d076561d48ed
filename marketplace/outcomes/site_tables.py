"""Per-site tables of the outcome report: clients and exits, progress, feedback, and
the job bank's figures per unit. Cells are suppressed here (``outcome_stats``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from marketplace.outcomes.selectors.feedback import FeedbackFigures
from marketplace.outcomes.selectors.periods import OutcomeFigures, PeriodFigures
from marketplace.outcomes.statistics import (
    MIN_CLIENTS,
    SUPPRESSED,
    Count,
    Rate,
    Suppressed,
    count_cell,
    share_cell,
    suppress_parts,
)
from marketplace.outcomes.tables import (
    Change,
    Column,
    Euros,
    Months,
    Percent,
    Point,
    Table,
    clients_count,
    col,
    mean_of,
    months,
    rate_cells,
    suppress_with_rest,
)


def _site_label_cells(site: Any) -> list[str]:
    return [site.title, site.municipality.name, site.organisation.name]


def _site_columns() -> list[Column]:
    return [
        col(_("Site"), numeric=False),
        col(_("Municipality"), numeric=False),
        col(_("Organisation"), numeric=False),
    ]


def site_tables(figures: OutcomeFigures) -> tuple[Table, Table, list[Point]]:
    sites = [
        s
        for s in figures.sites
        if s.pk in figures.by_site or s.pk in figures.feedback_by_site
    ]
    per = [figures.by_site.get(s.pk, PeriodFigures()) for s in sites]
    served = suppress_parts([clients_count(f.served_clients) for f in per])
    ended = suppress_parts([f.ended for f in per])
    positive = suppress_with_rest(
        [f.positive for f in per], [f.negative_clients for f in per]
    )
    returns = suppress_parts([f.returns for f in per])
    stalled = suppress_parts([clients_count(f.stalled.clients) for f in per])
    competence = suppress_parts(
        [clients_count(figures.competence_by_site.get(s.pk, 0)) for s in sites]
    )
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
                mean_of(Months, months(f.length_days), f.ended.clients),
            ]
        )
        change = figures.change_by_site.get(site.pk)
        n = change.clients if change else 0
        progress.append(
            [
                *_site_label_cells(site),
                count_cell(clients_count(n)),
                mean_of(Change, change.work_ability if change else None, n),
                mean_of(Change, change.all_areas if change else None, n),
                returns[i],
                stalled[i],
                competence[i],
            ]
        )
    site_table = Table(
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
    progress_table = Table(
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
        rows=progress,
        note=_(
            "Self-assessment: the start assessment and the one about three months "
            "later, 0–10. Stalled: the period had lasted over 12 months at the end of "
            "the chosen period and was not reviewed (extended) in the last 12 months. "
            "Competence: clients whose supervisor recorded competence towards "
            "qualification units at work in the period."
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


def feedback_table(figures: OutcomeFigures) -> Table:
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


def job_bank_table(figures: OutcomeFigures) -> Table:
    """Jobs done, income and work-share money per unit; money about participants is
    hidden under five of them, with secondary suppression against the total."""
    sites = [s for s in figures.sites if s.pk in figures.jobs_by_site]
    per = [figures.jobs_by_site[s.pk] for s in sites]
    days = suppress_parts([f.work_days for f in per])
    paid = suppress_parts([f.work_share_cents for f in per])
    rows = [
        [
            *_site_label_cells(site),
            f.jobs_done,
            Euros(f.income_cents),
            days[i],
            paid[i] if paid[i] is SUPPRESSED else Euros(paid[i]),
        ]
        for i, (site, f) in enumerate(zip(sites, per, strict=True))
    ]
    total = figures.jobs_total
    total_paid = count_cell(total.work_share_cents)
    footer = [
        [
            pgettext("work-activity sites", "All sites"),
            "",
            "",
            sum(f.jobs_done for f in per),
            Euros(sum(f.income_cents for f in per)),
            count_cell(total.work_days),
            total_paid if total_paid is SUPPRESSED else Euros(total_paid),
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
