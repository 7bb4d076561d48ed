"""Template filters for money (integer cents) and vocabulary labels."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats

from marketplace.shared import vocabularies

register = template.Library()


@register.filter
def euros(cents: int | None) -> str:
    """Integer cents as euros in the active locale: 4500 → "45,00 €" in Finnish."""
    if cents is None:
        return ""
    amount = formats.number_format(Decimal(cents) / Decimal(100), 2, use_l10n=True)
    return f"{amount}\u00a0€"


@register.simple_tag
def vocab_label(vocabulary: str, code: str) -> str:
    return vocabularies.label(vocabulary, code)


@register.filter
def role_label(group_name: str) -> str:
    from marketplace.access import roles

    return str(roles.LABELS.get(group_name, group_name))


@register.filter
def review_due(placement, today):  # type: ignore[no-untyped-def]
    return placement.review_due(today)


@register.filter
def placement_status(code: str) -> str:
    from marketplace.models import Placement

    return str(dict(Placement.Status.choices).get(code, code))


@register.filter
def assessment_area(area: str) -> str:
    from marketplace.models import SelfAssessment

    return str(SelfAssessment._meta.get_field(area).verbose_name)


@register.filter
def placement_actions(placement):  # type: ignore[no-untyped-def]
    """The steps the placement can take next, with their labels."""
    from marketplace.clients.views.placements import placement_steps

    return placement_steps(placement)


@register.filter
def percent(share: float | None) -> str:
    """0.416 -> "42 %" (a share shown as a whole percentage)."""
    if share is None:
        return "–"
    return f"{round(100 * float(share))} %"
