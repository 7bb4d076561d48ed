"""What the one field template (templates/includes/field.html) needs to know about a
field: whether it is a group of choices (a fieldset with a legend), a single
checkbox (the box before its label) or anything else (the label before it), and
which element an error summary's link should move the focus to."""

from __future__ import annotations

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def field_kind(field: BoundField) -> str:
    """``"choices"`` for radio buttons and checkbox lists, ``"group"`` for other
    widgets made of several inputs (a date in three selects), ``"checkbox"`` for
    one checkbox, ``"single"`` otherwise."""
    widget = field.field.widget
    input_type = getattr(widget, "input_type", "")
    if widget.use_fieldset and input_type in ("radio", "checkbox"):
        return "choices"
    if widget.use_fieldset:
        return "group"
    if input_type == "checkbox":
        return "checkbox"
    return "single"


@register.filter
def first_input_id(field: BoundField) -> str:
    """The id of the field's first input: a link in the error summary moves there.
    A group's label points at no single input, so its first choice is used."""
    if field.field.widget.use_fieldset:
        subwidgets = field.subwidgets
        if subwidgets:
            return subwidgets[0].id_for_label or field.auto_id or ""
    return field.id_for_label or field.auto_id or ""


@register.filter
def described_by(field: BoundField) -> str:
    """The ids of the field's help text and error message, for ``aria-describedby``
    on a fieldset (Django sets it on single inputs itself, with the same ids)."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)
