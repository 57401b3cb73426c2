"""MicroBatcher: concurrent callers share one batch call, each gets its own result or error."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from copilot.knowledge.microbatch import MicroBatcher


class SlowSquares:
    """A batch function whose first call waits until released, recording every batch."""

    def __init__(self) -> None:
        self.batches: list[list[int]] = []
        self.release = threading.Event()

    def __call__(self, items: list[int]) -> list[int]:
        self.batches.append(list(items))
        if len(self.batches) == 1:
            assert self.release.wait(5)
        return [i * i for i in items]


def test_a_lone_caller_runs_at_once():
    batches = []
    square = MicroBatcher(lambda items: batches.append(items) or [i * i for i in items])
    assert square(7) == 49
    assert batches == [[7]]


def call_while_the_first_batch_runs(fn: SlowSquares, max_batch: int, items: list[int]):
    """Through one MicroBatcher over ``fn``: call with ``items[0]``, then with the rest while
    that first batch is still running; release it once the rest are queued. Returns every
    caller's result, in order."""
    square = MicroBatcher(fn, max_batch=max_batch)
    with ThreadPoolExecutor(len(items)) as pool:
        first = pool.submit(square, items[0])
        while not fn.batches:
            time.sleep(0.001)
        rest = [pool.submit(square, n) for n in items[1:]]
        time.sleep(0.2)  # all of them are queued behind the running batch
        fn.release.set()
        return [f.result(5) for f in [first, *rest]]


def test_callers_arriving_during_a_batch_share_the_next_one():
    fn = SlowSquares()
    results = call_while_the_first_batch_runs(fn, 16, [1, 2, 3, 4, 5, 6])
    assert results == [1, 4, 9, 16, 25, 36]
    assert fn.batches[0] == [1]
    assert sorted(fn.batches[1]) == [2, 3, 4, 5, 6]


def test_batches_never_exceed_max_batch():
    fn = SlowSquares()
    results = call_while_the_first_batch_runs(fn, 2, [0, 1, 2, 3, 4, 5])
    assert results == [0, 1, 4, 9, 16, 25]
    assert max(len(b) for b in fn.batches) == 2
    assert sorted(i for b in fn.batches for i in b) == [0, 1, 2, 3, 4, 5]


def test_an_error_reaches_every_caller_of_that_batch_and_the_batcher_recovers():
    def fail_on_negative(items):
        if any(i < 0 for i in items):
            raise ValueError("negative input")
        return items

    echo = MicroBatcher(fail_on_negative)
    with pytest.raises(ValueError, match="negative input"):
        echo(-1)
    assert echo(3) == 3


def test_a_batch_function_returning_the_wrong_count_is_an_error():
    short = MicroBatcher(lambda items: items[:-1])
    with pytest.raises(RuntimeError, match="batch of 1 gave 0 results"):
        short(1)


def test_max_batch_must_be_positive():
    with pytest.raises(ValueError, match="max_batch"):
        MicroBatcher(lambda items: items, max_batch=0)
