"""Template filters for money (integer cents) and vocabulary labels."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils import formats

from marketplace import vocabularies

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
    from marketplace import roles

    return str(roles.LABELS.get(group_name, group_name))
