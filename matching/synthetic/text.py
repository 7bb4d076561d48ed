"""Words and places for the synthetic worlds: municipalities, phrases, units.

Coordinates are approximate town centres; the national world adds smaller synthetic
municipalities around them. Phrases are inflected Finnish so that the stemmer, not
string equality, has to make wishes meet descriptions.
"""

from __future__ import annotations

#: Päijät-Häme (code, name, lat, lon, relative population).
PAIJAT_HAME: tuple[tuple[str, str, float, float, float], ...] = (
    ("398", "Lahti", 60.983, 25.656, 120.0),
    ("098", "Hollola", 60.988, 25.513, 23.0),
    ("111", "Heinola", 61.204, 26.031, 18.0),
    ("560", "Orimattila", 60.805, 25.730, 16.0),
    ("016", "Asikkala", 61.172, 25.548, 8.0),
    ("142", "Iitti", 60.890, 26.340, 6.5),
    ("316", "Kärkölä", 60.868, 25.275, 4.4),
    ("781", "Sysmä", 61.503, 25.685, 3.6),
    ("576", "Padasjoki", 61.350, 25.276, 3.0),
    ("081", "Hartola", 61.580, 26.017, 2.7),
)

#: Larger Finnish towns, seeds of the national world.
FINLAND: tuple[tuple[str, str, float, float, float], ...] = (
    ("091", "Helsinki", 60.170, 24.940, 670.0),
    ("049", "Espoo", 60.205, 24.655, 310.0),
    ("837", "Tampere", 61.498, 23.761, 250.0),
    ("092", "Vantaa", 60.294, 25.040, 245.0),
    ("564", "Oulu", 65.012, 25.471, 215.0),
    ("853", "Turku", 60.452, 22.267, 200.0),
    ("179", "Jyväskylä", 62.242, 25.747, 147.0),
    ("398", "Lahti", 60.983, 25.656, 120.0),
    ("297", "Kuopio", 62.893, 27.679, 123.0),
    ("609", "Pori", 61.485, 21.797, 83.0),
    ("405", "Lappeenranta", 61.058, 28.188, 73.0),
    ("905", "Vaasa", 63.096, 21.616, 68.0),
    ("167", "Joensuu", 62.601, 29.763, 77.0),
    ("286", "Kouvola", 60.868, 26.704, 80.0),
    ("698", "Rovaniemi", 66.503, 25.729, 65.0),
    ("743", "Seinäjoki", 62.790, 22.840, 65.0),
    ("109", "Hämeenlinna", 60.996, 24.464, 68.0),
    ("491", "Mikkeli", 61.688, 27.272, 52.0),
    ("285", "Kotka", 60.467, 26.946, 51.0),
    ("106", "Hyvinkää", 60.631, 24.861, 47.0),
    ("543", "Nurmijärvi", 60.464, 24.808, 44.0),
    ("186", "Järvenpää", 60.474, 25.090, 45.0),
    ("272", "Kokkola", 63.838, 23.131, 48.0),
    ("858", "Tuusula", 60.403, 25.028, 39.0),
    ("740", "Savonlinna", 61.869, 28.879, 32.0),
    ("205", "Kajaani", 64.227, 27.728, 36.0),
    ("505", "Mäntsälä", 60.635, 25.318, 21.0),
    ("611", "Pornainen", 60.476, 25.373, 5.0),
    ("111", "Heinola", 61.204, 26.031, 18.0),
    ("240", "Kemi", 65.736, 24.564, 20.0),
)

