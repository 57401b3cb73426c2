"""Pure ranking and composing logic on hand-made chunks: no model, no index."""

from __future__ import annotations

import dataclasses

import pytest

from copilot.answer import retrieval
from copilot.answer.drafters.grounded import (
    Candidate,
    conflicts,
    drop_stale_conflicts,
    is_label,
    select,
)
from copilot.answer.retrieval import LEXICAL_WEIGHT, rank_hits, reciprocal_rank_fusion
from copilot.answer.snapshot import build_snapshot
from copilot.answer.text import Statement, tokenize
from copilot.knowledge.model import ARCHIVED, CURRENT, SUPERSEDED, Chunk
from guardrails import Policy


def chunk(cid: str, text: str, updated: str = "2025-08-01", status: str = CURRENT) -> Chunk:
    return Chunk(id=cid, text=text, source=cid.split("#")[0], title=cid, category="faq",
                 owner="", last_updated=updated, section="", page=None, content_hash="h",
                 status=status)


@pytest.fixture(scope="module")
def snapshot():
    chunks = [
        chunk("a.md#0", "Friday virtual block 1:00 PM - 5:00 PM", "2025-09-01"),
        chunk("b.md#0", "Friday virtual block 9:00 AM - 12:00 PM", "2025-10-02"),
        chunk("old.md#0", "The 2024 consultation price was $150", "2024-06-14", ARCHIVED),
        chunk("promo.md#0", "The $150 phone consultation", "2025-03-03", SUPERSEDED),
        chunk("c.md#0", "Questions go to the Call Center Supervisor at (555) 010-0180."),
    ]
    return build_snapshot("gen-1", chunks, Policy.load())


def test_reciprocal_rank_fusion_rewards_agreement():
    fused = reciprocal_rank_fusion([["x", "y"], ["y", "z"]], k=60)
    assert max(fused, key=fused.get) == "y"
    assert fused["x"] == pytest.approx(1 / 61)


def test_the_lexical_list_weighs_more_than_the_dense_one():
    """A passage only BM25 ranks first (the rare words of the question are in it) goes above
    one only the embedder ranks first; one both rank still wins."""
    fused = reciprocal_rank_fusion([["dense", "both"], ["rare", "both"]],
                                   weights=(1.0, LEXICAL_WEIGHT))
    assert fused["rare"] > fused["dense"]
    assert max(fused, key=fused.get) == "both"


def test_rank_hits_fuses_with_the_lexical_weight(snapshot, monkeypatch):
    """The older a.md, found by BM25 alone, goes above the newer b.md, found by the embedder
    alone; weighed alike, the two would tie and the newer would lead."""
    lexical = [3.0 if c.id == "a.md#0" else 0.0 for c in snapshot.chunks]
    hits = rank_hits(snapshot, [("b.md#0", 0.9)], lexical)
    assert [h.chunk.id for h in hits][:2] == ["a.md#0", "b.md#0"]
    monkeypatch.setattr(retrieval, "LEXICAL_WEIGHT", 1.0)
    hits = rank_hits(snapshot, [("b.md#0", 0.9)], lexical)
    assert [h.chunk.id for h in hits][:2] == ["b.md#0", "a.md#0"]


def test_archived_and_superseded_chunks_are_left_out_unless_asked(snapshot):
    dense = [("old.md#0", 0.9), ("promo.md#0", 0.8), ("a.md#0", 0.5)]
    lexical = [0.0] * len(snapshot.chunks)
    assert [h.chunk.id for h in rank_hits(snapshot, dense, lexical)] == ["a.md#0"]
    with_history = rank_hits(snapshot, dense, lexical, include_archived=True)
    assert {h.chunk.id for h in with_history} == {"old.md#0", "promo.md#0", "a.md#0"}


def test_on_a_tie_the_newer_document_comes_first(snapshot, monkeypatch):
    # a.md leads the dense ranking, b.md the lexical one: equal fused scores (the two lists
    # weighed alike here).
    monkeypatch.setattr(retrieval, "LEXICAL_WEIGHT", 1.0)
    hits = rank_hits(snapshot, [("a.md#0", 0.7), ("b.md#0", 0.6)], [0.5, 1.0, 0, 0, 0])
    assert hits[0].score == pytest.approx(hits[1].score)
    assert [h.chunk.id for h in hits[:2]] == ["b.md#0", "a.md#0"]  # b.md is newer


