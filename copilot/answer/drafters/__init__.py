"""Drafters turn retrieved chunks into an answer; a registry maps settings names to them.

A new provider is one module that defines a class with ``name``, ``draft()``, the settings it
reads (``Options``: a pydantic model whose fields are named as in ``copilot.settings.Settings``)
and ``from_settings(options, components)``, and decorates it with ``@register``;
``COPILOT_DRAFTER`` picks it. ``create`` hands each drafter only the settings it declares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from pydantic import BaseModel

from copilot.answer.model import Turn
from copilot.answer.retrieval import Hit
from copilot.answer.snapshot import Snapshot
from copilot.answer.vocabulary import Vocabulary
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


@dataclass(frozen=True)
class Components:
    """What the runtime hands a drafter besides its settings."""

    vocabulary: Vocabulary | None = None  # the retrieval vocabulary (asked values)
    policy_rules: Sequence[object] = ()  # the claims policy's rules, for a model's prompt


class Registered(Protocol):
    """A drafter class as the registry knows it."""

    name: ClassVar[str]
    Options: ClassVar[type[BaseModel]]  # the settings it reads, named as in ``Settings``

    @classmethod
    def from_settings(cls, options: Any, components: Components) -> Drafter: ...


DRAFTERS: dict[str, type[Registered]] = {}


def register(cls):
    """Class decorator: make a drafter available under its ``name``."""
    DRAFTERS[cls.name] = cls
    return cls


def available() -> list[str]:
    return sorted(DRAFTERS)


def create(name: str, settings: object, components: Components) -> Drafter:
    """The drafter registered as ``name``, given only the settings its ``Options`` declare
    (read from ``settings`` by name) and the runtime's ``components``."""
    cls = DRAFTERS[name]
    declared = list(cls.Options.model_fields)
    unknown = [key for key in declared if not hasattr(settings, key)]
    if unknown:
        raise ValueError(f"drafter {name!r} declares settings that do not exist: "
                         f"{', '.join(unknown)}")
    options = cls.Options.model_validate({key: getattr(settings, key) for key in declared})
    return cls.from_settings(options, components)
