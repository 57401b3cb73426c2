"""The semantic layer with the real MiniLM embedder: meaning, not phrases, per rule."""

from __future__ import annotations

import re

import pytest

from guardrails import ClaimsChecker
from guardrails.claims import semantic_sentences
from guardrails.semantic import SemanticLayer, load_banks, load_config
from guardrails.text import normalize


class CountingEmbed:
    """The copilot's embedder, counting its calls and the sentences it is given."""

    def __init__(self, embed):
        self.embed = embed
        self.calls: list[int] = []

    def __call__(self, texts: list[str]):
        self.calls.append(len(texts))
        return self.embed(texts)


@pytest.fixture(scope="module")
def embedder():
    from copilot.knowledge.embedder import Embedder
    from copilot.settings import Settings

    return Embedder(Settings().model_path())


@pytest.fixture(scope="module")
def embed(embedder):
    return embedder.embed_documents


@pytest.fixture(scope="module")
def layer(embedder) -> SemanticLayer:
    """As the copilot builds it: exact banks, the checked sentences from the int8 graph."""
    return SemanticLayer(embedder.embed_documents, embed_drafts=embedder.embed_close)


# Written for this test; none of these is in an exemplar bank, and no pattern rule knows them.
MEANING = [
    ("free_consultation", "the chat with our physician to get started is something we pick up"),
    ("guarantee", "by this time next year you'll be a mother, count on it"),
    ("medical_advice", "you can leave out tomorrow's injection, it won't hurt"),
    # a timing given as an instruction; a reading judged harmless
    ("medical_advice", "do your trigger injection at 9:30 on Sunday night, a day and a half "
                       "before the egg collection"),
    ("medical_advice", "a temperature of 100.0 after the procedure is under the limit, no "
                       "concern"),
    # success with her own eggs promised whatever her age
    ("guarantee", "even at forty-five your own eggs will do the job here"),
]
COMPLIANT = [
    "the chat with our physician is the $99 virtual consultation",
    "we look forward to meeting you at the clinic next week",
    "the nurse line can tell you whether to leave out an injection",
    # acknowledging a symptom before a handoff; a visit paid under the old prices going ahead
    "thanks for letting me know about the cramping",
    "thank you for telling me about the dizziness; one moment while I get a nurse",
    "if you booked a $150 phone consultation before last summer, it still happens as planned",
    "many patients get several embryos from a cycle, but the number varies and nobody can "
    "promise it",
    "the doctor will go over what your symptoms might mean at the consultation",
]


# Routine lines in languages the violating banks hold (MiniLM knows English best: without
# compliant neighbours of their own language such lines sat nearer the violating side).
FOREIGN_ROUTINE = [
    "le docteur Martin vous verra jeudi matin pour le suivi",
    "proszę przynieść dowód osobisty na pierwszą wizytę",
    "مكتب الفواتير يفتح من الساعة الثامنة صباحا",
    "रिसेप्शन पर अपना बीमा कार्ड दिखा दीजिए",
    "木曜日の午前中にご予約をお取りできます",
    # results no one can tell ahead: a "not" is no "costs nothing"
    "Không ai biết trước được kết quả, mỗi người mỗi khác ạ.",
    "Em chưa thể nói trước kết quả được, chị hỏi bác sĩ nhé.",
]


@pytest.mark.parametrize("sentence", FOREIGN_ROUTINE)
def test_routine_lines_in_other_languages_are_not_flagged(layer, sentence):
    assert layer.classify([normalize(sentence).text]) == [None]


@pytest.mark.parametrize(("rule", "sentence"), MEANING, ids=[m[0] for m in MEANING])
def test_a_paraphrase_is_given_its_rule(layer, rule, sentence):
    assert layer.classify([normalize(sentence).text]) == [rule]


@pytest.mark.parametrize("sentence", COMPLIANT)
def test_near_misses_are_not_flagged(layer, sentence):
    assert layer.classify([normalize(sentence).text]) == [None]


def test_a_denied_sentence_goes_to_no_rule_even_when_close(layer):
    sentence = normalize("the first consultation with the doctor is not free").text
    scores = layer.scores([sentence])[0]
    assert scores["free_consultation"] > 0.5  # close in meaning to the violating bank
    assert layer.classify([sentence]) == [None]


def test_exemplars_are_embedded_once_and_a_draft_in_one_call(embed, policy, catalog):
    counting = CountingEmbed(embed)
    checker = ClaimsChecker(policy, prices=catalog, embed=counting)
    again = ClaimsChecker(policy, prices=catalog, embed=counting)
    # The claims banks and the urgent-symptom bank, once for both checkers.
    assert len(counting.calls) == 2
    draft = ("Thanks for calling us today. Your first consultation is free. "
             "The nurse line is option 4.")
    assert checker.check(draft).verdict == "violation"
    # The two sentences no pattern flagged, in one call.
    assert counting.calls[2:] == [2]
    checker.check(draft)  # its sentences are remembered
    assert len(counting.calls) == 3
    again.check(draft)  # another checker: the draft once more, the banks not again
    assert len(counting.calls) == 4


