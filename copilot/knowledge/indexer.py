"""Incremental, atomic indexing of the knowledge folder into Chroma.

A run scans the folder, compares content hashes with what the serving generation holds, embeds only
new and changed documents, carries everything else over with its stored embeddings, and publishes
the result as a new generation (see ``store``). Nothing changed means nothing is written.
"""

from __future__ import annotations

import dataclasses
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from copilot.knowledge.bounds import DocumentLimits
from copilot.knowledge.chunking import chunk_document
from copilot.knowledge.embedder import Embedder
from copilot.knowledge.loaders import LoadError, UnsupportedFile, load_document
from copilot.knowledge.model import (
    SUPERSEDED,
    Chunk,
    Document,
    FailedFile,
    IndexReport,
    SkippedFile,
)
from copilot.knowledge.store import ChunkStore, StoredChunk
from copilot.knowledge.supersession import mark_superseded
from copilot.settings import Settings

Progress = Callable[[int, int], None]  # (chunks embedded so far, chunks to embed)
Prepare = Callable[[list[Chunk]], None]  # given the new chunks before their generation serves
# With a shared Chroma server another replica's run may be building a generation right now.
_SHARED_ORPHAN_AGE_S = 3600


class IndexLocked(RuntimeError):
    """Another index run holds the lock."""


class KnowledgeDirMissing(RuntimeError):
    """The configured knowledge folder does not exist."""


@contextmanager
def index_lock(data_dir: Path) -> Iterator[None]:
    """Hold an exclusive, non-blocking lock on the data dir for the duration of one run."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "index.lock"
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise IndexLocked(
                f"another index run (pid {holder}) is in progress; try again when it finishes"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class Scan:
    """What the knowledge folder holds right now."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    failed: list[FailedFile] = field(default_factory=list)


def scan_knowledge(root: Path, max_bytes: int, limits: DocumentLimits | None = None) -> Scan:
    """Load every file under ``root`` (hidden ones ignored) and mark superseded ones."""
    if not root.is_dir():
        raise KnowledgeDirMissing(f"knowledge folder not found: {root}")
    scan = Scan()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or any(part.startswith(".") for part in relative.parts):
            continue
        try:
            scan.documents.append(load_document(path, root, max_bytes, limits))
        except UnsupportedFile as exc:
            scan.skipped.append(SkippedFile(path=relative.as_posix(), reason=str(exc)))
        except LoadError as exc:
            scan.failed.append(FailedFile(path=relative.as_posix(), error=str(exc)))
    mark_superseded(scan.documents)
    return scan


def document_chunks(doc: Document, settings: Settings) -> list[Chunk]:
    """The document's chunks; LimitExceeded when there are more than a document may have."""
    chunks = chunk_document(doc, settings.chunk_size, settings.chunk_overlap)
    limits = DocumentLimits.from_settings(settings)
    limits.check("the chunk count", len(chunks), limits.max_chunks, "max_document_chunks")
    return chunks


def _rechunk(doc: Document, old: dict | None) -> bool:
    """Whether ``doc`` is chunked (and embedded) again: new, edited, or with other parts replaced
    by newer documents than when it was indexed."""
    return old is None or old["content_hash"] != doc.content_hash \
        or old.get("replaced", "") != doc.replaced


def _chunk_changed(scan: Scan, manifest: dict[str, dict], settings: Settings) -> dict[str, list]:
    """Chunks of the new and changed documents; one over the chunk limit moves to failed."""
    chunked: dict[str, list[Chunk]] = {}
    for doc in list(scan.documents):
        if not _rechunk(doc, manifest.get(doc.source)):
            continue
        try:
            chunked[doc.source] = document_chunks(doc, settings)
        except LoadError as exc:
            scan.documents.remove(doc)
            scan.failed.append(FailedFile(path=doc.source, error=str(exc)))
    return chunked


@dataclass
class ChangePlan:
    """How each document relates to the serving generation."""

    to_embed: list[Document] = field(default_factory=list)
    to_carry: list[Document] = field(default_factory=list)  # same content; metadata refreshed
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    kept_failed: list[str] = field(default_factory=list)  # failed now, old chunks keep serving


def plan_changes(scan: Scan, manifest: dict[str, dict]) -> ChangePlan:
    """Compare the scan with the manifest of the serving generation (pure)."""
    plan = ChangePlan()
    for doc in scan.documents:
        old = manifest.get(doc.source)
        if old is None:
            plan.added += 1
            plan.to_embed.append(doc)
        elif _rechunk(doc, old):
            plan.updated += 1
            plan.to_embed.append(doc)
        else:
            plan.to_carry.append(doc)
            same = (old["status"], old["superseded_by"]) == (doc.status, doc.superseded_by)
            if same:
                plan.unchanged += 1
            else:
                plan.updated += 1
    present = {d.source for d in scan.documents}
    failed = {f.path for f in scan.failed}
    for source in manifest:
        if source in failed:
            plan.kept_failed.append(source)
        elif source not in present:
            plan.removed.append(source)
    return plan


