"""Template helpers of the outcome page and the client's monthly feedback."""

from __future__ import annotations

from typing import Any

from django import template
from django.templatetags.static import static
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from marketplace.outcomes.statistics import (
    MIN_CLIENTS,
    SUPPRESSED,
    Interval,
    Suppressed,
)
from marketplace.outcomes.tables import format_cell

register = template.Library()


@register.filter
def outcome_cell(value: Any) -> SafeString:
    """A cell's text; a hidden one is marked so that its reason can be read."""
    if isinstance(value, Suppressed):
        return format_html(
            '<span class="suppressed" title="{}">{}</span>',
            _("Hidden: fewer than %(n)s clients") % {"n": MIN_CLIENTS},
            str(value),
        )
    return format_html("{}", format_cell(value))


@register.filter
def pictogram(radio: Any, field_name: str) -> str:
    """The picture of an answer, e.g. ``img/feedback/felt-3.svg``."""
    value = str(radio.data["value"]).replace("_", "-")
    return static(f"img/feedback/{field_name.replace('_', '-')}-{value}.svg")


@register.inclusion_tag("marketplace/feedback/_due.html", takes_context=True)
def client_feedback_due(context: template.Context) -> dict[str, Any]:
    """The client's placements waiting for this or last month's answers."""
    from marketplace.clients.selectors.feedback import feedback_due_for_client

    request = context.get("request")
    client = getattr(getattr(request, "user", None), "client_record", None)
    return {"due": feedback_due_for_client(client) if client is not None else []}


@register.filter
def is_number_cell(value: Any) -> bool:
    """Numbers (and hidden numbers) are right-aligned."""
    return isinstance(value, int | float | Interval | Suppressed) and not isinstance(
        value, bool
    )


def _cell_html(value: Any, hidden: str) -> str:
    """A cell's escaped text; ``hidden`` is the markup of a suppressed cell."""
    if isinstance(value, Suppressed):
        return hidden
    return escape(format_cell(value))


@register.simple_tag
def outcome_rows(rows: list[list[Any]]) -> SafeString:
    """Table rows rendered in Python with plain string joins (every text escaped): a
    region's tables have thousands of cells, and a template loop or ``format_html``
    per cell would be most of the page's time."""
    hidden = str(outcome_cell(SUPPRESSED))
    lines = []
    for row in rows:
        cells = [f'<th scope="row">{_cell_html(row[0], hidden)}</th>']
        for value in row[1:]:
            num = ' class="num"' if is_number_cell(value) else ""
            cells.append(f"<td{num}>{_cell_html(value, hidden)}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return mark_safe("\n".join(lines))  # noqa: S308 - every text escaped above
