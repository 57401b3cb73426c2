"""Chunk storage in Chroma, with generations switched atomically.

Every index run that changes something writes a complete new *generation* collection, then flips
a pointer (the metadata of a small pointer collection) to it. Readers always follow the pointer, so
a run that fails or is killed half-way leaves the previous generation serving, and several app
replicas sharing one Chroma server see a re-index as soon as the pointer moves.
Chroma never embeds anything here: embeddings are always passed in.
"""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

from copilot.knowledge.model import Chunk, IndexReport, SourceInfo
from copilot.settings import Settings

_ADD_BATCH = 500
_META_FIELDS = (
    "source",
    "title",
    "category",
    "owner",
    "last_updated",
    "section",
    "content_hash",
    "status",
    "superseded_by",
    "replaced",
)


class StoreUnavailable(RuntimeError):
    """The configured Chroma (embedded folder or server) cannot be reached."""


@dataclass(frozen=True)
class StoredChunk:
    """A chunk with its stored embedding (to carry unchanged documents into a new generation)."""

    chunk: Chunk
    embedding: list[float]


def _order(chunk_id: str) -> int:
    """A chunk's place in its document ("faq.md#3": 3)."""
    place = chunk_id.rpartition("#")[2]
    return int(place) if place.isdigit() else 0


def chunk_to_metadata(chunk: Chunk) -> dict:
    meta = {name: getattr(chunk, name) or "" for name in _META_FIELDS}
    meta["page"] = chunk.page if chunk.page is not None else -1
    return meta


def chunk_from_record(chunk_id: str, text: str, meta: dict) -> Chunk:
    page = meta.get("page", -1)
    return Chunk(
        id=chunk_id,
        text=text,
        page=None if page is None or page < 0 else int(page),
        **{name: str(meta.get(name, "")) for name in _META_FIELDS},
    )


