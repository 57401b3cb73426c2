"""Policy validation, the allow-list harvest, look-alike normalisation, and the labelled set."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails import Allowlist, ClaimsChecker, Policy
from guardrails.data import PACKAGE_DIR
from guardrails.evaluation import load_labelled, score
from guardrails.text import MAX_SENTENCE_CHARS, normalize, sentence_spans

DATA = Path(__file__).parent / "data" / "phi_labelled.jsonl"


def _policy_with(tmp_path, mutate) -> Path:
    data = yaml.safe_load((PACKAGE_DIR / "policy.yaml").read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "policy.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_packaged_policy_loads():
    policy = Policy.load()
    assert policy.required_notes["age_42_plus"].min_age == 42


@pytest.mark.parametrize(("mutate", "named"), [
    (lambda d: d["rules"]["guarantee"].update(sevrity="high"), "rules.guarantee.sevrity"),
    (lambda d: d.update(extra_section={}), "extra_section"),
    (lambda d: d["rules"]["medical_advice"]["patterns"].append("(unclosed"), "patterns"),
    (lambda d: d["rules"]["price_mismatch"]["periods"].update(month="(unclosed"),
     "rules.price_mismatch.periods"),
    (lambda d: d["rules"]["guarantee"].pop("message"), "rules.guarantee.message"),
    (lambda d: d["urgent"]["intensifiers"].append("(unclosed"), "urgent.intensifiers"),
    (lambda d: d["rules"]["guarantee"].update(kind="promises"),
     "rules.guarantee.kind: rule 'guarantee' has the unknown kind 'promises'; known: "
     "free_consultation, phrases, price"),
    (lambda d: d["required_notes"]["age_42_plus"].update(min_agee=40),
     "required_notes.age_42_plus.min_agee"),
    (lambda d: d["required_notes"]["clinical_question"].pop("kind"),
     "required_notes.clinical_question.kind: note 'clinical_question' has the unknown kind None"),
    (lambda d: next(t for t in d["urgent"]["triggers"] if t["name"] == "fever").update(
        unless_measured=["fever over 99"]),
     "urgent trigger 'fever': unless_measured names"),
    # a measured trigger whose pattern does not name a unit it converts
    (lambda d: next(t for t in d["urgent"]["triggers"] if t.get("units")).update(
        units={"tonne": 2204.6}),
     "urgent trigger 'rapid weight gain': its pattern has no group named"),
])
def test_bad_policy_is_an_error_naming_the_key(tmp_path, mutate, named):
    with pytest.raises(ValueError, match=named.replace(".", r"\.")):
        Policy.load(_policy_with(tmp_path, mutate))


def test_a_rule_or_a_note_of_a_known_kind_is_added_in_the_yaml_alone(tmp_path):
    def add(data):
        data["rules"]["slot_promise"] = {
            "kind": "phrases", "description": "No promised slot.", "message": "A promised slot.",
            "suggestion": "Say the scheduler confirms.", "patterns": ["next week for sure"],
            "negations": r"\bnot\b", "negation_window": 3}
        data["required_notes"]["parking"] = {
            "kind": "question", "text": "Parking is validated at the front desk.",
            "question_patterns": [r"\bpark"], "present_when": ["validated"]}

    checker = ClaimsChecker(Policy.load(_policy_with(tmp_path, add)))
    said = "You will get a slot next week for sure."
    assert {v.rule for v in checker.check(said).violations} == {"slot_promise"}
    assert "parking" in {n.id for n in checker.required_notes("where can she park?")}
    assert "parking" not in {n.id for n in checker.required_notes("what are the hours?")}
    assert {v.rule for v in ClaimsChecker(Policy.load()).check(said).violations} == set()


def test_allowlist_harvests_clinic_terms(allowlist):
    assert "5550100140" in allowlist.phone_digits
    assert "records@harborpoint-fertility.example" in allowlist.terms
    assert {"dr. helen zhao", "helen zhao", "dr. zhao"} <= allowlist.terms
    assert "ms. sample" not in allowlist.terms


def test_the_allowlists_insurers_are_its_terms_and_named_as_whole_words(allowlist):
    assert {"aetna", "blue shield"} <= allowlist.insurers <= allowlist.terms
    assert allowlist.is_listed("Blue Shield")
    assert set(allowlist.insurers_named("her BLUE  SHIELD card and an Aetna letter")) == {
        "blue shield", "aetna"}
    assert allowlist.insurers_named("a shield, a blue pen, kaiserschmarrn") == []


def test_allowlist_unknown_key_is_an_error(tmp_path):
    path = tmp_path / "allow.yaml"
    path.write_text("terms: [a]\nphones: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="phones"):
        Allowlist.load(path)


@pytest.mark.parametrize(("raw", "folded"), [
    ("fr\u0435\u0435", "free"), ("compl1mentary", "complimentary"), ("FR3E", "free"),
    ("$0 consult", "$0 consult"), ("24h", "24h"), ("fr\u200bee", "free"), ("100%", "100%"),
    # a title's full stop ends nothing: it goes, so a phrase reads across it
    ("Dr. Okafor's patients", "dr okafor's patients"), ("call ext. 4", "call ext 4"),
    ("The answer is no.", "the answer is no."), ("e.g. Dr. Ng", "e.g. dr ng"),
    ("is it no. 4? no. it is 5", "is it no. 4? no. it is 5"),
    # a decimal's digit before its unit is no letter
    ("101.3F", "101.3f"), ("38,5C", "38,5c"),
])
def test_normalize_folds_look_alikes_and_keeps_offsets(raw, folded):
    norm = normalize(raw)
    assert norm.text == folded
    start, end = norm.span(0, len(norm.text))
    assert raw[start:end] == raw


@settings(deadline=None)  # the first misspelling looked up loads the word frequencies (~1 s)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_plain_ascii_folds_as_the_general_path_does(text):
    fast, general = normalize(text), normalize(text + "\u200b")  # an invisible: general path
    assert fast.text == general.text
    assert fast.origin == general.origin


def test_sentences_do_not_split_after_titles():
    text = "Book with Dr. Zhao today. It's $99! Ok?"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Book with Dr. Zhao today.", "It's $99!", "Ok?"]
    text = "Transfer to Omar at ext. 231. He handles it."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Transfer to Omar at ext. 231.", "He handles it."]


def test_a_run_without_a_stop_is_read_in_bounded_pieces():
    """The rules read a sentence whole once per match: 20 KB of "free free …" with no stop
    took seconds as one sentence."""
    text = "the consult is free " * 1000
    spans = sentence_spans(text)
    assert len(spans) > len(text) // MAX_SENTENCE_CHARS
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert all(text[s:e].startswith("the") or text[s - 1] == " " for s, e in spans)  # at spaces
    assert " ".join(text[s:e] for s, e in spans) == text.strip()


@pytest.mark.parametrize(("name", "floor"), [("phi_labelled.jsonl", 0.95),
                                             ("phi_heldout.jsonl", 0.95),
                                             ("agent_shorthand.jsonl", 0.95)])
def test_recall_and_precision_on_the_labelled_sets(redactor, name, floor):
    scores = score(load_labelled(DATA.parent / name), redactor.detect)
    assert scores.gold >= 25
    assert scores.recall >= floor, scores.missed
    assert scores.precision >= floor, scores.spurious


def test_denials_unknown_key_is_an_error(tmp_path):
    from guardrails.denial import DenialScope

    path = tmp_path / "denials.yaml"
    path.write_text("rules: {guarantee: ['no promise']}\nfollowups: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="denials.yaml:2: unknown key 'followups'"):
        DenialScope.load(path)
