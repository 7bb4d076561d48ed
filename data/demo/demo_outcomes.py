"""How the demo's periods ended: INVENTED outcomes that depend on fit and on the site.

The demo history must show what the matcher can learn, so whether a period ended in
moving on is drawn from an invented rule, never from real people:

* the client's goals against what the site leads to (learning units → studies,
  individual places and groups at outside workplaces → work, workshops → daily life
  and being with others, crafts and media → an own product), first goal first;
* the client's stated interests and the kind of work their wish names, against the
  site's tags (a wish to avoid crowds counts against cafés and shops);
* an invented quality of each site, overall and for each goal, which only its past
  exits show.

The draws use their own seeded random generators (per site, per placement), so the
rest of the data set (clients, sites, dates, which site) is exactly as before; death,
moving away and retirement stay as drawn. About 30 % of periods end positively, as in
Päijät-Häme 2020 (domain.md).
"""

from __future__ import annotations

import math
import random

SEED = 20261101
TERMINAL = ("death", "moved_away", "pension")
INTERCEPT = -2.3
GOAL_EXITS = {
    "employment": {"pay_subsidy": 5, "open_labour_market": 4, "apprenticeship": 1},
    "studies": {"studies": 9, "apprenticeship": 1},
    "work_trial": {"work_trial": 1},
    "life_management": {"rehabilitation": 3, "work_trial": 1},
    "social_participation": {"rehabilitation": 3, "work_trial": 2},
    "own_product": {"entrepreneurship": 1, "work_trial": 2},
    "work_ability_assessment": {"rehabilitation": 1, "work_trial": 1},
}
NEGATIVE = {
    "did_not_start": 28, "refused": 9, "other": 50, "moved_within_region": 11,
    "family_reasons": 3, "illness": 37, "non_commitment": 87, "ended_job_seeker": 129,
    "health_investigation": 53,
}  # fmt: skip
#: The kinds of work each demo wish (by its position in demo_clients.WISHES) names,
#: and the ones it avoids.
WISH_TAGS: dict[int, tuple[str, ...]] = {
    0: ("woodwork",), 3: ("gardening", "property_maintenance"),
    7: ("it_support", "digital_media", "photography"), 8: ("kitchen", "cafe"),
    9: ("crafts", "textile"), 10: ("bicycle_repair",), 13: ("animals",),
}  # fmt: skip
WISH_AVOIDS: dict[int, tuple[str, ...]] = {1: ("cafe", "sales", "food_aid")}
OWN_PRODUCT_TAGS = {"crafts", "digital_media", "photography", "textile"}


def leads_to(site: dict) -> dict[str, float]:
    """What the site visibly leads to, per goal (0–1)."""
    forms = set(site["forms"])
    out = {
        "studies": 1.0 if site["learning_units"] else 0.0,
        "employment": 0.8 if forms & {"individual", "group_outside"} else 0.0,
        "work_trial": 0.7 if forms & {"assisting", "individual"} else 0.2,
        "life_management": 0.7 if "workshop" in forms else 0.2,
        "social_participation": 0.7 if forms & {"workshop", "group_outside"} else 0.2,
        "own_product": 0.8 if OWN_PRODUCT_TAGS & set(site["tags"]) else 0.0,
        "work_ability_assessment": 0.6 if forms & {"assisting", "workshop"} else 0.2,
    }
    return out


def site_quality(site_id: str) -> tuple[float, dict[str, float]]:
    """An invented quality of the site, overall and per goal."""
    rng = random.Random(f"{SEED}-quality-{site_id}")
    overall = rng.gauss(0.0, 1.4)
    per_goal = {g: rng.gauss(0.0, 1.0) for g in GOAL_EXITS}
    return overall, per_goal


def chance(client: dict, site: dict, wish_index: int) -> float:
    """The invented probability that a period of ``client`` at ``site`` moves on."""
    weights = [1.0, 0.5, 0.25][: len(client["goals"])]
    total = sum(weights)
    lead = leads_to(site)
    overall, per_goal = site_quality(site["id"])
    goal = sum(w * (1.8 * lead[g] + per_goal[g]) for w, g in zip(weights, client["goals"], strict=False)) / total  # fmt: skip
    tags = set(site["tags"])
    interests = set(client["interests"])
    interest = len(interests & tags) / max(len(interests), 1)
    wish = 0.8 * bool(set(WISH_TAGS.get(wish_index, ())) & tags)
    avoid = -1.2 * bool(set(WISH_AVOIDS.get(wish_index, ())) & tags)
    z = INTERCEPT + goal + 1.4 * interest + wish + avoid + overall
    return 1.0 / (1.0 + math.exp(-z))


def exit_reason(
    drawn: str, client: dict, site: dict, wish_index: int, placement_id: str
) -> str:
    """The period's exit: the drawn one if it ends all periods (death, moving away,
    retirement), otherwise positive or not by :func:`chance`."""
    if drawn in TERMINAL:
        return drawn
    rng = random.Random(f"{SEED}-exit-{placement_id}")
    if rng.random() < chance(client, site, wish_index):
        table = GOAL_EXITS[client["goals"][0]]
    else:
        table = NEGATIVE
    names = sorted(table)
    return rng.choices(names, [table[n] for n in names])[0]