def test_escalation_contact_is_read_from_the_documents(snapshot):
    assert snapshot.escalation == "the Call Center Supervisor at (555) 010-0180"
    assert build_snapshot("gen-0", [], Policy.load()).escalation == ""


def candidate(text: str, source: str, updated: str, score: float = 1.0) -> Candidate:
    c = chunk(f"{source}#0", text, updated)
    return Candidate(Statement(text, ""), c, score, frozenset(tokenize(text)))


def test_the_older_of_two_conflicting_times_is_dropped():
    old = candidate("Dr. Marcus Bell virtual Friday block 1:00 PM - 5:00 PM", "pdf", "2025-09-01")
    new = candidate("Dr. Marcus Bell's Friday virtual block moves to 9:00 AM - 12:00 PM", "upd",
                    "2025-10-02")
    other = candidate("Dr. Priya Raman virtual Wednesday block 1:00 PM - 5:00 PM", "pdf2",
                      "2025-09-01")
    assert conflicts(old, new) and not conflicts(old, other)
    assert drop_stale_conflicts([old, new, other]) == [new, other]


def test_prices_are_not_treated_as_conflicts():
    a = candidate("Promotional in-office consultation assessment $299 new patients", "p", "2025-08")
    b = candidate("Promotional in-office consultation assessment $700 regular patients", "q",
                  "2025-10")
    assert not conflicts(a, b)


def test_select_keeps_the_best_new_statements_within_the_word_budget():
    best = candidate("The virtual consultation costs $99 for new patients.", "a", "2025", 0.9)
    duplicate = candidate("The virtual consultation costs $99 for new patients!", "b", "2025", 0.8)
    long = candidate(" ".join(["word"] * 200), "c", "2025", 0.7)
    weak = candidate("Parking is free.", "d", "2025", 0.1)
    other = candidate("It is paid in full at booking.", "e", "2025", 0.6)
    chosen = select([best, duplicate, long, other, weak], max_words=120, allowed=lambda t: True)
    assert chosen == [best, other]
    assert select([best, other], 120, allowed=lambda t: "$99" not in t) == [other]


def test_a_statement_well_below_the_best_still_adds_its_fact_but_a_faint_one_does_not():
    """The best statement often only restates the question's subject; the one giving the
    number asked for can score under half of it (chosen on the own suites: cases passed 176 ->
    177 of 196 from a share of 0.5 to 0.4)."""
    best = candidate("Forms go back through the patient portal upload page.", "a", "2025", 1.0)
    fact = candidate("Signed PDFs may be faxed to (555) 010-0150 instead.", "b", "2025", 0.45)
    faint = candidate("The lobby has a printer for visitors.", "c", "2025", 0.3)
    assert select([best, fact, faint], 120, allowed=lambda t: True) == [best, fact]


def _drafted(text: str, question: str, max_words: int = 120) -> str:
    from copilot.answer.drafters import DraftRequest
    from copilot.answer.drafters.grounded import GroundedDrafter
    from copilot.answer.retrieval import Hit

    sop = chunk("sops/lockers.md#0", text)
    request = DraftRequest(question, [], [Hit(sop, 1.0, 0.6, 1.0)],
                           build_snapshot("gen-1", [sop], Policy.load()))
    return GroundedDrafter(max_words=max_words).draft(request).text


@pytest.mark.parametrize(("text", "question", "first", "then"), [
    # the sentence after it can turn it around, sharing no word with the question
    ("## Locker deposits\n\nWhen a visitor loses a locker key the locker deposit is kept. "
     "A manager may return it when the lock itself was faulty.\n\n"
     "Spare padlocks are sold at the gift shop.\n",
     "visitor lost her locker key, do we keep the locker deposit",
     "deposit is kept", "manager may return it"),
    # "never print them" says nothing without what "them" is: the sentence before comes first
    ("## Visitor badges\n\nYellow visitor badges are printed only at the security desk. "
     "Front-desk staff must never print them for patients, whatever the queue.\n\n"
     "Spare padlocks are sold at the gift shop.\n",
     "can front desk staff print one for a patient if the queue is long",
     "security desk", "must never print them"),
])
def test_a_drafted_statement_is_read_with_the_sentences_of_its_paragraph(text, question, first,
                                                                          then):
    """In the paragraph's order; the next paragraph is not brought along."""
    draft = _drafted(text, question)
    assert first in draft and then in draft
    assert draft.index(first) < draft.index(then)
    assert "gift shop" not in draft