def batches(chunks: list[Chunk], max_items: int, max_chars: int) -> Iterator[list[Chunk]]:
    """Consecutive batches of at most ``max_items`` chunks and about ``max_chars`` of text (a
    batch of long chunks is smaller: the model's memory grows with batch size x length)."""
    batch: list[Chunk] = []
    size = 0
    for chunk in chunks:
        if batch and (len(batch) == max_items or size + len(chunk.text) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(chunk)
        size += len(chunk.text)
    if batch:
        yield batch


def _refresh(stored: StoredChunk, doc: Document | None) -> StoredChunk:
    if doc is None or (stored.chunk.status == SUPERSEDED
                       and stored.chunk.superseded_by in doc.replaced_parts.values()):
        return stored  # no document, or the older version of a part it replaced
    chunk = dataclasses.replace(stored.chunk, status=doc.status, superseded_by=doc.superseded_by)
    return StoredChunk(chunk, stored.embedding)


class Indexer:
    """Builds and refreshes the index of one knowledge folder."""

    def __init__(
        self, settings: Settings, store: ChunkStore, embedder: Callable[[], Embedder]
    ) -> None:
        self.settings = settings
        self.store = store
        self._embedder = embedder  # called only when something needs embedding

    def drop_orphans(self) -> int:
        """Delete generations left by killed runs (at start-up); 0 while a run holds the lock."""
        try:
            with index_lock(self.settings.data_dir):
                return self.drop_orphans_locked()
        except IndexLocked:
            return 0

    def drop_orphans_locked(self) -> int:
        """Delete generations left by killed or failed runs; the caller holds the index lock, so
        no run of this data dir is building one (with a shared Chroma server only generations
        older than an hour are surely orphans)."""
        shared = bool(self.settings.chroma_url)
        return self.store.drop_stale_generations(_SHARED_ORPHAN_AGE_S if shared else 0)

    def run(self, rebuild: bool = False, progress: Progress | None = None) -> IndexReport:
        """Index the knowledge folder; raises IndexLocked or KnowledgeDirMissing."""
        with index_lock(self.settings.data_dir):
            return self.run_locked(rebuild, progress)

    def run_locked(
        self, rebuild: bool = False, progress: Progress | None = None,
        prepare: Prepare | None = None,
    ) -> IndexReport:
        """One index run by a caller that holds :func:`index_lock` (and may change the
        knowledge folder under it first); ``prepare`` gets the newly embedded chunks before
        their generation is published. Raises KnowledgeDirMissing."""
        started = time.perf_counter()
        self.drop_orphans_locked()
        scan = scan_knowledge(
            self.settings.knowledge_dir,
            self.settings.max_file_bytes(),
            DocumentLimits.from_settings(self.settings),
        )
        manifest = {} if rebuild else self.store.manifest()
        chunked = _chunk_changed(scan, manifest, self.settings)
        plan = plan_changes(scan, manifest)
        report = IndexReport(
            added=plan.added,
            updated=plan.updated,
            unchanged=plan.unchanged,
            removed=len(plan.removed),
            skipped=scan.skipped,
            failed=scan.failed,
        )
        changed = bool(rebuild or plan.to_embed or plan.removed or plan.updated)
        generation = None
        if changed or not self.store.active_name():
            generation, report.chunks = self._build_generation(plan, chunked, progress, prepare)
        else:
            report.chunks = sum(m["chunks"] for m in manifest.values())
        report.documents = len(scan.documents) + len(plan.kept_failed)
        report.seconds = round(time.perf_counter() - started, 3)
        report.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        if generation is None:
            self.store.save_report(report)
        else:
            self.store.publish(generation, report)
        return report

    def _build_generation(
        self, plan: ChangePlan, chunked: dict[str, list[Chunk]], progress: Progress | None,
        prepare: Prepare | None = None,
    ) -> tuple[object, int]:
        """Write a complete new generation (not yet serving); returns it and its chunk count.

        Unchanged documents are carried over with their stored embeddings; new and changed ones
        are embedded batch by batch straight into the new generation.
        """
        by_source = {d.source: d for d in plan.to_carry}
        carried = [
            _refresh(s, by_source.get(s.chunk.source))
            for s in self.store.stored_chunks([*by_source, *plan.kept_failed])
        ]
        new_chunks = [chunk for doc in plan.to_embed for chunk in chunked[doc.source]]
        new_chunks.sort(key=lambda c: len(c.text))  # similar lengths batch with less padding
        generation = self.store.new_generation()
        self.store.add(generation, [s.chunk for s in carried], [s.embedding for s in carried])
        embedder = self._embedder() if new_chunks else None
        done = 0
        for batch in batches(
            new_chunks, self.settings.embedding_batch_size, self.settings.embedding_batch_chars
        ):
            self.store.add(generation, batch, embedder.embed_documents([c.text for c in batch]))
            done += len(batch)
            if progress:
                progress(done, len(new_chunks))
        if prepare and new_chunks:
            prepare(new_chunks)
        return generation, len(carried) + len(new_chunks)
