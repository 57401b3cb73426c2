"""Typed records that cross the knowledge boundary: documents, chunks, reports."""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel

CURRENT = "current"
ARCHIVED = "archived"
SUPERSEDED = "superseded"


@dataclass(frozen=True)
class Page:
    """One page of a document's text; ``number`` is the 1-based PDF page, None for other formats.

    ``text`` is Markdown-like: headings as ``#`` lines, tables as ``|`` rows.
    """

    text: str
    number: int | None = None


@dataclass
class Document:
    """A loaded source file with its front matter."""

    source: str  # path relative to the knowledge dir, POSIX separators
    title: str
    category: str
    owner: str
    last_updated: str  # ISO date (YYYY-MM-DD) or ""
    content_hash: str  # sha256 of the raw file bytes
    pages: list[Page]
    status: str = CURRENT  # current | archived | superseded
    superseded_by: str = ""  # source of the newer document, when superseded
    # parts of it a newer document replaces: the words naming each -> that document's source
    replaced_parts: dict[tuple[str, ...], str] = field(default_factory=dict)

    @property
    def replaced(self) -> str:
        """``replaced_parts`` as one string ("intro consult>memo.txt"), stored with each chunk:
        the document is chunked again when it changes."""
        return "|".join(f"{' '.join(part)}>{source}"
                        for part, source in sorted(self.replaced_parts.items()))


@dataclass(frozen=True)
class Chunk:
    """A retrievable piece of a document, with everything needed to cite it."""

    id: str
    text: str
    source: str
    title: str
    category: str
    owner: str
    last_updated: str
    section: str  # heading path, "Promotional Consultations > Eligibility"
    page: int | None
    content_hash: str
    status: str = CURRENT
    superseded_by: str = ""
    replaced: str = ""  # the document's replaced parts (``Document.replaced``)


class SkippedFile(BaseModel):
    path: str
    reason: str


class FailedFile(BaseModel):
    path: str
    error: str


class IndexReport(BaseModel):
    """What one ``copilot index`` run did; ``--json`` prints exactly this."""

    documents: int = 0
    chunks: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: list[SkippedFile] = []
    failed: list[FailedFile] = []
    seconds: float = 0.0
    paused_seconds: float = 0.0  # of ``seconds``, given way to answering (an index job's run)
    finished_at: str = ""


class SourceInfo(BaseModel):
    """One indexed document, as ``copilot sources`` lists it."""

    path: str
    title: str
    category: str
    status: str
    last_updated: str
    chunks: int
    superseded_by: str = ""
