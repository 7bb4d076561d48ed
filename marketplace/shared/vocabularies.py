"""Translated labels for the codes of ``matching.core.vocabulary``.

Codes are the data set format's; the words people read come from here, through the
translation catalogue, so every label exists in Finnish, Swedish and English.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SERVICE = {
    "rehabilitative": _("Rehabilitative work activity"),
    "disability": _("Disability work activity"),
}

FORM = {
    "workshop": _("Workshop"),
    "assisting": _("Assisting tasks"),
    "remote": _("Remote work activity"),
    "group_outside": _("Supervised group at an outside organisation"),
    "individual": _("Individual placement"),
}

TAG = {
    "woodwork": _("Woodwork"),
    "metalwork": _("Metalwork"),
    "textile": _("Textiles and sewing"),
    "kitchen": _("Kitchen"),
    "cafe": _("Café"),
    "cleaning": _("Cleaning"),
    "laundry": _("Laundry"),
    "recycling": _("Recycling"),
    "sales": _("Sales and customer service"),
    "warehouse": _("Warehouse"),
    "property_maintenance": _("Property maintenance"),
    "gardening": _("Gardening and green care"),
    "office": _("Office work"),
    "mailing": _("Mailing"),
    "digital_media": _("Digital media"),
    "photography": _("Photography"),
    "crafts": _("Crafts"),
    "bicycle_repair": _("Bicycle repair"),
    "small_engines": _("Small engines"),
    "care_assistance": _("Assisting in care work"),
    "childcare_assistance": _("Assisting in childcare"),
    "library": _("Library"),
    "animals": _("Animal care"),
    "food_aid": _("Food aid"),
    "firewood": _("Firewood"),
    "packing_assembly": _("Packing and assembly"),
    "driving_help": _("Driving help"),
    "it_support": _("IT support"),
}

ACCESSIBILITY = {
    "step_free": _("Step-free access"),
    "quiet_space": _("Quiet space"),
    "accessible_toilet": _("Accessible toilet"),
    "hearing_loop": _("Hearing loop"),
    "public_transport": _("Near public transport"),
    "flexible_hours": _("Flexible hours"),
    "plain_language": _("Plain-language guidance"),
}

LANGUAGE = {
    "fi": _("Finnish"),
    "sv": _("Swedish"),
    "en": _("English"),
    "ru": _("Russian"),
    "et": _("Estonian"),
    "ar": _("Arabic"),
    "so": _("Somali"),
    "fa": _("Persian"),
    "uk": _("Ukrainian"),
    "ku": _("Kurdish"),
    "se": _("Northern Sami"),
}

GOAL = {
    "employment": _("Employment"),
    "studies": _("Studies"),
    "work_trial": _("Work trial"),
    "life_management": _("Life management"),
    "social_participation": _("Social participation"),
    "own_product": _("Own product"),
    "work_ability_assessment": _("Work ability assessment"),
}

SUPPORT_LEVEL_CHOICES = [
    (1, pgettext_lazy("support level", "1 – light guidance")),
    (2, pgettext_lazy("support level", "2 – regular guidance")),
    (3, pgettext_lazy("support level", "3 – close, continuous support")),
]

_BY_VOCABULARY: dict[str, Mapping[str, Promise]] = {
    "service": SERVICE,
    "form": FORM,
    "tag": TAG,
    "accessibility": ACCESSIBILITY,
    "language": LANGUAGE,
    "goal": GOAL,
}


def label(vocabulary: str, code: str) -> str:
    """The label of a code in the active language; unknown codes show as themselves."""
    found = _BY_VOCABULARY.get(vocabulary, {}).get(code)
    if found is None and vocabulary == "language":
        from django.utils.translation import get_language_info

        try:
            return str(get_language_info(code)["name_translated"])
        except KeyError:
            return code
    return str(found) if found is not None else code


def codes(vocabulary: str) -> list[str]:
    return list(_BY_VOCABULARY[vocabulary])
