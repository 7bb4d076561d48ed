"""A small evaluation run: the model must beat the tags-then-distance habit."""

from __future__ import annotations

import numpy as np
import pytest

from matching.core.evaluation import METHODS, evaluate, ndcg_at_k


def test_ndcg_is_one_for_the_ideal_order_and_less_otherwise() -> None:
    truth = [np.array([0.1, 0.5, 0.3])]
    ideal = ndcg_at_k(np.array([[0.5, 0.3, 0.1]]), truth, k=3)
    worst = ndcg_at_k(np.array([[0.1, 0.3, 0.5]]), truth, k=3)
    assert ideal[0] == pytest.approx(1.0)
    assert 0.0 < worst[0] < 1.0


def test_the_model_beats_tags_then_distance_without_violations() -> None:
    # given one small world (train on years 1–2, test on year 3)
    lines: list[str] = []
    # when
    results = evaluate(
        seeds=[0], progress=lines.append, n_clients=1500, n_sites=100, n_jobs=30
    )
    # then
    model, tags = results.mean("model"), results.mean("tags_then_distance")
    assert model.ndcg > tags.ndcg + 0.05
    assert model.top1_truth > tags.top1_truth
    assert all(results.mean(m).violations == 0 for m in METHODS)
    assert results.mean("oracle").ndcg == pytest.approx(1.0)
    assert results.mean("random").ndcg < model.ndcg
    assert len(lines) == 3 and "NDCG@10 model" in lines[-1]
    assert "| model |" in results.table()
