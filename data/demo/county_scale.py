"""A whole wellbeing services county, for load tests: Päijät-Häme with (by default)
300 work-activity sites, 2,000 clients and 5 years of placement history.

Usage: ``manage.py load_scale_demo`` builds it and imports it; on its own,
``python data/demo/county_scale.py OUT.json`` writes the data set (any Python 3.11+).

Made from the demo data set's own pieces (``build_demo_dataset.py`` and
``demo_clients.py``): the county's real municipalities, its demo organisations, the
hand-written demo sites as templates, the demo client generator and the 2020 exit
mix. Deterministic for a given seed and ``as_of`` (standard library only). Everything
is invented, as in the demo: sites beyond the hand-written ones are copies of the
templates moved to other municipalities and organisations, and the invented
organisations get business IDs in the unissued 9xxxxxx range. Ids start with ``k``
so that the county can sit next to the demo data set in one database.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build_demo_dataset as demo  # noqa: E402
from demo_clients import EXIT_MIX, _assessments, _client, _fits, _km  # noqa: E402

COUNTY = "paijat-hame"
#: Päijät-Häme's municipalities with their share of new clients (by population).
CLIENT_WEIGHTS = {
    "398": 120, "098": 24, "111": 19, "560": 16, "016": 8, "142": 7, "316": 4,
    "781": 4, "576": 3, "081": 3,
}  # fmt: skip
POSTAL_CODES = {
    "398": "15100", "098": "15870", "111": "18100", "560": "16300", "016": "17200",
    "142": "47400", "316": "16600", "781": "19700", "576": "17500", "081": "19600",
}  # fmt: skip
STREETS = [
    "Teollisuuskatu", "Asemantie", "Kirkkotie", "Koulutie", "Rantatie", "Myllytie",
    "Pajatie", "Kauppakatu", "Puistotie", "Vanha valtatie", "Sahantie", "Torikatu",
]  # fmt: skip
#: Invented organisations that run the extra sites: name stems and kinds.
EXTRA_NAMES = [
    "Kipinä", "Verso", "Silta", "Tupa", "Kajo", "Ahjo", "Pilke", "Lyhde", "Kaari",
    "Latu", "Uurre", "Kide", "Aitta", "Virta", "Tähkä", "Kannel", "Pajula", "Mylly",
    "Helmi", "Kuulas", "Routa", "Ilo", "Tuike", "Vakka", "Sampo", "Kotka", "Kaisla",
    "Lumme", "Paasi", "Rasti",
]  # fmt: skip
EXTRA_KINDS = [
    ("association", "Työtoimintayhdistys {} ry"),
    ("association", "Työpajayhdistys {} ry"),
    ("foundation", "Tukisäätiö {} sr"),
    ("association", "Kierrätysyhdistys {} ry"),
]
PERIOD_MONTHS = [3, 3, 3, 6, 6, 6, 9, 12]
#: Exits after which a client does not come back, and the odds that a client
#: leaves the services after any other ended period. With half of the clients
#: already in the services when the history starts and at most 90 days between
#: periods, the defaults give about 8,000 periods, some 650 of them open now.
LEAVING = ("death", "moved_away", "pension")
LEAVE_ODDS = 0.12
EARLY = 0.5
MAX_GAP = 90


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def county_municipalities() -> list[dict]:
    return [m for m in demo.build_municipalities() if m["code"] in CLIENT_WEIGHTS]


def county_organisations(rng: random.Random, extra: int) -> list[dict]:
    """The demo organisations of the county and ``extra`` invented ones."""
    taken: set[str] = set()
    out = []
    for org in demo.build_organisations(rng):
        if org["id"] <= "o24":  # the Päijät-Häme block of the demo
            out.append({**org, "id": "k" + org["id"]})
            taken.add(org.get("business_id", ""))
    for n in range(extra):
        kind, pattern = EXTRA_KINDS[n % len(EXTRA_KINDS)]
        stem = EXTRA_NAMES[n % len(EXTRA_NAMES)]
        name = pattern.format(stem)
        if n >= len(EXTRA_NAMES):
            name = name.replace(" ry", f" {n // len(EXTRA_NAMES) + 1} ry")
            name = name.replace(" sr", f" {n // len(EXTRA_NAMES) + 1} sr")
        out.append(
            {
                "id": f"kx{n + 1:02d}",
                "name": name,
                "kind": kind,
                "business_id": demo.business_id(rng, taken),
            }
        )
    return out


def county_sites(
    rng: random.Random, organisations: list[dict], n_sites: int
) -> list[dict]:
    """The county's hand-written demo sites, then copies of all the demo's sites
    moved to the county's municipalities and organisations, up to ``n_sites``."""
    municipalities = demo.build_municipalities()
    templates = demo.build_sites(rng, municipalities)
    muni = {m["code"]: m for m in municipalities}
    codes, weights = zip(*CLIENT_WEIGHTS.items(), strict=True)
    kinds = {o["id"]: o["kind"] for o in organisations}
    non_profit = [o["id"] for o in organisations if o["kind"] != "company"]
    companies = [o["id"] for o in organisations if o["kind"] == "company"]
    own = [s for s in templates if s["municipality"] in CLIENT_WEIGHTS]
    out = []
    for s in own[:n_sites]:
        out.append({**s, "organisation": "k" + s["organisation"]})
    names = {s["name"] for s in out}
    n = 0
    while len(out) < n_sites:
        template = templates[n % len(templates)]
        n += 1
        code = rng.choices(codes, weights)[0]
        only_disability = template["services"] == ["disability"]
        orgs = (
            companies
            if only_disability and companies and rng.random() < 0.2
            else non_profit
        )
        org = rng.choice(orgs)
        name = f"{template['name']} ({muni[code]['name']})"
        copy = 2
        while name in names:
            name = f"{template['name']} ({muni[code]['name']} {copy})"
            copy += 1
        names.add(name)
        record = dict(template)
        record.update(
            organisation=org,
            name=name,
            municipality=code,
            lat=round(muni[code]["lat"] + rng.uniform(-0.04, 0.04), 4),
            lon=round(muni[code]["lon"] + rng.uniform(-0.08, 0.08), 4),
            address=f"{rng.choice(STREETS)} {rng.randint(1, 60)}",
            postal_code=POSTAL_CODES[code],
            seats_total=rng.randint(4, 14),
            seats_free=rng.choice([0, 0, 1, 1, 2, 2, 3, 4]),
            voucher_price_cents=demo._price(rng, kinds[org], template["services"]),
        )
        out.append(record)
    for i, s in enumerate(out, 1):
        s["id"] = f"ks{i:03d}"
        if kinds[s["organisation"]] == "company":
            s["services"] = ["disability"]
    return out


