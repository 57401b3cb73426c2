"""Callers routed by the documents' own routing tables.

A routing table's row names who calls or what they need in its first cell ("Media or press
inquiry", "Vendor or sales call") and where that goes in the others. A question that opens by
naming a third party ("reporter from a local paper wants a comment on …", "sales rep on line 2 for
whoever buys supplies") is about that caller, whatever else it mentions: the row whose first cell
is nearest in meaning to the caller's words routes it, when it is clearly nearer than every other
row and nearer than the patient herself (most questions open with her: "pt wants …"). The rows
are read once per index generation (the snapshot); what a table looks like is data
(``copilot/data/routes.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from pydantic import Field

from copilot.answer.text import Statement, plain, statements
from copilot.knowledge.model import Chunk
from guardrails.data import StrictModel, load_model
from guardrails.markdown import walk

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "routes.yaml"
Vectors = Callable[[list[str]], np.ndarray]  # texts -> unit vectors (the snapshot's embedder)


class RouteRule(StrictModel):
    """``data/routes.yaml`` as written (unknown keys are refused)."""

    need_header: str  # a routing table's first column: who calls or what they need
    route_header: str  # ... and one of its other columns: where that goes
    destination: str  # a row's number, extension or address to send the caller to
    phrase_tags: list[str]  # parts of speech of the words that name a caller
    joining_words: list[str]  # words inside such a name ("reporter from a local paper")
    calling: str  # what follows a caller's name: calling, on the line, asking …
    max_words: int = Field(ge=1)
    similarity: float = Field(ge=0.0, le=1.0)  # least closeness of the caller to a row
    margin: float = Field(ge=0.0, le=1.0)  # ... and over the next nearest row
    # least closeness of the caller to the caller a row names, for that to count
    caller_similarity: float = Field(ge=0.0, le=1.0)
    # who the question is usually about, or calls: no third party, needs no routing row
    patients: list[str]
    # ... and her own people: a row naming them as its caller is compared by its whole cell
    # only ("husband wants a semen analysis" is his own visit, no partner's call about hers)
    household: list[str]

    @classmethod
    def load(cls, path: Path | None = None) -> RouteRule:
        return load_model(path or DEFAULT_FILE, cls)


@cache
def default_rule() -> RouteRule:
    return RouteRule.load()


@dataclass(frozen=True)
class Route:
    need: str  # the row's first cell
    statement: Statement  # the row, read as the drafter reads it
    table: tuple[str, ...]  # its document and its table's header: the rows it is told from


class Routes:
    """The routing rows of a generation's current documents."""

    def __init__(self, routes: Iterable[Route] = (), rule: RouteRule | None = None):
        self.rule = rule or default_rule()
        first: dict[str, Route] = {}  # (a need two tables give is routed by the first)
        for route in routes:
            first.setdefault(route.need.lower(), route)
        self.routes = list(first.values())
        self._vectors: np.ndarray | None = None
        self._calling = re.compile(self.rule.calling)
        # a row that names who calls before their calling ("Pharmacy calling about …") is
        # also compared by that name alone: a caller's one word is far from a whole cell
        self.row_callers = [(i, name) for i, route in enumerate(self.routes)
                            if (name := self._named_caller(route.need))]

    @classmethod
    def of(cls, chunks: Iterable[Chunk], rule: RouteRule | None = None) -> Routes:
        rule = rule or default_rule()
        patterns = [re.compile(p) for p in (rule.need_header, rule.route_header)]
        rows = [row for chunk in chunks for row in _rows(chunk, *patterns)]
        destination = re.compile(rule.destination)
        # (a table giving no number, extension or address points to another: "Media, attorney,
        # vendor | … | Routing matrix")
        routing = {route.table for route, cells in rows
                   if any(destination.search(cell) for cell in cells)}
        return cls((route for route, _ in rows if route.table in routing), rule)

    def caller(self, tags: Sequence[tuple[str, str]]) -> str:
        """The words naming who calls when the question opens with them and goes on with their
        calling ("… on the line", "… wants"): the words before its first verb, of the rule's
        parts of speech (the first word whatever its tag, as a tagger often reads an opening
        noun typed in lower case as a verb: "walgreens pharmacist"); or ""."""
        words: list[str] = []
        for word, tag in tags:
            if (not words and word[:1].isalpha()) or tag in self.rule.phrase_tags or (
                    words and word.lower() in self.rule.joining_words):
                words.append(word)
                continue
            break

        def calling_after(count: int) -> bool:
            after = " ".join(w for w, _ in tags[count : count + 4]).lstrip(",;:-– ")
            return bool(self._calling.match(after))

        if words and not calling_after(len(words)) and len(tags) > len(words) \
                and tags[len(words)][1].startswith("VB") and tags[len(words)][0].isalpha() \
                and calling_after(len(words) + 1):
            words.append(tags[len(words)][0])  # a last noun read as a verb ("insurer rep on …")
        elif not calling_after(len(words)):
            return ""
        while words and words[-1].lower() in self.rule.joining_words:
            words.pop()
        return " ".join(words) if 0 < len(words) <= self.rule.max_words else ""

    def _named_caller(self, need: str) -> str:
        """The words of a row's first cell before the calling they name, or "" (and "" for
        the patient or her own people: "Existing patient asking …" is what she needs, the
        row's whole cell)."""
        calling = self._calling.search(need)
        words = need[: calling.start()].split() if calling else []
        if not 0 < len(words) <= self.rule.max_words \
                or {w.lower() for w in words} & {*self.rule.patients, *self.rule.household}:
            return ""
        return " ".join(words)

    def compared(self) -> list[str]:
        """The texts a caller is compared with (each row's first cell, the patient's words, and
        the callers rows name): embedded with the generation's statements, so that no question
        has to."""
        return [r.need for r in self.routes] + self.rule.patients \
            + [name for _, name in self.row_callers]

    def route(self, caller: str, vectors: Vectors) -> Route | None:
        """The row routing ``caller``: nearest in meaning, by the rule's margin over the next
        row of its table (another table's row may say the same in other words), and nearer than
        the patient; None when no row is."""
        if not caller or not self.routes:
            return None
        if self._vectors is None:  # (the rows once per generation)
            self._vectors = vectors(self.compared())
        closeness = self._vectors @ vectors([caller])[0]
        count, patients = len(self.routes), len(self.rule.patients)
        rows = closeness[:count].copy()
        patient = closeness[count : count + patients].max()
        for (row, _), close in zip(self.row_callers, closeness[count + patients :], strict=True):
            if close >= self.rule.caller_similarity:
                rows[row] = max(rows[row], close)
        best = int(np.argmax(rows))
        table = self.routes[best].table
        second = max((c for i, c in enumerate(rows)
                      if i != best and self.routes[i].table == table), default=0.0)
        if rows[best] < self.rule.similarity or rows[best] - second < self.rule.margin \
                or rows[best] <= patient:
            return None
        return self.routes[best]


def _rows(chunk: Chunk, need: re.Pattern[str],
          route: re.Pattern[str]) -> list[tuple[Route, tuple[str, ...]]]:
    """The rows of ``chunk``'s tables headed as routing tables, each with its statement, and
    its other cells."""
    rows = {s.text: s for s in statements(chunk.text)}
    found = []
    for block in walk(chunk.text):
        if block.kind != "table_row" or not block.cells or len(block.header) < 2:
            continue
        if not need.search(block.header[0]) or not any(route.search(h)
                                                        for h in block.header[1:]):
            continue
        statement = next((s for text, s in rows.items()
                          if _opens_with(text, block.cells[0], s.heading)), None)
        if statement is not None:
            table = (chunk.source, *(plain(h) for h in block.header))
            found.append((Route(plain(block.cells[0]), statement, table),
                          tuple(block.cells[1:])))
    return found


def _opens_with(text: str, cell: str, heading: str) -> bool:
    """Whether a row statement ("<heading>: <first cell> — …") is the row of ``cell``."""
    body = text[len(heading) + 2 :] if heading and text.startswith(f"{heading}: ") else text
    return body.startswith(plain(cell))
