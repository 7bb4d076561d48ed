"""Wellbeing services counties (hyvinvointialueet) of the demo regions."""

from __future__ import annotations

from typing import TypedDict


class Region(TypedDict):
    name_fi: str
    name_sv: str
    name_en: str
    #: Official three-digit codes of the region's municipalities.
    municipalities: tuple[str, ...]


REGIONS: dict[str, Region] = {
    "paijat-hame": {
        "name_fi": "Päijät-Hämeen hyvinvointialue",
        "name_sv": "Päijät-Tavastlands välfärdsområde",
        "name_en": "Päijät-Häme Wellbeing Services County",
        "municipalities": (
            "016",
            "081",
            "098",
            "111",
            "142",
            "316",
            "398",
            "560",
            "576",
            "781",
        ),
    },
    "keski-uusimaa": {
        "name_fi": "Keski-Uudenmaan hyvinvointialue",
        "name_sv": "Mellersta Nylands välfärdsområde",
        "name_en": "Central Uusimaa Wellbeing Services County",
        "municipalities": ("106", "186", "505", "543", "611", "858"),
    },
    "pohjois-pohjanmaa": {
        "name_fi": "Pohjois-Pohjanmaan hyvinvointialue",
        "name_sv": "Norra Österbottens välfärdsområde",
        "name_en": "North Ostrobothnia Wellbeing Services County",
        "municipalities": ("139", "244", "425", "494", "564"),
    },
}

_BY_MUNICIPALITY = {
    code: slug for slug, r in REGIONS.items() for code in r["municipalities"]
}


def region_for_municipality(code: str) -> str | None:
    return _BY_MUNICIPALITY.get(code)
