"""The records of the Polku data set format (``polku-dataset/1``), as frozen dataclasses.

Read by :mod:`matching.core.dataset`; built directly by the web layer's adapter. No
Django here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class DatasetError(ValueError):
    """A data set broke the format; ``errors`` names every record and field."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        shown = "\n".join(errors[:50])
        more = f"\n… and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{len(errors)} error(s) in the data set:\n{shown}{more}")


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    kind: str
    business_id: str | None = None


@dataclass(frozen=True)
class Site:
    id: str
    organisation: str
    name: str
    municipality: str
    lat: float
    lon: float
    services: tuple[str, ...]
    forms: tuple[str, ...]
    tags: tuple[str, ...]
    description: str
    seats_total: int
    seats_free: int
    days_per_week: tuple[int, int]
    hours_per_day: tuple[int, int]
    support_level: int
    accessibility: tuple[str, ...]
    languages: tuple[str, ...]
    learning_units: tuple[str, ...]
    voucher_price_cents: int | None
    address: str = ""
    postal_code: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""


@dataclass(frozen=True)
class Job:
    id: str
    organisation: str
    title: str
    description: str
    tags: tuple[str, ...]
    municipality: str
    lat: float
    lon: float
    remote: bool
    workers_needed: int
    effort_days: int
    deadline: dt.date
    price_cents: int


@dataclass(frozen=True)
class SelfAssessment:
    date: dt.date
    work_ability: int
    physical: int
    mental: int
    social: int
    skills: int
    daily_life: int


@dataclass(frozen=True)
class Client:
    id: str
    municipality: str
    service: str
    goals: tuple[str, ...]
    interests: tuple[str, ...]
    wishes: str
    days_per_week: int
    hours_per_day: int
    max_travel_km: float
    remote_ok: bool
    accessibility_needs: tuple[str, ...]
    languages: tuple[str, ...]
    self_assessment: tuple[SelfAssessment, ...]
    name: str = ""


@dataclass(frozen=True)
class Placement:
    id: str
    client: str
    site: str | None
    job: str | None
    start: dt.date
    end: dt.date | None
    exit_reason: str | None


@dataclass(frozen=True)
class Query:
    client: str
    k: int


@dataclass(frozen=True)
class Dataset:
    as_of: dt.date
    municipalities: tuple[Municipality, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    sites: tuple[Site, ...] = ()
    jobs: tuple[Job, ...] = ()
    clients: tuple[Client, ...] = ()
    placements: tuple[Placement, ...] = ()
    queries: tuple[Query, ...] = ()


def business_id_is_valid(value: str) -> bool:
    """A Finnish business ID (Y-tunnus) ``NNNNNNN-C`` with a correct check digit.

    Weights 7, 9, 10, 5, 8, 4, 2; remainder 0 gives check 0, remainder 1 is never
    issued, otherwise the check digit is 11 minus the remainder.
    """
    if len(value) != 9 or value[7] != "-" or not (value[:7] + value[8]).isdigit():
        return False
    total = sum(
        int(d) * w for d, w in zip(value[:7], (7, 9, 10, 5, 8, 4, 2), strict=True)
    )
    remainder = total % 11
    if remainder == 1:
        return False
    check = 0 if remainder == 0 else 11 - remainder
    return int(value[8]) == check


# --- field readers -------------------------------------------------------------------
