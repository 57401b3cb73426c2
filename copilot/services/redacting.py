"""Redacting outside the server: the PHI redactor with an allow-list read from the knowledge
folder's current documents. No index is opened (no Chroma, no embedder, no BM25): what the clinic
calls its own (staff, drugs, places) is read from the same files the indexer reads."""

from __future__ import annotations

from dataclasses import dataclass

from copilot.knowledge.bounds import DocumentLimits
from copilot.knowledge.indexer import KnowledgeDirMissing, scan_knowledge
from copilot.knowledge.model import CURRENT
from copilot.settings import Settings
from guardrails import Allowlist


@dataclass(frozen=True)
class FolderAllowlist:
    """The allow-list and how many current documents it was harvested from (0: the YAML list
    alone)."""

    allowlist: Allowlist
    documents: int


def folder_allowlist(settings: Settings) -> FolderAllowlist:
    """The YAML allow-list plus the vocabulary of the current (not archived, not superseded)
    documents under ``settings.knowledge_dir``; the YAML list alone without that folder."""
    try:
        limits = DocumentLimits.from_settings(settings)
        scan = scan_knowledge(settings.knowledge_dir, settings.max_file_bytes(), limits)
    except KnowledgeDirMissing:
        return FolderAllowlist(Allowlist.load(), 0)
    texts = ["\n\n".join(p.text for p in d.pages) for d in scan.documents if d.status == CURRENT]
    return FolderAllowlist(Allowlist.load(extra_texts=texts), len(texts))
