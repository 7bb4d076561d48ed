"""The footer's links to pages of text (the accessibility statement, the privacy
notice, help): live content pages marked "show in menus", cached per language until
a page is published, unpublished, moved or deleted (cms/apps.py)."""

from __future__ import annotations

from django import template
from django.core.cache import cache
from django.utils import translation

from marketplace.shared.languages import Text, in_language

register = template.Library()

FOOTER_CACHE_PREFIX = "polku:footer-links:"


def footer_cache_key() -> str:
    return FOOTER_CACHE_PREFIX + (translation.get_language() or "")


def footer_cache_clear() -> None:
    from django.conf import settings

    cache.delete_many([FOOTER_CACHE_PREFIX + code for code, _ in settings.LANGUAGES])
    cache.delete(FOOTER_CACHE_PREFIX)


@register.simple_tag
def footer_links() -> list[tuple[str, Text]]:
    """(url, title) of the pages of text the footer links to, in tree order; the
    title in the user's language or, marked, in Finnish."""
    links: list[tuple[str, Text]] | None = cache.get(footer_cache_key())
    if links is None:
        from cms.models import ContentPage

        pages = ContentPage.objects.live().in_menu().order_by("path")
        links = [(page.url, in_language(page, "title")) for page in pages if page.url]
        cache.set(footer_cache_key(), links, 3600)
    return links
