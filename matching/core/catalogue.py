"""Sites and open jobs as arrays, prepared once, and clients encoded to match.

The :class:`Catalogue` is what the matcher ranks: every site and job of a data set (or
of the web application's database) with the columns the hard rules and the features
need, as numpy arrays in one row order. Clients are encoded into a
:class:`ClientBatch` against a catalogue, so that rules and features for thousands of
client–placement pairs are a few array operations with no per-pair Python.

Travel distances are measured from the client's home municipality (the format's
definition), so they are computed once per municipality and placement
(:attr:`Catalogue.municipality_km`) and shared by every client who lives there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from matching.core import features as F
from matching.core import history as H
from matching.core import vocabulary as V
from matching.core.dataset import (
    Client,
    Dataset,
    Job,
    Municipality,
    Organisation,
    Placement,
    Site,
)
from matching.core.geo import distance_matrix_km
from matching.core.lexicon import Lexicon
from matching.core.text import GENERIC, TextIndex, tag_text, tokens
from matching.core.wishes import read_wish

TAG_INDEX = {t: i for i, t in enumerate(V.TAGS)}
ACCESS_BIT = {a: 1 << i for i, a in enumerate(V.ACCESSIBILITY)}
ALL_ACCESS = sum(ACCESS_BIT.values())
SERVICE_BIT = {s: 1 << i for i, s in enumerate(V.SERVICES)}
ALL_SERVICES = sum(SERVICE_BIT.values())

F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
Bool = NDArray[np.bool_]


def bits(values: Iterable[str], table: Mapping[str, int]) -> int:
    """A set of vocabulary codes as one integer bit mask."""
    return sum(table[v] for v in set(values))


def tag_matrix(tag_lists: Sequence[Sequence[str]]) -> F64:
    """One row per record, one 0/1 column per tag of the shared list."""
    out = np.zeros((len(tag_lists), len(V.TAGS)))
    for row, tags in enumerate(tag_lists):
        out[row, [TAG_INDEX[t] for t in tags]] = 1.0
    return out


def placement_text(record: Site | Job) -> str:
    """The words a placement offers: name or title, description, tags, units."""
    if isinstance(record, Site):
        parts = [record.name, record.description, tag_text(record.tags)]
        parts.extend(record.learning_units)
    else:
        parts = [record.title, record.description, tag_text(record.tags)]
    return " ".join(parts)


def client_terms(client: Client) -> list[str]:
    """The base forms a client brings: the words their wishes WANT (an avoided word
    never matches) and the words of their stated interests."""
    wanted = [t for t in read_wish(client.wishes).wanted if t not in GENERIC]
    return [*wanted, *tokens(tag_text(client.interests))]


@dataclass(frozen=True, eq=False)
class Catalogue:
    """All sites and jobs as arrays in one row order (sites first, then jobs)."""

    as_of: dt.date
    ids: tuple[str, ...]
    records: tuple[Site | Job, ...]
    index: dict[str, int]
    organisation_kinds: dict[str, str]
    municipalities: dict[str, Municipality]
    municipality_row: dict[str, int]
    municipality_km: F64  # (municipalities, placements)
    is_job: Bool
    lat: F64
    lon: F64
    available: Bool  # a free seat / an open, not fully staffed job
    company: Bool
    remote: Bool
    service_bits: I64
    access_bits: I64
    days_lo: I64
    days_hi: I64
    hours_lo: I64
    hours_hi: I64
    support: F64
    tags: F64
    content_goals: F64
    unit_goals: F64
    text: TextIndex
    history: H.HistoryStats

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_dataset(
        cls, dataset: Dataset, history_until: dt.date | None = None
    ) -> Catalogue:
        """The data set's sites and jobs, with history up to ``history_until``.

        ``history_until`` defaults to the data set's ``as_of``: everything that has
        ended is known. Evaluation passes the end of the training period instead.
        """
        return cls.build(
            as_of=dataset.as_of,
            municipalities=dataset.municipalities,
            organisations=dataset.organisations,
            sites=dataset.sites,
            jobs=dataset.jobs,
            clients=dataset.clients,
            placements=dataset.placements,
            history_until=dataset.as_of if history_until is None else history_until,
        )

    @classmethod
    def build(
        cls,
        *,
        as_of: dt.date,
        municipalities: Sequence[Municipality],
        organisations: Sequence[Organisation],
        sites: Sequence[Site],
        jobs: Sequence[Job],
        clients: Sequence[Client] = (),
        placements: Sequence[Placement] = (),
        history_until: dt.date | None = None,
    ) -> Catalogue:
        """Prepare the arrays once; the web layer calls this with its own records."""
        records: tuple[Site | Job, ...] = (*sites, *jobs)
        ids = tuple(r.id for r in records)
        index = {ident: row for row, ident in enumerate(ids)}
        kinds = {o.id: o.kind for o in organisations}
        munis = {m.code: m for m in municipalities}
        lat = np.array([r.lat for r in records], dtype=np.float64)
        lon = np.array([r.lon for r in records], dtype=np.float64)
        codes = list(munis)
        first_goal = {c.id: F.first_goal_index(c.goals) for c in clients}
        return cls(
            as_of=as_of,
            ids=ids,
            records=records,
            index=index,
            organisation_kinds=kinds,
            municipalities=munis,
            municipality_row={code: row for row, code in enumerate(codes)},
            municipality_km=distance_matrix_km(
                [munis[c].lat for c in codes], [munis[c].lon for c in codes], lat, lon
            ),
            lat=lat,
            lon=lon,
            text=TextIndex.build([placement_text(r) for r in records]),
            history=H.collect(placements, index, len(ids), first_goal, history_until),
            **_record_columns(records, kinds, as_of),
        )


def _record_columns(
    records: Sequence[Site | Job], kinds: Mapping[str, str], as_of: dt.date
) -> dict[str, np.ndarray]:
    """The rule and content columns, one value per site or job.

    Jobs have no seats, schedule range or accessibility list in the format, so those
    rules do not apply to them: they get the widest range and every feature bit.
    """
    rows = [_record_row(r, kinds, as_of) for r in records]
    n, g = len(records), len(V.GOALS)

    def col(i: int, dtype: type) -> np.ndarray:
        return np.array([row[i] for row in rows], dtype=dtype).reshape(n)

    return {
        "is_job": col(0, bool),
        "available": col(1, bool),
        "company": col(2, bool),
        "remote": col(3, bool),
        "service_bits": col(4, np.int64),
        "access_bits": col(5, np.int64),
        "days_lo": col(6, np.int64),
        "days_hi": col(7, np.int64),
        "hours_lo": col(8, np.int64),
        "hours_hi": col(9, np.int64),
        "support": col(10, np.float64),
        "tags": tag_matrix([r.tags for r in records]).reshape(n, len(V.TAGS)),
        "content_goals": np.array(
            [F.content_goal_profile(_forms(r), r.tags) for r in records]
        ).reshape(n, g),
        "unit_goals": np.array(
            [F.learning_unit_profile(_units(r)) for r in records]
        ).reshape(n, g),
    }


def _record_row(
    r: Site | Job, kinds: Mapping[str, str], as_of: dt.date
) -> tuple[object, ...]:
    company = kinds.get(r.organisation) in V.FOR_PROFIT_KINDS
    if isinstance(r, Site):
        return (
            False,
            r.seats_free > 0,
            company,
            "remote" in r.forms,
            bits(r.services, SERVICE_BIT),
            bits(r.accessibility, ACCESS_BIT),
            *r.days_per_week,
            *r.hours_per_day,
            float(r.support_level),
        )
    open_ = r.deadline >= as_of and r.workers_needed > 0
    return (
        True,
        open_,
        company,
        r.remote,
        ALL_SERVICES,
        ALL_ACCESS,
        1,
        7,
        1,
        24,
        F.JOB_SUPPORT_LEVEL,
    )


def _forms(record: Site | Job) -> tuple[str, ...]:
    if isinstance(record, Site):
        return record.forms
    return ("remote",) if record.remote else ()


def _units(record: Site | Job) -> tuple[str, ...]:
    return record.learning_units if isinstance(record, Site) else ()


@dataclass(frozen=True, eq=False)
class ClientBatch:
    """Clients as arrays, encoded against one catalogue (its municipalities, words)."""

    records: tuple[Client, ...]
    municipality: I64  # row in Catalogue.municipality_km
    service_bits: I64
    rehabilitative: Bool
    days: I64
    hours: I64
    need_bits: I64
    max_km: F64
    remote_ok: Bool
    goal_weights: F64  # (clients, goals), decreasing with the goal's rank
    first_goal: I64  # -1 when the client has named no goal
    interests: F64  # (clients, tags)
    n_interests: F64
    want: F64  # (clients, tags) kinds of work the wishes name, 0–1
    avoid: F64  # (clients, tags) kinds of work the wishes avoid, 0–1
    text: sp.csr_matrix
    support_need: F64
    has_assessment: F64

    def __len__(self) -> int:
        return len(self.records)

    def take(self, rows: slice | I64) -> ClientBatch:
        """Some rows of the batch: a slice (chunks) or an index array (repeats ok)."""
        values: dict[str, object] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if name == "records" and not isinstance(rows, slice):
                value = tuple(self.records[i] for i in rows.tolist())
            else:
                value = value[rows]
            values[name] = value
        return ClientBatch(**values)  # type: ignore[arg-type]


def encode_clients(
    clients: Sequence[Client],
    catalogue: Catalogue,
    assessed_on: Sequence[dt.date | None] | None = None,
    lexicon: Lexicon | None = None,
) -> ClientBatch:
    """Encode clients against ``catalogue`` (and the words of ``lexicon``: the model's
    learned one, or the curated list alone).

    ``assessed_on`` gives, per client, the date at which to read the self-assessment
    (training rows use the placement's start so that a later assessment, which may
    reflect the placement's outcome, never leaks into its features).
    Raises ``KeyError`` naming a client whose municipality the catalogue lacks.
    """
    dates = list(assessed_on) if assessed_on is not None else [None] * len(clients)
    needs = [
        F.support_need(c.self_assessment, on)
        for c, on in zip(clients, dates, strict=True)
    ]
    interests = tag_matrix([c.interests for c in clients])
    want, avoid = (lexicon or Lexicon()).profiles(
        [read_wish(c.wishes) for c in clients]
    )
    return ClientBatch(
        records=tuple(clients),
        municipality=_home_rows(clients, catalogue),
        goal_weights=np.array([F.goal_weights(c.goals) for c in clients]).reshape(
            len(clients), len(V.GOALS)
        ),
        first_goal=np.array([F.first_goal_index(c.goals) for c in clients], np.int64),
        interests=interests,
        n_interests=interests.sum(axis=1),
        want=want.reshape(len(clients), len(V.TAGS)),
        avoid=avoid.reshape(len(clients), len(V.TAGS)),
        text=catalogue.text.transform_terms([client_terms(c) for c in clients]),
        support_need=np.array([n for n, _ in needs], dtype=np.float64),
        has_assessment=np.array([h for _, h in needs], dtype=np.float64),
        **_rule_columns(clients),
    )


def _home_rows(clients: Sequence[Client], catalogue: Catalogue) -> I64:
    rows = []
    for c in clients:
        if c.municipality not in catalogue.municipality_row:
            raise KeyError(f"client {c.id}: unknown municipality {c.municipality!r}")
        rows.append(catalogue.municipality_row[c.municipality])
    return np.array(rows, dtype=np.int64)


def _rule_columns(clients: Sequence[Client]) -> dict[str, np.ndarray]:
    """The client columns the hard rules read."""
    return {
        "service_bits": np.array(
            [SERVICE_BIT[c.service] for c in clients], dtype=np.int64
        ),
        "rehabilitative": np.array(
            [c.service == "rehabilitative" for c in clients], dtype=bool
        ),
        "days": np.array([c.days_per_week for c in clients], dtype=np.int64),
        "hours": np.array([c.hours_per_day for c in clients], dtype=np.int64),
        "need_bits": np.array(
            [bits(c.accessibility_needs, ACCESS_BIT) for c in clients], dtype=np.int64
        ),
        "max_km": np.array([c.max_travel_km for c in clients], dtype=np.float64),
        "remote_ok": np.array([c.remote_ok for c in clients], dtype=bool),
    }
