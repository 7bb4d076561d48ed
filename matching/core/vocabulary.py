"""The closed vocabularies of the Polku data set format (``polku-dataset/1``).

Pure codes only, no Django: the web layer adds translated labels in
``marketplace.shared.vocabularies``. An unknown code in a data set is an error, so these
tuples are part of the format (see ``docs/dataset-format.md``).
"""

from __future__ import annotations

FORMAT = "polku-dataset/1"
RANKING_FORMAT = "polku-ranking/1"

ORGANISATION_KINDS: tuple[str, ...] = (
    "wellbeing_county",
    "municipality",
    "state",
    "association",
    "foundation",
    "parish",
    "company",
)
#: Only companies are for-profit: they may not host rehabilitative work activity
#: nor post job-bank jobs for it (Act 189/2001).
FOR_PROFIT_KINDS: frozenset[str] = frozenset({"company"})

SERVICES: tuple[str, ...] = ("rehabilitative", "disability")

FORMS: tuple[str, ...] = (
    "workshop",
    "assisting",
    "remote",
    "group_outside",
    "individual",
)

GOALS: tuple[str, ...] = (
    "employment",
    "studies",
    "work_trial",
    "life_management",
    "social_participation",
    "own_product",
    "work_ability_assessment",
)

ACCESSIBILITY: tuple[str, ...] = (
    "step_free",
    "quiet_space",
    "accessible_toilet",
    "hearing_loop",
    "public_transport",
    "flexible_hours",
    "plain_language",
)

#: The shared list of work tags (sites) and interests (clients).
TAGS: tuple[str, ...] = (
    "woodwork",
    "metalwork",
    "textile",
    "kitchen",
    "cafe",
    "cleaning",
    "laundry",
    "recycling",
    "sales",
    "warehouse",
    "property_maintenance",
    "gardening",
    "office",
    "mailing",
    "digital_media",
    "photography",
    "crafts",
    "bicycle_repair",
    "small_engines",
    "care_assistance",
    "childcare_assistance",
    "library",
    "animals",
    "food_aid",
    "firewood",
    "packing_assembly",
    "driving_help",
    "it_support",
)

EXIT_REASONS: tuple[str, ...] = (
    "did_not_start",
    "refused",
    "rehabilitation",
    "death",
    "other",
    "moved_within_region",
    "moved_away",
    "pension",
    "family_reasons",
    "illness",
    "non_commitment",
    "ended_job_seeker",
    "health_investigation",
    "studies",
    "work_trial",
    "open_labour_market",
    "apprenticeship",
    "pay_subsidy",
    "entrepreneurship",
)

#: Exits that count as moving on (marked "+" in the format): the label the
#: matcher learns and the outcome the follow-up reports.
POSITIVE_EXITS: frozenset[str] = frozenset(
    {
        "rehabilitation",
        "studies",
        "work_trial",
        "open_labour_market",
        "apprenticeship",
        "pay_subsidy",
        "entrepreneurship",
    }
)

#: ISO 639-1 codes accepted in ``languages``. The format allows any ISO 639-1
#: code; this is the full list of two-letter codes so that typos are caught.
ISO_639_1: frozenset[str] = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co
    cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn
    gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj
    kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr
    ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn
    ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk
    tl tn to tr ts tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split()
)

SUPPORT_LEVELS: tuple[int, ...] = (1, 2, 3)
SELF_ASSESSMENT_AREAS: tuple[str, ...] = (
    "work_ability",
    "physical",
    "mental",
    "social",
    "skills",
    "daily_life",
)
