"""The matcher page's reliability chart: an accessible inline SVG, no JavaScript.

Each point is one group of hold-out periods: how likely the model said moving on
was (across) against how many of them really moved on (up). On the dashed
diagonal the estimates are right. The same figures are in a table beside the chart;
the ``<desc>`` says in words how far the points are from the diagonal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

SIZE = 320
PAD = 58
INK = "#1b1f24"
GRID = "#c9d3db"
BRAND = "#0b4f6c"


def _text(x: float, y: float, text: str, anchor: str = "middle") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="12" '
        f'fill="{INK}">{escape(text)}</text>'
    )


def reliability_chart(bins: Sequence[dict[str, Any]], chart_id: str) -> SafeString:
    """Predicted against observed share of moving on, 0–100 % on both axes."""
    inner = SIZE - 2 * PAD

    def x(v: float) -> float:
        return PAD + v * inner

    def y(v: float) -> float:
        return SIZE - PAD - v * inner

    body = [
        f'<rect x="{PAD}" y="{PAD}" width="{inner}" height="{inner}" fill="none" '
        f'stroke="{GRID}"/>',
        f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="{GRID}" '
        'stroke-dasharray="6 4"/>',
    ]
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        body.append(_text(x(tick), SIZE - PAD + 16, f"{round(tick * 100)} %"))
        body.append(_text(PAD - 6, y(tick) + 4, f"{round(tick * 100)} %", "end"))
    body.append(_text(SIZE / 2, SIZE - 8, _("Estimated chance")))
    body.append(
        f'<text x="14" y="{SIZE / 2:.0f}" text-anchor="middle" font-size="12" '
        f'fill="{INK}" transform="rotate(-90 14 {SIZE / 2:.0f})">'
        f"{escape(_('Really moved on'))}</text>"
    )
    points = [(float(b["predicted"]), float(b["observed"])) for b in bins]
    path = " ".join(f"{x(p):.1f},{y(o):.1f}" for p, o in points)
    if points:
        body.append(
            f'<polyline points="{path}" fill="none" stroke="{BRAND}" stroke-width="2"/>'
        )
    for p, o in points:
        body.append(f'<circle cx="{x(p):.1f}" cy="{y(o):.1f}" r="5" fill="{BRAND}"/>')
    worst = max((abs(p - o) for p, o in points), default=0.0)
    desc = _(
        "%(n)s groups of hold-out periods. The largest difference between the "
        "estimated and the real share of moving on is %(pp)s percentage points."
    ) % {"n": len(points), "pp": round(worst * 100)}
    title = _("Estimated chance of moving on against what really happened")
    return mark_safe(  # noqa: S308 - every text above went through escape()
        f'<svg class="chart chart-square" id="{escape(chart_id)}" role="img" '
        f'viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )
