"""Money is typed in euros and kept in cents: the parser, and every money field of the
Wagtail page editor (a site's price and work-share money, a job's price)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from marketplace.shared.euros import EuroCentsField, format_euros, parse_euros


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("48", 4800),
        ("48,00", 4800),
        ("48.5", 4850),
        ("48 €", 4800),
        ("48€", 4800),
        ("€ 48,05", 4805),
        ("1 200,50", 120050),
        ("1\u00a0200,50\u00a0€", 120050),
        (" 0 ", 0),
    ],
)
def test_prices_are_read_as_people_write_them(typed, cents):
    assert parse_euros(typed) == cents


@pytest.mark.parametrize(
    "typed", ["-5", "48,123", "abc", "1.200,50", "48,", "4 8 €x", "1e3"]
)
def test_anything_else_is_refused(typed):
    with pytest.raises(ValueError):
        parse_euros(typed)


@given(
    cents=st.integers(min_value=0, max_value=10_000_000),
    lang=st.sampled_from(["fi", "sv", "en"]),
)
def test_a_shown_amount_reads_back_as_the_same_cents(cents, lang):
    with translation.override(lang):
        assert parse_euros(format_euros(cents)) == cents
        field = EuroCentsField(max_cents=10_000_000)
        assert field.clean(field.prepare_value(cents)) == cents


def test_the_field_says_what_is_wrong_in_euros():
    field = EuroCentsField(max_cents=1200, required=False)
    with translation.override("en"):
        with pytest.raises(Exception) as too_much:
            field.clean("12,01")
        assert "12.00 €" in str(too_much.value)
        with pytest.raises(Exception) as wrong:
            field.clean("kaksitoista")
        assert "euros" in str(wrong.value)
    assert field.clean("") is None


# --- the Wagtail page editor ------------------------------------------------------


@pytest.fixture
def supervisor_site(polku):  # type: ignore[no-untyped-def]
    from marketplace.access import roles
    from tests.factories.accounts import OrganisationFactory, make_user
    from tests.factories.sites import make_site

    org = OrganisationFactory(name="Oma ry")
    site = make_site(title="Oma paja", organisation=org, voucher_price_cents=4550)
    return site, make_user(roles.SUPERVISOR, organisation=org)


def test_the_site_editor_shows_and_takes_euros(client, supervisor_site):
    from marketplace.models import WorkSite
    from tests.factories.accounts import PASSWORD
    from tests.sites.test_moderation import edit_form

    site, supervisor = supervisor_site
    client.login(username=supervisor.username, password=PASSWORD)
    url = f"/admin/pages/{site.pk}/edit/"
    # the stored 4550 cents shows as 45,50 under a label that says €
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    price = soup.select_one("#id_voucher_price_cents")
    assert price["value"] == "45,50"
    assert "€" in soup.select_one("label[for=id_voucher_price_cents]").get_text()
    # when the supervisor types "48 €" and 6 euros of work-share money and saves
    data = edit_form(site, voucher_price_cents="48 €", work_share_cents_per_day="6,00")
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:3000]
    # then the draft holds cents
    draft = WorkSite.objects.get(pk=site.pk).get_latest_revision_as_object()
    assert (draft.voucher_price_cents, draft.work_share_cents_per_day) == (4800, 600)
    # and work-share money above the tax-free daily limit is refused, in euros
    data = edit_form(site, work_share_cents_per_day="12,50")
    with translation.override("fi"):
        response = client.post(url, data)
    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert "12,00 €" in errors
    assert "1200" not in errors  # nobody is told about cents


def test_the_job_editor_takes_euros_and_an_empty_price_is_unpaid(bank):
    from decimal import Decimal  # noqa: F401 - the form data is text, as a browser sends

    from marketplace.jobs.page_forms import JobAdminForm
    from marketplace.models import Job

    form_class = Job.get_edit_handler().get_form_class()
    assert issubclass(form_class, JobAdminForm)
    field = form_class.base_fields["price_cents"]
    assert isinstance(field, EuroCentsField)
    assert field.clean("600,00") == 60000
    form = form_class.__new__(form_class)
    form.cleaned_data = {"price_cents": None}
    assert JobAdminForm.clean_price_cents(form) == 0
