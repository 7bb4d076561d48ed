"""Money typed in euros, kept in integer cents.

People write prices as "48", "48,00", "48.50" or "48 €"; Polku stores cents. The
form field here takes any of those and cleans to cents, and shows cents as euros
("4800" → "48,00" in Finnish), so that nobody types a price in cents.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

#: Spaces people and spreadsheets put in numbers: space, no-break, narrow no-break.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def parse_euros(text: str) -> int:
    """ "48", "48,00", "48.5", "48 €", "1 200,50" → cents. Raises ValueError on
    anything else (a negative amount, more than two decimals, letters)."""
    value = _SPACES.sub("", text).removesuffix("€").removeprefix("€")
    value = _SPACES.sub("", value)
    if value.count(",") + value.count(".") > 1:
        raise ValueError(text)
    value = value.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d{1,2})?", value):
        raise ValueError(text)
    try:
        cents = Decimal(value) * 100
    except InvalidOperation as exc:  # pragma: no cover - the pattern rules it out
        raise ValueError(text) from exc
    return int(cents)


def format_euros(cents: int) -> str:
    """4800 → "48,00" (no currency sign: the field's label says €)."""
    return formats.number_format(Decimal(cents) / 100, 2, use_l10n=True)


class EuroInput(forms.TextInput):
    """A text box that brings up a number keyboard with a decimal separator."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            {"inputmode": "decimal", "autocomplete": "off", **(attrs or {})}
        )


class EuroCentsField(forms.Field):
    """A price typed in euros; ``cleaned_data`` holds integer cents (or None)."""

    widget = EuroInput
    default_error_messages = {
        "invalid": _("Give the amount in euros, for example 48 or 48,50."),
        "max": _("At most %(max)s €."),
    }

    def __init__(self, *, max_cents: int | None = None, **kwargs: Any) -> None:
        self.max_cents = max_cents
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return format_euros(value)
        return value

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_euros(str(value))
        except ValueError:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from None

    def validate(self, value: int | None) -> None:
        super().validate(value)
        if value is not None and self.max_cents is not None and value > self.max_cents:
            raise ValidationError(
                self.error_messages["max"],
                code="max",
                params={"max": format_euros(self.max_cents)},
            )

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != (
                self.to_python(initial) if not isinstance(initial, int) else initial
            )
        except ValidationError:
            return True