def test_what_a_paragraph_goes_on_to_say_comes_beyond_the_word_budget_but_not_without_end():
    from copilot.answer.drafters.grounded import MAX_NEIGHBOURS, NEIGHBOUR_WORDS

    follow = [f"Step {n} is kept in the logbook." for n in range(MAX_NEIGHBOURS + 1)]
    text = "\n\n".join(f"Locker rule {n} covers the locker key deposit. {line}"
                         for n, line in enumerate(follow))
    text += ("\n\nLocker key deposit refunds follow the front desk rule. "
             + " ".join(["Then"] + ["wait"] * NEIGHBOUR_WORDS) + ".")
    draft = _drafted(text, "locker key deposit rule", max_words=40)
    assert sum(f"Step {n}" in draft for n in range(MAX_NEIGHBOURS + 1)) == MAX_NEIGHBOURS
    assert "wait wait" not in draft


def test_what_a_paragraph_goes_on_to_say_is_read_however_many_words_it_shares():
    """The sentence going on from the chosen one says what changes after the hour: no repeat."""
    text = ("## Locker key returns\n\nLocker keys handed in before 6 p.m. are sorted the same "
            "evening. Locker keys handed in after 6 p.m. are sorted by noon the next day.\n")
    draft = _drafted(text, "member handed in a locker key at 7 p.m., when is it sorted")
    assert "same evening" in draft and "by noon the next day" in draft


def test_what_a_paragraph_goes_on_to_say_is_left_out_when_not_for_the_caller():
    text = ("## Lockers\n\nLocker key deposits are refunded at the front desk. "
            "See also: the locker deposit memo kept by the duty manager.\n")
    draft = _drafted(text, "where are locker key deposits refunded")
    assert "front desk" in draft and "memo" not in draft


@pytest.mark.parametrize("question", [
    "what does the desk check before handing out a locker key",  # the announcement
    "do they need the signed card for a locker key",  # one item of the list
])
def test_a_list_is_read_whole_with_the_statement_announcing_it(question):
    """An item asked about brings its list and what announces it; each item is said once."""
    text = ("## Locker keys\n\nThe desk checks three things before handing out a locker key. "
            "The member must be present.\n\n1. A photo ID\n2. The signed card\n"
            "3. One of these:\n   - a paid invoice\n   - a staff referral\n")
    draft = _drafted(text, question)
    assert ("three things before handing out a locker key: A photo ID; The signed card; One of "
            "these: a paid invoice; a staff referral.") in draft
    assert draft.count("signed card") == draft.count("staff referral") == 1


def test_an_item_chosen_before_its_announcement_is_said_within_it():
    item = candidate("Week locker: $10 per week.", "a", "2025", 1.0)
    listed = Statement("Locker fees change as follows: Day locker: $3; Week locker: $10 per "
                       "week.", "Fees", items=("Day locker: $3", "Week locker: $10 per week"))
    announced = Candidate(listed, item.chunk, 0.9, frozenset(tokenize(listed.text)))
    assert select([item, announced], 120, allowed=lambda t: True) == [announced]


def test_a_neighbour_its_list_says_again_leaves_the_budget_as_it_was():
    """A neighbour is read beyond the word budget: folded into its list, it frees no words."""
    first = candidate("Lockers " + "open daily " * 24 + "for members.", "a", "2025", 1.0)
    item = candidate("Week locker rent is $10 for members who renew " + "online " * 21, "b",
                     "2025", 0.0)
    listed = Statement(f"Locker rents: Day locker $3; {item.statement.text}", "Fees",
                       items=("Day locker $3", item.statement.text))
    announced = Candidate(listed, item.chunk, 0.9, frozenset(tokenize(listed.text)))
    other = candidate("Spare padlocks " + "cost two dollars " * 11 + "each.", "c", "2025", 0.8)
    chosen = select([first, announced, other], 100, allowed=lambda t: True,
                    neighbours=lambda c: (None, item) if c is first else (None, None))
    assert chosen == [first, announced]  # 51 + 35 words: the padlocks' 36 do not fit


