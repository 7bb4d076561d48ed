"""Words a client might write about kinds of work, for the world family's wishes.

Deliberately richer than the matcher's curated vocabulary (``matching.core.lexicon``):
synonyms, inflected forms (partitive, inessive, illative, verbs) and Swedish, so that a
matcher which only matches literal words, or only the curated list, is not rewarded.
Each tag has phrases for four slots of the templates below; ``sv`` are Swedish.
"""

from __future__ import annotations

#: tag -> slot -> phrases. Slots: ``part`` (partitive object: "haluaisin tehdä …"),
#: ``nom`` (subject: "… kiinnostaa"), ``loc`` (where: "viihtyisin …"), ``verb``
#: (infinitive: "tykkään …"), ``sv`` (Swedish object: "jag vill jobba med …").
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "woodwork": {
        "part": ("puutöitä", "puusepäntöitä", "nikkarointia", "huonekalujen tekoa"),
        "nom": ("puutyö", "nikkarointi", "puusepän työ"),
        "loc": ("puupajassa", "puusepänverstaalla", "verstaalla"),
        "verb": ("nikkaroida", "tehdä puutöitä", "veistää"),
        "sv": ("snickeri", "träarbete", "att snickra"),
    },
    "metalwork": {
        "part": ("metallitöitä", "hitsausta", "levytöitä"),
        "nom": ("hitsaus", "metallityö", "metallin työstö"),
        "loc": ("metallipajassa", "hitsaamossa"),
        "verb": ("hitsata", "työstää metallia"),
        "sv": ("svetsning", "metallarbete"),
    },
    "textile": {
        "part": ("ompelua", "kankaiden korjausta", "kutomista", "tekstiilitöitä"),
        "nom": ("ompelu", "kutominen", "tekstiilityö"),
        "loc": ("ompelimossa", "kutomossa", "tekstiilipajassa"),
        "verb": ("ommella", "kutoa", "korjata vaatteita"),
        "sv": ("sömnad", "vävning", "att sy"),
    },
    "kitchen": {
        "part": ("ruoanlaittoa", "kokkaamista", "ruoan valmistusta", "keittiötöitä"),
        "nom": ("ruoanlaitto", "kokkaaminen", "keittiötyö"),
        "loc": ("keittiössä", "ravintolan keittiössä", "suurkeittiössä"),
        "verb": ("kokata", "laittaa ruokaa", "valmistaa ruokaa"),
        "sv": ("matlagning", "köksarbete", "att laga mat"),
    },
    "cafe": {
        "part": ("leivontaa", "kahvilatyötä", "leipomista"),
        "nom": ("leivonta", "kahvilatyö", "leipominen"),
        "loc": ("kahvilassa", "kahviossa", "leipomossa"),
        "verb": ("leipoa", "keittää kahvia"),
        "sv": ("bakning", "kaféarbete", "att baka"),
    },
    "cleaning": {
        "part": ("siivousta", "siivoamista", "puhtaanapitoa"),
        "nom": ("siivous", "siivoaminen", "puhtaanapito"),
        "loc": ("siivousporukassa", "siivoustiimissä"),
        "verb": ("siivota", "pitää paikat siistinä"),
        "sv": ("städning", "att städa"),
    },
    "laundry": {
        "part": ("pyykinpesua", "pyykkien silitystä", "pesulatyötä"),
        "nom": ("pyykinpesu", "pesulatyö", "silittäminen"),
        "loc": ("pesulassa", "pyykkituvassa"),
        "verb": ("pestä pyykkiä", "silittää"),
        "sv": ("tvätteri", "tvätt", "att stryka"),
    },
    "recycling": {
        "part": ("kierrätystä", "lajittelua", "tavaroiden lajittelua"),
        "nom": ("kierrätys", "lajittelu"),
        "loc": ("kierrätyskeskuksessa", "kirpputorilla", "kierrätysmyymälässä"),
        "verb": ("lajitella tavaroita", "kierrättää"),
        "sv": ("återvinning", "sortering", "loppis"),
    },
    "sales": {
        "part": ("myyntiä", "asiakaspalvelua", "kassatyötä"),
        "nom": ("myynti", "asiakaspalvelu", "kassatyö"),
        "loc": ("kaupassa", "myymälässä", "kassalla"),
        "verb": ("myydä", "palvella asiakkaita"),
        "sv": ("försäljning", "kundservice", "butiksarbete"),
    },
    "warehouse": {
        "part": ("varastotöitä", "logistiikkaa", "tavaroiden hyllytystä"),
        "nom": ("varastotyö", "logistiikka", "hyllytys"),
        "loc": ("varastossa", "lähettämössä", "terminaalissa"),
        "verb": ("hyllyttää", "kerätä tilauksia"),
        "sv": ("lagerarbete", "lager", "logistik"),
    },
    "property_maintenance": {
        "part": ("kiinteistönhoitoa", "huoltotöitä", "talonmiehen töitä"),
        "nom": ("kiinteistönhoito", "talonmiestyö", "huoltotyö"),
        "loc": ("kiinteistöhuollossa", "huoltoyhtiössä"),
        "verb": ("huoltaa taloja", "korjailla paikkoja"),
        "sv": ("fastighetsskötsel", "vaktmästare", "fastighetsservice"),
    },
    "gardening": {
        "part": ("puutarhatöitä", "pihatöitä", "viherhoitoa", "istutuksia"),
        "nom": ("puutarhanhoito", "pihatyö", "viherhoito"),
        "loc": ("puutarhassa", "kasvihuoneessa", "ulkona pihalla"),
        "verb": ("istuttaa kukkia", "hoitaa puutarhaa", "olla ulkona"),
        "sv": ("trädgårdsarbete", "trädgård", "att plantera"),
    },
    "office": {
        "part": ("toimistotöitä", "paperitöitä", "arkistointia"),
        "nom": ("toimistotyö", "arkistointi", "paperityö"),
        "loc": ("toimistossa", "konttorissa"),
        "verb": ("arkistoida", "tehdä paperitöitä"),
        "sv": ("kontorsarbete", "kontor", "arkivering"),
    },
    "mailing": {
        "part": ("postitusta", "kirjeiden postitusta", "jakelua"),
        "nom": ("postitus", "jakelu"),
        "loc": ("postituksessa", "jakelussa"),
        "verb": ("postittaa kirjeitä", "jakaa mainoksia"),
        "sv": ("utskick", "post"),
    },
    "digital_media": {
        "part": ("videoita", "verkkosivuja", "somesisältöä", "mediatöitä"),
        "nom": ("videoeditointi", "verkkosivut", "some"),
        "loc": ("mediapajassa", "studiossa"),
        "verb": ("editoida videoita", "tehdä verkkosivuja"),
        "sv": ("videoredigering", "webbsidor", "media"),
    },
    "photography": {
        "part": ("valokuvausta", "kuvaamista", "kuvankäsittelyä"),
        "nom": ("valokuvaus", "kuvankäsittely", "kuvaaminen"),
        "loc": ("kuvausstudiossa", "kameran takana"),
        "verb": ("valokuvata", "kuvata"),
        "sv": ("fotografering", "att fota", "bildbehandling"),
    },
    "crafts": {
        "part": ("käsitöitä", "askartelua", "korujen tekoa", "keramiikkaa"),
        "nom": ("käsityö", "askartelu", "keramiikka"),
        "loc": ("käsityöpajassa", "askartelupajassa"),
        "verb": ("askarrella", "tehdä käsitöitä", "tehdä koruja"),
        "sv": ("hantverk", "pyssel", "keramik"),
    },
    "bicycle_repair": {
        "part": ("polkupyörien korjausta", "pyörien huoltoa", "fillarien korjaamista"),
        "nom": ("pyöränkorjaus", "fillarihuolto"),
        "loc": ("pyöräpajassa", "pyöräkorjaamossa"),
        "verb": ("korjata pyöriä", "huoltaa fillareita"),
        "sv": ("cykelreparation", "cykelverkstad", "att laga cyklar"),
    },
    "small_engines": {
        "part": ("pienkoneiden korjausta", "mopojen huoltoa", "moottoreiden korjausta"),
        "nom": ("pienkonekorjaus", "moottorit", "mopojen huolto"),
        "loc": ("konekorjaamossa", "pienkonepajassa"),
        "verb": ("korjata moottoreita", "rassata mopoja"),
        "sv": ("motorer", "småmotorer", "mopedreparation"),
    },
    "care_assistance": {
        "part": (
            "vanhusten avustamista",
            "hoiva-avustusta",
            "ikäihmisten ulkoilutusta",
        ),
        "nom": ("vanhustyö", "hoiva", "avustaminen"),
        "loc": ("palvelutalossa", "vanhainkodissa", "hoivakodissa"),
        "verb": ("auttaa vanhuksia", "ulkoiluttaa ikäihmisiä"),
        "sv": ("äldreomsorg", "att hjälpa äldre", "omsorg"),
    },
    "childcare_assistance": {
        "part": ("lastenhoitoa", "lasten kanssa olemista", "kerhotoimintaa"),
        "nom": ("lastenhoito", "lapset", "kerhotyö"),
        "loc": ("päiväkodissa", "kerhossa", "lasten parissa"),
        "verb": ("leikkiä lasten kanssa", "hoitaa lapsia"),
        "sv": ("barnomsorg", "barn", "dagis"),
    },
    "library": {
        "part": ("kirjastotöitä", "kirjojen järjestelyä", "hyllytystä kirjastossa"),
        "nom": ("kirjastotyö", "kirjat"),
        "loc": ("kirjastossa", "kirjojen parissa"),
        "verb": ("järjestellä kirjoja", "lajitella kirjoja"),
        "sv": ("bibliotek", "böcker"),
    },
    "animals": {
        "part": ("eläintenhoitoa", "hevosten hoitoa", "koirien ulkoilutusta"),
        "nom": ("eläintenhoito", "eläimet", "tallityö"),
        "loc": ("tallilla", "eläinpihalla", "eläinten parissa"),
        "verb": ("hoitaa eläimiä", "ruokkia eläimiä"),
        "sv": ("djurskötsel", "djur", "stallet"),
    },
    "food_aid": {
        "part": ("ruoka-apua", "ruokajakelua", "ruokakassien pakkaamista"),
        "nom": ("ruoka-apu", "ruokajakelu"),
        "loc": ("ruoka-avussa", "ruokajakelussa"),
        "verb": ("jakaa ruokaa", "auttaa ruoka-avussa"),
        "sv": ("mathjälp", "matutdelning"),
    },
    "firewood": {
        "part": ("polttopuita", "klapien tekoa", "halkojen tekoa", "metsätöitä"),
        "nom": ("klapityö", "polttopuiden teko", "metsätyö"),
        "loc": ("metsässä", "halkovajalla"),
        "verb": ("tehdä klapeja", "pilkkoa puita"),
        "sv": ("ved", "vedhuggning", "skogsarbete"),
    },
    "packing_assembly": {
        "part": ("pakkaamista", "kokoonpanoa", "alihankintatöitä"),
        "nom": ("pakkaus", "kokoonpano", "alihankinta"),
        "loc": ("pakkaamossa", "kokoonpanolinjalla"),
        "verb": ("pakata tuotteita", "koota osia"),
        "sv": ("packning", "montering"),
    },
    "driving_help": {
        "part": ("kuljetusapua", "ajamista", "kuljetuksia"),
        "nom": ("kuljetus", "ajaminen", "autolla ajo"),
        "loc": ("kuljetuksissa", "auton ratissa"),
        "verb": ("ajaa autoa", "kuljettaa tavaroita"),
        "sv": ("transport", "att köra bil", "körning"),
    },
    "it_support": {
        "part": ("tietokoneiden korjausta", "atk-tukea", "koodausta"),
        "nom": ("tietotekniikka", "atk", "tietokoneet", "koodaus"),
        "loc": ("it-tuessa", "tietokoneiden parissa"),
        "verb": ("korjata tietokoneita", "koodata", "asentaa ohjelmia"),
        "sv": ("datorer", "it-support", "programmering"),
    },
}

