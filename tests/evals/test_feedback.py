"""Thumbs-down answers from a real audit store become draft cases QA can complete and load."""

from datetime import UTC, datetime, timedelta

import yaml

from copilot.answer.model import AnswerResult, Citation
from copilot.audit import AuditStore
from copilot.evals.feedback import draft_suite_yaml
from copilot.evals.suite import load_suite


def record(store, question, answer, rating):
    result = AnswerResult(
        answer=answer, redacted_question=question, verdict="pass",
        citations=[Citation(source="pricing/price-list.md", title="Price list")],
    )
    answer_id = store.record_answer("agent1", "agent", result)
    store.record_feedback(answer_id, "agent1", rating, comment="wrong price")
    return answer_id


def test_down_votes_become_loadable_draft_cases(tmp_path):
    store = AuditStore.from_url(f"sqlite:///{tmp_path / 'audit.db'}")
    down = record(store, "<PERSON> asks how much ivf is", "IVF is $13,900.", "down")
    record(store, "how much is iui", "IUI is $950.", "up")
    text = draft_suite_yaml(store.feedback_cases(rating="down"))
    data = yaml.safe_load(text)
    (case,) = data["cases"]
    assert case["id"] == f"fb-{down[:12]}"
    assert case["question"] == "<PERSON> asks how much ivf is"
    assert case["must_include"] == [] and case["sources"] == []
    assert "IVF is $13,900." in case["notes"] and "wrong price" in case["notes"]
    assert "pricing/price-list.md" in case["notes"]
    path = tmp_path / "drafts.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_suite(path).cases[0].question == case["question"]


def test_since_filters_and_an_empty_period_says_so(tmp_path):
    store = AuditStore.from_url(f"sqlite:///{tmp_path / 'audit.db'}")
    record(store, "how much is ivf", "IVF is $13,900.", "down")
    tomorrow = datetime.now(UTC) + timedelta(days=1)
    text = draft_suite_yaml(store.feedback_cases(since=tomorrow, rating="down"))
    assert "No thumbs-down feedback" in text
    assert yaml.safe_load(text) is None
