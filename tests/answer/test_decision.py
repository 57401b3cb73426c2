"""The "do the documents cover this?" decision: its thresholds as data and its three outcomes
(the signals it weighs are read in ``test_question.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.answer.decision import CoverageRule

RULE = CoverageRule(topic_kinds=("rare", "foreign", "uncommon"),
                    contraction_endings=("s", "nt", "re"), contraction_stems=("wo",),
                    other_language_share=0.5,
                    unread_share=0.5,
                    topic_tags=("NN", "NNS", "NNP", "NNPS", "FW"), modifier_tags=("JJ",),
                    conjunction_tags=("CC",),
                    confident_dense=0.5, min_coverage=0.3,
                    topic_coverage=0.3, weak_dense=0.35, weak_coverage=0.3,
                    lexical_coverage=0.45, amount_cues=("how much", "how many"),
                    amount_words=("cost", "price", "fee", "charge"),
                    price_cues=(), price_words=(),  # (prices asked: over the real documents)
                    priced_tags=("NN", "NNS"), priced=r"\$\d", contacts={},
                    timing=r"\bhow long\b", timed=r"\b\d+ (?:minutes|days)\b",
                    timed_similarity=0.47, time_units=("days",),
                    holder_skip_tags=("JJ",), own_words=("clinic",),
                    name_words=("name",), name_leads=("which",), name_auxiliaries=("do",),
                    name_verbs=("use",),
                    subject_tags=("NN", "NNS", "NNP", "JJ", "VBG"),
                    asked_lead_tags=("DT", "PRP$", "VBZ", "VBP", "CD", "TO", "MD"),
                    complement_words=("of", "for", "to"), measure_words=("of",),
                    measure_leads=("a", "an", "per"), fragment_tags=(":",),
                    trailing_breaks=(",", "."), trailing_skip_tags=("RB",),
                    action_tags=("VB",),
                    asked_kinds=("general", "rare", "uncommon"),
                    offer_verbs=("have", "offer", "do"), offer_leads=("do", "does", "is"),
                    offer_persons=("she", "her", "partner"), offer_phrases=("is there",),
                    offer_words=("closest",), offer_joins=("CC",),
                    offer_tags=("NN", "NNS"), offer_kinds=("general",),
                    holder_tags=("DT", "PRP$", "JJ", "NN", "NNS", "NNP"),
                    permit_words=("allowed",), permit_verbs=("bring",),
                    synonym_similarity=0.75, synonym_letters=4)


@pytest.mark.parametrize(
    ("dense", "coverage", "topics", "outcome"),
    [
        (0.62, 0.1, (), "answered"),  # clearly similar
        (0.42, 0.6, (), "answered"),  # similar enough and covering what was asked
        (0.62, 0.2, ("acupuncture",), "weak"),  # similar, but about something never mentioned
        (0.62, 0.45, ("laptop",), "answered"),  # the rest of the question is well covered
        (0.42, 0.6, ("sitter",), "weak"),
        (0.40, 0.1, (), "weak"),  # something near: passages to check, no facts
        (0.2, 0.4, (), "weak"),  # below the relevance floor, the words only partly there
        (0.2, 0.5, (), "answered"),  # a terse row the dense model misses, holding the words
        (0.2, 0.5, ("sitter",), "weak"),  # ... but not about what was asked
        (0.2, 0.1, (), "not_covered"),  # nothing relevant
    ],
)
def test_three_outcomes(dense, coverage, topics, outcome):
    assert RULE.decide(dense, coverage, topics, min_relevance=0.3) == outcome


@pytest.mark.parametrize(
    ("dense", "coverage", "outcome"),
    [(0.8, 0.9, "weak"), (0.2, 0.6, "weak"), (0.2, 0.1, "not_covered")],
)
def test_an_amount_of_something_the_documents_never_name_is_never_answered(dense, coverage,
                                                                           outcome):
    """However close the passages: they price or count something else."""
    assert RULE.decide(dense, coverage, (), 0.3, unasked=("doula",)) == outcome


@pytest.mark.parametrize(
    ("dense", "coverage", "unread", "outcome"),
    [(0.2, 0.1, 0.8, "weak"), (0.2, 0.1, 0.5, "weak"), (0.2, 0.1, 0.3, "not_covered"),
     (0.62, 0.1, 0.9, "answered")],
)
def test_a_question_the_copilot_cannot_read_is_never_not_covered(dense, coverage, unread,
                                                                 outcome):
    """Typed in a language the documents are not written in: nothing says they lack the
    answer, so weak evidence at most (the closest passages, whom to ask)."""
    assert RULE.decide(dense, coverage, (), 0.3, unread=unread) == outcome


def test_the_shipped_rule_loads_and_is_strict(tmp_path: Path):
    assert CoverageRule.load().topic_kinds
    good = ("topic_kinds: [rare]\ncontraction_endings: [s]\ncontraction_stems: [wo]\n"
            "other_language_share: 0.5\n"
            "unread_share: 0.5\n"
            "topic_tags: [NN]\n"
            "modifier_tags: [JJ]\nconjunction_tags: [CC]\nconfident_dense: 0.5\n"
            "min_coverage: 0.3\n"
            "topic_coverage: 0.3\nweak_dense: 0.3\nweak_coverage: 0.3\n"
            "lexical_coverage: 0.45\namount_cues: [how much]\namount_words: [cost]\n"
            "price_cues: [how much]\nprice_words: [cost]\npriced_tags: [NN]\npriced: '[$]'\n"
            "timing: 'how long'\ntimed: 'days'\ntimed_similarity: 0.47\ntime_units: [days]\n"
            "contacts: {}\nholder_skip_tags: [JJ]\nown_words: [clinic]\n"
            "name_words: [name]\nname_leads: [which]\nname_auxiliaries: [do]\nname_verbs: [use]\n"
            "subject_tags: [NN]\nasked_lead_tags: [DT]\ncomplement_words: [of]\naction_tags: [VB]\n"
            "measure_words: [of]\nmeasure_leads: [a]\nfragment_tags: [':']\nasked_kinds: [rare]\n"
            "trailing_breaks: [',']\ntrailing_skip_tags: [RB]\n"
            "synonym_similarity: 0.75\n"
            "synonym_letters: 4\noffer_verbs: [have]\noffer_leads: [do]\n"
            "offer_persons: [she]\noffer_phrases: [is there]\noffer_words: [closest]\n"
            "offer_joins: [CC]\noffer_tags: [NN]\n"
            "offer_kinds: [general]\nholder_tags: [DT]\npermit_words: [allowed]\n"
            "permit_verbs: [bring]\n")
    (tmp_path / "good.yaml").write_text(good)
    assert CoverageRule.load(tmp_path / "good.yaml").confident_dense == 0.5
    out_of_range = good.replace("confident_dense: 0.5", "confident_dense: 1.5")
    (tmp_path / "range.yaml").write_text(out_of_range)
    with pytest.raises(ValueError, match="confident_dense"):
        CoverageRule.load(tmp_path / "range.yaml")
    (tmp_path / "unknown.yaml").write_text(good + "surprise: 1\n")
    with pytest.raises(ValueError, match="surprise"):
        CoverageRule.load(tmp_path / "unknown.yaml")
