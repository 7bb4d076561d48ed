"""The organiser's matcher page in a real browser: the model in use, its hold-out
figures, the reliability chart and what it weighs, axe-clean and usable at 390 px."""

from __future__ import annotations

import datetime as dt

import pytest

from marketplace.access import roles
from matching.models import MatcherModel
from tests.factories.accounts import OrganisationFactory, make_user
from tests.security.login import browser_log_in as log_in

pytestmark = pytest.mark.browser

EVALUATION = {
    "holdout_rows": 125,
    "holdout_auc": 0.73,
    "content_holdout_auc": 0.65,
    "decision": {"code": "in_use", "auc": 0.73, "other": 0.65},
    "calibration": {
        "method": "platt",
        "params": {"coef": [1.0, 0.0]},
        "rows": 125,
        "brier": 0.198,
        "brier_base": 0.233,
        "brier_raw": 0.2,
        "bins": [
            {"predicted": p / 10, "observed": min(1.0, p / 10 + 0.03), "periods": 16}
            for p in range(1, 9)
        ],
    },
    "weights": {"groups": {"history": 0.3, "words": 0.4, "goal": 0.2, "fit": 0.1}},
    "config": {"distance_penalty": 0.5},
}


def test_the_matcher_page_shows_evaluation_calibration_and_weights(
    page, polku, shot, axe
):
    # Given a model in use with its figures, and an organiser
    MatcherModel.objects.create(
        path="/nonexistent.pkl", kind="logreg", sklearn_version="x",
        code_version="x", data_as_of=dt.date(2026, 11, 1), training_rows=500,
        evaluation=EVALUATION, is_active=True, decision="in_use",
    )  # fmt: skip
    organiser = make_user(
        roles.ORGANISER, organisation=OrganisationFactory(kind="wellbeing_county")
    )
    log_in(page, organiser)
    # when they open the matcher page
    page.goto("/oma/suosittelija/")
    # then the model, its chart and what it weighs are there in Finnish
    text = page.locator("main").inner_text()
    assert "Käytössä oleva malli" in text and "logistinen regressio" in text
    assert "Mitä malli painottaa" in text and "logreg" not in text
    assert page.locator("svg#reliability circle").count() == 8
    shot(page, "matcher-page")
    assert axe(page) == []
    # and on a phone nothing is wider than the screen
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    shot(page, "matcher-page-390")
    assert width <= 390
