"""AuditStore: answers, feedback, conversations and knowledge gaps, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

import pytest

from copilot.answer.model import AnswerResult, Citation, RedactionOut
from copilot.audit import AuditStore, NotYourAnswer, UnknownAnswer
from guardrails import Violation


def answer(question: str, text: str, **extra) -> AnswerResult:
    return AnswerResult(answer=text, redacted_question=question, **extra)


def test_an_answer_is_recorded_with_its_sources_verdict_and_violations(store):
    result = answer(
        "Is the consultation for [PERSON] free?",
        "The promotional consultation has no charge for eligible new patients.",
        citations=[
            Citation(source="pricing/promotional-consultations.md", title="Promos"),
            Citation(source="pricing/promotional-consultations.md", title="Promos", page=None),
            Citation(source="faq/costs-and-insurance.md", title="Costs"),
        ],
        verdict="revised",
        violations=[
            Violation(
                rule="free-consultation",
                start=0,
                end=4,
                text="free",
                message="say promotional consultation",
            )
        ],
        redactions=[RedactionOut(label="PERSON", start=31, end=36)],
        notes=["Policy note"],
        latency_ms=12.5,
    )
    answer_id = store.record_answer("ana", "agent", result, conversation_id="c1")
    (record,) = store.answers()
    assert record.id == answer_id
    assert (record.user, record.role, record.conversation_id) == ("ana", "agent", "c1")
    assert record.redacted_question == "Is the consultation for [PERSON] free?"
    assert record.sources == ["faq/costs-and-insurance.md", "pricing/promotional-consultations.md"]
    assert record.verdict == "revised"
    assert record.violations == [
        {"rule": "free-consultation", "message": "say promotional consultation"}
    ]
    assert record.redaction_labels == ["PERSON"]
    assert record.latency_ms == pytest.approx(12.5)
    assert record.created_at.tzinfo is not None


def test_conversations_return_the_users_own_turns_oldest_first(store):
    store.record_answer("ana", "agent", answer("Q1 telehealth?", "A1"), conversation_id="c1")
    store.record_answer("ana", "agent", answer("Q2 in-office?", "A2"), conversation_id="c1")
    store.record_answer("ana", "agent", answer("other", "other"), conversation_id="c2")
    store.record_answer("ben", "agent", answer("ben's", "ben's"), conversation_id="c1")
    turns = store.conversation("c1", user="ana")
    assert [(t.role, t.text) for t in turns] == [
        ("agent", "Q1 telehealth?"),
        ("copilot", "A1"),
        ("agent", "Q2 in-office?"),
        ("copilot", "A2"),
    ]
    assert len(store.conversation("c1")) == 6
    assert store.conversation("unknown") == []


def test_conversations_keep_only_the_last_exchanges(store):
    for n in range(8):
        store.record_answer("ana", "agent", answer(f"Q{n}", f"A{n}"), conversation_id="long")
    turns = store.conversation("long", user="ana", max_exchanges=3)
    assert [t.text for t in turns] == ["Q5", "A5", "Q6", "A6", "Q7", "A7"]


def test_feedback_attaches_to_its_answer_and_feeds_qa_cases(store):
    good = store.record_answer("ana", "agent", answer("Hours?", "8 to 5."))
    bad = store.record_answer(
        "ana",
        "agent",
        answer("Parking?", "Lot B."),
    )
    store.record_feedback(good, "ana", "up")
    store.record_feedback(bad, "ana", "down", "wrong lot, it is [LOCATION]")
    records = {r.id: r for r in store.answers()}
    assert [f.rating for f in records[good].feedback] == ["up"]
    assert records[bad].feedback[0].comment == "wrong lot, it is [LOCATION]"
    (case,) = store.feedback_cases()
    assert case["answer_id"] == bad and case["question"] == "Parking?"
    assert case["comment"] == "wrong lot, it is [LOCATION]" and case["answer"] == "Lot B."
    assert [c["answer_id"] for c in store.feedback_cases(rating="up")] == [good]


@pytest.mark.parametrize(
    ("answer_id", "rating", "error"),
    [("does-not-exist", "up", UnknownAnswer), (None, "meh", ValueError), (None, "", ValueError)],
)
def test_bad_feedback_is_refused_with_a_reason(store, answer_id, rating, error):
    real = store.record_answer("ana", "agent", answer("Q", "A"))
    with pytest.raises(error):
        store.record_feedback(answer_id or real, "ana", rating)
    assert store.answers()[0].feedback == []


def test_only_the_agent_who_got_an_answer_may_rate_it_unless_allowed_any(store):
    answer_id = store.record_answer("ana", "agent", answer("Q", "A"))
    with pytest.raises(NotYourAnswer, match="only the agent who got an answer may rate it"):
        store.record_feedback(answer_id, "ben", "down", "not mine")
    assert store.answers()[0].feedback == []
    store.record_feedback(answer_id, "ana", "up")
    store.record_feedback(answer_id, "qa-lead", "down", any_answer=True)
    assert sorted(f.user for f in store.answers()[0].feedback) == ["ana", "qa-lead"]


def test_since_filters_answers_and_feedback_cases(store):
    store.record_answer("ana", "agent", answer("Q", "A"))
    now = datetime.now(UTC)
    assert len(store.answers(since=now - timedelta(minutes=5))) == 1
    assert store.answers(since=now + timedelta(minutes=5)) == []
    naive_past = datetime.now() - timedelta(days=1)  # naive means UTC
    assert len(store.answers(since=naive_past)) == 1


def test_gaps_group_identical_questions_most_asked_first(store):
    for question in ["Do you treat pets?", "Valet parking?", "Do you treat pets?"]:
        store.record_gap(question, "ana")
    gaps = store.gaps()
    assert [(g.redacted_question, g.count) for g in gaps] == [
        ("Do you treat pets?", 2),
        ("Valet parking?", 1),
    ]
    assert gaps[0].last_asked.tzinfo is not None
    assert len(store.gaps(limit=1)) == 1


def test_a_second_store_on_the_same_database_sees_everything(tmp_path):
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first, second = AuditStore.from_url(url), AuditStore.from_url(url)
    answer_id = first.record_answer("ana", "agent", answer("Q", "A"), conversation_id="c9")
    second.record_feedback(answer_id, "ana", "down", "")
    assert [t.text for t in second.conversation("c9")] == ["Q", "A"]
    assert first.feedback_cases()[0]["answer_id"] == answer_id


def test_rating_again_updates_the_users_feedback_instead_of_adding(store):
    answer_id = store.record_answer("ana", "agent", answer("Q", "A"))
    first = store.record_feedback(answer_id, "ana", "down")
    second = store.record_feedback(answer_id, "ana", "down", "cites the 2024 FAQ")
    store.record_feedback(answer_id, "ben", "up", any_answer=True)  # ben is QA
    assert first == second
    feedback = store.answers()[0].feedback
    assert sorted((f.user, f.rating, f.comment) for f in feedback) == [
        ("ana", "down", "cites the 2024 FAQ"),
        ("ben", "up", ""),
    ]


def test_login_failures_are_counted_per_key_and_forgotten(store):
    now = datetime.now(UTC)
    store.record_login_failure("key-a", forget_before=now - timedelta(minutes=15))
    store.record_login_failure("key-a", forget_before=now - timedelta(minutes=15))
    store.record_login_failure("key-b", forget_before=now - timedelta(minutes=15))
    since = now - timedelta(minutes=1)
    assert len(store.login_failures("key-a", since)) == 2
    assert all(abs(t - now) < timedelta(minutes=1) for t in store.login_failures("key-a", since))
    assert store.login_failures("key-a", now + timedelta(minutes=1)) == []
    store.clear_login_failures("key-a")
    assert store.login_failures("key-a", since) == []
    assert len(store.login_failures("key-b", since)) == 1
    store.record_login_failure("key-c", forget_before=now + timedelta(minutes=1))
    assert store.login_failures("key-b", since) == []  # older than forget_before: deleted
