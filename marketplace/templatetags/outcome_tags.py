"""Template helpers of the outcome page and the client's monthly feedback."""

from __future__ import annotations

from typing import Any

from django import template
from django.templatetags.static import static
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from marketplace.outcome_stats import MIN_CLIENTS, Interval, Suppressed
from marketplace.outcome_tables import format_cell

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
    from marketplace.selectors_feedback import feedback_due_for_client

    request = context.get("request")
    client = getattr(getattr(request, "user", None), "client_record", None)
    return {"due": feedback_due_for_client(client) if client is not None else []}


@register.filter
def is_number_cell(value: Any) -> bool:
    """Numbers (and hidden numbers) are right-aligned."""
    return isinstance(value, int | float | Interval | Suppressed) and not isinstance(
        value, bool
    )


_NUM = mark_safe(' class="num"')


def _cells(row: list[Any]) -> SafeString:
    """One row's cells: the first is the row header, numbers are right-aligned."""
    first, rest = row[0], row[1:]
    head = format_html('<th scope="row">{}</th>', outcome_cell(first))
    return head + format_html_join(
        "",
        "<td{}>{}</td>",
        ((_NUM if is_number_cell(v) else "", outcome_cell(v)) for v in rest),
    )


@register.simple_tag
def outcome_rows(rows: list[list[Any]]) -> SafeString:
    """Table rows rendered in Python: a region's tables have thousands of cells, and
    a template loop per cell would be most of the page's time."""
    return format_html_join("\n", "<tr>{}</tr>", ((_cells(row),) for row in rows))