def connect(settings: Settings):
    """A Chroma client: HTTP when ``chroma_url`` is set, else embedded under the data dir."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        path = settings.data_dir / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except Exception as exc:  # chromadb raises several types for an unreachable server
        where = settings.chroma_url or str(settings.data_dir / "chroma")
        raise StoreUnavailable(f"cannot open the Chroma index at {where}: {exc}") from exc


def _age_s(generation: str) -> float:
    """Seconds since a generation was made, read from its name (``…-gen-YYYYmmddHHMMSS-…``)."""
    stamp = generation.rsplit("-", 2)[-2]
    try:
        return time.time() - time.mktime(time.strptime(stamp, "%Y%m%d%H%M%S"))
    except ValueError:
        return float("inf")  # not a name this store made: not another run's either


class ChunkStore:
    """Reads and writes chunk generations in one Chroma database."""

    def __init__(self, client, prefix: str) -> None:
        if not 3 <= len(prefix) <= 400:  # Chroma names are 3-512 characters; generations add ~30
            raise ValueError(f"collection prefix must have 3-400 characters, got {len(prefix)}")
        self._client = client
        self.prefix = prefix
        self._pointer_name = f"{prefix}-pointer"
        self._handles: dict[str, object] = {}  # generation name -> collection (never modified)
        self.publications = 0  # generations this process published (readers refresh at once)
        # Created once here: concurrent get_or_create calls for a new name can collide.
        client.get_or_create_collection(self._pointer_name, embedding_function=None)

    @classmethod
    def from_settings(cls, settings: Settings) -> ChunkStore:
        return cls(connect(settings), settings.collection_prefix)

    # -- the pointer -------------------------------------------------------------------------
    def _pointer(self):
        """The pointer collection, fetched afresh: another process may have moved it."""
        return self._client.get_collection(self._pointer_name, embedding_function=None)

    def _pointer_meta(self) -> dict:
        return dict(self._pointer().metadata or {})

    def active_name(self) -> str | None:
        """The name of the generation currently serving, or None before the first index run."""
        return self._pointer_meta().get("active") or None

    def _collection(self, name: str):
        """A generation's collection; looked up once, as a published generation never changes."""
        handle = self._handles.get(name)
        if handle is None:
            handle = self._handles[name] = self._client.get_collection(
                name, embedding_function=None
            )
        return handle

    def ready(self) -> bool:
        """True when an index generation is published and readable."""
        try:
            name = self.active_name()
            return bool(name) and self._collection(name).count() > 0
        except Exception:
            return False

    def last_report(self) -> IndexReport | None:
        raw = self._pointer_meta().get("report")
        return IndexReport.model_validate_json(raw) if raw else None

    # -- writing -----------------------------------------------------------------------------
    def new_generation(self):
        """Create an empty generation collection (not yet serving)."""
        name = f"{self.prefix}-gen-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        return self._client.create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )

    @staticmethod
    def add(collection, chunks: Sequence[Chunk], embeddings: Sequence[Sequence[float]]) -> None:
        """Add chunks with their precomputed embeddings to a (new) generation."""
        for start in range(0, len(chunks), _ADD_BATCH):
            part = chunks[start : start + _ADD_BATCH]
            collection.add(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[chunk_to_metadata(c) for c in part],
                embeddings=[list(e) for e in embeddings[start : start + _ADD_BATCH]],
            )

    def publish(self, collection, report: IndexReport) -> None:
        """Make ``collection`` the serving generation and record the run's report."""
        previous = self.active_name()
        meta = {"active": collection.name, "report": report.model_dump_json()}
        if previous:
            meta["previous"] = previous
        self._pointer().modify(metadata=meta)
        self.publications += 1
        self.drop_stale_generations()

    def notice_publication(self) -> None:
        """Another process (an index job's) may have published: readers refresh at once."""
        self.publications += 1

    def save_report(self, report: IndexReport) -> None:
        """Record a run that changed nothing (the serving generation stays)."""
        meta = self._pointer_meta()
        meta["report"] = report.model_dump_json()
        self._pointer().modify(metadata=meta)

    def generations(self) -> list[str]:
        """Names of all generation collections, serving or not."""
        names = (getattr(c, "name", c) for c in self._client.list_collections())
        return sorted(n for n in names if n.startswith(f"{self.prefix}-gen-"))

    def drop_stale_generations(self, min_age_s: float = 0) -> int:
        """Delete generations that are neither serving nor the one just before it (killed runs),
        if made at least ``min_age_s`` ago (a younger one may be another run's, still being
        built); returns how many were deleted."""
        meta = self._pointer_meta()
        keep = {meta.get("active"), meta.get("previous")}
        dropped = 0
        for name in self.generations():
            if name not in keep and _age_s(name) >= min_age_s:
                self._handles.pop(name, None)
                self._client.delete_collection(name)
                dropped += 1
        return dropped

    # -- reading -----------------------------------------------------------------------------
    def stored_chunks(self, sources: Iterable[str] | None = None) -> list[StoredChunk]:
        """Chunks of the serving generation with embeddings (all, or only those of ``sources``)."""
        name = self.active_name()
        if not name:
            return []
        where = None
        if sources is not None:
            wanted = sorted(set(sources))
            if not wanted:
                return []
            where = {"source": {"$in": wanted}}
        got = self._collection(name).get(
            where=where, include=["documents", "metadatas", "embeddings"]
        )
        return [
            StoredChunk(chunk_from_record(i, d, m), list(e))
            for i, d, m, e in zip(
                got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True
            )
        ]

    def chunks(self) -> tuple[str | None, list[Chunk]]:
        """The serving generation's name and all its chunks (no embeddings)."""
        name = self.active_name()
        if not name:
            return None, []
        got = self._collection(name).get(include=["documents", "metadatas"])
        return name, [
            chunk_from_record(i, d, m)
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]

    def query(
        self, embedding: Sequence[float], k: int, generation: str | None = None
    ) -> list[tuple[str, float]]:
        """Nearest chunk ids with cosine similarity, from ``generation`` (default: serving)."""
        name = generation or self.active_name()
        if not name:
            return []
        got = self._collection(name).query(
            query_embeddings=[list(embedding)], n_results=k, include=["distances"]
        )
        return [(i, 1.0 - d) for i, d in zip(got["ids"][0], got["distances"][0], strict=True)]

    def manifest(self) -> dict[str, dict]:
        """Per indexed source: its content hash, status, superseded_by and chunk count."""
        name = self.active_name()
        if not name:
            return {}
        got = self._collection(name).get(include=["metadatas"])
        counts = Counter(m["source"] for m in got["metadatas"])
        manifest: dict[str, dict] = {}
        # the document's own status is its first chunk's (the older version of a part it
        # replaced follows the page's current chunks)
        first = sorted(zip(got["ids"], got["metadatas"], strict=True), key=lambda r: _order(r[0]))
        for _, meta in first:
            manifest.setdefault(
                meta["source"], {**{f: meta.get(f, "") for f in _META_FIELDS}, "chunks": 0}
            )
        for source, count in counts.items():
            manifest[source]["chunks"] = count
        return manifest

    def list_sources(self) -> list[SourceInfo]:
        """What is indexed, one row per document."""
        return [
            SourceInfo(
                path=source,
                title=m["title"],
                category=m["category"],
                status=m["status"],
                last_updated=m["last_updated"],
                chunks=m["chunks"],
                superseded_by=m["superseded_by"],
            )
            for source, m in sorted(self.manifest().items())
        ]


def report_json(report: IndexReport) -> str:
    """The report as the one JSON object ``copilot index --json`` prints (a command's run is
    never paced: it has no server to give way to)."""
    return json.dumps(report.model_dump(exclude={"finished_at", "paused_seconds"}))
