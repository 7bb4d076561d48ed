"""Records of one world of the family: municipalities, sites, jobs and clients.

Clients carry hidden truth beside their records: all their true interests (some only
in the wishes, some written with words no curated list has), kinds of work they
avoid (said with a negation, in Finnish or Swedish), their true need for support,
and audit attributes (age band, language of service) that never reach the data set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from matching.core import vocabulary as V
from matching.synthetic.family import phrases as P
from matching.synthetic.family.structure import (
    AGE_BANDS,
    Structure,
)
from matching.synthetic.people import FIRST_GOAL, organisation_records
from matching.synthetic.places import municipality_records, weights
from matching.synthetic.text import FORM_PHRASES, LEARNING_UNITS, TAG_CLUSTERS

Record = dict[str, Any]
F64 = NDArray[np.float64]
OTHER_LANGUAGES = ("ru", "et", "ar", "so", "en", "fa")
#: Goals younger clients name first more often (a realistic, not causal, link).
YOUNG_GOALS = ("studies", "employment", "work_trial")


@dataclass
class ClientTruth:
    """Hidden facts per client (rows in the order of the records)."""

    interests: list[list[str]]
    avoids: list[list[str]]
    need: F64
    age_band: list[str]
    service_language: list[str]


def drawn_municipalities(rng: np.random.Generator) -> list[Record]:
    """A region of 6–14 municipalities scattered around a town (codes 9xx unused)."""
    n = int(rng.integers(6, 15))
    lat0, lon0 = rng.uniform(60.3, 64.5), rng.uniform(22.5, 29.5)
    codes = rng.choice(np.arange(900, 1000), size=n, replace=False)
    out = []
    for i, code in enumerate(codes):
        r, angle = (
            (0.0, 0.0) if i == 0 else (rng.uniform(0.1, 0.7), rng.uniform(0, 6.3))
        )
        out.append(
            {
                "code": f"{int(code):03d}",
                "name": f"Kunta {int(code)}",
                "lat": round(lat0 + r * np.sin(angle), 4),
                "lon": round(lon0 + 2.0 * r * np.cos(angle), 4),
                "_pop": 100.0 if i == 0 else float(np.exp(rng.normal(2.0, 0.9))),
            }
        )
    return out


def municipalities(rng: np.random.Generator, s: Structure) -> list[Record]:
    if s.region == "paijat-hame":
        return municipality_records(rng, "paijat-hame", 0)
    return drawn_municipalities(rng)


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return str(options[int(rng.integers(len(options)))])


def _cluster_tags(rng: np.random.Generator, low: int, high: int) -> list[str]:
    cluster = TAG_CLUSTERS[int(rng.integers(len(TAG_CLUSTERS)))]
    n = int(rng.integers(low, min(high, len(cluster)) + 1))
    return [str(t) for t in rng.choice(cluster, size=n, replace=False)]


def _description(rng: np.random.Generator, tags: list[str], forms: list[str]) -> str:
    parts = []
    for tag in tags:
        slot = ("part", "loc")[int(rng.integers(2))]
        phrase = _pick(rng, P.WORDS[tag][slot])
        parts.append(f"Teemme {phrase}." if slot == "part" else f"Työtä {phrase}.")
    parts += [FORM_PHRASES[f] for f in forms if rng.random() < 0.7]
    return " ".join(parts)


def site_records(
    rng: np.random.Generator, n: int, munis: list[Record], orgs: list[Record]
) -> list[Record]:
    """Sites around municipality centres, more in the bigger ones."""
    p = weights(munis, 0.8)
    out = []
    for i in range(n):
        org = orgs[int(rng.integers(len(orgs)))]
        muni = munis[int(rng.choice(len(munis), p=p))]
        services = (
            ["rehabilitative", "disability"],
            ["rehabilitative"],
            ["disability"],
        )[int(rng.choice(3, p=[0.45, 0.42, 0.13]))]
        if org["kind"] == "company":
            services = ["disability"]
        forms = [
            str(f)
            for f in rng.choice(
                V.FORMS, size=int(rng.integers(1, 3)), replace=False,
                p=[0.3, 0.25, 0.1, 0.2, 0.15],
            )
        ]  # fmt: skip
        tags = _cluster_tags(rng, 1, 4)
        units = (
            [str(u) for u in rng.choice(LEARNING_UNITS, size=1 + int(rng.integers(2)))]
            if rng.random() < 0.35
            else []
        )
        total = int(rng.integers(4, 21))
        d_lo = int(rng.choice([1, 2, 3], p=[0.4, 0.4, 0.2]))
        h_lo = int(rng.choice([3, 4, 5], p=[0.3, 0.5, 0.2]))
        out.append(
            {
                "id": f"s{i + 1}",
                "organisation": org["id"],
                "municipality": muni["code"],
                "name": f"{org['name']}, {muni['name']} (s{i + 1})",
                "lat": round(float(muni["lat"] + rng.normal(0, 0.03)), 5),
                "lon": round(float(muni["lon"] + rng.normal(0, 0.06)), 5),
                "services": services,
                "forms": forms,
                "tags": tags,
                "description": _description(rng, tags, forms),
                "seats_total": total,
                "seats_free": 0 if rng.random() < 0.2 else int(rng.integers(1, 6)),
                "days_per_week": [d_lo, min(5, d_lo + int(rng.integers(1, 4)))],
                "hours_per_day": [h_lo, min(8, h_lo + int(rng.integers(1, 4)))],
                "support_level": int(rng.integers(1, 4)),
                "accessibility": [a for a in V.ACCESSIBILITY if rng.random() < 0.55],
                "languages": ["fi"] + (["sv"] if rng.random() < 0.1 else []),
                "learning_units": sorted(set(units)),
                "voucher_price_cents": None,
            }
        )
        out[-1]["seats_free"] = min(out[-1]["seats_free"], total)
    return out


def job_records(
    rng: np.random.Generator, n: int, munis: list[Record], orgs: list[Record],
    as_of: dt.date,
) -> list[Record]:  # fmt: skip
    """Job-bank jobs with deadlines over the history years and a little after."""
    p = weights(munis, 0.8)
    out = []
    for i in range(n):
        org = orgs[int(rng.integers(len(orgs)))]
        muni = munis[int(rng.choice(len(munis), p=p))]
        tags = _cluster_tags(rng, 1, 2)
        deadline = as_of - dt.timedelta(days=int(rng.integers(-90, 3 * 365)))
        out.append(
            {
                "id": f"j{i + 1}",
                "organisation": org["id"],
                "title": f"Apua: {_pick(rng, P.WORDS[tags[0]]['part'])}",
                "municipality": muni["code"],
                "description": _description(rng, tags, []),
                "tags": tags,
                "lat": round(float(muni["lat"] + rng.normal(0, 0.03)), 5),
                "lon": round(float(muni["lon"] + rng.normal(0, 0.06)), 5),
                "remote": bool(rng.random() < 0.15),
                "workers_needed": 0 if rng.random() < 0.15 else int(rng.integers(1, 7)),
                "effort_days": int(rng.integers(1, 16)),
                "deadline": deadline.isoformat(),
                "price_cents": 0,
            }
        )
    return out


def _goals(rng: np.random.Generator, service: str, young: bool) -> list[str]:
    table = dict(FIRST_GOAL[service])
    if young:
        table = {g: p * (2.0 if g in YOUNG_GOALS else 0.7) for g, p in table.items()}
    names = list(table)
    p = np.array(list(table.values()))
    n = int(rng.choice([1, 2, 3], p=[0.35, 0.4, 0.25]))
    return [str(g) for g in rng.choice(names, size=n, replace=False, p=p / p.sum())]


def _mention(rng: np.random.Generator, tag: str, swedish: bool, negative: bool) -> str:
    if swedish:
        slot = "sv"
    else:
        slot = ("part", "nom", "loc", "verb")[int(rng.integers(4))]
    templates = (P.NEGATIVE if negative else P.POSITIVE)[slot]
    sentence = _pick(rng, templates).format(_pick(rng, P.WORDS[tag][slot]))
    return sentence[0].upper() + sentence[1:]


def _wishes(
    rng: np.random.Generator, s: Structure, goals: list[str], stated: list[str],
    hidden: list[str], avoids: list[str], swedish: bool,
) -> str:  # fmt: skip
    """Sentences in a random order: goal, interests, avoidances, filler."""
    parts: list[str] = []
    goal_table = P.GOAL_PHRASES_SV if swedish else P.GOAL_PHRASES
    if goals and rng.random() < 0.7:
        parts.append(_pick(rng, goal_table[goals[0]]))
    for tag in hidden + [t for t in stated if rng.random() < 0.35]:
        parts.append(_mention(rng, tag, swedish, negative=False))
    if avoids:
        if set(avoids) == set(P.CROWD_TAGS):
            parts.append(_pick(rng, P.CROWD_PHRASES_SV if swedish else P.CROWD_PHRASES))
        else:
            parts += [_mention(rng, t, swedish, negative=True) for t in avoids]
    if rng.random() < s.filler:
        parts.append(_pick(rng, P.FILLER_SV if swedish else P.FILLER))
    order = rng.permutation(len(parts))
    return " ".join(parts[i] for i in order if parts[i])


def _interests(rng: np.random.Generator) -> tuple[list[str], list[str]]:
    """True interests (mostly one cluster) and avoid candidates (another cluster)."""
    true = _cluster_tags(rng, 1, 2)
    if rng.random() < 0.4:
        other = [t for t in _cluster_tags(rng, 1, 1) if t not in true]
        true += other
    away = [t for t in _cluster_tags(rng, 1, 1) if t not in true]
    return true, away


def client_records(
    rng: np.random.Generator, s: Structure, munis: list[Record]
) -> tuple[list[Record], ClientTruth]:
    """Clients and their hidden truth (see the module docstring)."""
    p = weights(munis)
    out: list[Record] = []
    truth = ClientTruth([], [], rng.uniform(1.0, 3.0, s.n_clients), [], [])
    band_p = np.array([0.22, 0.26, 0.2, 0.18, 0.14])
    for i in range(s.n_clients):
        band = AGE_BANDS[int(rng.choice(len(AGE_BANDS), p=band_p))]
        lang_draw = rng.random()
        language = (
            "sv"
            if lang_draw < s.swedish_share
            else "other"
            if lang_draw < s.swedish_share + s.other_language_share
            else "fi"
        )
        service = "rehabilitative" if rng.random() < 0.8 else "disability"
        goals = _goals(rng, service, band == "under_25")
        true, away = _interests(rng)
        stated = [t for t in true if rng.random() > s.hidden_interest]
        if rng.random() < s.no_interests:
            stated = []
        hidden = [t for t in true if t not in stated]
        avoids: list[str] = []
        if rng.random() < s.avoid_share:
            crowd = rng.random() < 0.35 and not set(P.CROWD_TAGS) & set(true)
            avoids = list(P.CROWD_TAGS) if crowd else away
        swedish = language == "sv" and rng.random() < 0.8
        wishes = ""
        if rng.random() >= s.no_wishes:
            wishes = _wishes(rng, s, goals, stated, hidden, avoids, swedish)
        if language == "other" and rng.random() < 0.5:
            wishes = ""  # writes little Finnish: the wish is left to the instructor
        languages = {"fi": ["fi"], "sv": ["sv", "fi"][: 1 + int(rng.integers(2))]}.get(
            language, ["fi", _pick(rng, OTHER_LANGUAGES)]
        )
        out.append(_client_record(rng, i, munis, p, service, goals, stated, wishes))
        out[-1]["languages"] = languages
        truth.interests.append(true)
        truth.avoids.append(avoids)
        truth.age_band.append(band)
        truth.service_language.append(language)
    return out, truth


def _client_record(
    rng: np.random.Generator, i: int, munis: list[Record], p: F64, service: str,
    goals: list[str], stated: list[str], wishes: str,
) -> Record:  # fmt: skip
    days = (
        int(rng.choice([1, 2, 3, 4], p=[0.1, 0.3, 0.35, 0.25]))
        if service == "rehabilitative"
        else int(rng.choice([3, 4, 5], p=[0.3, 0.3, 0.4]))
    )
    n_needs = int(rng.choice([0, 1, 2], p=[0.65, 0.28, 0.07]))
    return {
        "id": f"c{i + 1}",
        "municipality": munis[int(rng.choice(len(munis), p=p))]["code"],
        "service": service,
        "goals": goals,
        "interests": stated,
        "wishes": wishes,
        "days_per_week": days,
        "hours_per_day": int(rng.choice([4, 5, 6], p=[0.45, 0.25, 0.3])),
        "max_travel_km": int(rng.choice([10, 15, 20, 30, 40, 60])),
        "remote_ok": bool(rng.random() < 0.35),
        "accessibility_needs": [
            str(a) for a in rng.choice(V.ACCESSIBILITY, size=n_needs, replace=False)
        ],
        "languages": ["fi"],
        "self_assessment": [],
    }


def organisations(rng: np.random.Generator, s: Structure) -> list[Record]:
    return organisation_records(rng, max(3, s.n_sites // 3 + s.n_jobs // 4))
