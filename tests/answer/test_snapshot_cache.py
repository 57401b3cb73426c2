"""A new generation's snapshot is built beside the one serving: questions asked meanwhile are
answered from the previous generation without waiting; the new one serves once built; one build
at a time; a failed build keeps the previous snapshot and logs no document text."""

from __future__ import annotations

import copy
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import copilot.answer.snapshot as snapshot_module
from copilot.answer.snapshot_cache import SnapshotCache, SnapshotUnavailable
from copilot.answer.text import statements
from copilot.knowledge.model import CURRENT

NEXT = "next-generation"
PRICES = "pricing/price-list.md"
QUESTION = "how much does IUI cost"
HANG_S = 120  # a bound on a call that must not wait for the build (a hang fails, not a slow run)


class Publishing:
    """The runtime's store, which publishes on demand a next generation: its chunks without the
    price list."""

    def __init__(self, store) -> None:
        self.store = store
        self.publications = 0
        self.published = False

    def publish(self) -> None:
        self.published = True
        self.publications += 1

    def active_name(self) -> str | None:
        return NEXT if self.published else self.store.active_name()

    def chunks(self):
        name, chunks = self.store.chunks()
        if not self.published:
            return name, chunks
        return NEXT, [c for c in chunks if c.source != PRICES]


class HeldBuild:
    """``build_snapshot`` with a step the test controls: the next generation's build starts, then
    waits until released (or fails, when told to)."""

    def __init__(self, monkeypatch, error: Exception | None = None) -> None:
        self.started, self.release = threading.Event(), threading.Event()
        self.error = error
        self.builds: list[str | None] = []
        real = snapshot_module.build_snapshot

        def build(generation, *args, **kwargs):
            self.builds.append(generation)
            if generation == NEXT:
                self.started.set()
                self.release.wait()
                if self.error is not None:
                    raise self.error
            return real(generation, *args, **kwargs)

        monkeypatch.setattr(snapshot_module, "build_snapshot", build)


@pytest.fixture
def store(runtime):
    return Publishing(runtime.store)


def test_a_question_during_a_build_is_answered_from_the_previous_generation(
        runtime, store, monkeypatch):
    held = HeldBuild(monkeypatch)
    cache = SnapshotCache(store, runtime.policy)
    asking = copy.copy(runtime.copilot)
    asking.snapshots = cache
    old = cache.get().generation
    store.publish()
    with ThreadPoolExecutor(1) as pool:
        try:
            assert pool.submit(cache.get).result(HANG_S).generation == old
            assert held.started.wait(HANG_S)  # the next generation's build is under way
            result = pool.submit(asking.ask, QUESTION).result(HANG_S)
            assert PRICES in {c.source for c in result.citations}  # the previous generation
            assert pool.submit(cache.get).result(HANG_S).generation == old
        finally:
            held.release.set()  # before the pool waits for a call still waiting for the build
    newest = cache.latest()
    assert newest.generation == NEXT
    assert PRICES not in {c.source for c in newest.chunks}
    assert cache.get() is newest
    assert held.builds.count(NEXT) == 1  # one build, however many questions came meanwhile


def test_a_failed_build_keeps_the_previous_snapshot_and_logs_no_text(
        runtime, store, monkeypatch, caplog):
    held = HeldBuild(monkeypatch, error=ValueError("IUI with Dr Example is $450"))
    held.release.set()
    now = [0.0]
    cache = SnapshotCache(store, runtime.policy, clock=lambda: now[0])
    old = cache.get()
    store.publish()
    with caplog.at_level(logging.ERROR, logger="copilot.answer.snapshot"):
        assert cache.latest() is old  # the build failed: the previous snapshot serves
    assert "ValueError" in caplog.text and "$450" not in caplog.text
    assert cache.get() is old and held.builds.count(NEXT) == 1  # not tried again at once
    now[0] += SnapshotCache.RETRY_SECONDS
    held.error = None
    cache.get()  # tried again: started in the background
    assert cache.latest().generation == NEXT
    assert held.builds.count(NEXT) == 2


def test_with_no_snapshot_yet_a_failed_build_is_an_error(runtime, store, monkeypatch):
    held = HeldBuild(monkeypatch, error=ValueError("unreadable"))
    held.release.set()
    store.publish()
    with pytest.raises(SnapshotUnavailable):
        SnapshotCache(store, runtime.policy).get()


def _statements(snapshot) -> set[str]:
    return {s.text for c in snapshot.chunks if c.status == CURRENT for s in statements(c.text)}


def _judged(snapshot, texts: set[str]) -> bool:
    """Whether every one of ``texts`` has its verdict at hand, waiting up to ``HANG_S``."""
    deadline = time.monotonic() + HANG_S
    while not texts <= snapshot._screened.keys():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_serving_cache_judges_every_statement_of_each_generation_before_questions_do(
        runtime, store, monkeypatch):
    cache = SnapshotCache(store, runtime.policy)
    first = cache.get()
    assert not first._screened  # a cache nobody serves from judges nothing beforehand
    assert not first.screened.is_set()
    cache.screen_statements()
    assert _judged(first, _statements(first))  # the current generation's, in a thread
    assert first.screened.wait(HANG_S)  # ... and says when it is done
    store.publish()
    newest = cache.latest()
    assert newest is not first and _judged(newest, _statements(newest))  # each new one's too
    checks = []
    monkeypatch.setattr(newest.checker, "check", lambda text: checks.append(text))
    for text in _statements(newest):
        newest.compliant(text)
    assert not checks  # every verdict was at hand
