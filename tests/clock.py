"""Polku's "today" in tests: ``clock.set(date)`` makes ``timezone.localdate()`` answer
that day (services and views call it through the module, so all of them see it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone


class Clock:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._monkeypatch = monkeypatch
        self._original = timezone.localdate
        self.today: dt.date | None = None

    def set(self, day: dt.date) -> dt.date:
        original = self._original
        self.today = day

        def localdate(value=None, timezone=None):  # type: ignore[no-untyped-def]
            return day if value is None else original(value, timezone)

        self._monkeypatch.setattr("django.utils.timezone.localdate", localdate)
        return day

    def reset(self) -> None:
        """Back to the real day."""
        self.today = None
        self._monkeypatch.setattr("django.utils.timezone.localdate", self._original)