def test_a_list_too_long_to_read_out_is_not_announced():
    from copilot.answer.drafters.grounded import MAX_LIST_ITEMS

    steps = "".join(f"- Step {n} of the locker key check\n" for n in range(MAX_LIST_ITEMS + 1))
    text = f"## Locker keys\n\nFollow these steps for a lost locker key:\n\n{steps}"
    draft = _drafted(text, "what are the steps for a lost locker key")
    assert "these steps for a lost locker key" not in draft  # a colon, and no list after it
    assert "Step 0 of the locker key check" in draft


def test_rows_of_one_table_that_differ_in_their_numbers_are_no_repeats():
    """Rows share their column names; a row giving another day or price says something new,
    a row repeating the same one does not."""
    day_7 = candidate("Cadence: Day 7 — Action: Final call + e-mail; Status after: Closed",
                      "a", "2025", 0.9)
    day_3 = candidate("Cadence: Day 3 — Action: Call + e-mail; Status after: Contacted",
                      "a", "2025", 0.8)
    again = candidate("Cadence: Day 7 — Action: Final call + e-mail; Status after: Closed-Lost",
                      "b", "2025", 0.7)
    assert select([day_7, day_3, again], 120, allowed=lambda t: True) == [day_7, day_3]


@pytest.mark.parametrize(
    ("text", "label"),
    [("Answer:", True), ("Script: Urgent symptoms.", True), ("If a caller asks, say:", True),
     ("Reason: [caller's request] Caller: [name]", True),
     ("The promotional virtual consultation is $99.", False)],
)
def test_labels_and_templates_are_not_statements(text, label):
    assert is_label(Statement(text, "")) is label


def test_a_callers_question_quoted_as_a_lead_is_no_statement():
    """It leads the answer under it ('"Can my sister come along?" (if she asks)'); the same
    question in a script's quote is the agent's line, and stays."""
    asked = '"Can my sister come to the scan?" (if she asks)'
    assert is_label(Statement(asked, "Questions she may ask"))
    assert is_label(Statement('"Is parking validated?"', "FAQ"))
    assert not is_label(Statement('"Would you like me to book the scan?"', "Script",
                                  is_quote=True))
    assert not is_label(Statement('Yes, "validated parking" is on the second floor.', "FAQ"))


@pytest.mark.parametrize(("text", "label"), [
    ("Q: Can my partner come to the scan?", True),
    ("Question: Is the garage validated?", True),
    ("A: Yes, partners may come to every scan.", False),
    ("Q: partners may come to every scan.", False),  # no question: a statement
    ("Can a partner come? Yes, to every scan.", False),
])
def test_a_faq_question_line_is_no_statement(text, label):
    """A FAQ's question line leads its answer; read out, it would ask the caller her question."""
    assert is_label(Statement(text, "FAQ")) is label


def test_a_statement_close_in_meaning_outranks_one_that_only_shares_words():
    from copilot.answer.drafters.grounded import score_candidates
    from copilot.answer.retrieval import Hit

    text = ("Headache medicine questions go to the nurse line, option 4.\n\n"
            "Note something about headache days on the portal's calendar page.")
    hit = Hit(chunk("sop.md#0", text), 1.0, 0.6, 1.0)
    weights = {t: 1.0 for t in tokenize("can she take something for a headache")}
    assert "calendar" in score_candidates(weights, [hit])[0].statement.text  # more shared words

    def meaning(texts):  # the embedder's similarity, as a stand-in with known values
        return [0.8 if "nurse line" in t else 0.1 for t in texts]

    ranked = score_candidates(weights, [hit], meaning=meaning)
    assert "nurse line" in ranked[0].statement.text
    assert ranked[0].score > ranked[1].score


