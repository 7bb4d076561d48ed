"""Money as people read it in Polku's exports and messages."""

from __future__ import annotations


def euros(cents: int) -> str:
    """Integer cents as euros with a decimal comma, as Finnish and Swedish write them
    (``4550`` → ``"45,50"``; negative amounts keep their sign)."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100},{cents % 100:02d}"
