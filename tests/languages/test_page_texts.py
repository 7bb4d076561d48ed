"""Page texts in Finnish, Swedish and English: shown in the user's language, or in
Finnish marked lang="fi"; found by search and read by the matcher in each language."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import translation

from marketplace.shared.languages import in_language, texts
from tests.factories.sites import make_site

SWEDISH = "Snickeri och möbelrenovering i lugn takt, med handledare på plats."


def in_lang(client, lang):  # type: ignore[no-untyped-def]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client


def lead(html: str) -> str:
    """The opening tag of the page's lead paragraph."""
    return re.search(r"<p class=\"lead\"[^>]*>", html).group(0)


@pytest.fixture
def site(polku):  # type: ignore[no-untyped-def]
    site = make_site(title="Puupaja Höylä", description="Puutöitä omaan tahtiin.")
    site.description_sv = SWEDISH
    site.save_revision().publish()
    yield site
    translation.activate(settings.LANGUAGE_CODE)


def test_a_swedish_visitor_reads_the_swedish_description(client, site):
    # Given a site with a Finnish and a Swedish description
    # when a Swedish-speaking visitor opens its page
    html = in_lang(client, "sv").get(site.url).content.decode()
    # then the Swedish text is there, in the page's own language (no lang mark)
    assert SWEDISH in html
    assert "Puutöitä omaan tahtiin." not in html
    assert 'lang="' not in lead(html).replace('class="lead"', "")


def test_without_an_english_text_the_finnish_one_is_shown_marked_finnish(client, site):
    # Given the same site, which has no English description
    html = in_lang(client, "en").get(site.url).content.decode()
    # then an English visitor reads the Finnish text, marked as Finnish
    assert "Puutöitä omaan tahtiin." in html
    assert lead(html) == '<p class="lead" lang="fi">'
    # and the catalogue's card says the same
    cards = in_lang(client, "en").get("/tyotoimintapaikat/").content.decode()
    assert '<p class="summary" lang="fi">Puutöitä omaan tahtiin.' in cards


def test_the_finnish_visitor_reads_finnish_whatever_else_is_written(client, site):
    html = in_lang(client, "fi").get(site.url).content.decode()
    assert "Puutöitä omaan tahtiin." in html
    assert SWEDISH not in html


def test_the_catalogue_and_job_bank_headings_are_in_each_language(client, polku):
    # Given the pages the set-up creates; then each language has its heading
    expected = {
        "/tyotoimintapaikat/": {
            "fi": "Työtoimintapaikat",
            "sv": "Arbetsverksamhetsplatser",
            "en": "Work-activity sites",
        },
        "/tyopankki/": {"fi": "Työpankki", "sv": "Jobbank", "en": "Job bank"},
    }
    for url, headings in expected.items():
        for lang, heading in headings.items():
            html = in_lang(client, lang).get(url).content.decode()
            assert f"<h1>{heading}</h1>" in html, (url, lang)


def test_content_pages_and_footer_links_are_in_the_users_language(client, polku):
    html = in_lang(client, "sv").get("/tietosuoja/").content.decode()
    assert "<h1>Dataskyddsbeskrivning</h1>" in html
    assert ">Tillgänglighetsutlåtande</a>" in html  # footer
    html = in_lang(client, "en").get("/saavutettavuus/").content.decode()
    assert "<h1>Accessibility statement</h1>" in html


def test_a_page_edited_in_the_editor_shows_each_languages_text(admin_client, site):
    # Given an editor who writes an English description and publishes
    from marketplace.models import WorkSite

    site = WorkSite.objects.get(pk=site.pk)
    site.description_en = "Woodwork at your own pace."
    site.save_revision().publish()
    # then the languages keep their own texts
    site = WorkSite.objects.get(pk=site.pk)
    assert texts(site, "description") == [
        ("fi", "Puutöitä omaan tahtiin."),
        ("sv", SWEDISH),
        ("en", "Woodwork at your own pace."),
    ]
    assert str(in_language(site, "description", "en")) == "Woodwork at your own pace."


def test_search_finds_a_site_by_its_swedish_description(client, site):
    # Given the Swedish words of the description only (möbelrenovering is in no
    # Finnish text); when a Swedish visitor searches an inflected form
    response = in_lang(client, "sv").get(
        "/tyotoimintapaikat/", {"q": "möbelrenoveringen"}
    )
    found = [s.title for s in response.context["catalogue"].page.object_list]
    # then the site is found
    assert found == ["Puupaja Höylä"]


def test_the_matcher_reads_each_language_in_its_own_language(site):
    from matching.core.text import tokens
    from matching.web import description_text, site_record

    # Given the site's record for the matcher
    text = description_text(site)
    assert text.startswith("Puutöitä omaan tahtiin.\n\n")
    assert SWEDISH in site_record(site).description
    # then the Swedish paragraph is read as Swedish (base forms of Swedish words)
    # and the Finnish one as Finnish
    words = tokens(text)
    assert "puutyö" in words
    assert "handledare" in words
    assert "takt" in words
