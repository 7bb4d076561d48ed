"""Evaluation: metrics, and small runs on a fixed and a family world."""

from __future__ import annotations

import numpy as np
import pytest

from matching.core.evaluation import BASELINES, ndcg_at_k
from matching.core.evaluation_summary import bootstrap_ci, worst_decile
from matching.synthetic.evaluation import DEV_SEEDS, REPORT_SEEDS, evaluate_fixed


def test_ndcg_is_one_for_the_ideal_order_and_less_otherwise() -> None:
    truth = [np.array([0.1, 0.5, 0.3])]
    ideal = ndcg_at_k(np.array([[0.5, 0.3, 0.1]]), truth, k=3)
    worst = ndcg_at_k(np.array([[0.1, 0.3, 0.5]]), truth, k=3)
    assert ideal[0] == pytest.approx(1.0)
    assert 0.0 < worst[0] < 1.0


def test_worst_decile_and_interval() -> None:
    values = [float(v) for v in range(20)]
    assert worst_decile(values) == pytest.approx(0.5)  # mean of the lowest two
    lo, hi = bootstrap_ci(values)
    assert lo < np.mean(values) < hi


def test_development_and_report_seeds_do_not_overlap() -> None:
    assert not set(DEV_SEEDS) & set(REPORT_SEEDS)
    assert len(REPORT_SEEDS) >= 20


def test_the_model_beats_tags_then_distance_on_a_fixed_world() -> None:
    # given one small fixed world (train on years 1–2, test on year 3): regression
    lines: list[str] = []
    # when
    results = evaluate_fixed([0], progress=lines.append, n_clients=1500, n_sites=100)
    # then
    model, tags = results.summary("model"), results.summary("tags_then_distance")
    assert model.mean > tags.mean + 0.05
    assert model.top1_truth > tags.top1_truth
    assert all(results.summary(m).violations == 0 for m in results.methods)
    assert results.summary("oracle").mean == pytest.approx(1.0)
    assert results.summary("random").mean < model.mean
    assert set(BASELINES) <= set(results.methods)
    assert len(lines) == 1 and "NDCG@10 model" in lines[-1]
    assert "| model |" in results.table()