def test_a_statement_under_a_heading_naming_the_subject_is_a_candidate():
    """The statement shares no word with the question; its heading does."""
    from copilot.answer.drafters.grounded import score_candidates
    from copilot.answer.retrieval import Hit

    text = "## If the clinic's camera connection drops\n\nOffer a phone call and tell the lead."
    hit = Hit(chunk("sop.md#0", text), 1.0, 0.6, 1.0)
    weights = {t: 1.0 for t in tokenize("the camera stopped mid-visit, now what")}
    assert [c.statement.text for c in score_candidates(weights, [hit])] == [
        "Offer a phone call and tell the lead."]


def test_a_statement_under_a_lead_in_naming_the_subject_is_found_by_it():
    """Two script lines under one heading, each introduced by a bold label: the label says
    whom each is for, the lines themselves do not."""
    from copilot.answer.drafters.grounded import score_candidates
    from copilot.answer.retrieval import Hit

    text = ("## Outside callers\n\n**Couriers and lab drivers:**\n\n"
            "> \"Please leave the cooler at the side door and ring the bell.\"\n\n"
            "**Auditors and inspectors:**\n\n"
            "> \"Please wait in the lobby; the practice manager will meet you.\"\n")
    hit = Hit(chunk("sop.md#0", text), 1.0, 0.6, 1.0)
    weights = {t: 1.0 for t in tokenize("an inspector from the state is here, what do I say")}
    ranked = score_candidates(weights, [hit])
    assert "practice manager" in ranked[0].statement.text
    assert all("cooler" not in c.statement.text for c in ranked)  # shares no word at all


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("how much does the retrieval cost", "$6,200"),  # a price asked: the priced statement
        ("where do I transfer her for retrieval questions", "option 3"),  # a number to route to
        ("when is the retrieval team in", "7:30 AM"),  # a time
        ("tell me about the retrieval", "performed under sedation"),  # nothing asked: as scored
    ],
)
def test_a_statement_giving_the_asked_value_comes_first(question, first):
    from copilot.answer.drafters import DraftRequest
    from copilot.answer.drafters.grounded import GroundedDrafter
    from copilot.answer.retrieval import Hit
    from copilot.answer.vocabulary import Vocabulary

    text = ("The retrieval is performed under sedation and takes about 20 minutes.\n\n"
            "Self-pay retrieval is $6,200 per cycle.\n\n"
            "The retrieval coordinators answer on option 3 of the main line.\n\n"
            "The retrieval team starts at 7:30 AM on weekdays.")
    chunks = [chunk("sop.md#0", text)]
    request = DraftRequest(question, [], [Hit(chunks[0], 1.0, 0.6, 1.0)],
                           build_snapshot("gen-1", chunks, Policy.load()))
    drafter = GroundedDrafter(vocabulary=Vocabulary.load())
    assert first in drafter.scored(request, request.hits)[0].statement.text


@pytest.mark.parametrize(("when", "first", "other"), [
    ("30 hours away", "$90 change fee", "at no cost"),
    ("5 days away", "at no cost", "$90 change fee"),
])
def test_the_branch_of_a_rule_the_case_falls_in_comes_first(when, first, other):
    """A rule written as conditions on a duration: the statement whose condition the
    question's duration meets leads, the other branch's goes down."""
    from copilot.answer.drafters import DraftRequest
    from copilot.answer.drafters.grounded import GroundedDrafter
    from copilot.answer.retrieval import Hit
    from copilot.answer.vocabulary import Vocabulary

    text = ("Visits changed with 48 hours' notice or more are moved at no cost.\n\n"
            "Visits changed with fewer than 48 hours' notice carry a $90 change fee.\n\n"
            "The scheduling line handles every change to a visit and its notice.")
    chunks = [chunk("sop.md#0", text)]
    snapshot = build_snapshot("gen-1", chunks, Policy.load())
    drafter = GroundedDrafter(vocabulary=Vocabulary.load())

    def scores(question: str) -> dict[str, float]:
        request = DraftRequest(question, [], [Hit(chunks[0], 1.0, 0.6, 1.0)], snapshot)
        return {c.statement.text: c.score for c in drafter.scored(request, request.hits)}

    case = scores(f"her visit is {when} and she wants to change it, what happens")
    unsaid = scores("her visit is coming up and she wants to change it, what happens")
    assert first in max(case, key=case.get)
    [other_branch] = [text for text in case if other in text]
    assert case[other_branch] < unsaid[other_branch]


