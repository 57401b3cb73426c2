"""Shared by the benchmarks: per-call wall times of a function over texts, and the steady state
they are timed in."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Protocol


class Settling(Protocol):
    def settle(self) -> bool: ...


def timings(function: Callable[[str], object], texts: list[str], rounds: int) -> list[float]:
    """Milliseconds of each ``function(text)`` call, ``rounds`` times over ``texts``."""
    samples = []
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            function(text)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def interleaved(functions: dict[str, Callable[[str], object]], texts: list[str]
                ) -> dict[str, list[float]]:
    """Milliseconds of each function's call on each text, the functions taking turns on every
    text: a machine whose speed swings slows them alike."""
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for text in texts:
        for name, function in functions.items():
            started = time.perf_counter()
            function(text)
            samples[name].append((time.perf_counter() - started) * 1000)
    return samples


def settle(runtime: Settling) -> None:
    """Time answers in the steady state: after the warm-up's background work is done (it goes
    on a few seconds after ``warm`` returns, as it does after a server starts)."""
    started = time.perf_counter()
    if not runtime.settle():
        sys.exit("the warm-up's background work did not finish in time")
    print(f"background work after the warm-up: {time.perf_counter() - started:.1f} s "
          "(answers are timed after it)")