#: Inflected phrases per tag (used in descriptions and in wishes).
TAG_PHRASES: dict[str, tuple[str, ...]] = {
    "woodwork": ("puutöitä", "puutöissä", "puusepäntöitä"),
    "metalwork": ("metallitöitä", "hitsausta", "metallin työstöä"),
    "textile": ("ompelua", "tekstiilitöitä", "kankaiden korjausta"),
    "kitchen": ("keittiössä", "ruoanlaittoa", "ruoan valmistusta"),
    "cafe": ("kahvilassa", "leivontaa", "asiakaspalvelua"),
    "cleaning": ("siivousta", "siivoamista", "puhtaanapitoa"),
    "laundry": ("pyykinpesua", "pesulassa", "pyykkien silitystä"),
    "recycling": ("kierrätystä", "lajittelua", "kierrätyskeskuksessa"),
    "sales": ("myyntiä", "kassalla", "myymälässä"),
    "warehouse": ("varastossa", "varastotöitä", "logistiikkaa"),
    "property_maintenance": ("kiinteistönhoitoa", "huoltotöitä", "kiinteistön huoltoa"),
    "gardening": ("puutarhassa", "puutarhatöitä", "viherhoitoa"),
    "office": ("toimistotöitä", "toimistossa", "paperitöitä"),
    "mailing": ("postitusta", "kirjeiden postitusta", "postia"),
    "digital_media": ("videoita", "verkkosivuja", "mediatöitä"),
    "photography": ("valokuvausta", "kuvaamista", "valokuvia"),
    "crafts": ("käsitöitä", "askartelua", "käsityötä"),
    "bicycle_repair": ("polkupyörien korjausta", "pyörien huoltoa", "pyöriä"),
    "small_engines": ("pienkoneiden korjausta", "moottoreita", "mopojen huoltoa"),
    "care_assistance": ("hoiva-avustusta", "vanhusten avustamista", "hoivatyötä"),
    "childcare_assistance": ("lasten kanssa", "lastenhoitoa", "päiväkodissa"),
    "library": ("kirjastossa", "kirjojen järjestelyä", "kirjoja"),
    "animals": ("eläinten hoitoa", "eläimiä", "hevosten hoitoa"),
    "food_aid": ("ruoka-apua", "ruokajakelua", "ruoka-avun jakamista"),
    "firewood": ("polttopuita", "klapien tekoa", "halkoja"),
    "packing_assembly": ("pakkaamista", "kokoonpanoa", "pakkaustöitä"),
    "driving_help": ("kuljetusta", "ajamista", "kuljetusapua"),
    "it_support": ("tietokoneiden korjausta", "atk-tukea", "tietotekniikkaa"),
}

#: Tags that tend to go together at one site.
TAG_CLUSTERS: tuple[tuple[str, ...], ...] = (
    ("woodwork", "firewood", "property_maintenance", "metalwork"),
    ("kitchen", "cafe", "food_aid", "sales"),
    ("cleaning", "laundry", "property_maintenance"),
    ("recycling", "sales", "warehouse", "textile"),
    ("gardening", "property_maintenance", "animals", "firewood"),
    ("office", "mailing", "it_support", "packing_assembly"),
    ("digital_media", "photography", "it_support", "crafts"),
    ("crafts", "textile", "sales"),
    ("bicycle_repair", "small_engines", "metalwork", "recycling"),
    ("care_assistance", "childcare_assistance", "library", "driving_help"),
    ("warehouse", "packing_assembly", "driving_help", "mailing"),
)

LEARNING_UNITS: tuple[str, ...] = (
    "Piha- ja ulkoalueiden hoitaminen",
    "Puhtaanapitopalvelut",
    "Asiakaspalvelu ja myynti",
    "Ruoanvalmistus",
    "Kiinteistön hoitaminen",
    "Varastotoiminnot",
    "Puusepänalan perustehtävät",
    "Tekstiilituotteiden valmistaminen",
    "Toimistotehtävissä toimiminen",
    "Kuvallinen viestintä",
)

FORM_PHRASES: dict[str, str] = {
    "workshop": "Työpajassa tehdään töitä omassa tahdissa ryhmässä.",
    "assisting": "Avustavia tehtäviä ohjaajan tuella.",
    "remote": "Osan tehtävistä voi tehdä etänä kotoa.",
    "group_outside": "Ryhmä työskentelee ohjaajan kanssa yhteistyökumppanin tiloissa.",
    "individual": "Yksilöllinen paikka työyhteisössä.",
}

GOAL_PHRASES: dict[str, tuple[str, ...]] = {
    "employment": ("Tavoitteena on päästä palkkatyöhön.", "Haluaisin töihin."),
    "studies": ("Haluaisin opiskella ammatin.", "Suunnittelen opintoja."),
    "work_trial": ("Haluaisin työkokeiluun.", "Toiveena työkokeilu."),
    "life_management": ("Haluan rytmiä arkeen.", "Arjen hallinta on tärkeää."),
    "social_participation": ("Haluan olla ihmisten kanssa.", "Kaipaan porukkaa."),
    "own_product": ("Haluaisin kehittää oman tuotteen.", "Oma tuote kiinnostaa."),
    "work_ability_assessment": ("Haluan selvittää työkykyni.", "Työkyvyn arviointi."),
}

WISH_OPENERS: tuple[str, ...] = (
    "Haluaisin tehdä",
    "Minua kiinnostaa",
    "Olen tehnyt ennen",
    "Tykkään tehdä",
)

FILLER: tuple[str, ...] = (
    "Meillä on mukava ja rauhallinen työyhteisö.",
    "Ohjaaja on paikalla koko päivän.",
    "Lounas on tarjolla edullisesti.",
    "Tervetuloa tutustumaan!",
    "Toimipaikka on hyvien kulkuyhteyksien varrella.",
)
