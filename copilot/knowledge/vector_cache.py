"""Vectors of the documents' statements, kept on disk across index generations and restarts.

The grounded drafter and the claims check compare every statement of the top passages with the
question; embedding them on the question's path cost about half of an answer's time. When a
generation's snapshot is built, its statements' vectors come from this cache (keyed by the model
and the text), and those no earlier generation had are embedded in the background.

Only the documents' own statements are stored here, never a question (a question could hold PHI
that redaction missed). The file holds at most ``max_rows`` vectors; the oldest go first.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from copilot.knowledge.background import lower_priority
from guardrails.semantic import unit_rows

MAX_ROWS = 200_000  # about 300 MB of 384-dimension vectors
FILL_BATCH = 32  # statements per background embedding call: questions get turns in between
_LOOKUP_BATCH = 500  # SQLite's limit on bound parameters is far above this

EXIT_WAIT = 30.0  # seconds the process waits at exit for a fill's batch to end
Embed = Callable[[Sequence[str]], Sequence[Sequence[float]]]
Remember = Callable[[dict[str, np.ndarray]], None]
logger = logging.getLogger(__name__)
_exiting = threading.Event()
_fills: set[threading.Thread] = set()


@atexit.register
def _end_fills() -> None:
    """At exit, let each background fill end after its batch. A thread stopped inside the
    model's native code aborts the process ("terminate called without an active exception",
    exit code 134): a one-shot command that exits before its generation's vectors are in."""
    _exiting.set()
    for thread in list(_fills):
        thread.join(timeout=EXIT_WAIT)


class StatementVectors:
    """The unit vectors of the documents' statements: from the cache where it has them,
    embedded (and stored) in the background where it has not."""

    def __init__(self, path: Path, model: str, embed: Embed, max_rows: int = MAX_ROWS) -> None:
        self.path = Path(path)
        self.model = model  # vectors of another model are never mixed in
        self.embed = embed
        self.max_rows = max_rows
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute("CREATE TABLE IF NOT EXISTS vectors "
                       "(key BLOB PRIMARY KEY, vector BLOB NOT NULL)")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            yield db
            db.commit()
        finally:
            db.close()

    def _key(self, text: str) -> bytes:
        return hashlib.sha256(f"{self.model}\0{text}".encode()).digest()

    def fill(self, texts: Sequence[str], remember: Remember) -> threading.Event:
        """Hand ``remember`` the vectors of ``texts``: at once those the cache has, the others
        as a background thread embeds (and stores) them. The event is set when all are in."""
        found = self.lookup(texts)
        remember(found)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        done = threading.Event()
        if not missing:
            done.set()
            return done

        def embed_missing() -> None:
            lower_priority()  # answers come first
            try:
                for vectors in self._embedded(missing):
                    remember(vectors)
                    if _exiting.is_set():
                        break  # what is stored stays: the next process embeds the rest
            except Exception as error:  # questions embed what is missing themselves
                logger.error("embedding statements stopped (%s)", type(error).__name__)
            finally:
                done.set()
                _fills.discard(thread)

        thread = threading.Thread(target=embed_missing, name="statement-vectors", daemon=True)
        _fills.add(thread)
        thread.start()
        return done

    def store_missing(self, texts: Sequence[str]) -> int:
        """Embed and store the vectors of ``texts`` the cache lacks, here and now (an index run
        does this before it publishes, so the server finds them all); returns how many."""
        found = self.lookup(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in found]
        for _ in self._embedded(missing):
            pass
        return len(missing)

    def _embedded(self, texts: list[str]) -> Iterator[dict[str, np.ndarray]]:
        """Embed ``texts`` a batch at a time, storing each batch's unit vectors as it goes."""
        for start in range(0, len(texts), FILL_BATCH):
            batch = texts[start : start + FILL_BATCH]
            vectors = dict(zip(batch, unit_rows(self.embed(batch)),
                               strict=True))
            self._store(vectors)
            yield vectors

    def lookup(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The vectors the cache has for ``texts``."""
        wanted = {self._key(t): t for t in dict.fromkeys(texts)}
        found: dict[str, np.ndarray] = {}
        with self._lock, self._connect() as db:
            keys = list(wanted)
            for start in range(0, len(keys), _LOOKUP_BATCH):
                batch = keys[start : start + _LOOKUP_BATCH]
                rows = db.execute(
                    f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(batch))})",
                    batch)
                for key, blob in rows:
                    found[wanted[key]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def _store(self, vectors: dict[str, np.ndarray]) -> None:
        with self._lock, self._connect() as db:
            db.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                           [(self._key(t), v.tobytes()) for t, v in vectors.items()])
            excess = db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0] - self.max_rows
            if excess > 0:  # the oldest rows go first
                db.execute("DELETE FROM vectors WHERE rowid IN "
                           "(SELECT rowid FROM vectors ORDER BY rowid LIMIT ?)", (excess,))

