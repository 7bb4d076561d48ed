"""Invented demo clients and their placement histories for the demo data set.

Deterministic (a seeded ``random.Random``), standard library only. The names are
common Finnish first names with an initial; no real person is described. The exit
reasons follow the mix of the 623 periods that ended in Päijät-Häme in 2020; whether a
period ended in moving on is INVENTED by ``demo_outcomes.py`` (it depends on goals,
fit and an invented site quality, so the demo shows what the matcher learns).
"""

from __future__ import annotations

import datetime as dt
import math
import random

from demo_outcomes import exit_reason

EXIT_MIX = {
    "did_not_start": 28, "refused": 9, "rehabilitation": 6, "death": 3, "other": 50,
    "moved_within_region": 11, "moved_away": 14, "pension": 12, "family_reasons": 3,
    "illness": 37, "non_commitment": 87, "ended_job_seeker": 129,
    "health_investigation": 53, "studies": 52, "work_trial": 68,
    "open_labour_market": 27, "apprenticeship": 3, "pay_subsidy": 29,
    "entrepreneurship": 2,
}  # fmt: skip
GOALS = ["employment", "studies", "work_trial", "life_management",
         "social_participation", "own_product", "work_ability_assessment"]  # fmt: skip
FIRST_NAMES = [
    "Aino", "Anna", "Eveliina", "Helmi", "Iida", "Jenni", "Johanna", "Katja", "Laura",
    "Leena", "Maria", "Minna", "Noora", "Pia", "Riikka", "Sanna", "Satu", "Tiina",
    "Ari", "Antti", "Eero", "Heikki", "Janne", "Jari", "Juha", "Jukka", "Kalle",
    "Markku", "Mika", "Niko", "Olli", "Pekka", "Petri", "Sami", "Teemu", "Timo",
    "Tuomas", "Ville", "Aleksi", "Ahmed", "Olga", "Fatima", "Dmitri", "Hanna",
]  # fmt: skip
WISHES = [
    "Haluaisin tehdä jotain käsillä, esimerkiksi puutöitä.",
    "Toivon rauhallista paikkaa, jossa ei ole liikaa ihmisiä kerralla.",
    "Haluan oppia uutta ja ehkä hakea opiskelemaan ensi syksynä.",
    "Tykkään olla ulkona ja tehdä pihatöitä.",
    "Haluaisin päästä takaisin työelämään, vaikka aluksi muutamaksi päiväksi viikossa.",
    "Minulle sopii parhaiten aamupäivä, iltapäivisin olen väsyneempi.",
    "Toivon, että saisin rutiinia päiviin ja tavata muita ihmisiä.",
    "Olen kiinnostunut tietokoneista ja kuvankäsittelystä.",
    "Kokkaaminen ja leipominen kiinnostavat.",
    "Haluaisin tehdä omia tuotteita ja myydä niitä.",
    "Pyörien korjaaminen on harrastukseni, sitä tekisin mielelläni.",
    "En halua kulkea kovin kauas, bussiyhteys on tärkeä.",
    "Voisin tehdä etänä kotoa käsin osan päivistä.",
    "Eläinten kanssa oleminen rauhoittaa minua.",
]
TAGS_BY_GOAL = {"studies": 0.3, "employment": 0.25}
HISTORY_START = dt.date(2022, 1, 3)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _fits(client: dict, site: dict, kinds: dict[str, str], km: float) -> bool:
    service = client["service"]
    if service not in site["services"]:
        return False
    if service == "rehabilitative" and kinds[site["organisation"]] == "company":
        return False
    d0, d1 = site["days_per_week"]
    h0, h1 = site["hours_per_day"]
    if not (
        d0 <= client["days_per_week"] <= d1 and h0 <= client["hours_per_day"] <= h1
    ):
        return False
    if any(a not in site["accessibility"] for a in client["accessibility_needs"]):
        return False
    remote = "remote" in site["forms"] and client["remote_ok"]
    return remote or km <= client["max_travel_km"]