#: Sentence templates with one slot. Finnish positive, Finnish negative (an
#: avoidance: "en halua", "ei kiinnosta", "ilman", "liikaa"), Swedish of each.
POSITIVE: dict[str, tuple[str, ...]] = {
    "part": (
        "Haluaisin tehdä {}.",
        "Olen tehnyt ennen {}.",
        "Voisin tehdä {}.",
        "Haluan oppia {}.",
        "Toivoisin {}.",
        "Aiemmin tein {} ja se oli mukavaa.",
    ),
    "nom": (
        "Minua kiinnostaa {}.",
        "{} kiinnostaa minua kovasti.",
        "{} on mieluista.",
        "Harrastuksena on {}.",
    ),
    "loc": (
        "Viihtyisin {}.",
        "Olisi kiva työskennellä {}.",
        "Haluaisin olla töissä {}.",
        "Olen ollut ennen {}.",
    ),
    "verb": (
        "Tykkään {}.",
        "Haluaisin {}.",
        "Osaan {}.",
        "Minusta on mukava {}.",
    ),
    "sv": (
        "Jag vill jobba med {}.",
        "Jag är intresserad av {}.",
        "Jag gillar {}.",
        "Jag har tidigare hållit på med {}.",
    ),
}
NEGATIVE: dict[str, tuple[str, ...]] = {
    "part": (
        "En halua tehdä {}.",
        "En jaksa enää {}.",
        "Paikka ilman {} olisi paras.",
        "Ei kiitos {}.",
    ),
    "nom": ("{} ei kiinnosta minua.", "{} ei ole minun juttuni."),
    "loc": ("En viihdy {}.", "En halua olla {}."),
    "verb": ("En halua {}.", "En tykkää {}."),
    "sv": ("Jag vill inte jobba med {}.", "Helst inte {}.", "Inte {}, tack."),
}
#: Avoiding people and bustle: customer-facing work, written many ways.
CROWD_TAGS: tuple[str, ...] = ("cafe", "sales", "food_aid")
CROWD_PHRASES: tuple[str, ...] = (
    "Toivon rauhallista paikkaa, jossa ei ole liikaa ihmisiä.",
    "En halua asiakaspalvelua.",
    "Isot väkijoukot ja hälinä eivät sovi minulle.",
    "En halua palvella asiakkaita.",
    "Paikka ilman asiakkaita olisi paras.",
    "Liikaa ihmisiä ympärillä ahdistaa.",
)
CROWD_PHRASES_SV: tuple[str, ...] = (
    "Jag vill inte ha kundkontakt.",
    "Helst en lugn plats utan för mycket folk.",
)

