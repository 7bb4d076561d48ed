"""The set-up's page texts in Finnish, Swedish and English.

The home page, the site catalogue and the job bank get their headings and
introductions from the translation catalogue; the pages of text (accessibility,
privacy, help, feedback) from ``pages/<key>.<language>.html``. Only empty fields are
filled: an editor's text is never overwritten. A page that has versions in the
editor gets a new published version, so that the editor shows the texts too.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import translation
from django.utils.functional import Promise
from wagtail.models import Page

from marketplace.shared.languages import LANGUAGES


def in_each_language(message: Callable[[], str | Promise]) -> dict[str, str]:
    """``message()`` evaluated with each language active: {"fi": …, "sv": …, "en": …}."""
    out = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            out[lang] = str(message())
    return out


def columns(name: str, texts: dict[str, str]) -> dict[str, str]:
    """{"fi": a, "sv": b} → {"<name>_fi": a, "<name>_sv": b}; a title's Finnish text
    is the page's own ``title``."""
    return {
        (name if (name == "title" and lang == "fi") else f"{name}_{lang}"): text
        for lang, text in texts.items()
    }


def fill_empty(page: Page, values: dict[str, str]) -> bool:
    """Set the fields of ``values`` that are empty on the page; True if any was."""
    page = page.specific
    changed = [
        name
        for name, value in values.items()
        if value and hasattr(page, name) and not (getattr(page, name) or "").strip()
    ]
    if not changed:
        return False
    for name in changed:
        setattr(page, name, values[name])
    if page.latest_revision_id:
        page.save_revision(clean=False).publish(skip_permission_checks=True)
    else:
        page.save(update_fields=changed)
    return True
