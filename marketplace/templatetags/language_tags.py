"""``{% translated page "intro" as intro %}``: a page text in the user's language, or
in Finnish marked with ``{{ intro.lang_attr }}`` (marketplace/shared/languages.py)."""

from __future__ import annotations

from django import template

from marketplace.shared.languages import Text, in_language

register = template.Library()


@register.simple_tag
def translated(obj: object, name: str) -> Text:
    return in_language(obj, name)
