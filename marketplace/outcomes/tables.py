"""Tables of the outcome page: one structure for the page, the charts and the exports.

A :class:`Table` holds published cells (``marketplace.outcomes.published``), so the
HTML page, the SVG charts, the CSV and the Excel file cannot disagree about a figure
or about what is hidden. Cell values are ``int``, :class:`Percent`, :class:`Months`,
:class:`Change`, :class:`Euros`, ``statistics.Interval``, ``str``, ``None`` (not
applicable) or ``SUPPRESSED``. Layout only: no rule of disclosure control is here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import formats

from marketplace.outcomes.statistics import SUPPRESSED, Interval, Rate, Suppressed

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


def percent(rate: Rate | Suppressed) -> Any:
    """A rate as a percentage cell (no interval)."""
    return Percent(rate.value) if isinstance(rate, Rate) else SUPPRESSED


def share_of(cell: Any, total: Any) -> Any:
    """A shown count's share of a shown total (no interval)."""
    if cell is SUPPRESSED or not isinstance(total, int) or not total:
        return SUPPRESSED
    return Percent(cell / total)


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


def months(days: float | Suppressed) -> Months | Suppressed:
    """A published average length in days as months (30.44 days each)."""
    return days if isinstance(days, Suppressed) else Months(days / DAYS_PER_MONTH)


def change(value: float | Suppressed) -> Change | Suppressed:
    return value if isinstance(value, Suppressed) else Change(value)


def euros(cents: Any) -> Any:
    """A published amount in cents as euros (a hidden one stays hidden)."""
    return cents if isinstance(cents, Suppressed) else Euros(cents)
