"""The directory: teams and their numbers read from the documents' tables, and the number added to
an answer that routes the caller to a team without giving it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from copilot.answer.directory import Directory
from copilot.answer.drafters import DraftRequest
from copilot.answer.drafters.grounded import GroundedDrafter
from copilot.answer.next_steps import next_steps
from copilot.answer.retrieval import Hit
from copilot.answer.snapshot import build_snapshot
from copilot.knowledge.model import ARCHIVED, CURRENT, Chunk
from guardrails import Policy

TEAMS = """## Who takes which call

| Team | Phone | Takes calls about |
|---|---|---|
| Embryology lab (weekdays) | (650) 555-0143 | storage contracts, thaw requests |
| Patient accounts | (650) 555-0161 | statements, payment plans |
| 2nd floor desk | (650) 555-0170 | parcels |
| Donor program | 555-0188 ext. 4, or e-mail | donor screening |
"""
ROUTING = ("Thaw requests and storage contracts go to the lab. "
           "Transfer storage questions to the Embryology lab. "
           "The Patient accounts team mails statements monthly.")


def chunk(cid: str, text: str, updated: str = "2026-03-01", status: str = CURRENT) -> Chunk:
    return Chunk(id=cid, text=text, source=cid.split("#")[0], title=cid, category="sops",
                 owner="", last_updated=updated, section="", page=None, content_hash="h",
                 status=status)


@pytest.fixture(scope="module")
def directory() -> Directory:
    return Directory.of([chunk("contacts.md#0", TEAMS)], next_steps().phones)


def routes(sentence: str) -> bool:
    return next_steps().routes(sentence)


def test_a_team_is_listed_beside_its_one_number(directory):
    listed = {x.name: x for x in directory.listings}
    # a bracketed note is no part of the name; a row naming no team, or one whose cell holds
    # more than a number, lists nothing
    assert sorted(listed) == ["Embryology lab", "Patient accounts"]
    assert listed["Embryology lab"].statement.text == \
        "Embryology lab (weekdays) — Phone: (650) 555-0143"
    assert listed["Patient accounts"].digits == "6505550161"


def test_a_number_in_a_column_for_staff_alone_is_not_listed():
    lines = ("| Person | Internal use | Notes |\n|---|---|---|\n"
             "| Duty physician cell | (650) 555-0199 | never give to callers |\n")
    assert Directory.of([chunk("staff.md#0", lines)], next_steps().phones).listings == []


def test_a_number_in_a_section_for_staff_alone_is_not_listed():
    lines = ("## Staff use only - never share with callers\n\n| Line | Number |\n|---|---|\n"
             "| Lab manager's cell | (650) 555-0193 |\n")
    assert Directory.of([chunk("staff.md#0", lines)], next_steps().phones).listings == []
    table = "| Line | Number |\n|---|---|\n| Lab manager's cell | (650) 555-0193 |\n"
    section = replace(chunk("staff.md#1", table), section="Directory > Internal only")
    assert Directory.of([section], next_steps().phones).listings == []


def test_a_team_routed_to_without_its_number_is_missing(directory):
    missing = directory.missing(ROUTING, routes, limit=2)
    # "mails statements" names the accounts team but sends the caller nowhere
    assert [x.name for x in missing] == ["Embryology lab"]


def test_a_number_already_given_is_not_repeated(directory):
    text = "Transfer storage questions to the Embryology lab at 555-0143."
    assert directory.missing(text, routes, limit=2) == []


def test_at_most_the_limit_is_added(directory):
    text = "Route billing to Patient accounts. Transfer storage questions to the Embryology lab."
    assert len(directory.missing(text, routes, limit=1)) == 1
    assert len(directory.missing(text, routes, limit=2)) == 2


def test_the_newest_document_lists_a_team():
    old = chunk("old.md#0", TEAMS.replace("555-0143", "555-0100"), updated="2024-01-01")
    new = chunk("contacts.md#0", TEAMS, updated="2026-03-01")
    listed = Directory.of([old, new], next_steps().phones).listings
    assert [x.digits for x in listed if x.name == "Embryology lab"] == ["6505550143"]


def test_an_answer_routing_to_a_team_gives_its_number_cited():
    sop = chunk("sops/storage.md#0", ROUTING)
    contacts = chunk("quick/contacts.md#0", TEAMS)
    retired = chunk("archive/contacts.md#0", TEAMS.replace("555-0143", "555-0199"),
                    status=ARCHIVED)
    snapshot = build_snapshot("gen-1", [sop, contacts, retired], Policy.load())
    request = DraftRequest("where do storage questions go", [], [Hit(sop, 1.0, 0.6, 1.0)],
                           snapshot)
    draft = GroundedDrafter().draft(request)
    assert "Embryology lab (weekdays) — Phone: (650) 555-0143." in draft.text
    assert "555-0199" not in draft.text  # the archived list is no directory
    marker = draft.sources.index(contacts) + 1
    assert draft.text.rstrip().endswith(f"(650) 555-0143. [{marker}]")
