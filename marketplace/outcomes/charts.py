"""Server-rendered, accessible SVG charts (no JavaScript, no external library).

Each chart is an inline ``<svg role="img">`` labelled by its ``<title>`` and a
``<desc>`` that says in words what the chart shows; the page puts the same figures in
a data table next to it. Meaning never rests on colour alone: bars of "moving on" are
also striped and the legend says so; hidden (suppressed) values are written as "< 5"
or listed in the description. Colours come from attributes (no ``style``), so the
charts work under a strict Content Security Policy and print as they are.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.outcomes.statistics import SUPPRESSED, Rate, Suppressed
from marketplace.outcomes.tables import Bar, Percent, Point, format_cell

INK = "#1b1f24"
MUTED = "#4a5561"
GRID = "#c9d3db"
BRAND = "#0b4f6c"
POSITIVE = "#1d6b35"
WIDTH = 720


def _short(label: str, limit: int = 40) -> str:
    """A label that fits beside the chart (the full one is in the table)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _t(x: float, y: float, text: str, anchor: str = "start", cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{klass}>'
        f"{escape(text)}</text>"
    )


def _svg(chart_id: str, height: float, title: str, desc: str, body: list[str]) -> str:
    return mark_safe(  # noqa: S308 - every text above went through escape()
        f'<svg class="chart" id="{escape(chart_id)}" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _hatch(pattern_id: str, colour: str) -> str:
    return (
        f'<defs><pattern id="{pattern_id}" width="8" height="8" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="{colour}"/>'
        f'<rect width="3" height="8" fill="#ffffff" fill-opacity="0.55"/>'
        f"</pattern></defs>"
    )


def nice_step(maximum: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) giving about ``ticks`` grid lines."""
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return float(factor * power)
    return float(10 * power)


def _hidden_names(names: Sequence[str]) -> str:
    if not names:
        return ""
    return " " + _("Hidden because fewer than five clients: %(names)s.") % {
        "names": ", ".join(names)
    }


def exit_chart(bars: Sequence[Bar], *, chart_id: str, title: str) -> SafeString:
    """Horizontal bars of ended periods per exit reason; moving on is striped."""
    label_w, value_w, row_h, top = 310.0, 60.0, 24.0, 34.0
    plot_w = WIDTH - label_w - value_w
    visible = [b.value for b in bars if isinstance(b.value, int)]
    step = nice_step(max(visible, default=0))
    scale_max = step * math.ceil(max(visible, default=0) / step) or step
    height = top + row_h * len(bars) + 34
    pattern = f"{chart_id}-hatch"
    body = [_hatch(pattern, POSITIVE)]
    body.append(
        f'<rect x="{label_w}" y="8" width="14" height="14" fill="{BRAND}"/>'
        + _t(label_w + 20, 20, _("Other exit"), cls="chart-small")
        + f'<rect x="{label_w + 140}" y="8" width="14" height="14" '
        f'fill="url(#{pattern})" stroke="{POSITIVE}"/>'
        + _t(label_w + 160, 20, _("Moving on (striped)"), cls="chart-small")
    )
    bottom = top + row_h * len(bars)
    tick = 0.0
    while tick <= scale_max + 1e-9:
        x = label_w + plot_w * tick / scale_max
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            + _t(x, bottom + 16, f"{tick:.0f}", "middle", "chart-small")
        )
        tick += step
    for i, bar in enumerate(bars):
        y = top + row_h * i
        body.append(_t(label_w - 8, y + row_h * 0.68, _short(bar.label), "end"))
        if isinstance(bar.value, Suppressed):
            body.append(_t(label_w + 4, y + row_h * 0.68, str(bar.value), cls="muted"))
            continue
        w = plot_w * bar.value / scale_max
        fill = f"url(#{pattern})" if bar.positive else BRAND
        stroke = f' stroke="{POSITIVE}"' if bar.positive else ""
        body.append(
            f'<rect x="{label_w}" y="{y + 4:.1f}" width="{w:.1f}" '
            f'height="{row_h - 8:.1f}" fill="{fill}"{stroke}/>'
            + _t(label_w + w + 6, y + row_h * 0.68, str(bar.value))
        )
    shown = sorted(
        (b for b in bars if isinstance(b.value, int)), key=lambda b: -b.value
    )
    desc = _("Bar chart of ended periods by exit reason.")
    if shown:
        top_three = ", ".join(f"{b.label} {b.value}" for b in shown[:3])
        desc += " " + _("Largest: %(list)s.") % {"list": top_three}
    desc += _hidden_names([b.label for b in bars if not isinstance(b.value, int)])
    return _svg(chart_id, height, title, desc, body)


def share_chart(
    points: Sequence[Point], overall: Rate | Suppressed, *, chart_id: str, title: str
) -> SafeString:
    """Columns of the share moving on per month (or quarter) with 95 % intervals."""
    left, right, top, bottom = 52.0, 16.0, 30.0, 44.0
    height = 280.0
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    rates = [p.value for p in points if isinstance(p.value, Rate)]
    highest = max([r.interval.high for r in rates] + [0.1])
    scale_max = min(1.0, math.ceil(highest * 10) / 10)
    y0 = top + plot_h
    body = [
        f'<rect x="{left}" y="8" width="14" height="14" fill="{POSITIVE}"/>'
        + _t(
            left + 20,
            20,
            _("Share moving on, with its interval (95%)"),
            cls="chart-small",
        )
    ]
    step = 0.1 if scale_max <= 0.5 else 0.2
    tick = 0.0
    while tick <= scale_max + 1e-9:
        y = y0 - plot_h * tick / scale_max
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            + _t(left - 6, y + 4, format_cell(Percent(tick)), "end", "chart-small")
        )
        tick += step
    n = max(len(points), 1)
    slot = plot_w / n
    every = math.ceil(n / 12)
    for i, point in enumerate(points):
        x = left + slot * i
        centre = x + slot / 2
        if i % every == 0:
            body.append(_t(centre, y0 + 16, point.label, "middle", "chart-small"))
        if not isinstance(point.value, Rate):
            body.append(
                f'<line x1="{centre - slot * 0.3:.1f}" y1="{y0 - 2:.1f}" '
                f'x2="{centre + slot * 0.3:.1f}" y2="{y0 - 2:.1f}" stroke="{MUTED}" '
                f'stroke-width="2" stroke-dasharray="3 2"/>'
            )
            continue
        value, interval = point.value.value, point.value.interval
        h = plot_h * value / scale_max
        body.append(
            f'<rect x="{x + slot * 0.15:.1f}" y="{y0 - h:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{h:.1f}" fill="{POSITIVE}"/>'
        )
        y_low = y0 - plot_h * interval.low / scale_max
        y_high = y0 - plot_h * interval.high / scale_max
        body.append(
            f'<line x1="{centre:.1f}" y1="{y_low:.1f}" x2="{centre:.1f}" '
            f'y2="{y_high:.1f}" stroke="{INK}" stroke-width="1.5"/>'
        )
    if isinstance(overall, Rate):
        y = y0 - plot_h * overall.value / scale_max
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" '
            f'stroke="{INK}" stroke-width="1.5" stroke-dasharray="6 4"/>'
            + _t(
                WIDTH - right,
                y - 6,
                _("Whole period %(share)s")
                % {"share": format_cell(Percent(overall.value))},
                "end",
                "chart-small",
            )
        )
    body.append(
        f'<line x1="{left}" y1="{y0}" x2="{WIDTH - right}" y2="{y0}" stroke="{INK}"/>'
    )
    desc = _share_desc(points, overall)
    return _svg(chart_id, height, title, desc, body)


def _share_desc(points: Sequence[Point], overall: Rate | Suppressed) -> str:
    shown = [p for p in points if isinstance(p.value, Rate)]
    desc = _("Column chart of the share of ended periods that ended by moving on.")
    if isinstance(overall, Rate):
        desc += " " + _("Whole period: %(share)s.") % {
            "share": format_cell(Percent(overall.value))
        }
    if shown:
        low = min(shown, key=lambda p: p.value.value)  # type: ignore[union-attr]
        high = max(shown, key=lambda p: p.value.value)  # type: ignore[union-attr]
        desc += " " + _(
            "Lowest %(low)s (%(low_at)s), highest %(high)s (%(high_at)s)."
        ) % {
            "low": format_cell(Percent(low.value.value)),  # type: ignore[union-attr]
            "low_at": low.label,
            "high": format_cell(Percent(high.value.value)),  # type: ignore[union-attr]
            "high_at": high.label,
        }
    hidden = [p.label for p in points if p.value is SUPPRESSED]
    if hidden:
        desc += " " + ngettext(
            "%(n)s period hidden (a dashed line): fewer than five clients.",
            "%(n)s periods hidden (dashed lines): fewer than five clients.",
            len(hidden),
        ) % {"n": len(hidden)}
    return desc


def rate_chart(
    points: Sequence[Point],
    overall: Rate | Suppressed,
    hidden: int,
    *,
    chart_id: str,
    title: str,
) -> SafeString:
    """Each site's share moving on as a dot with its 95 % interval as a line."""
    label_w, right, top, row_h = 310.0, 24.0, 34.0, 22.0
    plot_w = WIDTH - label_w - right
    height = top + row_h * max(len(points), 1) + 34
    bottom = top + row_h * max(len(points), 1)
    body = [
        f'<circle cx="{label_w + 7}" cy="15" r="5" fill="{BRAND}"/>'
        + _t(label_w + 18, 20, _("Share moving on"), cls="chart-small")
        + f'<line x1="{label_w + 150}" y1="15" x2="{label_w + 180}" y2="15" '
        f'stroke="{INK}" stroke-width="1.5"/>'
        + _t(label_w + 186, 20, _("Confidence interval (95%)"), cls="chart-small")
    ]
    for tick in range(0, 101, 20):
        x = label_w + plot_w * tick / 100
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{GRID}"/>'
            + _t(
                x,
                bottom + 16,
                format_cell(Percent(tick / 100)),
                "middle",
                "chart-small",
            )
        )
    if isinstance(overall, Rate):
        x = label_w + plot_w * overall.value
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{INK}" stroke-dasharray="6 4"/>'
        )
    for i, point in enumerate(points):
        rate = point.value
        assert isinstance(rate, Rate)
        y = top + row_h * i + row_h / 2
        x_low = label_w + plot_w * rate.interval.low
        x_high = label_w + plot_w * rate.interval.high
        body.append(
            _t(label_w - 8, y + 4, _short(point.label), "end")
            + f'<line x1="{x_low:.1f}" y1="{y:.1f}" x2="{x_high:.1f}" y2="{y:.1f}" '
            f'stroke="{INK}" stroke-width="1.5"/>'
            + f'<circle cx="{label_w + plot_w * rate.value:.1f}" cy="{y:.1f}" r="5" '
            f'fill="{BRAND}"/>'
        )
    desc = _(
        "Dot chart of each site's share moving on with its confidence interval "
        "(95%%), highest first; the dashed line is the whole selection (%(share)s)."
    ) % {
        "share": format_cell(Percent(overall.value))
        if isinstance(overall, Rate)
        else format_cell(overall)
    }
    if points:
        desc += (
            " "
            + ", ".join(
                f"{p.label} {format_cell(Percent(p.value.value))}"  # type: ignore[union-attr]
                for p in points[:5]
            )
            + ("…" if len(points) > 5 else ".")
        )
    if hidden:
        desc += " " + ngettext(
            "%(n)s site not shown: fewer than five clients.",
            "%(n)s sites not shown: fewer than five clients.",
            hidden,
        ) % {"n": hidden}
    return _svg(chart_id, height, title, desc, body)