def test_what_is_written_for_staff_is_never_read_out():
    """A script's purpose line, its worked example and a pointer to its source share the
    question's words; the draft reads the script line and the purpose section's policy, and
    offers no example line as the approved script."""
    from copilot.answer.drafters import DraftRequest
    from copilot.answer.drafters.grounded import GroundedDrafter
    from copilot.answer.guard import _approved_script
    from copilot.answer.retrieval import Hit, Retrieval

    text = ("# Parking validation script\n\n## Purpose\n\n"
            "Validate parking for visitors politely and quickly. "
            "Parking validation covers up to 3 hours in the visitor garage. "
            "Source: the parking validation memo.\n\n"
            "## Worked example\n\nMr. Testcase, 61, asks to validate parking for his visit.\n\n"
            '> "Of course, Mr. Testcase, I can validate parking for your visit."\n\n'
            "## Script\n\n"
            '> "I can validate your parking ticket at the front desk before you leave."\n')
    script = dataclasses.replace(chunk("scripts/parking.md#0", text), category="scripts")
    hit = Hit(script, 1.0, 0.6, 1.0)
    snapshot = build_snapshot("gen-1", [script], Policy.load())
    request = DraftRequest("can we validate parking for a visitor", [], [hit], snapshot)
    draft = GroundedDrafter().draft(request).text
    assert "validate your parking ticket" in draft and "up to 3 hours" in draft
    assert "politely" not in draft and "Testcase" not in draft and "memo" not in draft
    line, _ = _approved_script(Retrieval("parking", [hit], 0.6, 1.0, "answered"), snapshot)
    assert line.startswith('"I can validate your parking ticket')


def test_a_subsection_of_a_section_for_staff_alone_is_never_read_out():
    """The subsection's heading is no mark itself; the section above it is."""
    from copilot.answer.drafters import DraftRequest
    from copilot.answer.drafters.grounded import GroundedDrafter
    from copilot.answer.retrieval import Hit

    text = ("# Front desk guide\n\n## Internal only - not for callers\n\n### Duty manager\n\n"
            "Parking overrides: the duty manager's cell is (650) 555-0142.\n\n"
            "## Parking\n\nParking overrides are handled at the front desk on the ground floor.\n")
    guide = chunk("sops/front-desk.md#0", text)
    request = DraftRequest("who handles parking overrides", [], [Hit(guide, 1.0, 0.6, 1.0)],
                           build_snapshot("gen-1", [guide], Policy.load()))
    draft = GroundedDrafter().draft(request).text
    assert "front desk on the ground floor" in draft
    assert "555-0142" not in draft


def test_a_statement_sharing_no_word_is_a_candidate_only_when_close_in_meaning():
    """"can we squeeze her in on a Saturday" shares no word with "Exceptions need the
    supervisor's sign-off", which answers it; a statement as far in meaning stays out."""
    from copilot.answer.drafters.grounded import MEANING_ONLY_SIMILARITY, score_candidates
    from copilot.answer.retrieval import Hit

    text = ("Exceptions need the supervisor's sign-off.\n\n"
            "Parking is validated at the front desk.\n\n"
            "Weekend hours are Saturday 8:00 AM to noon.")
    hit = Hit(chunk("sop.md#0", text), 1.0, 0.6, 1.0)
    weights = {t: 1.0 for t in tokenize("can we squeeze her in on a Saturday")}
    close = {"Exceptions": MEANING_ONLY_SIMILARITY + 0.1, "Parking": MEANING_ONLY_SIMILARITY - 0.1,
             "Weekend": 0.5}

    def meaning(texts):
        return [close[t.split()[0]] for t in texts]

    found = [c.statement.text.split()[0] for c in score_candidates(weights, [hit], meaning=meaning)]
    assert sorted(found) == ["Exceptions", "Weekend"]
    without = [c.statement.text.split()[0] for c in score_candidates(weights, [hit])]
    assert without == ["Weekend"]  # no meaning measured: shared words alone decide
