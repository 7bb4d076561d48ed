"""Wagtail editor strings that Wagtail's own Finnish (and Swedish) catalogues lack.

Listed here so that the translation tools put them in Polku's catalogues
(``locale/fi``, ``locale/sv``), which Django reads before Wagtail's: the editor then
shows them in Finnish and Swedish instead of English (issue 14). The msgids must be
exactly Wagtail's (``wagtail/admin/locale/en/LC_MESSAGES/django.po``).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

WAGTAIL_STRINGS = (
    gettext_noop("Autosave is paused"),
    gettext_noop("Checks"),
    gettext_noop("Content metrics"),
    gettext_noop("Task submitted by"),
    gettext_noop("The page could not be saved due to validation errors."),
)
