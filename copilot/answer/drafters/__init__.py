"""Drafters turn retrieved chunks into an answer; a registry maps settings names to them.

A new provider is one module that defines a class with ``name`` and ``draft()`` and decorates it
with ``@register``; ``COPILOT_DRAFTER`` picks it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from copilot.answer.model import Turn
from copilot.answer.retrieval import Hit
from copilot.answer.snapshot import Snapshot
from copilot.knowledge.model import Chunk


@dataclass
class DraftRequest:
    """Everything a drafter may use: the redacted question, earlier turns and the ranked hits."""

    question: str
    history: list[Turn]
    hits: list[Hit]
    snapshot: Snapshot
    searched: str = ""  # what was searched: the question, with the previous one for a follow-up
    expansions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # shorthand -> words


@dataclass
class Draft:
    """An answer with ``[n]`` markers; ``sources[n-1]`` is the chunk behind marker n."""

    text: str
    sources: list[Chunk] = field(default_factory=list)
    drafter: str = ""
    fallback_reason: str = ""


_MARKER = re.compile(r"\[(\d{1,2})\]")


def renumber(text: str, offered: Sequence[Chunk]) -> Draft:
    """Keep only citations of offered sources and number them by first use (pure)."""
    used: list[Chunk] = []

    def replace(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        if not 0 <= index < len(offered):
            return ""
        if offered[index] not in used:
            used.append(offered[index])
        return f"[{used.index(offered[index]) + 1}]"

    cleaned = re.sub(r"\s+", " ", _MARKER.sub(replace, text)).strip()
    return Draft(cleaned, used)


class Drafter(Protocol):
    name: str

    def draft(self, request: DraftRequest) -> Draft: ...


DRAFTERS: dict[str, Callable[..., Drafter]] = {}


def register(cls):
    """Class decorator: make a drafter available under its ``name``."""
    DRAFTERS[cls.name] = cls
    return cls


def available() -> list[str]:
    return sorted(DRAFTERS)
