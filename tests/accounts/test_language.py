"""Finnish unless the user picks another language or the browser asks for Swedish."""

from __future__ import annotations

import pytest
from django.conf import settings

from marketplace.accounts.language import browser_language


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en-US,en;q=0.9", None),
        ("sv-SE,sv;q=0.9,en;q=0.8", "sv"),
        ("sv-FI", "sv"),
        ("en-GB,sv;q=0.5", "sv"),
        ("fi-FI,fi;q=0.9,sv;q=0.8", "fi"),
        ("sv;q=0.4,fi;q=0.9", "fi"),
        ("de-DE,ru", None),
        ("", None),
        ("*", None),
    ],
)
def test_the_browser_chooses_only_between_finnish_and_swedish(header, expected):
    assert browser_language(header) == expected


@pytest.mark.parametrize(
    ("header", "lang"),
    [("en-US,en;q=0.9", "fi"), ("sv-SE,sv;q=0.9", "sv"), ("", "fi"), ("fi", "fi")],
)
def test_a_visitor_gets_finnish_unless_the_browser_asks_for_swedish(
    client, polku, header, lang
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in response.content.decode()


def test_the_language_switch_wins_over_the_browser(client, polku):
    # Given a browser that asks for Swedish, when the user picks English
    response = client.post(
        "/kieli/", {"language": "en", "next": "/"}, HTTP_ACCEPT_LANGUAGE="sv-SE"
    )
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    # then the pages are in English
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="sv-SE").content.decode()
    assert '<html lang="en"' in html


def test_the_language_switch_names_each_language_in_itself_in_lower_case(client, polku):
    html = client.get("/").content.decode()
    assert '<option value="fi" lang="fi" selected>suomi</option>' in html
    assert '<option value="sv" lang="sv">svenska</option>' in html
    assert '<option value="en" lang="en">English</option>' in html


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_language_names_are_in_lower_case_in_finnish_and_swedish(lang):
    # Given the languages a site or a client may have (the forms' and filters' list)
    from django.utils import translation

    from marketplace.shared import vocabularies

    with translation.override(lang):
        names = [
            vocabularies.label("language", code)
            for code in vocabularies.codes("language")
        ]
    # then Finnish and Swedish write every one in lower case, as they write them
    assert names == [name.lower() for name in names]
    assert len(set(names)) == len(names)
