"""The snapshot of the serving generation, handed out to questions and rebuilt in the background.

When the serving pointer moves (another replica or an upload re-indexed), the new generation's
snapshot (``copilot.answer.snapshot``) is built beside the one serving, which answers meanwhile.
The pointer itself is checked at most every ``index_refresh_seconds`` (at once after a re-index in
this process), which keeps a Chroma round trip off most questions.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from copilot.answer import snapshot as snapshots
from copilot.answer.snapshot import Snapshot
from copilot.knowledge.background import lower_priority
from copilot.knowledge.store import ChunkStore
from copilot.knowledge.vector_cache import StatementVectors
from guardrails import Policy

logger = logging.getLogger(__name__)


@dataclass
class _Build:
    """One run of building a snapshot: done when it has swapped its snapshot in or failed."""

    done: threading.Event = field(default_factory=threading.Event)
    error: Exception | None = None
    failed_at: float = 0.0  # the clock when it failed


class SnapshotCache:
    """Hands out the snapshot of the serving generation. When the pointer moves, the new
    generation's snapshot is built in a background thread (one build at a time, at a lower CPU
    priority) while questions keep being answered from the previous one; the new one is swapped
    in whole once built. A failed build is logged (its error's type, never a document's text)
    and the previous snapshot keeps serving; ``get`` tries again after ``RETRY_SECONDS``."""

    RETRY_SECONDS = 30.0

    def __init__(self, store: ChunkStore, policy: Policy, refresh_seconds: float = 0.0,
                 embed=None, clock: Callable[[], float] = time.monotonic,
                 statement_vectors: StatementVectors | None = None, embed_drafts=None,
                 embed_multilingual=None) -> None:
        self._store = store
        self._embed, self._embed_drafts = embed, embed_drafts
        self._embed_multilingual = embed_multilingual
        self._statement_vectors = statement_vectors
        self._clock = clock  # injected by tests: the refresh interval is read from it
        self._policy = policy
        self._refresh_seconds = refresh_seconds
        self._checked = (-math.inf, -1)  # (monotonic time, store.publications) of the last check
        self._lock = threading.Lock()  # guards the fields below
        self._snapshot: Snapshot | None = None
        self._looks = 0  # how many times the pointer has been read
        self._wanted: str | None = None  # the generation it named the last time
        self._built_after = -1  # the snapshot's chunks were read after this many looks
        self._build: _Build | None = None
        self._screening = False  # whether each snapshot's statements are judged once it is built

    def screen_statements(self) -> None:
        """From now on, judge every statement of each new snapshot once it is built, in its
        build's background thread, and those of the current one now, in a thread of their own
        (a serving process: its answers then find the verdicts at hand)."""
        self._screening = True
        current = self._snapshot
        if current is not None:
            threading.Thread(target=_screened, args=(current,), name="statement-screening",
                             daemon=True).start()

    def get(self) -> Snapshot:
        """The snapshot to answer from now: the serving generation's (the pointer is checked at
        most every ``refresh_seconds``, at once after a publication this process noticed), or
        the previous one while that is being built. Waits only when there is none yet."""
        return self._serve(wait=False)

    def latest(self) -> Snapshot:
        """As ``get``, but waits for the build of a newer generation (for whoever needs what was
        just published, such as an index job before it says it is done); after a failed build,
        the previous snapshot."""
        return self._serve(wait=True)

    def _serve(self, wait: bool) -> Snapshot:
        while True:
            self._look()
            with self._lock:
                current = self._snapshot
                if current is not None and (current.generation == self._wanted
                                            or self._built_after >= self._looks):
                    return current
                build = self._start(retry=wait or current is None)
            if current is not None and not wait:
                return current
            build.done.wait()
            if build.error is not None:
                if current is None:
                    raise SnapshotUnavailable("no snapshot of the index could be built") \
                        from build.error
                return current

    def _look(self) -> None:
        """Read the serving pointer, unless it was read less than ``refresh_seconds`` ago and
        nothing was published since."""
        checked_at, publications = self._checked
        if (
            self._snapshot is not None
            and publications == self._store.publications
            and self._clock() - checked_at < self._refresh_seconds
        ):
            return
        self._checked = (self._clock(), self._store.publications)
        generation = self._store.active_name()
        with self._lock:
            self._looks += 1
            self._wanted = generation

    def _start(self, retry: bool) -> _Build:
        """The build under way, or a new one (called with the lock held). A build that failed
        less than ``RETRY_SECONDS`` ago is not tried again unless ``retry``."""
        build = self._build
        if build is not None and not build.done.is_set():
            return build
        if (build is not None and build.error is not None and not retry
                and self._clock() - build.failed_at < self.RETRY_SECONDS):
            return build
        build = self._build = _Build()
        threading.Thread(target=self._run, args=(build,), name="snapshot-build",
                         daemon=True).start()
        return build

    def _run(self, build: _Build) -> None:
        lower_priority()
        snapshot = None
        try:
            with self._lock:
                looks = self._looks
            name, chunks = self._store.chunks()
            snapshot = snapshots.build_snapshot(name, chunks, self._policy, self._embed,
                                                self._statement_vectors, self._embed_drafts,
                                                self._embed_multilingual)
            with self._lock:
                self._snapshot, self._built_after = snapshot, looks
        except Exception as error:  # the previous snapshot keeps serving
            logger.error("building the index snapshot failed (%s)", type(error).__name__)
            build.error, build.failed_at = error, self._clock()
        finally:
            build.done.set()
        if snapshot is not None and self._screening:
            _screened(snapshot)


def _screened(snapshot: Snapshot) -> None:
    """``snapshot.screen()`` at a lower CPU priority; a failure only leaves answers to judge
    their statements themselves."""
    lower_priority()
    try:
        snapshot.screen()
    except Exception as error:
        logger.error("judging the statements beforehand stopped (%s)", type(error).__name__)


class SnapshotUnavailable(RuntimeError):
    """No snapshot of the index could be built yet (the log says why)."""
