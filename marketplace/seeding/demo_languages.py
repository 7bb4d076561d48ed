"""Swedish (and a few English) descriptions of demo sites in Keski-Uusimaa, where
Swedish speakers live, which the data set format cannot carry (it has one
description per site). Invented demo text, like the Finnish descriptions
(data/demo/README.md): each is the Finnish description in Swedish or English.

Filled only where the site has no text in that language yet, as a new published
version, so that the editor shows the text and search indexes it.
"""

from __future__ import annotations

from marketplace.models import WorkSite
from marketplace.seeding.languages import fill_empty

SWEDISH = {
    "s47": "I arbetscentralen monteras elartiklar, packas reklammaterial och görs "
    "utskick för företag i regionen. Uppgifterna är uppdelade i tydliga steg med "
    "hjälp av bildinstruktioner. Gruppen har flera handledare, och i dagen ingår en "
    "gemensam lunch.",
    "s48": "I verkstaden görs snickeri och pyssel, till exempel ljusstakar, "
    "fågelholkar och beställningsarbeten för daghem. I början av perioden kommer "
    "du överens om dina egna mål, och de gås igenom regelbundet med handledaren. "
    "Verkstaden är också den närmaste arbetsverksamheten för kunderna från "
    "Borgnäs.",
    "s50": "Gruppen gör kontors- och digitalt arbete, som att mata in uppgifter, "
    "skanna, bildbehandla och ombryta föreningarnas meddelanden. En del av arbetet "
    "kan göras på distans, och på närdagarna träffas gruppen i kyrkbyn. I gruppen "
    "övar man också digitala färdigheter för att söka jobb.",
    "s52": "På biblioteket sorterar och ställer man upp material på hyllorna, "
    "hjälper kunderna att använda apparaterna och förbereder utställningar och "
    "sagostunder. Arbetet görs tillsammans med bibliotekets personal, och "
    "uppgifterna kan betona det som intresserar dig.",
    "s54": "I returbutiken sorteras och prissätts donerade varor, kunderna betjänas "
    "och cyklar repareras för försäljning. Uppgifterna byts varje vecka, så att "
    "alla får pröva olika sidor av arbetet. Butiken ligger längs busslinjerna.",
    "s55": "I IT-verkstaden rengörs och uppdateras begagnade datorer, som säljs "
    "förmånligt till studerande och föreningar. Arbetet är noggrant och lugnt, och "
    "en del av programvaruarbetet kan göras på distans. Tidigare kunnande är en "
    "fördel men inte nödvändigt.",
    "s56": "Café Kulmakivi är ett lunch- och kafé i Mäntsälä centrum, där man bakar "
    "och lagar maten själv. Till uppgifterna hör matlagning, diskning och "
    "kundservice. Caféet är en lärmiljö, så kunnandet kan erkännas som en del av "
    "en examen inom branschen.",
    "s60": "På stallet sköter man hästar och får: utfodrar, borstar, mockar boxar "
    "och lagar hagar. Djurskötseln följer en noggrann dagsrytm som ger vardagen "
    "regelbundenhet. Till stallet kommer man från Hyrylä med cykel eller samåkning.",
}

ENGLISH = {
    "s52": "At the library you sort and shelve material, help customers with the "
    "devices and prepare exhibitions and story hours. The work is done alongside "
    "the library staff, and the tasks can lean towards what interests you.",
}


def demo_languages_ensure() -> int:
    """Give the demo sites their Swedish and English descriptions; returns how many
    sites got a text."""
    changed = 0
    for external_id in sorted(set(SWEDISH) | set(ENGLISH)):
        site = WorkSite.objects.filter(external_id=external_id).first()
        if site is None:
            continue
        values = {
            "description_sv": SWEDISH.get(external_id, ""),
            "description_en": ENGLISH.get(external_id, ""),
        }
        changed += fill_empty(site, values)
    return changed