def _client(rng: random.Random, n: int, municipality: dict, tags: list[str]) -> dict:
    service = "rehabilitative" if rng.random() < 0.8 else "disability"
    goals = rng.sample(
        GOALS if service == "disability" else GOALS[:5] + GOALS[6:], rng.randint(1, 3)
    )
    return {
        "id": f"c{n:03d}",
        "name": f"{rng.choice(FIRST_NAMES)} {chr(rng.randint(65, 86))}.",
        "municipality": municipality["code"],
        "service": service,
        "goals": goals,
        "interests": rng.sample(tags, rng.randint(1, 3)),
        "wishes": rng.choice(WISHES),
        "days_per_week": rng.randint(2, 4)
        if service == "rehabilitative"
        else rng.randint(3, 5),
        "hours_per_day": rng.choice([4, 4, 5, 6]),
        "max_travel_km": rng.choice([5, 10, 15, 20, 25, 30, 40]),
        "remote_ok": rng.random() < 0.25,
        "accessibility_needs": rng.sample(
            ["step_free", "quiet_space", "public_transport"], 1
        )
        if rng.random() < 0.2
        else [],
        "languages": ["fi"]
        if rng.random() < 0.9
        else ["fi", rng.choice(["sv", "en", "ru"])],
        "self_assessment": [],
    }


def _assessments(rng: random.Random, start: dt.date, improves: bool) -> list[dict]:
    base = {
        a: rng.randint(3, 7)
        for a in (
            "work_ability",
            "physical",
            "mental",
            "social",
            "skills",
            "daily_life",
        )
    }
    out = [{"date": start.isoformat(), **base}]
    later = start + dt.timedelta(days=91)
    step = 1 if improves else 0
    out.append(
        {
            "date": later.isoformat(),
            **{
                a: max(0, min(10, v + rng.choice([0, step, step, 1 - step])))
                for a, v in base.items()
            },
        }
    )
    return out


def clients_and_placements(
    municipalities: list[dict],
    organisations: list[dict],
    sites: list[dict],
    tags: list[str],
    as_of: dt.date,
    n_clients: int = 240,
    seed: int = 20261101,
) -> tuple[list[dict], list[dict]]:
    """Clients spread over the municipalities, each with 1–3 periods since 2022."""
    rng = random.Random(seed)
    kinds = {o["id"]: o["kind"] for o in organisations}
    muni = {m["code"]: m for m in municipalities}
    with_sites = sorted({s["municipality"] for s in sites})
    reasons, weights = zip(*EXIT_MIX.items(), strict=True)
    clients, placements = [], []
    for n in range(1, n_clients + 1):
        home = muni[rng.choice(with_sites)]
        client = _client(rng, n, home, tags)
        near = [(s, _km(home["lat"], home["lon"], s["lat"], s["lon"])) for s in sites]
        options = [s for s, km in near if _fits(client, s, kinds, km)]
        if not options:
            client["max_travel_km"] = 60
            options = [s for s, km in near if _fits(client, s, kinds, km)]
        if not options:
            continue
        # first start anywhere from January 2022 until two weeks before as_of
        # (a fixed 1200-day window left the last 18 months before as_of without
        # new clients, so hardly any period was still open)
        day = HISTORY_START + dt.timedelta(
            days=rng.randint(0, max(0, (as_of - HISTORY_START).days - 14))
        )
        for _ in range(rng.randint(1, 3)):
            if day >= as_of - dt.timedelta(days=14):
                break
            site = rng.choice(options)
            months = rng.choice([3, 3, 6, 6, 9, 12, 15])
            end = day + dt.timedelta(days=int(months * 30.4))
            open_now = end >= as_of
            drawn = None if open_now else rng.choices(reasons, weights)[0]
            ident = f"p{len(placements) + 1:04d}"
            reason = (
                None
                if drawn is None
                else exit_reason(
                    drawn, client, site, WISHES.index(client["wishes"]), ident
                )
            )
            placements.append(
                {
                    "id": ident,
                    "client": client["id"],
                    "site": site["id"],
                    "job": None,
                    "start": day.isoformat(),
                    "end": None if open_now else end.isoformat(),
                    "exit_reason": reason,
                }
            )
            if (
                not client["self_assessment"]
                and rng.random() < 0.6
                and day < as_of - dt.timedelta(days=100)
            ):
                client["self_assessment"] = _assessments(rng, day, rng.random() < 0.6)
            if open_now or drawn in ("death", "moved_away", "pension"):
                break
            day = end + dt.timedelta(days=rng.randint(20, 200))
        clients.append(client)
    return clients, placements
