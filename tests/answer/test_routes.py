"""Callers routed by the documents' own routing tables: the rows read from another clinic's tables,
the caller a question opens with, the row found by meaning, and the answer that gives it."""

from __future__ import annotations

import numpy as np
import pytest

from copilot.answer.routes import Routes
from copilot.knowledge.model import CURRENT, Chunk

# Another clinic's pages: a routing table in its own words, a table pointing to it (no number,
# extension or address of its own), and a price table (no routing table at all).
WHO_CALLS = """## Outside callers

| Who is calling | Send to | Number |
|---|---|---|
| Newspaper, radio or TV journalist | Practice manager | (650) 555-0101 |
| Equipment or supplies salesperson | Operations mailbox | ops@example.org |
| Lawyer, court officer or police | Records office | (650) 555-0102 |
| Pharmacist about one of our prescriptions | Nursing desk | ext. 22 |
"""
POINTERS = """## Caller types

| Caller | First step | Where to go |
|---|---|---|
| Press or legal caller | Take a message | Outside callers table |
"""
PRICES = """## Fees

| Service | Fee |
|---|---|
| Semen analysis | $180 |
"""


def chunk(cid: str, text: str) -> Chunk:
    return Chunk(id=cid, text=text, source=cid.split("#")[0], title=cid, category="sops",
                 owner="", last_updated="2026-03-01", section="", page=None, content_hash="h",
                 status=CURRENT)


@pytest.fixture(scope="module")
def routes() -> Routes:
    return Routes.of([chunk("routing.md#0", WHO_CALLS), chunk("types.md#0", POINTERS),
                      chunk("fees.md#0", PRICES)])


@pytest.fixture(scope="module")
def vectors(models):
    embed = models.embedder.embed_documents

    def unit(texts: list[str]) -> np.ndarray:
        matrix = np.asarray(embed(texts))
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)

    return unit


def test_only_rows_of_tables_that_route_a_caller_somewhere_are_read(routes):
    assert [r.need for r in routes.routes] == [
        "Newspaper, radio or TV journalist", "Equipment or supplies salesperson",
        "Lawyer, court officer or police", "Pharmacist about one of our prescriptions"]
    # each with the row as the drafter reads it
    assert routes.routes[0].statement.text == ("Outside callers: Newspaper, radio or TV "
                                               "journalist — Send to: Practice manager; "
                                               "Number: (650) 555-0101")


@pytest.mark.parametrize(("tags", "caller"), [
    # the words before the first verb, joining words inside them, when the calling follows
    ([("columnist", "NN"), ("from", "IN"), ("a", "DT"), ("weekly", "JJ"), ("paper", "NN"),
      ("is", "VBZ"), ("on", "IN"), ("the", "DT"), ("line", "NN")],
     "columnist from a weekly paper"),
    # an opening noun the tagger reads as a verb
    ([("costco", "VBZ"), ("pharmacist", "NN"), ("calling", "VBG"), ("about", "IN")],
     "costco pharmacist"),
    # ... and its last noun read as a verb, or a comma before the calling
    ([("insurer", "NN"), ("rep", "VBD"), ("on", "IN"), ("the", "DT"), ("phone", "NN")],
     "insurer rep"),
    ([("glove", "NN"), ("supplier", "NN"), (",", ","), ("wants", "VBZ"), ("the", "DT")],
     "glove supplier"),
    # no calling after the opening words: a question about a thing, not a caller, nor a word
    # other than a verb before it
    ([("pt", "NN"), ("upset", "JJ"), ("the", "DT"), ("doctor", "NN"), ("never", "RB"),
      ("called", "VBD")], ""),
    ([("iui", "NNP"), ("plus", "CC"), ("monitoring", "NN")], ""),
    ([("when", "WRB"), ("does", "VBZ"), ("she", "PRP"), ("call", "VB")], ""),
])
def test_the_caller_is_the_opening_words_before_the_calling(routes, tags, caller):
    assert routes.caller(tags) == caller


@pytest.mark.parametrize(("caller", "need"), [
    ("a magazine writer", "Newspaper, radio or TV journalist"),
    ("a salesman for a surgical glove maker", "Equipment or supplies salesperson"),
    ("sheriff's deputy", "Lawyer, court officer or police"),
    # the patient herself, or a caller in general, needs no routing row
    ("the patient", None),
    ("new pt", None),
    ("caller", None),
])
def test_the_row_nearest_in_meaning_routes_the_caller(routes, vectors, caller, need):
    found = routes.route(caller, vectors)
    assert (found.need if found else None) == need


# A table whose rows name who calls before their calling and what about.
CALLING_ROWS = """## Who calls

| Who is calling | Send to | Number |
|---|---|---|
| Pharmacy calling about a prescription one of our doctors wrote | Nursing desk | ext. 22 |
| Patient asking about a bill or a statement | Billing | ext. 30 |
| Insurance company calling to check a claim for a patient | Billing | ext. 30 |
| Spouse asking about the patient's lab results | Nursing desk | ext. 22 |
"""


@pytest.mark.parametrize(("caller", "need"), [
    ("pharmacist", "Pharmacy calling about a prescription one of our doctors wrote"),
    ("claims adjuster", "Insurance company calling to check a claim for a patient"),
    ("the patient", None),
])
def test_a_row_is_also_compared_by_the_caller_it_names(vectors, caller, need):
    """A caller's word or two is far from a whole cell: the row is also compared by the words
    naming who calls, before their calling (not when they name the patient or her own
    people: those rows say what she needs)."""
    routes = Routes.of([chunk("calls.md#0", CALLING_ROWS)])
    assert [name for _, name in routes.row_callers] == ["Pharmacy", "Insurance company"]
    found = routes.route(caller, vectors)
    assert (found.need if found else None) == need


@pytest.mark.parametrize(("question", "number"), [
    ("magazine editor on the line wants a quote about egg freezing prices", "010-0180"),
    ("salesman from a glove company calling, wants whoever orders exam supplies",
     "callcenter@"),
    # an insurer by its brand: the allow-list's insurers are read as an insurer calling
    ("humana nurse reviewer on the line about a member's cycle", "010-0130"),
    ("someone from blue cross calling about one of our patients' claims", "010-0130"),
    # a pharmacist named by one word: the row's caller is "Pharmacy"
    ("rite aid pharmacist on the phone re a script dr zhao sent over", "010-0140"),
])
def test_a_third_party_is_answered_with_its_routing_row(runtime, question, number):
    """The question opens with a third party and names a topic the documents price: the answer
    routes the caller by the routing matrix (not the topic's prices) and cites it."""
    result = runtime.copilot.ask(question)
    assert result.coverage == "answered"
    assert number in result.answer
    assert result.citations[0].source == "sops/call-routing-and-transfers.md"
