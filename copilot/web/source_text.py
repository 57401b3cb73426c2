"""The text of one indexed document for the panel's source sheet: what a citation points at,
read again from the knowledge folder (Markdown and HTML as text, PDF text page by page)."""

from __future__ import annotations

from pydantic import BaseModel

from copilot.knowledge.loaders import LoadError, UnsupportedFile, load_document


class SourcePage(BaseModel):
    number: int | None = None  # the PDF page; None for other formats
    text: str


class SourceDocument(BaseModel):
    source: str
    title: str
    status: str
    last_updated: str
    pages: list[SourcePage]


class SourceUnavailable(Exception):
    """The document is not indexed, or can no longer be read from the knowledge folder."""


def source_document(rt, source: str) -> SourceDocument:
    """The indexed document ``source`` (a path relative to the knowledge folder). Only indexed
    paths are read, so no other file can be reached through this."""
    entry = rt.store.manifest().get(source)
    if entry is None:
        raise SourceUnavailable(f"no indexed document {source!r}")
    settings = rt.settings
    try:
        document = load_document(
            settings.knowledge_dir / source, settings.knowledge_dir, settings.max_file_bytes()
        )
    except (LoadError, UnsupportedFile) as error:
        raise SourceUnavailable(f"{source} cannot be shown: {error}") from None
    return SourceDocument(
        source=source,
        title=document.title,
        status=entry["status"],
        last_updated=document.last_updated,
        pages=[SourcePage(number=p.number, text=p.text) for p in document.pages],
    )
