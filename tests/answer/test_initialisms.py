"""Initialisms the documents only spell out, read off the documents themselves."""

from __future__ import annotations

from copilot.answer.initialisms import spelled_out

DOCS = [
    "The scan counts the antral follicle count (the small follicles). Antral follicle count "
    "results come the same day.",
    "Obstructive sleep apnea is screened at intake. Obstructive sleep apnea has its own page.",
    "Hear severe abdominal pain? Transfer.",
    "Ask for the overnight study form. Overnight study forms are in the portal.",
]


def test_an_initialism_is_spelled_out_by_the_documents_words():
    spelled = spelled_out(DOCS)
    assert spelled["afc"] == ("antral", "follicle", "count")
    assert spelled["osa"] == ("obstructive", "sleep", "apnea")


def test_two_letters_and_runs_across_clauses_or_function_words_are_not_read():
    spelled = spelled_out(DOCS)
    assert "sa" not in spelled  # two letters name too many things
    assert "ccs" not in spelled  # "count (the small …": a bracket ends the run
    assert "sfa" not in spelled  # "for the …": a function word is no part of one
    assert "hsa" not in spelled  # a run used once is too weak a guess


def test_an_initialism_two_runs_share_equally_is_left_alone():
    spelled = spelled_out(["Overnight study form.", "Online scheduling form.",
                           "Overnight study form again.", "Online scheduling form again."])
    assert "osf" not in spelled
    assert spelled_out(["Overnight study form.", "Overnight study form.",
                        "Online scheduling form."])["osf"] == ("overnight", "study", "form")
