"""What the clinic's documents mark as NOT to say or do: one vocabulary, one matcher.

The cues live in ``copilot/data/reading.yaml`` (regular expressions): headings like "Don't",
table columns like "Never say" or "Incorrect", words like "never" in front of a quotation, and
statements such as 'Prohibited phrasing: ...'. The answer drafter, the approved-script check and
the consistency lint all read documents through these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guardrails.data import StrictModel, load_model
from guardrails.markdown import Block

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "reading.yaml"


@dataclass(frozen=True)
class Cues:
    prohibited_headings: tuple[re.Pattern[str], ...]
    prohibited_statements: tuple[re.Pattern[str], ...]
    prohibited_columns: tuple[re.Pattern[str], ...]
    allowed_columns: tuple[re.Pattern[str], ...]
    prohibition_cues: tuple[re.Pattern[str], ...]
    caller_cues: tuple[re.Pattern[str], ...]


class ReadingCues(StrictModel):
    """``data/reading.yaml``: one list of regexes per kind of cue (see ``Cues``)."""

    prohibited_headings: list[str]
    prohibited_statements: list[str]
    prohibited_columns: list[str]
    allowed_columns: list[str]
    prohibition_cues: list[str]
    caller_cues: list[str]


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue lists from ``data/reading.yaml`` (read once)."""
    data = load_model(CUES_FILE, ReadingCues)
    return Cues(**{key: _compile(patterns) for key, patterns in data})


def clean(text: str) -> str:
    """``text`` without emphasis and code marks."""
    return re.sub(r"[*_`]", "", text).strip()


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    text = clean(text)
    return any(p.search(text) for p in patterns)


def prohibited_heading(heading: str) -> bool:
    """Whether a heading (or the last part of an "A > B" heading path) is over things not to
    say or do ("Don't", "Never say", "Prohibited")."""
    return _any(cues().prohibited_headings, heading.rsplit(">", 1)[-1])


def in_prohibited_section(block: Block) -> bool:
    """Whether the block sits under a "Don't" / "Never" heading."""
    return any(prohibited_heading(h) for h in block.headings)


def prohibited_statement(statement: str) -> bool:
    """Whether a statement is guidance about what not to say (reading it out would say it)."""
    return _any(cues().prohibited_statements, statement)


def prohibited_column(header: str) -> bool:
    """Whether a table column holds forbidden phrasing or counter-examples."""
    return _any(cues().prohibited_columns, header)


def allowed_column(header: str) -> bool:
    """Whether a table column lists what is allowed."""
    return _any(cues().allowed_columns, header) and not prohibited_column(header)


def has_prohibition_cue(text: str) -> bool:
    """Whether ``text`` (what precedes a quotation) says not to say it."""
    return _any(cues().prohibition_cues, text)


def is_callers_words(text: str) -> bool:
    """Whether ``text`` (what precedes a quotation) introduces the caller's words."""
    return _any(cues().caller_cues, text)
