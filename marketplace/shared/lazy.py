"""A class attribute that imports what it names on first use.

Page models name their Wagtail editor form this way, so that ``marketplace.models``
does not import a domain package at import time (the domains import the models,
never the other way round)."""

from __future__ import annotations

from django.utils.module_loading import import_string


class LazyImport:
    """``base_form_class = LazyImport("marketplace.sites.page_forms.WorkSiteAdminForm")``"""

    def __init__(self, dotted_path: str) -> None:
        self.dotted_path = dotted_path

    def __get__(self, instance: object, owner: type | None = None) -> type:
        found: type = import_string(self.dotted_path)
        return found
