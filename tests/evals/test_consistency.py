"""Consistency lint: the real knowledge base's known contradictions, and synthetic documents
with conflicts and hard negatives."""

from pathlib import Path

import pytest

from copilot.evals.consistency.extract import schedule_facts
from copilot.evals.consistency.lint import LintDocument, lint_documents, lint_knowledge
from copilot.evals.consistency.model import DocInfo
from guardrails.markdown import by_line, walk


@pytest.fixture(scope="module")
def findings():
    return lint_knowledge(Path("knowledge"), 20_000_000)


def by_kind(found, kind):
    return [f for f in found if f.kind == kind]


def test_schedule_pdf_contradicted_by_the_oct_2_update(findings):
    (finding,) = by_kind(findings, "schedule_contradicted_by_update")
    assert finding.subject == "Dr. Bell / Friday"
    assert finding.first.source == "schedules/doctor-schedule-2025-09.pdf"
    assert finding.first.page == 1
    assert finding.second.source == "updates/2025-10-02.md" and finding.second.line == 18
    assert "1:00 PM – 5:00 PM" in finding.message and "9:00 AM – 12:00 PM" in finding.message


def test_the_withdrawn_150_phone_consultation_is_still_stated(findings):
    (finding,) = by_kind(findings, "withdrawn_offer_still_stated")
    assert finding.subject == "$150 phone consultation"
    assert finding.first.source == "updates/2025-03-03.md"
    assert finding.second.source == "updates/2025-08-13.md" and finding.second.line == 14


def test_voicemail_rules_conflict(findings):
    (finding,) = by_kind(findings, "rule_conflict")
    sources = {finding.first.source, finding.second.source}
    assert sources == {"scripts/voicemail.md", "sops/caller-identity-verification.md"}
    assert "voicemail" in finding.subject
    assert "first name" in finding.message


def test_nothing_else_is_reported_for_the_real_knowledge_base(findings):
    """Pages that mention the old Friday block as history ("was", "through Oct 3") and pages
    that mention the $150 offer as discontinued are consistent: no findings for them."""
    assert len(findings) == 3, [f.message for f in findings]
    assert not by_kind(findings, "price_conflict")


def test_findings_print_both_locations(findings):
    data = findings[0].as_dict()
    assert data["first"]["where"] and data["second"]["where"]


def doc(source, text, category="faq", updated="2025-01-01"):
    info = DocInfo(source, source, category, updated, "current")
    return LintDocument(info, tuple(by_line(walk(text))))


PRICES_A = """# Prices

| Service | Price | Notes |
|---|---|---|
| Semen analysis | $200 | |
| IVF cycle (one retrieval) | **$14,900** | Regular price of the $99 promotion. |
| Promotional consultation | $99 | |
"""

PRICES_B = """# Costs FAQ

An IVF cycle is $15,500, which includes monitoring.

| Test | Self-pay price | Regular price |
|---|---|---|
| Semen analysis (SA) | $200 | $260 |

PGT-A for 4 embryos would be $3,200. For 5 embryos it is $3,550.
"""


def test_same_service_with_two_prices_is_a_conflict():
    found = lint_documents([doc("a.md", PRICES_A), doc("b.md", PRICES_B, updated="2025-02-01")])
    (finding,) = found
    assert finding.kind == "price_conflict" and finding.subject == "ivf cycle"
    assert {finding.first.source, finding.second.source} == {"a.md", "b.md"}
    assert "$14,900" in finding.message and "$15,500" in finding.message
    assert (finding.first.line, finding.second.line) == (6, 3)


@pytest.mark.parametrize(
    "text",
    [
        "| Service | Price |\n|---|---|\n| IVF cycle | $14,900 |\n",
        "Our IVF cycle was $13,900 last year.\n",  # history, not a current price
        "| Service | Price | Never say |\n|---|---|---|\n| IVF cycle | $14,900 | $9,999 |\n",
    ],
)
def test_hard_negatives_are_not_conflicts(text):
    found = lint_documents([doc("a.md", PRICES_A), doc("c.md", text)])
    assert found == [], [f.message for f in found]


def test_an_update_wins_and_transition_pages_are_consistent():
    schedule = doc("schedule.md", "## Dr. Ann Lee\n\n| Day | Hours |\n|---|---|\n"
                   "| Tuesday | 1:00 PM – 5:00 PM |\n", category="schedules")
    update = doc("updates/new.md", "Starting May 5, Dr. Ann Lee's Tuesday block moves to "
                 "9:00 AM – 12:00 PM.\n", category="updates", updated="2025-05-01")
    transition = doc("faq.md", "Dr. Lee: Tue 9:00 AM – 12:00 PM (was 1:00 – 5:00 PM).\n",
                     updated="2025-05-02")
    found = lint_documents([schedule, update, transition])
    assert [(f.kind, f.first.source) for f in found] == [
        ("schedule_contradicted_by_update", "schedule.md")
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("| Dr. Ann Lee | Mon & Wed, 8:30 AM – 4:30 PM | Thu, 9:00 AM – 12:00 PM |",
         {("Monday", "08:30-16:30", True), ("Wednesday", "08:30-16:30", True),
          ("Thursday", "09:00-12:00", True)}),
        ("Dr. Lee: Fri 1:00 PM – 5:00 PM through Oct 3, 2025; 9:00 AM – 12:00 PM from Oct 10.",
         {("Friday", "13:00-17:00", False), ("Friday", "09:00-12:00", True)}),
        ("Dr. Lee sees patients Monday (lunch 12:00–1:00 PM).", set()),
        ("Call Center hours: Monday–Friday, 8:00 AM – 6:00 PM.", set()),
        ("Dr. Lee is in San Mateo Tue & Thu; virtual Fri 9:00 AM – 12:00 PM.",
         {("Friday", "09:00-12:00", True)}),
        ("Verification takes 3–5 business days for Dr. Lee on Monday.", set()),
    ],
)
def test_schedule_fact_reading(line, expected):
    facts = schedule_facts(by_line(walk(line)), "x.md")
    assert {(f.key.split(" / ")[1], f.value, f.current) for f in facts} == expected


@pytest.mark.parametrize(
    ("module", "model", "data"),
    [
        ("copilot.evals.consistency.extract", "ConsistencyCues", "evals/data/consistency.yaml"),
        ("copilot.knowledge.reading", "ReadingCues", "data/reading.yaml"),
    ],
)
def test_the_cue_files_refuse_an_unknown_key(tmp_path, module, model, data):
    import importlib

    from guardrails.data import DataFileError, load_model

    shipped = Path(importlib.import_module("copilot").__file__).parent / data
    path = tmp_path / Path(data).name
    path.write_text(shipped.read_text(encoding="utf-8") + "\nextra_cues: [x]\n")
    cues_model = getattr(importlib.import_module(module), model)
    assert load_model(shipped, cues_model)
    with pytest.raises(DataFileError, match="unknown key 'extra_cues'"):
        load_model(path, cues_model)
