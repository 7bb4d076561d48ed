"""Build ``data/demo/polku-demo.json``, the demo data set of Polku.

Usage: ``.venv/bin/python data/demo/build_demo_dataset.py`` (any Python 3.11+ will do).

Pure and deterministic: standard library only, every random choice comes from a seeded
``random.Random``, and the file is written in a fixed layout (one record per line), so
running the script twice gives the same bytes. The municipalities, their codes and
approximate centres are real; the wellbeing services counties, cities and parishes are
named as the real bodies are, but everything said about them here (sites, seats,
prices, contacts) is invented. The associations, foundations and companies are
invented; their business IDs have a valid check digit but start with 9, far beyond
the numbers issued so far. Phone numbers use the unused mobile prefix +358 48 and
e-mail addresses the reserved ``.example`` domain. Clients and placement histories
come from ``demo_clients.py``.
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

from demo_clients import clients_and_placements  # noqa: E402

OUTPUT = HERE / "polku-demo.json"
FORMAT = "polku-dataset/1"
AS_OF = dt.date(2026, 11, 1)
SEED = 20261101
N_CLIENTS = 420

# --- municipalities ------------------------------------------------------------------
# code, Finnish name, Swedish name (None where there is none), centre lat, lon.
# The format has one name per municipality, so the Finnish one is written; the Swedish
# names are kept here for a later version of the format.
MUNICIPALITIES = [
    # Päijät-Häme
    ("016", "Asikkala", None, 61.172, 25.549),
    ("081", "Hartola", "Gustav Adolfs", 61.581, 26.017),
    ("098", "Hollola", None, 60.988, 25.515),
    ("111", "Heinola", None, 61.204, 26.032),
    ("142", "Iitti", "Itis", 60.890, 26.337),
    ("316", "Kärkölä", None, 60.867, 25.274),
    ("398", "Lahti", "Lahtis", 60.983, 25.662),
    ("560", "Orimattila", None, 60.804, 25.730),
    ("576", "Padasjoki", None, 61.350, 25.277),
    ("781", "Sysmä", None, 61.503, 25.685),
    # Keski-Uusimaa
    ("106", "Hyvinkää", "Hyvinge", 60.631, 24.860),
    ("186", "Järvenpää", "Träskända", 60.474, 25.090),
    ("505", "Mäntsälä", None, 60.636, 25.318),
    ("543", "Nurmijärvi", None, 60.464, 24.808),
    ("611", "Pornainen", "Borgnäs", 60.476, 25.374),
    ("858", "Tuusula", "Tusby", 60.403, 25.026),
    # Oulu area (Pohjois-Pohjanmaa)
    ("139", "Ii", "Ijo", 65.317, 25.373),
    ("244", "Kempele", None, 64.913, 25.508),
    ("425", "Liminka", "Limingo", 64.810, 25.415),
    ("494", "Muhos", None, 64.808, 25.993),
    ("564", "Oulu", "Uleåborg", 65.012, 25.472),
]

# --- organisations -------------------------------------------------------------------
# id, name, kind, e-mail domain. Public bodies are named as the real ones and get no
# business ID; invented ones get a generated, valid one.
ORGANISATIONS = [
    # Päijät-Häme
    ("o01", "Päijät-Hämeen hyvinvointialue", "wellbeing_county", "phhyvinvointi"),
    ("o02", "Lahden kaupunki", "municipality", "lahti-tyopajat"),
    ("o03", "Heinolan kaupunki", "municipality", "heinola-tyopaja"),
    ("o04", "Orimattilan kaupunki", "municipality", "orimattila-tyopaja"),
    ("o05", "Hollolan kunta", "municipality", "hollola-tyopaja"),
    ("o06", "Lahden Seudun Kierrätys ry", "association", "lahdenkierratys"),
    ("o07", "Päijät-Hämeen Työpajayhdistys ry", "association", "verstas-lahti"),
    ("o08", "Heinolan Tuunaamo ry", "association", "tuunaamo"),
    ("o09", "Asikkalan Seudun Työtoiminta ry", "association", "asikkalantyotoiminta"),
    ("o10", "Hartolan Kädentaitajat ry", "association", "hartolankadentaitajat"),
    ("o11", "Sysmän Työtoimintayhdistys ry", "association", "sysmantyotoiminta"),
    ("o12", "Lahden Pyöräpaja ry", "association", "pyorapajapinna"),
    ("o13", "Päijänteen Ruoka-apu ry", "association", "paijanteenruoka-apu"),
    ("o14", "Eläinpiha Karvakaverit ry", "association", "karvakaverit"),
    ("o15", "Salpausselän Kulttuuripaja ry", "association", "kulttuuripaja"),
    ("o16", "Vesijärven Työtoimintasäätiö sr", "foundation", "vesijarvensaatio"),
    ("o17", "Hollolan seurakunta", "parish", "hollolanseurakunta"),
    ("o18", "Lahden seurakuntayhtymä", "parish", "lahdenseurakunnat"),
    ("o19", "Heinolan seurakunta", "parish", "heinolanseurakunta"),
    ("o20", "Pakkauspaja Reuna Oy", "company", "pakkauspajareuna"),
    ("o21", "Kärkölän Kylätalot ry", "association", "karkolankylatalot"),
    ("o22", "Padasjoen kunta", "municipality", "padasjoki-tyopaja"),
    ("o23", "Iitin kunta", "municipality", "iitti-tyopaja"),
    ("o24", "Tukisäätiö Päivänsäde sr", "foundation", "paivansade"),
    # Keski-Uusimaa
    ("o25", "Keski-Uudenmaan hyvinvointialue", "wellbeing_county", "kuhyvinvointi"),
    ("o26", "Hyvinkään kaupunki", "municipality", "hyvinkaa-tyopaja"),
    ("o27", "Järvenpään kaupunki", "municipality", "jarvenpaa-kirjasto"),
    ("o28", "Tuusulan kunta", "municipality", "tuusula-tyopaja"),
    ("o29", "Nurmijärven Kierrätysapu ry", "association", "kierratysapu"),
    ("o30", "Mäntsälän Työpajat ry", "association", "mantsalantyopajat"),
    ("o31", "Järvenpään seurakunta", "parish", "jarvenpaanseurakunta"),
    ("o32", "Hyvinkään Tekstiilipaja ry", "association", "tekstiilipaja"),
    ("o33", "Keski-Uudenmaan Tukisäätiö sr", "foundation", "kutukisaatio"),
    ("o34", "Kokoonpano Kiuru Oy", "company", "kokoonpanokiuru"),
    # Oulu area
    ("o35", "Pohjois-Pohjanmaan hyvinvointialue", "wellbeing_county", "pphyvinvointi"),
    ("o36", "Oulun kaupunki", "municipality", "oulu-tyopajat"),
    ("o37", "Oulun Seudun Kierrätys ry", "association", "oulunkierratys"),
    ("o38", "Oulun seurakuntayhtymä", "parish", "oulunseurakunnat"),
    ("o39", "Kempeleen Kädentaidot ry", "association", "kempeleenkadentaidot"),
    ("o40", "Lakeuden Eläinpiha ry", "association", "lakeudenelainpiha"),
    ("o41", "Pohjolan Tekstiilihuolto Oy", "company", "pohjolantekstiili"),
    ("o42", "Muhoksen Työtoimintayhdistys ry", "association", "muhoksentyotoiminta"),
    ("o43", "Iin Metsäpaja ry", "association", "iinmetsapaja"),
    ("o44", "Oulun Seudun Asumispalvelusäätiö sr", "foundation", "asumispalvelusaatio"),
]

# --- sites ---------------------------------------------------------------------------
# Services: R = rehabilitative work activity, D = disability work activity.
R, D, RD = ("rehabilitative",), ("disability",), ("rehabilitative", "disability")


def site(org, muni, name, tags, services, forms, support, days, hours, address,
         postal, description, *, learn=False, languages=("fi",), access=()):  # fmt: skip
    return {
        "organisation": org, "municipality": muni, "name": name, "tags": list(tags),
        "services": list(services), "forms": list(forms), "support_level": support,
        "days_per_week": list(days), "hours_per_day": list(hours), "address": address,
        "postal_code": postal, "description": description, "learn": learn,
        "languages": list(languages), "access": set(access),
    }  # fmt: skip


SITES = [
    # --- Päijät-Häme -----------------------------------------------------------------
    site("o01", "398", "Työkeskus Ankkuri, alihankintatyöt",
         ["packing_assembly", "mailing"], D, ["workshop"], 3, (3, 5), (4, 6),
         "Ankkurikatu 5", "15140",
         "Työkeskus Ankkurissa tehdään alihankintatöitä paikallisille yrityksille ja "
         "yhdistyksille: pakkaamista, kokoonpanoa, tarroitusta ja postituksia. Työt "
         "jaetaan pieniin vaiheisiin, ja jokainen saa tehtävän, joka sopii omaan "
         "tahtiin. Ohjaaja on paikalla koko päivän."),
    site("o01", "398", "Työkeskus Ankkuri, keittiö ja kahvio",
         ["kitchen", "cafe", "cleaning"], RD, ["workshop", "assisting"], 2, (1, 5),
         (4, 6), "Ankkurikatu 5", "15140",
         "Ankkurin kahviossa leivotaan, keitetään lounaskeitto ja palvellaan talon "
         "väkeä sekä naapuruston asiakkaita. Tehtäviä on astianpesusta kassalla "
         "toimimiseen, ja niitä vaihdellaan oman toiveen mukaan. Hygieniapassin voi "
         "suorittaa jakson aikana.", learn=True),
    site("o01", "111", "Heinolan työtoimintakeskus, puu- ja metallipaja",
         ["woodwork", "metalwork"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Siltakatu 18", "18100",
         "Pajassa valmistetaan linnunpönttöjä, tarjottimia ja pienkalusteita sekä "
         "korjataan asiakkaiden huonekaluja. Metallipuolella hitsataan ja hiotaan "
         "pieniä tilaustöitä. Koneiden käyttö opetellaan rauhassa ohjaajan kanssa, ja "
         "suojavarusteet saa paikan päältä."),
    site("o01", "560", "Orimattilan työkeskus, tekstiilipaja",
         ["textile", "crafts"], D, ["workshop"], 3, (2, 5), (4, 6),
         "Erkontie 7", "16300",
         "Tekstiilipajassa kudotaan mattoja, ommellaan kasseja ja tehdään tilauksesta "
         "pieniä ompelutöitä. Valmiita tuotteita myydään pajan myyjäisissä kaksi "
         "kertaa vuodessa. Jokainen voi kehittää omaa tuotettaan, ja ryhmä on pieni ja "
         "rauhallinen.", access={"quiet_space"}),
    site("o01", "398", "Avotyötoiminta Lahti, ryhmät yhteistyöpaikoissa",
         ["property_maintenance", "cleaning", "warehouse"], D,
         ["group_outside", "individual"], 1, (2, 5), (4, 6),
         "Aleksanterinkatu 20", "15140",
         "Avotyötoiminnassa työskennellään tavallisilla työpaikoilla, kuten "
         "taloyhtiöissä, kouluissa ja kaupan varastoissa, joko ryhmässä ohjaajan "
         "kanssa tai yksin sovituin tukikäynnein. Tavoitteena on oppia työelämän "
         "taitoja ja kokeilla, millainen työ tuntuu omalta. Työpaikka etsitään yhdessä "
         "omien toiveiden pohjalta."),
    site("o01", "398", "Etäryhmä Verkkoverstas",
         ["digital_media", "office"], R, ["remote", "workshop"], 1, (1, 3), (4, 5),
         "Aleksanterinkatu 20", "15140",
         "Verkkoverstas on kuntouttavan työtoiminnan etäryhmä, joka kokoontuu verkossa "
         "aamuisin. Ryhmä tekee yhdistyksille kuvituksia, tekstejä, taulukoita ja "
         "some-sisältöjä. Lainakone ja alkuopastus järjestyvät toimipisteellä, jonne "
         "voi tulla myös lähipäiviksi."),
    site("o02", "398", "Nuorten työpaja, media- ja IT-paja",
         ["digital_media", "it_support", "photography"], R, ["workshop", "remote"], 1,
         (2, 4), (4, 6), "Kauppakatu 11", "15140",
         "Pajassa tehdään videoita, valokuvia ja verkkosivuja kaupungin yksiköille ja "
         "yhdistyksille sekä huolletaan pajan tietokoneita. Valmiit työt kootaan omaksi "
         "portfolioksi, josta on hyötyä opiskelupaikkaa tai työtä hakiessa. Paja sopii "
         "erityisesti alle 30-vuotiaille.", learn=True),
    site("o02", "398", "Kaupunginkirjasto, avustavat tehtävät",
         ["library", "office"], R, ["assisting"], 1, (1, 4), (4, 6),
         "Kirkkokatu 8", "15140",
         "Kirjastossa tehtäviin kuuluvat palautettujen aineistojen lajittelu ja "
         "hyllytys, lehtien järjestely sekä tapahtumien valmistelu. Työ on rauhallista "
         "ja tehdään kirjaston henkilökunnan rinnalla. Kirjasto on keskustassa hyvien "
         "bussiyhteyksien varrella."),
    site("o02", "398", "Kaupungin viherryhmä",
         ["gardening", "property_maintenance"], R, ["group_outside", "workshop"], 2,
         (2, 4), (4, 6), "Launeenkatu 10", "15100",
         "Viherryhmä hoitaa puistoja, leikkipaikkoja ja kaupungin istutuksia keväästä "
         "syksyyn ja tekee talvella lumitöitä ja puistonpenkkien kunnostusta. Työ "
         "tehdään ulkona pienessä ryhmässä, ja työvaatteet saa ryhmältä. Päivä alkaa "
         "yhteisellä aamupalaverilla tukikohdassa.", learn=True),
    site("o03", "111", "Heinolan työpaja, pienkone- ja pyöräpaja",
         ["small_engines", "bicycle_repair", "metalwork"], R, ["workshop"], 2, (1, 4),
         (4, 6), "Teollisuustie 9", "18100",
         "Pajassa huolletaan ruohonleikkureita, trimmereitä ja mopoja sekä "
         "kunnostetaan lahjoituksena saatuja polkupyöriä myyntiin. Aiempaa kokemusta "
         "ei tarvita, sillä työt opetellaan vaihe vaiheelta. Talvikaudella paja tekee "
         "myös lumilinkojen huoltoja."),
    site("o03", "111", "Kaupungin ruokapalvelut, keittiöapu",
         ["kitchen", "cleaning"], R, ["assisting"], 1, (2, 4), (4, 6),
         "Kauppakatu 14", "18100",
         "Keskuskeittiössä avustetaan ruoan valmistuksessa, salaattien kokoamisessa ja "
         "astiahuollossa. Työ on aikataulutettua ja tehdään ammattikokkien rinnalla, "
         "joten se sopii hyvin työkokeilua tai alan opintoja harkitsevalle.",
         learn=True),
    site("o04", "560", "Orimattilan työpaja, kiinteistö- ja metsätyöt",
         ["property_maintenance", "firewood", "gardening"], R,
         ["workshop", "group_outside"], 2, (1, 4), (4, 6), "Teollisuustie 3", "16300",
         "Työpaja tekee kaupungin kiinteistöjen pihatöitä, raivaa metsäpolkuja ja "
         "tekee polttopuita kaupungin laavuille. Työ on fyysistä ja tapahtuu "
         "enimmäkseen ulkona. Mukaan pääsee myös, jos kunto on vasta kohenemassa – "
         "tehtävät sovitaan jaksamisen mukaan."),
    site("o05", "098", "Hollolan työpaja, puutyöverstas",
         ["woodwork", "crafts", "sales"], R, ["workshop"], 2, (1, 4), (4, 6),
         "Työpajantie 2", "15880",
         "Verstaalla tehdään puusta myyntituotteita, kuten leikkuulautoja, "
         "kukkalaatikoita ja saunajakkaroita, sekä pieniä tilaustöitä kunnan "
         "yksiköille. Työvaiheita on sahauksesta pintakäsittelyyn, joten jokaiselle "
         "löytyy sopiva tehtävä. Verstaalla on rauhallinen taukotila.", learn=True),
    site("o05", "098", "Hollolan palvelukeskus, avustavat tehtävät",
         ["care_assistance", "kitchen"], R, ["assisting"], 1, (1, 4), (4, 6),
         "Palvelutie 4", "15870",
         "Palvelukeskuksessa avustetaan ikäihmisten päivätoiminnassa: ulkoilussa, "
         "pelituokioissa, kahvituksessa ja ruokasalin järjestelyissä. Tehtäviin ei "
         "kuulu hoitotyötä, vaan painopiste on seurassa ja arjen apuna olemisessa. "
         "Tehtävä sopii lähihoitajan opintoja harkitsevalle."),
    site("o06", "398", "Kierrätyskeskus Lahti, lajittelu ja myymälä",
         ["recycling", "sales", "warehouse"], RD, ["workshop", "assisting"], 2,
         (1, 5), (4, 6), "Askonkatu 9", "15100",
         "Kierrätyskeskuksessa vastaanotetaan lahjoituksia, lajitellaan, hinnoitellaan "
         "ja laitetaan tavarat myyntiin. Myymälässä voi opetella asiakaspalvelua ja "
         "kassatyötä. Työyhteisö on iso ja vaihteleva, ja tehtävää voi vaihtaa, kun "
         "edellinen alkaa sujua.", learn=True),
    site("o06", "398", "Kierrätyskeskus, huonekalupaja",
         ["woodwork", "recycling", "sales"], R, ["workshop"], 2, (1, 4), (4, 6),
         "Askonkatu 9", "15100",
         "Huonekalupajassa kunnostetaan lahjoituksena saatuja tuoleja, pöytiä ja "
         "lipastoja: hiotaan, maalataan, vaihdetaan verhoiluja ja tehdään vanhasta "
         "uutta. Valmiit kalusteet myydään kierrätyskeskuksen myymälässä. Pajassa "
         "oppii käsityötaitoja ja näkee oman työnsä tuloksen nopeasti."),
    site("o06", "098", "Kierrätysmyymälä Hollola",
         ["sales", "recycling", "cleaning"], RD, ["workshop", "assisting"], 1, (1, 5),
         (4, 6), "Keskikankaantie 15", "15870",
         "Pienessä myymälässä hoidetaan tavaroiden esillepanoa, hinnoittelua, kassaa "
         "ja myymälän siisteyttä. Asiakkaat ovat enimmäkseen lähialueen ihmisiä, ja "
         "tahti on rauhallisempi kuin Lahden keskuksessa. Myymälään pääsee bussilla "
         "Lahdesta."),
    site("o06", "398", "Kierrätyskeskus, kuljetus ja varasto",
         ["warehouse", "driving_help", "recycling"], R, ["workshop", "group_outside"],
         1, (2, 4), (4, 8), "Varastokatu 6", "15560",
         "Kuljetusryhmä noutaa lahjoitushuonekaluja kodeista ja vie myytyjä tavaroita "
         "asiakkaille pakettiautolla. Varastossa purkaminen, lavojen järjestäminen ja "
         "kuormien valmistelu ovat päivän perustyötä. Ajokortti ei ole pakollinen, "
         "mutta työ vaatii kohtalaista fyysistä kuntoa.", learn=True),
    site("o06", "398", "Kierrätyskeskus, IT-kunnostamo",
         ["it_support", "recycling", "office"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Askonkatu 9", "15100",
         "IT-kunnostamossa tyhjennetään ja testataan lahjoitettuja tietokoneita ja "
         "puhelimia, asennetaan käyttöjärjestelmät ja valmistellaan laitteet myyntiin. "
         "Tietojen turvallinen poisto tehdään tarkkojen ohjeiden mukaan. Sopii "
         "sinulle, joka pidät rauhallisesta ja tarkasta työstä.",
         languages=("fi", "en")),
    site("o07", "398", "Työpaja Verstas, metalli- ja pienkonepaja",
         ["metalwork", "small_engines"], R, ["workshop"], 2, (1, 4), (4, 6),
         "Hennalankatu 40", "15810",
         "Metallipajassa tehdään hitsaus- ja levytöitä, kuten grillejä, kenkätelineitä "
         "ja kiinnikkeitä tilauksesta. Pienkonepuolella huolletaan mopoja ja "
         "puutarhakoneita. Ohjaaja opastaa koneiden turvallisessa käytössä, ja "
         "hitsauskokeen voi halutessaan suorittaa pajalla.", learn=True),
    site("o07", "398", "Työpaja Verstas, paino ja toimistopalvelut",
         ["office", "mailing", "digital_media"], R, ["workshop"], 1, (1, 4), (4, 6),
         "Hennalankatu 40", "15810",
         "Painopuolella tehdään käyntikortteja, julisteita, tarroja ja yhdistysten "
         "jäsenlehtien postituksia. Työssä pääsee käyttämään taitto-ohjelmaa, "
         "leikkuria ja kirjekuorikonetta. Tehtävät sopivat myös sinulle, joka et pidä "
         "kovasta melusta."),
    site("o08", "111", "Tuunaamo, ompelukorjaamo",
         ["textile", "crafts", "sales"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Savontie 11", "18100",
         "Ompelukorjaamossa lyhennetään housuja, vaihdetaan vetoketjuja ja tehdään "
         "kierrätyskankaista kasseja ja tyynynpäällisiä myyntiin. Ompelukoneen käyttö "
         "opetellaan alusta, jos se ei ole ennestään tuttua. Korjaustyöt tulevat "
         "paikallisilta asiakkailta, joten työllä on oikea tilaaja."),
    site("o08", "111", "Tuunaamon kirpputori",
         ["sales", "recycling", "cleaning"], R, ["workshop", "assisting"], 1, (1, 4),
         (4, 6), "Savontie 11", "18100",
         "Kirpputorilla hoidetaan myyntipöytien vuokrausta, tavaroiden vastaanottoa, "
         "kassaa ja siivousta. Päivät ovat vaihtelevia, ja asiakaspalvelua saa "
         "harjoitella rauhassa kokeneemman työntekijän rinnalla."),
    site("o09", "016", "Kahvila Sulkuportti",
         ["cafe", "kitchen", "sales"], R, ["workshop"], 1, (1, 4), (4, 6),
         "Kanavatie 9", "17200",
         "Kesäisin vilkas kanavan varren kahvila leipoo itse pullat ja piirakat ja "
         "palvelee veneilijöitä ja matkailijoita. Talvikaudella keskitytään "
         "pitopalveluun ja leivonnaisten tilaustöihin. Tehtävät sovitaan omien "
         "vahvuuksien mukaan, ja asiakaspalvelua pääsee harjoittelemaan rauhassa.",
         learn=True),
    site("o09", "016", "Asikkalan pihapalveluryhmä",
         ["gardening", "property_maintenance", "firewood"], R, ["group_outside"], 2,
         (2, 4), (4, 6), "Urheilutie 4", "17200",
         "Ryhmä tekee piha- ja puutarhatöitä ikäihmisten kodeissa, yhdistysten "
         "kesäpaikoilla ja kylätaloilla: haravointia, kitkemistä, nurmikon leikkuuta "
         "ja halkojen pinoamista. Ryhmä liikkuu ohjaajan kanssa pakettiautolla, ja "
         "kyyti lähtee Vääksyn toimipisteeltä aamuisin."),
    site("o10", "081", "Hartolan käsityöpaja",
         ["crafts", "textile", "sales"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Koskipääntie 6", "19600",
         "Käsityöpajassa kudotaan, huovutetaan ja tehdään puusta ja nahasta pieniä "
         "tuotteita, joita myydään kesätorilla ja joulumyyjäisissä. Jokainen voi "
         "kehittää omaa tuotettaan ja oppia sen hinnoittelua ja myyntiä. Paja on "
         "pieni, ja tunnelma on rauhallinen.", access={"quiet_space"}),
    site("o11", "781", "Sysmän metsä- ja polttopuupaja",
         ["firewood", "property_maintenance"], R, ["workshop", "group_outside"], 2,
         (2, 4), (4, 6), "Sahantie 3", "19700",
         "Pajalla tehdään polttopuita myyntiin: sahataan, halotaan, kuivataan ja "
         "kuljetetaan puut säkeissä asiakkaille. Kesällä raivataan pientareita ja "
         "hoidetaan yhdistyksen metsäpalstaa. Turvavarusteet ja työvaatteet saa "
         "pajalta.", learn=True),
    site("o11", "781", "Sysmän ruoka-apu ja kierrätyspiste",
         ["food_aid", "recycling", "kitchen"], R, ["workshop", "assisting"], 1, (1, 4),
         (4, 6), "Uotilantie 2", "19700",
         "Ruoka-avussa vastaanotetaan kauppojen ylijäämäruokaa, lajitellaan ja "
         "pakataan se jaettavaksi ja valmistetaan kerran viikossa yhteinen lounas. "
         "Samassa tilassa toimii pieni kierrätyspiste. Työ on sosiaalista, ja siinä "
         "näkee heti, että omalla työllä on merkitystä."),
    site("o12", "398", "Pyöräpaja Pinna",
         ["bicycle_repair", "recycling", "sales"], RD, ["workshop"], 2, (1, 5),
         (4, 6), "Harjukatu 12", "15100",
         "Pyöräpaja kunnostaa hylättyjä ja lahjoitettuja polkupyöriä myyntiin ja tekee "
         "pieniä huoltoja asiakkaille. Työssä oppii vaihteiden säätämistä, renkaiden "
         "vaihtoa ja jarrujen huoltoa. Kevät on kiireisintä aikaa, jolloin paja on "
         "auki myös lauantaisin.", learn=True),
    site("o13", "398", "Ruoka-apukeskus Lahti",
         ["food_aid", "warehouse", "driving_help"], R, ["workshop"], 1, (1, 4),
         (4, 6), "Niemenkatu 18", "15140",
         "Ruoka-apukeskus noutaa kaupoilta ja tukkureilta ylijäämäruokaa, lajittelee "
         "sen ja jakaa kassit asiakkaille kolmena päivänä viikossa. Tehtäviä on "
         "varastossa, jakelussa ja noutoautossa kuljettajan apuna. Työ on "
         "aikataulutettua ja vaatii hygieniaohjeiden noudattamista.",
         languages=("fi", "en", "ru")),
    site("o13", "111", "Ruoka-apupiste Heinola",
         ["food_aid", "kitchen", "cleaning"], R, ["workshop", "assisting"], 1, (1, 3),
         (4, 5), "Kauppakatu 22", "18100",
         "Heinolan pisteessä pakataan ruokakasseja, valmistetaan yhteisöateria ja "
         "pidetään tilat siistinä. Piste on pieni, ja työ tehdään tiiviisti yhdessä "
         "vapaaehtoisten kanssa. Sopii hyvin ensimmäiseksi työtoimintapaikaksi pitkän "
         "tauon jälkeen."),
    site("o14", "098", "Eläinpiha Karvakaverit",
         ["animals", "gardening", "cleaning"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Kotieläinpolku 3", "15880",
         "Eläinpihalla hoidetaan lampaita, kanoja, kaneja ja kahta ponia: ruokitaan, "
         "siivotaan karsinat ja huolletaan aitauksia. Kesällä pihalla käy "
         "päiväkotiryhmiä ja koululaisia, joille esitellään eläimiä. Työ on ulkotyötä "
         "säällä kuin säällä, ja eläinten rauhallinen rytmi sopii monelle."),
    site("o15", "398", "Kulttuuripaja, musiikki- ja mediastudio",
         ["digital_media", "photography"], RD, ["workshop", "remote"], 2, (1, 5),
         (4, 6), "Rauhankatu 15", "15110",
         "Studiossa äänitetään, editoidaan videoita ja tehdään tapahtumajulisteita "
         "yhdistyksen konsertteihin ja näyttelyihin. Tapahtumapäivinä tehtäviin kuuluu "
         "myös lavan rakentamista ja lipunmyyntiä. Oman musiikin, podcastin tai "
         "videokanavan voi kehittää omaksi tuotteeksi.", languages=("fi", "en")),
    site("o15", "398", "Kulttuuripaja, keramiikka- ja taidepaja",
         ["crafts", "sales"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Rauhankatu 15", "15110",
         "Keramiikkapajassa dreijataan, valetaan ja lasitetaan astioita ja "
         "koriste-esineitä, jotka myydään pajan puodissa ja kulttuuritapahtumissa. "
         "Polttouuni on pajalla, joten työtä voi seurata savesta valmiiksi tuotteeksi. "
         "Pajassa on tilaa myös omille taideprojekteille."),
    site("o16", "398", "Pesula Puhdas",
         ["laundry", "textile"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Kaarikatu 8", "15700",
         "Pesulassa pestään, mankeloidaan ja viikataan tekstiilejä palvelutaloille, "
         "urheiluseuroille ja yhdistyksille. Työ etenee selkeissä vaiheissa, ja samoja "
         "tehtäviä toistetaan, mikä sopii rutiineista pitävälle. Tilat ovat esteettömät "
         "ja tauot säännölliset.", learn=True,
         access={"step_free", "accessible_toilet"}),
    site("o16", "398", "Siivous- ja kiinteistöryhmä",
         ["cleaning", "property_maintenance"], RD, ["group_outside", "workshop"], 1,
         (2, 5), (4, 6), "Kaarikatu 8", "15700",
         "Ryhmä siivoaa säätiön omia tiloja sekä yhdistysten kerhohuoneita ja tekee "
         "pieniä kiinteistönhoidon töitä, kuten lamppujen vaihtoja ja pihojen "
         "siistimistä. Työ tehdään kahden tai kolmen hengen tiimeissä ohjaajan kanssa. "
         "Puhtausalan tutkinnon osia voi suorittaa työn ohessa.", learn=True),
    site("o17", "098", "Seurakunnan viheralueet ja hautausmaa",
         ["gardening", "property_maintenance"], R, ["assisting", "group_outside"], 1,
         (2, 4), (4, 6), "Kirkonkyläntie 20", "15880",
         "Kesäkaudella hoidetaan seurakunnan viheralueita ja hautausmaata: leikataan "
         "nurmikoita, kitketään istutuksia ja haravoidaan käytäviä. Talvella tehdään "
         "lumitöitä ja kiinteistöjen pieniä kunnostustöitä. Työ on ulkotyötä "
         "kokeneiden puutarhureiden kanssa."),
    site("o17", "098", "Diakoniakahvila Kammari",
         ["cafe", "kitchen", "food_aid"], R, ["assisting", "workshop"], 1, (1, 3),
         (4, 5), "Kirkonkyläntie 20", "15880",
         "Diakoniakahvilassa keitetään kahvit ja keitto, leivotaan ja palvellaan "
         "asiakkaita, jotka tulevat syömään edullisesti tai saamaan seuraa. Kahvila on "
         "auki kolmena päivänä viikossa. Työ sopii sinulle, joka haluat olla ihmisten "
         "kanssa rauhallisessa ympäristössä.", access={"quiet_space"}),
    site("o18", "398", "Päiväkerhot, avustavat tehtävät",
         ["childcare_assistance", "crafts"], R, ["assisting"], 1, (1, 4), (4, 6),
         "Kirkkopuistonkatu 4", "15140",
         "Päiväkerhoissa avustetaan ohjaajia leikeissä, askartelussa, ulkoilussa ja "
         "välipalan valmistelussa. Lasten kanssa työskentely vaatii kärsivällisyyttä ja "
         "iloista mieltä, mutta aiempaa kokemusta ei tarvita. Tehtävään pyydetään "
         "rikostaustaote."),
    site("o19", "111", "Seurakuntakeskuksen keittiö ja kiinteistö",
         ["kitchen", "property_maintenance", "cleaning"], R, ["assisting"], 1, (1, 4),
         (4, 6), "Kirkkokatu 10", "18100",
         "Seurakuntakeskuksessa valmistellaan tilaisuuksien kahvituksia ja "
         "muistotilaisuuksien tarjoiluja, huolehditaan astiahuollosta ja tehdään "
         "suntion kanssa kiinteistön pieniä töitä. Päivät vaihtelevat tilaisuuksien "
         "mukaan, ja viikko-ohjelma sovitaan aina etukäteen."),
    site("o20", "398", "Pakkauspaja Reuna, työtoimintaryhmä",
         ["packing_assembly", "warehouse"], D, ["group_outside", "workshop"], 2, (3, 5),
         (4, 6), "Tapulikatu 3", "15160",
         "Pakkauspaja tekee pakkaus- ja kokoonpanotöitä teollisuuden asiakkaille. "
         "Työtoiminnan ryhmä työskentelee yrityksen tiloissa omalla ohjaajallaan ja "
         "tekee tavallisia tuotantotehtäviä, kuten tuotteiden keräilyä, tarroitusta ja "
         "pakkaamista. Paikka sopii sinulle, joka haluat kokeilla työtä oikeassa "
         "yrityksessä."),
    site("o21", "316", "Järvelän kylätalo, keittiö ja siivous",
         ["kitchen", "cleaning"], R, ["workshop", "assisting"], 1, (1, 4), (4, 6),
         "Kylätalontie 2", "16600",
         "Kylätalolla valmistetaan arkipäivisin lounas kylän ikäihmisille ja kerhoille, "
         "siivotaan tilat ja hoidetaan tilavuokrauksiin liittyviä järjestelyjä. "
         "Työyhteisö on pieni ja tuttu, ja Lahdesta pääsee perille junalla."),
    site("o22", "576", "Padasjoen työpaja, puu- ja venepaja",
         ["woodwork", "property_maintenance", "small_engines"], R, ["workshop"], 2,
         (1, 4), (4, 6), "Satamatie 4", "17500",
         "Pajalla kunnostetaan puuveneitä, laitureita ja uimarantojen penkkejä sekä "
         "huolletaan perämoottoreita. Talvella tehdään sisätöinä puutuotteita "
         "myyntiin. Työ sopii sinulle, joka pidät käsillä tekemisestä ja "
         "järvimaisemasta."),
    site("o23", "142", "Kausalan työpaja, ompelimo ja kierrätys",
         ["textile", "recycling", "sales"], R, ["workshop"], 1, (1, 4), (4, 6),
         "Kauppatie 8", "47400",
         "Työpajassa ommellaan ja korjataan tekstiilejä, lajitellaan kierrätysvaatteita "
         "ja pidetään pientä myymälää. Paja tekee yhteistyötä kunnan nuorisopalvelujen "
         "kanssa, ja tapahtumiin valmistetaan pajalla esimerkiksi kangaskasseja."),
    site("o24", "560", "Päivänsäteen puutarha ja kasvihuone",
         ["gardening", "sales"], RD, ["workshop"], 3, (2, 5), (4, 6),
         "Puutarhatie 6", "16300",
         "Kasvihuoneessa kasvatetaan taimia, yrttejä ja kesäkukkia, joita myydään "
         "keväisin omassa puutarhamyymälässä. Työ rytmittyy vuodenaikojen mukaan: "
         "talvella tehdään kylvöjä ja kransseja, kesällä hoidetaan avomaata. Ohjaajia "
         "on paikalla useampi, joten tukea saa tarvittaessa koko ajan.", learn=True),
    site("o24", "398", "Päivänsäteen kuva- ja verkkopaja",
         ["photography", "digital_media", "crafts"], D, ["workshop", "remote"], 2,
         (2, 5), (4, 6), "Mariankatu 14", "15110",
         "Kuva- ja verkkopajassa jokainen kehittää omaa tuotettaan: valokuvia, "
         "verkkosivuja, pelejä, blogia tai omaa tuotemerkkiä. Pajan töistä on syntynyt "
         "kortteja, kalentereita ja verkkokauppa, jonka tuotto käytetään pajan "
         "retkiin. Osan päivistä voi tehdä kotoa käsin."),
    # --- Keski-Uusimaa ---------------------------------------------------------------
    site("o25", "106", "Työkeskus Hyvinkää, alihankinta ja kokoonpano",
         ["packing_assembly", "mailing"], D, ["workshop"], 3, (3, 5), (4, 6),
         "Sahanmäenkatu 8", "05800",
         "Työkeskuksessa kootaan sähkötarvikkeita, pakataan mainosmateriaaleja ja "
         "tehdään postituksia alueen yrityksille. Tehtävät on pilkottu selkeisiin "
         "vaiheisiin kuvallisten ohjeiden avulla. Ryhmässä on useita ohjaajia, ja "
         "päivään kuuluu yhteinen lounas."),
    site("o25", "186", "Työtoimintapaja Järvenpää, puu- ja askartelupaja",
         ["woodwork", "crafts"], R, ["workshop"], 2, (1, 4), (4, 6),
         "Mannilantie 14", "04400",
         "Pajassa tehdään puutöitä ja askartelua, kuten kynttilänjalkoja, "
         "linnunpönttöjä ja tilaustöitä päiväkodeille. Jakson alussa sovitaan omat "
         "tavoitteet, ja niitä käydään läpi ohjaajan kanssa säännöllisesti. Paja on "
         "myös Pornaisten asiakkaiden lähin työtoimintapaikka."),
    site("o25", "505", "Mäntsälän työtoimintaryhmä",
         ["cleaning", "kitchen", "property_maintenance"], R, ["workshop", "assisting"],
         1, (1, 4), (4, 6), "Heikinkuja 2", "04600",
         "Mäntsälän ryhmä tekee siivous- ja keittiötöitä hyvinvointialueen "
         "toimipisteissä sekä pieniä kiinteistötöitä. Ryhmään tulee asiakkaita myös "
         "Pornaisista, ja kulkemisesta sovitaan yksilöllisesti. Päivät ovat selkeästi "
         "rytmitettyjä ja alkavat yhteisellä aamukahvilla."),
    site("o25", "543", "Työtoiminta Nurmijärvi, digi- ja toimistoryhmä",
         ["office", "digital_media", "mailing"], R, ["workshop", "remote"], 1, (1, 4),
         (4, 6), "Keskustie 6", "01900",
         "Ryhmä tekee toimisto- ja digitöitä, kuten tietojen tallennusta, skannausta, "
         "kuvankäsittelyä ja yhdistysten tiedotteiden taittoa. Työ onnistuu osin "
         "etänä, ja lähipäivinä kokoonnutaan kirkonkylän toimipisteellä. Ryhmässä "
         "harjoitellaan myös työnhaun digitaitoja."),
    site("o26", "106", "Hyvinkään nuorten työpaja, auto- ja pienkonepaja",
         ["small_engines", "metalwork"], R, ["workshop"], 2, (1, 4), (4, 6),
         "Teollisuuskatu 18", "05800",
         "Pajassa huolletaan mopoja, skoottereita ja puutarhakoneita sekä tehdään "
         "pieniä metallitöitä. Paja sopii erityisesti nuorille aikuisille, jotka "
         "miettivät autoalan tai kone- ja tuotantotekniikan opintoja. Tutkinnon osia "
         "voi suorittaa yhteistyössä ammattiopiston kanssa.", learn=True),
    site("o27", "186", "Kaupunginkirjasto, avustavat tehtävät",
         ["library", "office", "digital_media"], R, ["assisting"], 1, (1, 4), (4, 6),
         "Kirjastonkuja 1", "04400",
         "Kirjastossa lajitellaan ja hyllytetään aineistoja, autetaan asiakkaita "
         "laitteiden käytössä ja valmistellaan näyttelyitä ja satutunteja. Työ tehdään "
         "kirjaston henkilökunnan rinnalla, ja tehtäviä voi painottaa omien "
         "kiinnostusten mukaan.", languages=("fi", "sv", "en")),
    site("o28", "858", "Tuusulan työpaja, viher- ja kiinteistöryhmä",
         ["gardening", "property_maintenance", "firewood"], R, ["group_outside"], 2,
         (2, 4), (4, 6), "Kulloontie 3", "04300",
         "Ryhmä hoitaa kunnan puistoja, ulkoilureittejä ja laavuja: raivaa, haravoi, "
         "kantaa polttopuita ja korjaa penkkejä. Kohteisiin kuljetaan ryhmän autolla "
         "Hyrylän tukikohdasta. Työ on monipuolista ulkotyötä pienessä porukassa.",
         learn=True),
    site("o29", "543", "Kierrätysapu Klaukkala, myymälä ja pyöräpaja",
         ["recycling", "sales", "bicycle_repair"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Kaupintie 5", "01800",
         "Kierrätysmyymälässä lajitellaan ja hinnoitellaan lahjoitustavaraa, "
         "palvellaan asiakkaita ja kunnostetaan polkupyöriä myyntiin. Työtehtäviä "
         "vaihdellaan viikoittain, jotta jokainen pääsee kokeilemaan eri puolia. "
         "Myymälä on bussiyhteyksien varrella."),
    site("o29", "543", "Kierrätysapu, IT-kunnostamo",
         ["it_support", "recycling"], R, ["workshop", "remote"], 1, (1, 4), (4, 6),
         "Kaupintie 5", "01800",
         "IT-kunnostamossa puhdistetaan ja päivitetään käytettyjä tietokoneita, joita "
         "myydään edullisesti opiskelijoille ja yhdistyksille. Työ on tarkkaa ja "
         "rauhallista, ja osan ohjelmistotöistä voi tehdä etänä. Aiempi osaaminen on "
         "eduksi, mutta ei välttämätöntä.", languages=("fi", "sv")),
    site("o30", "505", "Kahvila Kulmakivi",
         ["cafe", "kitchen", "sales"], R, ["workshop"], 1, (1, 4), (4, 6),
         "Asematie 5", "04600",
         "Kahvila Kulmakivi on Mäntsälän keskustassa toimiva lounas- ja kahvipaikka, "
         "jossa leivotaan ja valmistetaan ruoka itse. Työtehtäviin kuuluu "
         "ruoanvalmistusta, astiahuoltoa ja asiakaspalvelua. Kahvila on opinnollistettu "
         "oppimisympäristö, joten osaamisen voi tunnistaa osaksi alan tutkintoa.",
         learn=True),
    site("o30", "505", "Mäntsälän polttopuu- ja pihapaja",
         ["firewood", "gardening", "property_maintenance"], R,
         ["workshop", "group_outside"], 2, (2, 4), (4, 6), "Sahatie 2", "04600",
         "Pajalla tehdään polttopuuta kotitalouksille ja hoidetaan yhdistysten ja "
         "seurakunnan pihoja. Puunteko on pitkäjänteistä ja rauhallista, ja työstä "
         "näkee konkreettisen tuloksen. Ryhmä työskentelee ulkona lähes kaikilla "
         "säillä."),
    site("o31", "186", "Seurakunnan ruoka-apu ja yhteisölounas",
         ["food_aid", "kitchen"], R, ["assisting", "workshop"], 1, (1, 3), (4, 5),
         "Seurakuntatie 4", "04400",
         "Ruoka-avussa jaetaan kauppojen lahjoittamaa ruokaa kahtena päivänä viikossa "
         "ja valmistetaan yhteisölounas kerran viikossa. Tehtävät vaihtelevat "
         "vastaanotosta ja lajittelusta keittiöön ja asiakkaiden opastamiseen. Työtä "
         "tehdään yhdessä diakoniatyöntekijöiden ja vapaaehtoisten kanssa."),
    site("o32", "106", "Ompelimo ja korjauspaja",
         ["textile", "crafts"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Uudenmaankatu 11", "05800",
         "Ompelimossa tehdään vaatteiden korjauksia ja muutostöitä asiakkaille sekä "
         "ommellaan kierrätysmateriaaleista laukkuja ja lastenvaatteita. Pajalla on "
         "teollisuusompelukoneita, saumureita ja brodeerauskone. Oman mallistonsa "
         "suunnittelusta kiinnostuneille on tilaa kehittää omaa tuotetta."),
    site("o33", "858", "Tallipiha Tuusula",
         ["animals", "gardening", "property_maintenance"], RD, ["workshop"], 2, (1, 5),
         (4, 6), "Tallitie 9", "04310",
         "Tallilla hoidetaan hevosia ja lampaita: ruokitaan, harjataan, siivotaan "
         "karsinat ja korjataan aitauksia. Eläinten hoito noudattaa tarkkaa "
         "päivärytmiä, joka tuo arkeen säännöllisyyttä. Tallille pääsee Hyrylästä "
         "pyörällä tai kimppakyydillä.", learn=True),
    site("o33", "186", "Pesula Järvenpää",
         ["laundry", "cleaning"], D, ["workshop"], 3, (3, 5), (4, 6),
         "Pesulakuja 3", "04400",
         "Pesulassa pestään ja viikataan palvelutalojen ja urheiluseurojen "
         "tekstiilejä. Työ tehdään pienessä ryhmässä ohjaajan tiiviissä tuessa, ja "
         "kuvalliset työohjeet auttavat muistamaan työvaiheet."),
    site("o34", "543", "Kokoonpano Kiuru, työtoimintaryhmä",
         ["packing_assembly", "metalwork"], D, ["group_outside"], 2, (3, 5), (4, 6),
         "Teollisuustie 12", "01900",
         "Ryhmä työskentelee konepajan kokoonpanohallissa ja tekee ruuvaus-, "
         "kokoonpano- ja pakkaustöitä ohjaajansa kanssa. Työ on säännöllistä "
         "tuotantotyötä oikeassa yrityksessä. Kuljetus Klaukkalasta järjestetään "
         "tarvittaessa."),
    # --- Oulu area -------------------------------------------------------------------
    site("o35", "564", "Työkeskus Oulu, alihankinta ja pakkaus",
         ["packing_assembly", "mailing", "warehouse"], D, ["workshop"], 3, (3, 5),
         (4, 6), "Kaarnatie 14", "90530",
         "Työkeskuksessa tehdään pakkaus-, kokoonpano- ja postitustöitä oululaisille "
         "yrityksille ja yhdistyksille. Jokaiselle etsitään tehtävä, joka vastaa omia "
         "vahvuuksia ja toiveita, ja työtahti sovitetaan yksilöllisesti. "
         "Työkeskuksessa on oma ruokala."),
    site("o35", "244", "Työkeskus Kempele, puutyöt",
         ["woodwork", "crafts", "sales"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Ketolantie 7", "90440",
         "Puutyöpajassa valmistetaan pihakalusteita, linnunpönttöjä ja "
         "koriste-esineitä myyntiin sekä pieniä tilaustöitä. Pajalla on hyvät koneet "
         "ja erillinen maalaamo. Kuntouttavan työtoiminnan ja työtoiminnan asiakkaat "
         "työskentelevät samassa ryhmässä.", learn=True),
    site("o36", "564", "Nuorten työpaja, media ja valokuvaus",
         ["digital_media", "photography", "it_support"], R, ["workshop", "remote"], 1,
         (1, 4), (4, 6), "Hallituskatu 20", "90100",
         "Mediapajassa kuvataan, editoidaan ja julkaistaan videoita ja valokuvia "
         "kaupungin nuorisotyön ja yhdistysten tarpeisiin. Pajalla opetellaan myös "
         "verkkosivujen päivittämistä ja somen käyttöä työnhaussa. Osan tehtävistä voi "
         "tehdä etänä.", languages=("fi", "en")),
    site("o36", "564", "Liikuntapaikkojen kenttä- ja kiinteistöryhmä",
         ["property_maintenance", "gardening", "cleaning"], R, ["group_outside"], 2,
         (2, 4), (4, 6), "Kenttätie 4", "90120",
         "Ryhmä huoltaa urheilukenttiä, pukuhuoneita ja ulkoilureittejä: talvella "
         "tehdään lumitöitä ja ylläpidetään latupohjia, kesällä leikataan nurmea ja "
         "korjataan katsomoita. Työ tehdään ohjaajan kanssa kahden tai kolmen hengen "
         "ryhmissä.", learn=True),
    site("o37", "564", "Kierrätystavaratalo Oulu",
         ["recycling", "sales", "warehouse"], RD, ["workshop", "assisting"], 2, (1, 5),
         (4, 6), "Kierrätyskuja 2", "90630",
         "Tavaratalossa lajitellaan lahjoituksia, hinnoitellaan ja myydään kodin "
         "tavaroita, vaatteita ja huonekaluja. Työtehtäviä on myymälässä, varastossa ja "
         "vastaanotossa, ja työkaveri löytyy aina läheltä. Talon kahviossa voi "
         "harjoitella myös asiakaspalvelua.", languages=("fi", "en")),
    site("o37", "564", "Pyörä- ja pienkonepaja",
         ["bicycle_repair", "small_engines"], R, ["workshop"], 2, (1, 4), (4, 6),
         "Kierrätyskuja 2", "90630",
         "Pajassa kunnostetaan polkupyöriä, potkukelkkoja ja pienkoneita myyntiin ja "
         "tehdään huoltoja asiakkaille. Talvipyöräily on Oulussa suosittua, joten "
         "nastarenkaiden vaihdot työllistävät syksyllä. Ohjaaja opastaa työvaiheet "
         "alusta alkaen."),
    site("o38", "564", "Diakonian ruoka-apu ja yhteisöateria",
         ["food_aid", "kitchen", "cleaning"], R, ["assisting", "workshop"], 1, (1, 4),
         (4, 6), "Diakoniakatu 3", "90100",
         "Ruoka-avussa lajitellaan ja jaetaan lahjoitusruokaa ja valmistetaan arkisin "
         "yhteisöateria, johon kaikki ovat tervetulleita. Tehtäviin kuuluu "
         "keittiötyötä, tarjoilua ja tilojen siisteydestä huolehtimista. Työ tehdään "
         "yhdessä vapaaehtoisten ja diakoniatyöntekijöiden kanssa."),
    site("o38", "564", "Seurakunnan päiväkerhot, avustavat tehtävät",
         ["childcare_assistance"], R, ["assisting"], 1, (1, 4), (4, 6),
         "Diakoniakatu 3", "90100",
         "Seurakunnan päiväkerhoissa avustetaan leikeissä, ulkoilussa ja askartelussa "
         "sekä valmistellaan välipaloja. Tehtävään pyydetään rikostaustaote. Tehtävä "
         "sopii sinulle, joka viihdyt lasten kanssa ja mietit kasvatusalan opintoja."),
    site("o39", "244", "Kädentaitopaja, keramiikka ja tekstiili",
         ["crafts", "textile", "sales"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Pajatie 1", "90440",
         "Kädentaitopajassa tehdään keramiikkaa, kudotaan ja ommellaan sekä "
         "suunnitellaan omia tuotteita myyntiin. Pajalla järjestetään kerran kuussa "
         "myyjäiset, joissa omia tuotteita pääsee myymään itse. Ryhmä on pieni ja "
         "ilmapiiri kannustava."),
    site("o40", "425", "Lakeuden eläinpiha",
         ["animals", "gardening", "firewood"], RD, ["workshop"], 2, (1, 5), (4, 6),
         "Lakeudentie 40", "91900",
         "Eläinpihalla hoidetaan vuohia, lampaita, kanoja ja kaneja sekä tehdään "
         "pihapiirin kunnossapitoa ja halkoja saunalle. Eläinten hoito on "
         "aamupainotteista, ja iltapäivisin tehdään puutarha- ja korjaustöitä. Pihalla "
         "on esteetön sisätila taukoja varten.",
         access={"step_free", "accessible_toilet"}),
    site("o41", "564", "Tekstiilihuolto, työtoimintaryhmä",
         ["laundry", "textile"], D, ["group_outside"], 2, (3, 5), (4, 6),
         "Pesulatie 5", "90460",
         "Ryhmä työskentelee yrityksen pesulassa ja tekee viikkaus-, lajittelu- ja "
         "pakkaustöitä oman ohjaajansa kanssa. Työ on tavallista tuotantotyötä, jossa "
         "on selkeät vaiheet ja tasainen tahti. Paikka sopii sinulle, joka haluat "
         "kokeilla työtä yrityksessä."),
    site("o42", "494", "Muhoksen pitopalvelu- ja keittiöpaja",
         ["kitchen", "driving_help", "cafe"], R, ["workshop"], 1, (1, 4), (4, 6),
         "Kauppakuja 2", "91500",
         "Pitopalvelu valmistaa juhla- ja kokoustarjoiluja sekä kotiin kuljetettavia "
         "aterioita ikäihmisille. Tehtävät vaihtelevat ruoanvalmistuksesta "
         "pakkaamiseen ja ruokakuljetuksissa avustamiseen. Työ opettaa aikataulujen ja "
         "hygieniavaatimusten noudattamista käytännössä.", learn=True),
    site("o43", "139", "Iin metsäpaja",
         ["firewood", "property_maintenance", "woodwork"], R,
         ["workshop", "group_outside"], 2, (2, 4), (4, 6), "Sahantie 7", "91100",
         "Metsäpajassa tehdään polttopuuta, raivataan ulkoilureittejä ja rakennetaan "
         "laavuja ja pitkospuita kunnan ja yhdistysten kohteisiin. Työ on ulkotyötä "
         "luonnon keskellä. Moottorisahan käyttöön saa koulutuksen ohjaajalta."),
    site("o44", "564", "Palvelutalo Ruska, avustavat tehtävät",
         ["care_assistance", "kitchen", "driving_help"], R, ["assisting"], 1, (1, 4),
         (4, 6), "Ruskatie 4", "90230",
         "Palvelutalossa avustetaan asukkaita ulkoilussa, asioinnilla ja "
         "viriketoiminnassa sekä autetaan ruokasalissa ja kahviossa. Hoitotyö ei kuulu "
         "tehtäviin. Työ sopii sinulle, joka haluat kokeilla sosiaali- ja terveysalaa "
         "ennen opintoja."),
]  # fmt: skip

# Qualification units (tutkinnon osat) by work tag, for sites that are learning
# environments (opinnollistaminen). Plain descriptive names, not official codes.
LEARNING_UNITS = {
    "kitchen": "Ruokapalveluissa toimiminen",
    "cafe": "Asiakaspalvelussa toimiminen",
    "recycling": "Kierrätysmateriaalien käsittely",
    "sales": "Myyntityössä toimiminen",
    "warehouse": "Varastotoiminnoissa toimiminen",
    "woodwork": "Puutuotteiden valmistaminen",
    "metalwork": "Hitsaus- ja levytöissä toimiminen",
    "textile": "Tekstiilituotteiden valmistaminen",
    "gardening": "Piha- ja ulkoalueiden hoitaminen",
    "property_maintenance": "Kiinteistön ylläpitotehtävissä toimiminen",
    "cleaning": "Puhdistuspalveluissa toimiminen",
    "laundry": "Tekstiilihuollon tehtävissä toimiminen",
    "digital_media": "Kuva- ja videosisältöjen tuottaminen",
    "photography": "Valokuvaaminen ja kuvankäsittely",
    "it_support": "Tietokoneiden asennus ja ylläpito",
    "small_engines": "Pienkoneiden huoltaminen",
    "bicycle_repair": "Polkupyörien huoltaminen",
    "animals": "Eläinten hoitaminen",
    "firewood": "Metsätöissä toimiminen",
    "driving_help": "Kuljetustehtävissä avustaminen",
}
OUTDOOR_TAGS = {"gardening", "firewood", "property_maintenance", "animals"}
TITLES = ["työnohjaaja", "työvalmentaja", "vastaava ohjaaja", "ohjaaja"]
FIRST_NAMES = [
    "Anu", "Heli", "Jaana", "Kaisa", "Marjo", "Merja", "Mervi", "Päivi", "Sari",
    "Tarja", "Tuula", "Ulla", "Hanna-Leena", "Kari", "Matti", "Jouni", "Harri", "Vesa",
    "Ismo", "Tero", "Jyrki", "Lasse", "Marko", "Esa", "Ilkka", "Reijo",
]  # fmt: skip
SURNAMES = [
    "Aaltonen", "Heikkinen", "Hiltunen", "Kinnunen", "Koivisto", "Laaksonen",
    "Lehtinen", "Mäkelä", "Nieminen", "Rantanen", "Salminen", "Toivonen", "Turunen",
    "Virtanen", "Väisänen", "Honkanen", "Kallio", "Leppänen", "Peltonen", "Saarinen",
    "Hyvönen", "Manninen", "Jokinen", "Karjalainen",
]  # fmt: skip
ASCII = str.maketrans({"ä": "a", "ö": "o", "å": "a", "Ä": "a", "Ö": "o", "Å": "a"})


def business_id(rng: random.Random, taken: set[str]) -> str:
    """A valid Finnish business ID (Y-tunnus) in the unissued 9xxxxxx range."""
    while True:
        base = "9" + "".join(str(rng.randint(0, 9)) for _ in range(6))
        total = sum(
            int(d) * w for d, w in zip(base, (7, 9, 10, 5, 8, 4, 2), strict=True)
        )
        remainder = total % 11
        if remainder == 1:  # never issued: draw again
            continue
        value = f"{base}-{0 if remainder == 0 else 11 - remainder}"
        if value not in taken:
            taken.add(value)
            return value


def build_municipalities() -> list[dict]:
    return [
        {"code": code, "name": name, "lat": lat, "lon": lon}
        for code, name, _sv, lat, lon in MUNICIPALITIES
    ]


def build_organisations(rng: random.Random) -> list[dict]:
    taken: set[str] = set()
    out = []
    for ident, name, kind, _domain in ORGANISATIONS:
        org = {"id": ident, "name": name, "kind": kind}
        if kind in ("association", "foundation", "company"):
            org["business_id"] = business_id(rng, taken)
        out.append(org)
    return out


def _price(rng: random.Random, kind: str, services: list[str]) -> int | None:
    """Cents per day with a service voucher; None = free seats by agreement."""
    if kind == "company":
        return rng.choice([5800, 6200, 6500])
    if kind in ("wellbeing_county", "municipality"):
        return None  # the organiser's own units
    if rng.random() < 0.55:
        return rng.choice([3500, 3800, 4200, 4500, 4800, 5200])
    return None


def _accessibility(
    rng: random.Random, tags: list[str], services: list[str], promised: set[str]
) -> list:
    """Drawn by the kind of place; what the description promises is always there."""
    outdoor = tags[0] in OUTDOOR_TAGS
    odds = {
        "step_free": 0.2 if outdoor else 0.75,
        "quiet_space": 0.3 if outdoor else 0.45,
        "accessible_toilet": 0.25 if outdoor else 0.65,
        "hearing_loop": 0.0 if outdoor else 0.12,
        "public_transport": 0.5 if outdoor else 0.8,
        "flexible_hours": 0.4,
        "plain_language": 0.9 if "disability" in services else 0.35,
    }
    drawn = {code for code, p in odds.items() if rng.random() < p}
    return [code for code in odds if code in drawn | promised]


def build_sites(rng: random.Random, municipalities: list[dict]) -> list[dict]:
    centre = {m["code"]: (m["lat"], m["lon"]) for m in municipalities}
    org_kind = {o[0]: o[2] for o in ORGANISATIONS}
    org_domain = {o[0]: o[3] for o in ORGANISATIONS}
    phones: set[str] = set()
    out = []
    for n, s in enumerate(SITES, 1):
        lat0, lon0 = centre[s["municipality"]]
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        while True:
            phone = f"+358 48 {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
            if phone not in phones:
                phones.add(phone)
                break
        email_name = f"{first}.{last}".lower().translate(ASCII)
        big = "disability" in s["services"] and s["support_level"] == 3
        units = []
        if s["learn"]:
            units = [LEARNING_UNITS[t] for t in s["tags"] if t in LEARNING_UNITS][:2]
        out.append(
            {
                "id": f"s{n:02d}",
                "organisation": s["organisation"],
                "name": s["name"],
                "municipality": s["municipality"],
                "lat": round(lat0 + rng.uniform(-0.015, 0.015), 4),
                "lon": round(lon0 + rng.uniform(-0.03, 0.03), 4),
                "services": s["services"],
                "forms": s["forms"],
                "tags": s["tags"],
                "description": s["description"],
                # planned seats; made consistent with the open placements below
                "seats_total": rng.randint(12, 20) if big else rng.randint(4, 12),
                "seats_free": rng.choice([0, 0, 1, 1, 2, 2, 3, 4, 5]),
                "days_per_week": s["days_per_week"],
                "hours_per_day": s["hours_per_day"],
                "support_level": s["support_level"],
                "accessibility": _accessibility(
                    rng, s["tags"], s["services"], s["access"]
                ),
                "languages": s["languages"],
                "learning_units": units,
                "voucher_price_cents": _price(
                    rng, org_kind[s["organisation"]], s["services"]
                ),
                "address": s["address"],
                "postal_code": s["postal_code"],
                "contact_name": f"{first} {last}, {rng.choice(TITLES)}",
                "contact_phone": phone,
                "contact_email": f"{email_name}@{org_domain[s['organisation']]}.example",
            }
        )
    return out


def build() -> dict:
    """The whole data set as a JSON-ready dict."""
    rng = random.Random(SEED)
    municipalities = build_municipalities()
    organisations = build_organisations(rng)
    sites = build_sites(rng, municipalities)
    tags = sorted({t for s in sites for t in s["tags"]})
    clients, placements = clients_and_placements(
        municipalities, organisations, sites, tags, AS_OF, n_clients=N_CLIENTS
    )
    # Seats: the open placements of the data set hold seats; other seats may be taken
    # by clients who are not in it, so only "open + free ≤ total" is kept.
    open_here: dict[str, int] = {}
    for p in placements:
        if p["end"] is None:
            open_here[p["site"]] = open_here.get(p["site"], 0) + 1
    for s in sites:
        s["seats_total"] = max(
            s["seats_total"], open_here.get(s["id"], 0) + s["seats_free"]
        )
    return {
        "format": FORMAT,
        "as_of": AS_OF.isoformat(),
        "municipalities": municipalities,
        "organisations": organisations,
        "sites": sites,
        "jobs": [],
        "clients": clients,
        "placements": placements,
    }


def render(data: dict) -> str:
    """Fixed layout: one record per line, keys in the order built, UTF-8 text."""
    lines = ["{"]
    items = list(data.items())
    for i, (key, value) in enumerate(items):
        comma = "," if i < len(items) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f"  {json.dumps(key)}: [")
            for j, record in enumerate(value):
                end = "," if j < len(value) - 1 else ""
                lines.append(f"    {json.dumps(record, ensure_ascii=False)}{end}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(
                f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}"
            )
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:
    text = render(build())
    OUTPUT.write_text(text, encoding="utf-8")
    data = json.loads(text)
    print(
        f"Wrote {OUTPUT.name}: {len(data['municipalities'])} municipalities, "
        f"{len(data['organisations'])} organisations, {len(data['sites'])} sites, "
        f"{len(data['clients'])} clients, {len(data['placements'])} placements."
    )


if __name__ == "__main__":
    main()
