"""Figures of the clients' monthly feedback (asiakaspalaute) for the outcome page,
and :func:`site_feedback_summary`, the signal the matcher may use. Individual answers
are never shown to staff: only published counts (``marketplace.outcomes.published``)
of at least five clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)

from marketplace.models import (
    ClientFeedback,
    WorkSite,
)
from marketplace.outcomes.statistics import MIN_CLIENTS
from marketplace.outcomes.statistics import Count as Counted
from marketplace.shared.db_grouping import Agg, grouped_with_total

FB = ClientFeedback


_CLIENT = "placement__client"
_GOOD = Q(felt=FB.Felt.GOOD)
_LEARNED = Q(learned__in=[FB.Answer.YES, FB.Answer.A_LITTLE])
_CONTINUE = Q(wants_to_continue=FB.Continue.YES)


def _feedback_aggregates() -> dict[str, Any]:
    def pair(name: str, q: Q) -> dict[str, Any]:
        # prefixed: an annotation named like a field ("learned") would shadow it
        return {
            f"n_{name}": Count("pk", filter=q),
            f"n_{name}_clients": Count(_CLIENT, distinct=True, filter=q),
        }

    return {
        "answers": Count("pk"),
        "clients": Count(_CLIENT, distinct=True),
        "helped": Count("pk", filter=Q(helped_by_supervisor=True)),
        "helped_clients": Count(
            _CLIENT, distinct=True, filter=Q(helped_by_supervisor=True)
        ),
        **pair("good", _GOOD),
        **pair("learned", _LEARNED),
        **pair("continues", _CONTINUE),
    }


def _rest(row: dict[str, Any], name: str) -> int:
    """Clients with an answer other than ``name``, at least: every client who never
    gave it. A lower bound (a client may have given both), so a share is hidden
    rather than shown when in doubt; exact counts would cost a distinct count each."""
    return row["clients"] - row[f"n_{name}_clients"]


@dataclass(frozen=True)
class FeedbackFigures:
    """Raw counts of the answers of one site (or of the whole scope)."""

    answers: Counted
    helped: Counted
    good: Counted
    not_good_clients: int
    learned: Counted
    not_learned_clients: int
    continues: Counted
    not_continues_clients: int

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> FeedbackFigures:
        # all counts; PostgreSQL sums integers as numeric (Decimal)
        row = {name: int(value) for name, value in row.items()}
        return cls(
            answers=Counted(row["answers"], row["clients"], row["answers_key"]),
            helped=Counted(row["helped"], row["helped_clients"], row["helped_key"]),
            good=_counted(row, "good"),
            not_good_clients=_rest(row, "good"),
            learned=_counted(row, "learned"),
            not_learned_clients=_rest(row, "learned"),
            continues=_counted(row, "continues"),
            not_continues_clients=_rest(row, "continues"),
        )


def _counted(row: dict[str, int], name: str) -> Counted:
    """The answers of a kind, their clients and the sum of their record keys."""
    return Counted(row[f"n_{name}"], row[f"n_{name}_clients"], row[f"n_{name}_key"])


def _feedback_in(
    sites: QuerySet[WorkSite] | Iterable[int],
    start: dt.date | None,
    end: dt.date | None = None,
    service: str | None = None,
) -> QuerySet[ClientFeedback]:
    answers = ClientFeedback.objects.filter(placement__site__in=sites)
    if start is not None:
        answers = answers.filter(month__gte=start)
    if end is not None:
        answers = answers.filter(month__lte=end)
    if service:
        answers = answers.filter(placement__client__service=service)
    return answers


def _flag(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()
    )


_FLAGS = {
    "helped": Q(helped_by_supervisor=True),
    "good": _GOOD,
    "learned": _LEARNED,
    "continues": _CONTINUE,
}


def _keys(column: str) -> Agg:
    """The sum of the record keys of the answers counted in ``column`` (each of the
    client's answers carries the client's key: the cell key of the cell-key method)."""
    return Agg("sum", column, expression=f"{{{column}}} * {{rkey}}")


def _pair(name: str) -> dict[str, Agg]:
    return {
        f"n_{name}": Agg("sum", f"{name}_n"),
        f"n_{name}_clients": Agg("count", "client", when=f"{name}_any", distinct=True),
        f"n_{name}_key": _keys(f"{name}_n"),
    }


# over one row per site and client (see feedback_figures)
_FIGURES = {
    "answers": Agg("sum", "answered"),
    "answers_key": _keys("answered"),
    "clients": Agg("count", "client", distinct=True),
    "helped": Agg("sum", "helped_n"),
    "helped_key": _keys("helped_n"),
    "helped_clients": Agg("count", "client", when="helped_any", distinct=True),
    **_pair("good"),
    **_pair("learned"),
    **_pair("continues"),
}


def feedback_figures(scope: Any) -> tuple[FeedbackFigures, dict[int, FeedbackFigures]]:
    """Answers for the months that begin in the scope's window, in total and per site
    (one query, see ``db_grouping``).

    The answers are first summed per site and client (how many, how many of each
    kind, and whether any was of that kind), and the distinct clients are counted
    over those rows: the same figures, but a client's many monthly answers are one
    row, not one each (on five years of history a third of the rows, and the query
    a quarter to a third faster on PostgreSQL and SQLite)."""
    w = scope.window
    rows = (
        _feedback_in(scope.sites, w.start, w.end, scope.service)
        .annotate(
            site=F("placement__site_id"),
            client=F("placement__client_id"),
            rkey=F("placement__client__record_key"),
        )
        .values("site", "client", "rkey")
        .annotate(
            answered=Count("pk"),
            **{f"{name}_n": Sum(_flag(q)) for name, q in _FLAGS.items()},
            **{f"{name}_any": Max(_flag(q)) for name, q in _FLAGS.items()},
        )
    )
    by_site, total = grouped_with_total(rows, "site", _FIGURES)
    return (
        FeedbackFigures.from_row(total),
        {site: FeedbackFigures.from_row(row) for site, row in by_site.items()},
    )


@dataclass(frozen=True)
class SiteFeedbackSummary:
    """What clients said about a site, for the matcher (shares 0–1).

    ``None`` values mean "not enough answers": fewer than five clients answered, so
    nothing is said about the site (neither for privacy nor for reliability).
    """

    answers: int
    clients: int
    felt_good: float | None
    learned: float | None
    wants_to_continue: float | None

    @property
    def reliable(self) -> bool:
        return self.clients >= MIN_CLIENTS


def site_feedback_summary(
    site_ids: Iterable[int], since: dt.date | None = None
) -> dict[int, SiteFeedbackSummary]:
    """Client feedback per site as shares, for ranking (one query).

    ``since`` limits to answers for that month or later (e.g. the last 24 months).
    Sites without answers are absent; sites where fewer than five clients answered
    have ``None`` shares. Public API for ``matching``: keep the signature stable.
    """
    ids = list(site_ids)
    if not ids:
        return {}
    rows = (
        _feedback_in(ids, since)
        .values("placement__site")
        .annotate(**_feedback_aggregates())
        .order_by()
    )
    out = {}
    for row in rows:
        n, clients = row["answers"], row["clients"]
        reliable = clients >= MIN_CLIENTS
        out[row["placement__site"]] = SiteFeedbackSummary(
            answers=n,
            clients=clients,
            felt_good=row["n_good"] / n if reliable else None,
            learned=row["n_learned"] / n if reliable else None,
            wants_to_continue=row["n_continues"] / n if reliable else None,
        )
    return out
