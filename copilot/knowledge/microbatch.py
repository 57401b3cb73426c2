"""Micro-batching: concurrent callers of a batch function share one call.

One forward pass of the embedding model over 8 short questions costs about what 2.5 single passes
cost, so when several requests are in flight at once their questions are embedded together.
A caller that finds nothing running runs its own item at once (no waiting window, so no added
latency when idle); callers that arrive while a batch runs queue up, and the first of them runs
the next batch for everyone queued. Each caller leads at most until its own item is done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class _Slot(Generic[T, R]):
    __slots__ = ("item", "done", "result", "error")

    def __init__(self, item: T) -> None:
        self.item = item
        self.done = False
        self.result: R | None = None
        self.error: BaseException | None = None


class MicroBatcher(Generic[T, R]):
    """Call ``run_batch(items) -> results`` (same length, same order) for concurrent callers."""

    def __init__(self, run_batch: Callable[[list[T]], Sequence[R]], max_batch: int = 16) -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self._run_batch = run_batch
        self._max_batch = max_batch
        self._cond = threading.Condition()
        self._queue: list[_Slot[T, R]] = []
        self._running = False

    def __call__(self, item: T) -> R:
        """The result for one item, computed in a batch with whatever else is queued."""
        slot: _Slot[T, R] = _Slot(item)
        with self._cond:
            self._queue.append(slot)
        while True:
            with self._cond:
                while self._running and not slot.done:
                    self._cond.wait()
                if slot.done:
                    break
                self._running = True
                batch = self._queue[: self._max_batch]
                del self._queue[: self._max_batch]
            self._run(batch)
        if slot.error is not None:
            raise slot.error
        return slot.result  # type: ignore[return-value]

    def _run(self, batch: list[_Slot[T, R]]) -> None:
        """Run one batch outside the lock, then hand results (or the error) to every caller."""
        results: Sequence[R] = ()
        error: BaseException | None = None
        try:
            results = self._run_batch([slot.item for slot in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"batch of {len(batch)} gave {len(results)} results")
        except BaseException as exc:  # every caller in the batch gets the failure
            error = exc
        with self._cond:
            for index, slot in enumerate(batch):
                slot.error = error
                slot.result = None if error else results[index]
                slot.done = True
            self._running = False
            self._cond.notify_all()
