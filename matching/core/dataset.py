"""Strict reader of the Polku data set format (``polku-dataset/1``).

The format is described in ``docs/dataset-format.md``. Reading is all-or-nothing: every
problem is collected with the record and field it concerns
(``sites[12].municipality: unknown code "999"``) and :class:`DatasetError` is raised
with all of them, so an importer can refuse the whole file and show every error at once.
No Django here: the matcher's command-line tools use the same reader as the web importer.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from matching.core import limits as L
from matching.core import sections as S
from matching.core import vocabulary as V
from matching.core.fields import FieldReader, show, show_key
from matching.core.jsontext import KeyedTwice, decode, too_deep_at
from matching.core.records import (
    Client,
    Dataset,
    DatasetError,
    Job,
    Municipality,
    Organisation,
    Placement,
    Query,
    SelfAssessment,
    Site,
    business_id_is_valid,
)

__all__ = [
    "Client",
    "Dataset",
    "DatasetError",
    "Job",
    "Municipality",
    "Organisation",
    "Placement",
    "Query",
    "SelfAssessment",
    "Site",
    "business_id_is_valid",
    "load",
    "parse",
]


def parse(data: Any) -> Dataset:
    """Read a decoded ``polku-dataset/1`` document; raise :class:`DatasetError`."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise DatasetError(["file: the document must be a JSON object"])
    for key in sorted(set(data) - S.TOP_FIELDS):
        errors.append(f"{show_key(key)}: unknown section")
    if isinstance(data, KeyedTwice):
        for key in data.twice:
            errors.append(f"{show_key(key)}: is given twice (only one could be kept)")
    if data.get("format") != V.FORMAT:
        errors.append(
            f"format: must be {json.dumps(V.FORMAT)}, not {show(data.get('format'))}"
        )
    top = FieldReader({"as_of": data.get("as_of")}, "as_of", [], {"as_of"})
    as_of = top.date("as_of")
    if as_of is None:
        errors.append('as_of: must be a date YYYY-MM-DD ("today" for this data set)')
        as_of = dt.date.today()
    ctx = S.Context(as_of=as_of)

    municipalities = S.read_list(
        data,
        "municipalities",
        {"code", "name", "lat", "lon"},
        S.read_municipality,
        errors,
        "code",
    )
    ctx.municipalities = {m.code: m for m in municipalities}
    organisations = S.read_list(
        data,
        "organisations",
        {"id", "name", "kind", "business_id"},
        S.read_organisation,
        errors,
    )
    ctx.organisations = {o.id: o.kind for o in organisations}
    sites = S.read_list(
        data, "sites", S.SITE_FIELDS, lambda r: S.read_site(r, ctx), errors
    )
    ctx.sites = {s.id: s for s in sites}
    jobs = S.read_list(data, "jobs", S.JOB_FIELDS, lambda r: S.read_job(r, ctx), errors)
    ctx.jobs = {j.id: j for j in jobs}
    overlap = sorted(set(ctx.sites) & set(ctx.jobs))
    for ident in overlap:
        errors.append(
            f"jobs: id {json.dumps(ident)} is also a site id; ids must not clash"
        )
    clients = S.read_list(
        data, "clients", S.CLIENT_FIELDS, lambda r: S.read_client(r, ctx), errors
    )
    ctx.clients = {c.id: c for c in clients}
    placements = S.read_list(
        data,
        "placements",
        {"id", "client", "site", "job", "start", "end", "exit_reason"},
        lambda r: S.read_placement(r, ctx),
        errors,
    )
    S.check_open_placements(placements, errors)
    queries = S.read_list(
        data, "queries", {"client", "k"}, lambda r: S.read_query(r, ctx), errors, None
    )
    if errors:
        raise DatasetError(errors)
    return Dataset(
        as_of=as_of,
        municipalities=tuple(municipalities),
        organisations=tuple(organisations),
        sites=tuple(sites),
        jobs=tuple(jobs),
        clients=tuple(clients),
        placements=tuple(placements),
        queries=tuple(queries),
    )


def load(path: str | Path) -> Dataset:
    """Read and validate a data set file; raise :class:`DatasetError` on any problem:
    a file too large, not UTF-8, not JSON or nested too deep is refused as a whole,
    everything else by record and field."""
    try:
        size = Path(path).stat().st_size
        if size > L.MAX_FILE_BYTES:
            raise DatasetError(
                [f"file: {size} bytes, at most {L.MAX_FILE_BYTES} (64 MB)"]
            )
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise DatasetError([f"cannot read {path}: {exc.strerror}"]) from exc
    return parse(decode_document(raw))


def decode_document(raw: bytes) -> Any:
    """The JSON document in ``raw`` (UTF-8); raise :class:`DatasetError` if it is
    not one."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DatasetError(
            [f"file: not valid UTF-8 (line {line}, byte {exc.start + 1})"]
        ) from exc
    try:
        return decode(text)
    except json.JSONDecodeError as exc:
        raise DatasetError(
            [f"not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}"]
        ) from exc
    except RecursionError as exc:
        where = too_deep_at(text, L.MAX_DEPTH) or "(the document)"
        raise DatasetError(
            [f"{where}: nested more than {L.MAX_DEPTH} levels deep"]
        ) from exc
