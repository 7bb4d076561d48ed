"""Agreed weekdays for the demo's agreed and active placements, which the data set
format does not carry, so that the supervisor's day shows who is expected today and
the attendance pages have days to tick in advance."""

from __future__ import annotations

import random

from django.db import transaction

from marketplace.models import Placement


@transaction.atomic
def demo_weekdays_ensure() -> int:
    """Monday–Friday weekdays for each agreed or active placement that has none: as
    many as the placement's (or else the client's) days a week, picked by the
    placement's data-set id. Deterministic; the second run changes nothing. Returns
    how many placements got weekdays."""
    placements = [
        p
        for p in Placement.objects.filter(
            status__in=(Placement.Status.AGREED, Placement.Status.ACTIVE)
        ).select_related("client")
        if not p.weekdays
    ]
    for placement in placements:
        days = placement.days_per_week or placement.client.days_per_week or 1
        rng = random.Random(f"weekdays:{placement.external_id or placement.pk}")
        placement.weekdays = sorted(rng.sample(range(1, 6), min(days, 5)))
    Placement.objects.bulk_update(placements, ["weekdays"])
    return len(placements)
