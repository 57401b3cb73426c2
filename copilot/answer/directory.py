"""The clinic's directory, read from its own documents: a team named in a table row beside its one
phone number ("Nurse line | (555) 010-0140 | …"). When an answer routes the caller to a team
("warm transfer to the nurse line") without giving its number, the drafter adds the team's row,
cited, so that the agent has the number to dial. Built once per index generation (the snapshot).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from copilot.answer.text import Statement, plain, split_sentences
from copilot.knowledge.model import Chunk
from copilot.knowledge.reading import internal_column, staff_heading
from guardrails.markdown import walk

_BRACKETED = re.compile(r"\s*\([^)]*\)")  # "New Patient team (Call Center queue)"
_NON_DIGIT = re.compile(r"\D")
MIN_NAME_CHARACTERS = 3
LOCAL_DIGITS = 7


@dataclass(frozen=True)
class Listing:
    """A team and the row giving its number, read as "<team> — <column>: <number>"."""

    name: str
    statement: Statement
    digits: str  # the number's digits
    chunk: Chunk


class Directory:
    """The listings of a generation's current documents, newest document first per team."""

    def __init__(self, listings: Iterable[Listing]):
        self.listings: list[Listing] = []
        seen: set[str] = set()
        for listing in listings:
            if listing.name.lower() not in seen:
                seen.add(listing.name.lower())
                self.listings.append(listing)
        self._names = [(re.compile(rf"(?<!\w){re.escape(x.name)}(?!\w)", re.IGNORECASE), x)
                       for x in self.listings]

    @classmethod
    def of(cls, chunks: Iterable[Chunk], phones: Callable[[str], list[str]]) -> Directory:
        """The listings in ``chunks`` (``phones`` finds the phone numbers in a text)."""
        newest_first = sorted(chunks, key=lambda c: c.last_updated, reverse=True)
        return cls(listing for chunk in newest_first for listing in _listings(chunk, phones))

    def missing(self, text: str, routes: Callable[[str], bool], limit: int) -> list[Listing]:
        """Up to ``limit`` teams that a sentence of ``text`` routes to (``routes`` tells a
        routing sentence) and whose number ``text`` does not give."""
        given = _NON_DIGIT.sub("", text)
        found: list[Listing] = []
        sentences = [s for s in split_sentences(text) if routes(s)]
        for pattern, listing in self._names:
            if len(found) == limit:
                break
            # (an answer may give the number without its area code)
            if listing.digits[-LOCAL_DIGITS:] in given or \
                    any(x.digits == listing.digits for x in found):
                continue
            if any(pattern.search(s) for s in sentences):
                found.append(listing)
        return found


def _listings(chunk: Chunk, phones: Callable[[str], list[str]]) -> list[Listing]:
    """Rows of ``chunk``'s tables whose first cell names something (no digits) and one of
    whose other cells is a phone number and nothing else; none of a section for staff alone
    ("Internal only": its numbers are never offered)."""
    if staff_heading(chunk.section.rsplit(">", 1)[-1].strip()):
        return []
    listings = []
    for block in walk(chunk.text):
        if block.kind != "table_row" or not block.cells or \
                any(staff_heading(h.title) for h in block.path):
            continue
        cells = [plain(c) for c in block.cells]
        header = [plain(h) for h in block.header]
        name = _BRACKETED.sub("", cells[0]).strip()
        if len(name) < MIN_NAME_CHARACTERS or any(c.isdigit() for c in name):
            continue
        for column, cell in zip(header[1:], cells[1:], strict=False):
            number = "" if internal_column(column) else _only_number(cell, phones)
            if number:
                text = f"{cells[0]} — {column}: {cell}" if column else f"{cells[0]} — {cell}"
                listings.append(Listing(name, Statement(text, chunk.section), number, chunk))
                break
    return listings


def _only_number(cell: str, phones: Callable[[str], list[str]]) -> str:
    """The digits of the phone number ``cell`` holds, when it holds one and (nearly) only it."""
    found = phones(cell)
    if len(found) != 1 or len(cell.strip()) - len(found[0]) > 2:
        return ""
    return _NON_DIGIT.sub("", found[0])
