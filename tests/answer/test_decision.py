"""The "is this covered?" decision: the coverage model's file, probability and three outcomes."""

from __future__ import annotations

import pytest

from copilot.answer.decision import SIGNALS, CoverageModel


@pytest.fixture(scope="module")
def model() -> CoverageModel:
    return CoverageModel.load()


def test_the_shipped_model_names_every_signal_and_orders_its_thresholds(model):
    assert set(model.weights) == set(SIGNALS)
    assert 0 <= model.weak_at <= model.answer_at <= 1


def test_close_words_on_point_answer_and_words_the_documents_never_use_do_not(model):
    on_point = {"dense": 0.7, "coverage": 0.9, "unknown": 0.0, "agreement": 1.0, "statement": 0.8}
    unrelated = {"dense": 0.25, "coverage": 0.2, "unknown": 0.6, "agreement": 0.0, "statement": 0.1}
    assert model.outcome(model.probability(on_point)) == "answered"
    assert model.outcome(model.probability(unrelated)) == "not_covered"
    assert model.probability(unrelated) < model.probability(on_point)


def test_between_the_thresholds_the_evidence_is_weak():
    model = CoverageModel({name: 0.0 for name in SIGNALS}, 0.0, answer_at=0.6, weak_at=0.4)
    assert model.probability({name: 1.0 for name in SIGNALS}) == pytest.approx(0.5)
    assert model.outcome(0.5) == "weak"
    assert model.outcome(0.6) == "answered"
    assert model.outcome(0.39) == "not_covered"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("weights: {dense: 1}\nanswer_at: 0.5\nweak_at: 0.3\n", "weights must name exactly"),
        (
            "weights: {dense: 1, coverage: 1, unknown: 1, agreement: 1, statement: 1}\n"
            "answer_at: 0.3\nweak_at: 0.5\n",
            "weak_at <= answer_at",
        ),
    ],
)
def test_a_broken_model_file_is_an_error_naming_what_is_wrong(tmp_path, text, error):
    path = tmp_path / "coverage.yaml"
    path.write_text(text)
    with pytest.raises(ValueError, match=error):
        CoverageModel.load(path)
