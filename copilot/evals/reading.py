"""Which parts of a document are approved wording, and which are counter-examples.

The cues live in ``data/reading.yaml``: headings like "Don't", table columns like "Never say" or
"Incorrect", and words like "never" in front of a quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guardrails.data import StrictModel, load_model
from guardrails.markdown import PROSE_KINDS, Block, by_line, read_file

_DATA = Path(__file__).resolve().parent / "data" / "reading.yaml"
_QUOTED = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Cues:
    prohibited_headings: tuple[re.Pattern[str], ...]
    prohibited_columns: tuple[re.Pattern[str], ...]
    allowed_columns: tuple[re.Pattern[str], ...]
    prohibition_cues: tuple[re.Pattern[str], ...]
    caller_cues: tuple[re.Pattern[str], ...]


class ReadingCues(StrictModel):
    """``data/reading.yaml``: one list of regexes per kind of cue (see ``Cues``)."""

    prohibited_headings: list[str]
    prohibited_columns: list[str]
    allowed_columns: list[str]
    prohibition_cues: list[str]
    caller_cues: list[str]


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue lists from ``data/reading.yaml`` (read once)."""
    data = load_model(_DATA, ReadingCues)
    return Cues(**{key: _compile(patterns) for key, patterns in data})


def _clean(text: str) -> str:
    return re.sub(r"[*_`]", "", text).strip()


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    text = _clean(text)
    return any(p.search(text) for p in patterns)


def in_prohibited_section(line: Block) -> bool:
    """Whether the line sits under a "Don't" / "Never" heading."""
    return any(_any(cues().prohibited_headings, h) for h in line.headings)


def prohibited_column(header: str) -> bool:
    """Whether a table column holds forbidden phrasing or counter-examples."""
    return _any(cues().prohibited_columns, header)


def allowed_column(header: str) -> bool:
    """Whether a table column lists what is allowed."""
    return _any(cues().allowed_columns, header) and not prohibited_column(header)


def has_prohibition_cue(text: str) -> bool:
    """Whether ``text`` (what precedes a quotation) says not to say it."""
    return _any(cues().prohibition_cues, text)


@dataclass(frozen=True)
class Passage:
    """A piece of approved wording: the line it starts on and its text."""

    line: int
    text: str


def is_callers_words(text: str) -> bool:
    """Whether ``text`` (what precedes a quotation) introduces the caller's words."""
    return _any(cues().caller_cues, text)


def _quotations(text: str, line: int) -> Iterator[Passage]:
    """Quotations that are agent wording: not counter-examples, not the caller's words, and not
    bold labels such as **"Will I need donor eggs?"**."""
    labels = [m.span() for m in _BOLD.finditer(text)]
    for match in _QUOTED.finditer(text):
        before = text[: match.start()]
        if has_prohibition_cue(before) or is_callers_words(before):
            continue
        if any(start <= match.start() < end for start, end in labels):
            continue
        yield Passage(line, match.group(1).strip())


def spoken_passages(text: str) -> list[Passage]:
    """The wording a script file approves for agents to say (by file line): block quotes,
    quotations in prose and in table columns that are not counter-examples; nothing under a
    "Don't" heading."""
    passages: list[Passage] = []
    for line in by_line(read_file(text)):
        if in_prohibited_section(line):
            continue
        if line.kind == "quote" and line.content.strip():
            passages.append(Passage(line.number, _clean(line.content).strip("\"“”")))
        elif line.kind == "table_row":
            for index, cell in enumerate(line.cells):
                if not prohibited_column(line.column(index)):
                    passages.extend(_quotations(cell, line.number))
        elif line.kind in PROSE_KINDS:
            passages.extend(_quotations(line.text, line.number))
    return passages
