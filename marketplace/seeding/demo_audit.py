"""Audit attributes for the demo's clients, so that ``audit_matcher`` shows groups.

The data set format carries no age band or language of service (the matcher must
never see them), so the demo records them here, apart from the client record, as an
organiser would for statutory reporting (docs/model-card.md, "Fairness check"). The
values are INVENTED: an age band drawn by a checksum of the client's data-set id (a
plausible spread for work activity), and the language of service from the languages
the client speaks (Swedish → Swedish, another language → other, else Finnish).
Deterministic and idempotent: a recorded value is never changed.
"""

from __future__ import annotations

import hashlib

from marketplace.models import Client
from matching.models import ClientAuditAttributes

#: Age bands with their invented shares (per mille), in order.
AGE_BANDS = (
    ("under_25", 220),
    ("25_34", 260),
    ("35_44", 200),
    ("45_54", 180),
    ("55_plus", 140),
)


def age_band_of(external_id: str) -> str:
    """An invented age band, the same every time for one data-set id."""
    point = int(hashlib.sha256(external_id.encode()).hexdigest()[:8], 16) % 1000
    for band, share in AGE_BANDS:
        if point < share:
            return band
        point -= share
    return AGE_BANDS[-1][0]


def service_language_of(codes: set[str]) -> str:
    if "sv" in codes:
        return ClientAuditAttributes.ServiceLanguage.SWEDISH
    if codes - {"fi", "sv"}:
        return ClientAuditAttributes.ServiceLanguage.OTHER
    return ClientAuditAttributes.ServiceLanguage.FINNISH


def demo_audit_attributes_ensure() -> int:
    """Record audit attributes for data-set clients who have none; returns how many."""
    clients = (
        Client.objects.filter(external_id__isnull=False, audit_attributes__isnull=True)
        .prefetch_related("languages")
        .order_by("pk")
    )
    new = [
        ClientAuditAttributes(
            client=c,
            age_band=age_band_of(c.external_id or ""),
            service_language=service_language_of({t.code for t in c.languages.all()}),
        )
        for c in clients
    ]
    ClientAuditAttributes.objects.bulk_create(new)
    return len(new)
