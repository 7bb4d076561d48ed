"""Django app configuration: the matcher's management commands live in this app."""

from __future__ import annotations

from django.apps import AppConfig


class MatchingConfig(AppConfig):
    """Ranking placements for clients; the library itself imports no Django."""

    name = "matching"
    label = "matching"
    verbose_name = "Matching"
