"""Tables of the outcome page: one structure for the page, the charts and the exports.

A :class:`Table` holds already-suppressed cells, so the HTML page, the SVG charts,
the CSV and the Excel file cannot disagree about what is hidden. Cell values are
``int``, :class:`Percent`, :class:`Months`, :class:`Change`,
``outcome_stats.Interval``, ``str``, ``None`` (not applicable) or ``SUPPRESSED``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import formats

from marketplace.outcomes.statistics import (
    SUPPRESSED,
    Count,
    Interval,
    Rate,
    Suppressed,
    mean_cell,
    suppress_parts,
)

DAYS_PER_MONTH = 30.44


class Percent(float):
    """A share 0–1, shown as a percentage with one decimal."""


class Months(float):
    """A length in months, one decimal."""


class Change(float):
    """A signed change of a score, one decimal."""


class Euros(int):
    """Money in integer cents, shown as euros with two decimals."""


@dataclass(frozen=True)
class Column:
    label: str
    interval: bool = False  # exported as two columns, lower and upper bound
    numeric: bool = True


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    footer: list[list[Any]] = field(default_factory=list)
    note: str = ""

    @property
    def has_suppressed(self) -> bool:
        return any(
            cell is SUPPRESSED for row in self.rows + self.footer for cell in row
        )


def round_half_up(value: float, places: int = 1) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def _decimal(value: float, places: int = 1) -> str:
    """A rounded number with the active language's decimal separator."""
    rounded = round_half_up(value, places)
    text = f"{abs(rounded) if rounded == 0 else rounded:.{places}f}"  # no "-0.0"
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def format_cell(value: Any) -> str:
    """The text of a cell in the active language ("< 5" for a suppressed one)."""
    if value is None:
        return "–"
    if isinstance(value, Suppressed):
        return str(value)
    if isinstance(value, Percent):
        return f"{_decimal(value * 100)}\u00a0%"
    if isinstance(value, Interval):
        return f"{_decimal(value.low * 100)}–{_decimal(value.high * 100)}\u00a0%"
    if isinstance(value, Euros):
        return formats.number_format(
            Decimal(int(value)) / 100, 2, use_l10n=True, force_grouping=True
        )
    if isinstance(value, Change):
        text = _decimal(value)
        return f"+{text}" if value > 0 else text.replace("-", "−")
    if isinstance(value, float):
        return _decimal(value)
    return str(value)


def rate_cells(rate: Rate | Suppressed) -> tuple[Any, Any]:
    """A rate as a percentage cell and an interval cell."""
    if isinstance(rate, Rate):
        return Percent(rate.value), rate.interval
    return SUPPRESSED, SUPPRESSED


def share_of(cell: Any, total: int) -> Any:
    """A visible count's share of a visible total (no interval)."""
    if cell is SUPPRESSED or not total:
        return SUPPRESSED
    return Percent(cell / total)


def suppress_with_rest(
    parts: Sequence[Count], rest_clients: Sequence[int]
) -> list[int | Suppressed]:
    """Cells for parts of a whole that is shown beside them (e.g. positive exits of
    the ended periods): a part is shown only if it and the rest of its whole both
    count at least five clients, then secondary suppression down the column."""
    guarded = [
        Count(p.value, p.clients if rest >= 5 else 0)
        for p, rest in zip(parts, rest_clients, strict=True)
    ]
    return suppress_parts(guarded)


def suppress_groups(
    groups: Sequence[Sequence[Count]], group_totals_visible: bool
) -> list[list[int | Suppressed]]:
    """Parts in groups whose subtotals are published (the positive and the other exits).

    Each group gets secondary suppression against its subtotal. When the subtotals are
    hidden, every group keeps at least one hidden part, otherwise the visible parts
    and the grand total would give the hidden subtotals away.
    """
    out = [suppress_parts(group) for group in groups]
    if not group_totals_visible:
        for group, cells in zip(groups, out, strict=True):
            visible = [i for i, cell in enumerate(cells) if cell is not SUPPRESSED]
            if visible and len(visible) == len(cells):
                cells[min(visible, key=lambda i: (group[i].value, i))] = SUPPRESSED
    return out


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Suppressed
    positive: bool = False


@dataclass(frozen=True)
class Point:
    label: str
    value: Rate | Suppressed


def col(label: Any, **kwargs: Any) -> Column:
    return Column(str(label), **kwargs)


def months(days: float | None) -> float | None:
    """Days as months (30.44 days each)."""
    return None if days is None else days / DAYS_PER_MONTH


def clients_count(n: int) -> Count:
    """A count of distinct clients (the value and the clients are the same)."""
    return Count(n, n)


def mean_of(kind: type, value: float | None, clients: int) -> Any:
    """An average as ``kind`` (Months, Change), or hidden under five clients."""
    cell = mean_cell(value, clients)
    return cell if isinstance(cell, Suppressed) else kind(cell)
