"""The pages of text that the set-up creates: the accessibility statement with its
feedback form, the privacy notice and help, linked from every page's footer."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from marketplace.seeding.content import LANGUAGES, content_pages_ensure, page_text

KEYS = ("accessibility", "privacy", "help")


def footer_links(html: str) -> dict[str, str]:
    footer = BeautifulSoup(html, "html.parser").find("footer")
    return {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}


@pytest.mark.parametrize("key", KEYS)
def test_every_text_is_written_in_finnish_swedish_and_english_alike(key):
    texts = {lang: page_text(key, lang) for lang in LANGUAGES}
    shapes = set()
    for lang, text in texts.items():
        assert text.title and text.intro and len(text.body) > 1000, lang
        body = BeautifulSoup(text.body, "html.parser")
        # the same sections and points in each language: one text, translated
        shapes.add((len(body.find_all("h2")), len(body.find_all("li"))))
    assert len(shapes) == 1, shapes


def test_the_set_up_creates_the_pages_and_the_footer_links_to_them(client, polku):
    # Given an installation set up as `make run` sets it up
    from cms.models import ContentPage

    # when anyone opens the front page
    html = client.get("/").content.decode()
    # then the footer links to the statement, the notice and help
    links = footer_links(html)
    assert links == {
        "Saavutettavuusseloste": "/saavutettavuus/",
        "Tietosuojaseloste": "/tietosuoja/",
        "Ohjeet": "/ohjeet/",
    }
    # and each page shows its own text, under a title that says where you are
    for key, url in zip(KEYS, links.values(), strict=True):
        page = client.get(url)
        assert page.status_code == 200
        text = page.content.decode()
        assert f"<title>{page_text(key, 'fi').title} – Polku</title>" in text
        assert "Polku – Polku" not in text
        first_heading = re.search(r"<h2>(.*?)</h2>", page_text(key, "fi").body)
        assert first_heading.group(1) in text
    assert ContentPage.objects.live().count() == 3


def test_the_statement_links_to_its_feedback_form_which_stores_the_answer(
    client, polku
):
    from wagtail.contrib.forms.models import FormSubmission

    html = client.get("/saavutettavuus/").content.decode()
    # the link is Wagtail's internal link, rendered as the form's address
    assert 'href="/saavutettavuus/palaute/"' in html
    form_html = client.get("/saavutettavuus/palaute/").content.decode()
    soup = BeautifulSoup(form_html, "html.parser")
    names = [i["name"] for i in soup.select("form.narrow-form [name]")]
    fields = [n for n in names if n != "csrfmiddlewaretoken"]
    assert len(fields) == 3
    # when a visitor sends feedback without the required text
    response = client.post("/saavutettavuus/palaute/", {fields[0]: "Haku"})
    # then the form says what is missing, and nothing is stored
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not FormSubmission.objects.exists()
    # and with it, the feedback is stored for the administrators
    response = client.post(
        "/saavutettavuus/palaute/",
        {fields[0]: "Haku", fields[1]: "Suodattimet ovat pitkä lista.", fields[2]: ""},
    )
    assert response.status_code == 200
    assert "Kiitos palautteestasi" in response.content.decode()
    assert FormSubmission.objects.count() == 1


def test_setting_up_again_keeps_what_an_editor_changed(client, polku):
    from cms.models import ContentPage

    statement = ContentPage.objects.get(slug="saavutettavuus")
    statement.body = "<p>Muokattu seloste.</p>"
    statement.save_revision().publish()
    client.get("/")  # the footer is cached
    # when the set-up runs again
    pages = content_pages_ensure()
    # then nothing is added or overwritten
    assert ContentPage.objects.count() == 3
    assert pages["accessibility"].body == "<p>Muokattu seloste.</p>"
    # and unpublishing a page takes it out of the footer at once
    ContentPage.objects.get(slug="ohjeet").unpublish()
    assert "Ohjeet" not in footer_links(client.get("/").content.decode())
