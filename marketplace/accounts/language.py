"""Which language a page is shown in: Finnish unless the user chose another.

Rules (docs/languages.md):
- the language the user picked with the language switch (its cookie) wins;
- otherwise a browser that asks for Swedish gets Swedish (``sv``, ``sv-FI`` anywhere
  in its Accept-Language before Finnish);
- otherwise Finnish, the site's first language: a browser that sends only ``en-US``
  gets Finnish, since Polku serves Finnish and Swedish speakers and English is there
  for whoever picks it.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import trans_real

#: The languages a browser's Accept-Language may choose by itself.
BROWSER_LANGUAGES = ("fi", "sv")


def browser_language(header: str) -> str | None:
    """The first of :data:`BROWSER_LANGUAGES` in an Accept-Language header, by the
    browser's order of preference."""
    for code, _quality in trans_real.parse_accept_lang_header(header):
        primary = code.split("-")[0].lower()
        if primary in BROWSER_LANGUAGES:
            return primary
    return None


def language_for(request: HttpRequest) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen:
        try:
            return translation.get_supported_language_variant(chosen)
        except LookupError:
            pass
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    return browser_language(header) or settings.LANGUAGE_CODE


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware with Polku's choice of language (above)."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(language_for(request))
        request.LANGUAGE_CODE = translation.get_language()
