"""The one field template and error summary (templates/includes/field.html,
error_summary.html, form.html): groups of choices in a fieldset with a legend, an
error summary that names and links every field, one message per field."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.template.loader import render_to_string
from django.utils import translation


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As the client wants to be called.")
    days = forms.IntegerField(label="Days per week", min_value=1, max_value=4)
    colours = forms.MultipleChoiceField(
        label="Colours",
        choices=[("red", "Red"), ("blue", "Blue")],
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose any.",
    )
    size = forms.ChoiceField(
        label="Size", choices=[("s", "Small"), ("l", "Large")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree")

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if cleaned.get("name") == "clash":
            raise forms.ValidationError("These choices do not fit together.")
        return cleaned


def render(form: forms.Form) -> BeautifulSoup:
    with translation.override("en"):
        return BeautifulSoup(
            render_to_string("includes/form.html", {"form": form}), "html.parser"
        )


def test_a_group_of_choices_is_a_fieldset_whose_legend_is_the_question():
    html = render(ExampleForm())
    for name, question in (("colours", "Colours"), ("size", "Size")):
        fieldset = html.find("input", attrs={"name": name}).find_parent("fieldset")
        assert fieldset is not None
        assert fieldset.legend.get_text(" ", strip=True).startswith(question)
        # each choice has its own label, after its box
        for box in fieldset.find_all("input", attrs={"name": name}):
            label = html.find("label", attrs={"for": box["id"]})
            assert label is not None and label.get_text(strip=True)
            assert box.find_next_sibling("label") == label
        # and no label claims the whole group
        assert html.find("label", string=question) is None
    # the help of a group is read with it
    fieldset = html.find("input", attrs={"name": "colours"}).find_parent("fieldset")
    assert html.find(id=fieldset["aria-describedby"]).get_text() == "Choose any."


def test_a_single_checkbox_comes_before_its_label_and_other_labels_come_first():
    html = render(ExampleForm())
    agree = html.find("input", attrs={"name": "agree"})
    assert agree.find_next_sibling("label")["for"] == agree["id"]
    name = html.find("input", attrs={"name": "name"})
    assert name.find_previous("label")["for"] == name["id"]
    assert html.find(id=name["aria-describedby"]).get_text() == (
        "As the client wants to be called."
    )


def test_the_error_summary_names_and_links_every_field_with_an_error():
    # given a form sent with five fields wrong and a rule that spans fields
    form = ExampleForm({"name": "clash", "days": "9"})
    assert not form.is_valid()
    html = render(form)
    summary = html.find(class_="error-summary")
    # then the summary comes first and takes the focus
    assert summary is html.find("div")
    assert summary.has_attr("autofocus") and summary["tabindex"] == "-1"
    items = [li.get_text(" ", strip=True) for li in summary.find_all("li")]
    assert items[0] == "These choices do not fit together."
    links = {a["href"]: a.get_text(" ", strip=True) for a in summary.find_all("a")}
    assert len(links) == 4  # days, colours, size, agree: each once
    for href, text in links.items():
        # each link moves to an input of that field, and says which field
        target = html.find(id=href[1:])
        assert target is not None and target.name == "input", href
        label = text.split(":")[0]
        assert label in {"Days per week", "Colours", "Size", "I agree"}
    assert links["#id_colours_0"].startswith("Colours:")
    assert links["#id_size_0"].startswith("Size:")


def test_a_field_shows_one_message_and_points_to_it():
    form = ExampleForm({"name": "x", "days": "9"})
    form.is_valid()
    form.add_error("days", "A second message about the same number.")
    html = render(form)
    days = html.find("input", attrs={"name": "days"})
    field = days.find_parent(class_="field")
    assert len(field.find_all(class_="error")) == 1
    assert days["aria-invalid"] == "true"
    assert html.find(id="id_days_error") in field.find_all(class_="error")
    assert "id_days_error" in days["aria-describedby"].split()
    # the fieldset of a group with an error points to its message too
    colours = html.find("input", attrs={"name": "colours"}).find_parent("fieldset")
    assert "id_colours_error" in colours["aria-describedby"].split()


@pytest.mark.django_db
def test_an_impossible_number_of_days_has_one_message_not_two(polku):
    # given a new rehabilitative client with 6 days a week (a field limit) and 2
    # hours a day (the law's limit for this service)
    from marketplace.clients.forms.clients import ClientForm
    from tests.factories.accounts import MunicipalityFactory

    form = ClientForm(
        {
            "name": "Testi",
            "municipality": MunicipalityFactory().pk,
            "service": "rehabilitative",
            "goal_1": "studies",
            "days_per_week": "6",
            "hours_per_day": "2",
            "max_travel_km": "10",
        }
    )
    assert not form.is_valid()
    # then each field says one thing: the field's limit, the service's rule
    assert len(form.errors["days_per_week"]) == 1
    assert len(form.errors["hours_per_day"]) == 1