def county_history(
    rng: random.Random,
    municipalities: list[dict],
    organisations: list[dict],
    sites: list[dict],
    *,
    n_clients: int,
    start: dt.date,
    as_of: dt.date,
) -> tuple[list[dict], list[dict]]:
    """Clients spread over the county by population, each with periods one after
    another from their first start until they leave or ``as_of`` (open then)."""
    kinds = {o["id"]: o["kind"] for o in organisations}
    muni = {m["code"]: m for m in municipalities}
    codes, weights = zip(*CLIENT_WEIGHTS.items(), strict=True)
    tags = sorted({t for s in sites for t in s["tags"]})
    reasons, reason_weights = zip(*EXIT_MIX.items(), strict=True)
    days = (as_of - start).days
    clients, placements = [], []
    for n in range(1, n_clients + 1):
        home = muni[rng.choices(codes, weights)[0]]
        client = _client(rng, n, home, tags)
        client["id"] = f"kc{n:04d}"
        near = [(s, _km(home["lat"], home["lon"], s["lat"], s["lon"])) for s in sites]
        options = [s for s, km in near if _fits(client, s, kinds, km)]
        if not options:
            client["max_travel_km"] = 60
            options = [s for s, km in near if _fits(client, s, kinds, km)]
        # some were already clients when the history starts; the rest come later
        day = start + dt.timedelta(
            days=rng.randint(0, 90)
            if rng.random() < EARLY
            else rng.randint(0, days - 14)
        )
        while options and day < as_of - dt.timedelta(days=14):
            site = rng.choice(options)
            end = day + dt.timedelta(days=int(rng.choice(PERIOD_MONTHS) * 30.4))
            open_now = end >= as_of
            reason = None if open_now else rng.choices(reasons, reason_weights)[0]
            placements.append(
                {
                    "id": f"kp{len(placements) + 1:05d}",
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
            if open_now or reason in LEAVING or rng.random() < LEAVE_ODDS:
                break
            day = end + dt.timedelta(days=rng.randint(7, MAX_GAP))
        clients.append(client)
    return clients, placements


def build(
    *,
    n_sites: int = 300,
    n_clients: int = 2000,
    years: int = 5,
    as_of: dt.date | None = None,
    seed: int = 20261101,
) -> dict:
    """The county as a ``polku-dataset/1`` document (a JSON-ready dict)."""
    as_of = as_of or dt.date.today()
    rng = random.Random(seed)
    municipalities = county_municipalities()
    organisations = county_organisations(rng, extra=max(0, n_sites // 6 - 20))
    sites = county_sites(rng, organisations, n_sites)
    clients, placements = county_history(
        rng,
        municipalities,
        organisations,
        sites,
        n_clients=n_clients,
        start=_years_before(as_of, years),
        as_of=as_of,
    )
    # the open placements hold seats: "open + free ≤ total", as in the demo
    open_here: dict[str, int] = {}
    for p in placements:
        if p["end"] is None:
            open_here[p["site"]] = open_here.get(p["site"], 0) + 1
    for s in sites:
        s["seats_total"] = max(
            s["seats_total"], open_here.get(s["id"], 0) + s["seats_free"]
        )
    used = {s["organisation"] for s in sites}
    return {
        "format": demo.FORMAT,
        "as_of": as_of.isoformat(),
        "municipalities": municipalities,
        "organisations": [o for o in organisations if o["id"] in used],
        "sites": sites,
        "jobs": [],
        "clients": clients,
        "placements": placements,
    }


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "polku-county.json")
    data = build()
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    print(
        f"Wrote {out}: {len(data['sites'])} sites, {len(data['organisations'])} "
        f"organisations, {len(data['clients'])} clients, "
        f"{len(data['placements'])} placement periods."
    )


if __name__ == "__main__":
    main()