GOAL_PHRASES: dict[str, tuple[str, ...]] = {
    "employment": (
        "Tavoitteena on päästä palkkatöihin.",
        "Haluaisin löytää oikean työpaikan.",
        "Toivon, että tästä pääsisi töihin.",
        "Haaveilen vakituisesta työstä.",
    ),
    "studies": (
        "Haluaisin opiskella ammatin.",
        "Suunnittelen hakevani kouluun.",
        "Toivon, että voisin suorittaa tutkinnon osia.",
        "Opiskelu kiinnostaa.",
    ),
    "work_trial": (
        "Haluaisin työkokeiluun.",
        "Toiveena olisi kokeilla työtä oikeassa työpaikassa.",
        "Työkokeilu voisi olla seuraava askel.",
    ),
    "life_management": (
        "Haluan rytmiä arkeen.",
        "Päiviin kaipaan säännöllisyyttä.",
        "Arjen hallinta on nyt tärkeintä.",
    ),
    "social_participation": (
        "Haluan olla ihmisten kanssa.",
        "Kaipaan porukkaa ympärille.",
        "Toivon, että saisin seuraa ja tapaisin muita.",
    ),
    "own_product": (
        "Haluaisin kehittää oman tuotteen.",
        "Oma tuote kiinnostaa, vaikka pienimuotoinen yritys.",
        "Haluaisin tehdä omia tuotteita myyntiin.",
    ),
    "work_ability_assessment": (
        "Haluan selvittää, mihin pystyn.",
        "Työkyvyn arviointi olisi tärkeää.",
        "Haluaisin tietää, millaiseen työhön jaksan.",
    ),
}
GOAL_PHRASES_SV: dict[str, tuple[str, ...]] = {
    "employment": ("Målet är ett riktigt jobb.", "Jag vill tillbaka till arbetslivet."),
    "studies": ("Jag vill studera ett yrke.", "Jag funderar på att söka till skolan."),
    "work_trial": ("Jag vill prova på arbete.", "En arbetsprövning vore bra."),
    "life_management": ("Jag vill ha rutiner i vardagen.",),
    "social_participation": ("Jag vill träffa andra människor.",),
    "own_product": ("Jag vill utveckla en egen produkt.",),
    "work_ability_assessment": ("Jag vill veta vad jag orkar med.",),
}
#: Sentences that say nothing about the kind of work (noise in the wishes).
FILLER: tuple[str, ...] = (
    "Aamupäivät sopivat minulle parhaiten.",
    "Bussiyhteys on tärkeä.",
    "Olen ollut pitkään kotona.",
    "Haluan päästä taas liikkeelle.",
    "Pienet ryhmät ovat minulle hyviä.",
    "En ole varma, mitä haluaisin.",
    "",
)
FILLER_SV: tuple[str, ...] = ("Förmiddagar passar mig bäst.", "")