def test_the_banks_cover_every_rule_in_several_languages():
    config = load_config()
    banks = load_banks(rules=list(config.rules))
    for rule in config.rules:
        text = " ".join(banks[rule].violating)
        assert len(banks[rule].violating) >= 30
        assert any("\u4e00" <= c <= "\u9fff" for c in text)  # Chinese
        assert "ệ" in text or "ư" in text or "ă" in text  # Vietnamese
        assert "á" in text or "ñ" in text or "é" in text  # Spanish


def test_a_missing_bank_is_named(tmp_path):
    with pytest.raises(ValueError, match="no exemplar bank for rule 'guarantee'"):
        load_banks(tmp_path, ["guarantee"])


def test_citation_markers_are_left_out_of_what_is_embedded(embed):
    counting = CountingEmbed(embed)
    layer = SemanticLayer(counting)
    banks = len(counting.calls)
    sentence = normalize("the welcome chat with a doctor will not cost her anything").text
    verdict = layer.classify([sentence])
    assert len(counting.calls) == banks + 1
    # the same statement as drafted, with citation markers, meets the vector already made
    assert layer.classify([f"[1] {sentence} [2]"]) == verdict
    assert len(counting.calls) == banks + 1


def test_only_sentences_the_layer_could_flag_are_embedded(embed):
    """Too short, a header line, a sentence that denies every rule's claim: no vector needed."""
    counting = CountingEmbed(embed)
    layer = SemanticLayer(counting)
    banks = len(counting.calls)
    sentences = [normalize(s).text for s in (
        "Thanks!", "Subject: the visit you asked about",
        "the first visit is something we never charge for")]
    assert layer.classify(sentences) == [None, None, "free_consultation"]
    assert counting.calls[banks:] == [1]


def test_the_banks_are_embedded_exactly_and_the_checked_sentences_by_embed_drafts(embed):
    exact, drafts = CountingEmbed(embed), CountingEmbed(embed)
    layer = SemanticLayer(exact, embed_drafts=drafts)
    assert (len(exact.calls), drafts.calls) == (1, [])  # the banks
    sentence = normalize("the welcome chat with a doctor will not cost her anything").text
    layer.classify([sentence])
    assert (len(exact.calls), drafts.calls) == (1, [1])
    # The drafter's own use (a question, a statement) gets exact vectors, kept apart.
    layer.vectors([sentence])
    assert (len(exact.calls), drafts.calls) == (2, [1])
    layer.classify([sentence])
    assert drafts.calls == [1]


@pytest.mark.parametrize("seed", [11, 12])
def test_the_int8_vectors_keep_the_exact_verdicts(embedder, layer, seed):
    """The margins were calibrated on exact vectors; the int8 graph's change at most 5 of 200
    generated sentences' verdicts (plain per-tensor int8 changed 7 of each seed's 200)."""
    from tests.guardrails.paraphrases import generate

    sentences = [normalize(d.text).text for d in generate(seed, 200)]
    exact = SemanticLayer(embedder.embed_documents).classify(sentences)
    close = layer.classify(sentences)
    assert sum(a != b for a, b in zip(exact, close, strict=True)) <= 5


def test_the_documents_red_flag_symptoms_are_no_advice(layer, current_texts, policy):
    """The urgent routing reads out the documents' lines naming red-flag symptoms (those the
    policy's urgent triggers match): the layer must not call such a line advice, as it did when
    an exemplar waved off weight gained after a retrieval."""
    triggers = [re.compile(t.pattern) for t in policy.urgent.triggers]
    lines = {normalize(line.strip("-*|> ")).text for _, text in current_texts
             for line in text.splitlines()}
    named = sorted(line for line in lines
                   if len(line.split()) >= 3 and any(p.search(line) for p in triggers))
    assert len(named) >= 5
    verdicts = layer.classify(named)
    assert [line for line, rule in zip(named, verdicts, strict=True)
            if rule == "medical_advice"] == []


def test_the_documents_own_wording_is_not_judged_by_meaning(embed, policy, catalog):
    """A sentence the documents state as it stands (``stated``) is theirs to say: the meaning
    layer leaves it be, a pattern rule still reads it, and other wording is judged as before."""
    own = "the chat with our physician to get started is something we pick up"
    pattern = "Your first consultation is free."
    stated = frozenset(semantic_sentences(own) + semantic_sentences(pattern))
    checker = ClaimsChecker(policy, prices=catalog, embed=embed, stated=stated)
    plain = ClaimsChecker(policy, prices=catalog, embed=embed)
    assert plain.check(f"{own} [2]").verdict == "violation"
    assert checker.check(f"{own} [2]").verdict == "pass"
    assert [v.rule for v in checker.check(pattern).violations] == ["free_consultation"]
    reworded = "the welcome chat with a doctor will not cost her anything"
    assert [v.rule for v in checker.check(reworded).violations] == ["free_consultation"]
