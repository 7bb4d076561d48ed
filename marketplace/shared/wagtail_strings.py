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
    # found by tests/languages/test_page_language.py on the editor's pages
    gettext_noop("Search all pages…"),
    gettext_noop("Edit account avatar"),
    gettext_noop("Wagtail %(current_version)s editor guide"),
    gettext_noop("Date updated"),
    gettext_noop("Edited by"),
    gettext_noop("Has child pages"),
    gettext_noop("Once live anyone can view"),
    gettext_noop("More options for '%(title)s'"),
    gettext_noop("Unpublish selected pages"),
    gettext_noop("Saved"),
    gettext_noop("Toggle status"),
    gettext_noop("Toggle preview"),
    gettext_noop("Toggle checks"),
    gettext_noop("Toggle comments"),
    gettext_noop(
        "Correct the validation errors to resume preview (saving will highlight errors)"
    ),
    gettext_noop("Readability"),
    gettext_noop("This data explained"),
    gettext_noop("Sort menu order"),
    gettext_noop("Go to the first error"),
    gettext_noop("Actions (footer)"),
    gettext_noop("%(start_index)s-%(end_index)s of %(items_count)s %(model_name)s"),
)
