"""The management commands: thin wrappers over :mod:`matching.cli` (no database).

These need Django settings (pytest-django with ``config.settings.test``); the rest of
``tests/matching`` is pure and also runs with ``-p no:django``.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from matching.synthetic.world import World
from tests.factories.datasets import document, site


def test_rank_dataset_writes_the_ranking(world: World, tmp_path: Path) -> None:
    # given a data set file
    source, out = tmp_path / "dataset.json", tmp_path / "ranking.json"
    source.write_text(json.dumps(world.data), encoding="utf-8")
    stdout = StringIO()
    # when
    call_command("rank_dataset", str(source), out=str(out), stdout=stdout)
    # then
    ranking = json.loads(out.read_text(encoding="utf-8"))
    assert ranking["format"] == "polku-ranking/1"
    assert len(ranking["rankings"]) == len(world.dataset.queries)
    printed = stdout.getvalue()
    assert "Trained logreg" in printed and "Ranked" in printed


def test_rank_dataset_prints_every_error_and_fails(tmp_path: Path) -> None:
    # given a data set with two errors
    source = tmp_path / "bad.json"
    doc = document(sites=[site(municipality="999", tags=["juggling"])])
    source.write_text(json.dumps(doc), encoding="utf-8")
    stderr = StringIO()
    # when / then
    with pytest.raises(CommandError, match="2 error"):
        call_command(
            "rank_dataset", str(source), out=str(tmp_path / "out.json"), stderr=stderr
        )
    assert 'sites[0].municipality: unknown code "999"' in stderr.getvalue()
    assert "sites[0].tags" in stderr.getvalue()
    assert not (tmp_path / "out.json").exists()


def test_rank_dataset_reports_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="1 error"):
        call_command(
            "rank_dataset",
            str(tmp_path / "missing.json"),
            out=str(tmp_path / "out.json"),
            stderr=StringIO(),
        )


def test_evaluate_matcher_prints_the_table() -> None:
    stdout = StringIO()
    call_command("evaluate_matcher", seeds=1, worlds="fixed", stdout=stdout)
    printed = stdout.getvalue()
    assert "[1/1] seed 0" in printed
    assert "| tags_then_distance |" in printed and "| oracle | 1.000" in printed
    assert "service_language" in printed  # the fairness table


def test_evaluate_matcher_refuses_zero_seeds() -> None:
    with pytest.raises(CommandError, match="at least 1"):
        call_command("evaluate_matcher", seeds=0, stdout=StringIO())
