"""``make run``'s matcher: the demo trains a model that learns and puts it in use,
the matcher page shows its evaluation and calibration in Finnish and Swedish, and
the audit shows groups."""

from __future__ import annotations

import io
import re

from django.core.management import call_command

from marketplace.models import User
from matching.audit import audit_rows
from matching.models import ClientAuditAttributes, MatcherModel


def test_the_demo_puts_a_calibrated_learned_model_in_use(
    polku, client, settings, tmp_path
):
    # given the demo loaded as make run loads it
    settings.MATCHER_ARTIFACT_DIR = str(tmp_path)
    out = io.StringIO()
    call_command("load_demo", "--force", stdout=out)
    # then a trained model ranks, better than content alone on the latest periods
    model = MatcherModel.objects.get(is_active=True)
    ev = model.evaluation
    assert ev["decision"]["code"] == "in_use"
    assert ev["holdout_auc"] > ev["content_holdout_auc"]
    calibration = ev["calibration"]
    assert calibration["brier"] < calibration["brier_base"] and calibration["bins"]
    # and every demo client has audit attributes, so the audit shows groups
    assert not ClientAuditAttributes.objects.filter(age_band="").exists()
    groups = [r.group for r in audit_rows("age_band") if not r.suppressed]
    assert len(groups) >= 4 and "(not recorded)" not in groups
    # and the organiser's matcher page says it all without English or codes
    client.force_login(User.objects.get(username="jarjestaja"))
    for language, words in (
        ("fi", ("Käytössä oleva malli", "Mitä malli painottaa")),
        ("sv", ("Modellen som används", "Vad modellen väger")),
    ):
        page = client.get("/oma/suosittelija/", HTTP_ACCEPT_LANGUAGE=language)
        body = page.content.decode()
        assert all(w in body for w in words), language
        assert "<svg" in body and "reliability" in body
        text = re.sub(r"<[^>]+>", " ", body)
        for english in ("Not used", "hold-out AUC", "logreg", "In use:", "history"):
            assert english not in text, (language, english)
