"""Background threads (an index job, the statements' embedding) yield to answering."""

from __future__ import annotations

import os
import threading
import time

import pytest

from copilot.knowledge.background import (
    BACKGROUND_NICE,
    BUSY_SHARE,
    Pacer,
    lower_priority,
    process_cpu_seconds,
)


def _in_thread(work):
    found = {}

    def run():
        try:
            found["value"] = work()
        except Exception as error:  # the assertion below shows it
            found["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=120)
    assert "error" not in found, found.get("error")
    return found["value"]


def test_a_background_thread_runs_at_lower_priority_and_the_caller_does_not():
    def work():
        lower_priority()
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    assert _in_thread(work) >= BACKGROUND_NICE
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < BACKGROUND_NICE



class _Watched:
    """A clock and a watched process's CPU seconds, moved by the test; sleeps are recorded."""

    def __init__(self) -> None:
        self.now, self.used, self.slept = 100.0, 5.0, []

    def advance(self, seconds: float, cpu_share: float) -> None:
        self.now += seconds
        self.used += seconds * cpu_share

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def _pacer(watched: _Watched, ratio: float, readable: bool = True) -> Pacer:
    return Pacer(4242, ratio, cpu=lambda pid: watched.used if readable else None,
                 clock=lambda: watched.now, sleep=watched.sleep)


def test_a_run_pauses_after_each_step_as_long_as_it_took_while_the_server_is_busy():
    watched = _Watched()
    pacer = _pacer(watched, 1.0)
    for took in (0.4, 0.2, 0.3):
        watched.advance(took, cpu_share=0.9)  # answering
        pacer.step()
    assert watched.slept == pytest.approx([0.4, 0.2, 0.3])
    assert pacer.paused == pytest.approx(0.9)


def test_the_pause_scales_with_the_ratio_and_the_pause_itself_is_not_counted_as_a_step():
    watched = _Watched()
    pacer = _pacer(watched, 0.5)
    watched.advance(0.4, cpu_share=1.0)
    pacer.step()
    watched.advance(0.1, cpu_share=1.0)  # measured from the end of the pause, not its start
    pacer.step()
    assert watched.slept == pytest.approx([0.2, 0.05])


def test_an_idle_server_costs_the_run_nothing():
    watched = _Watched()
    pacer = _pacer(watched, 1.0)
    for _ in range(5):
        watched.advance(0.5, cpu_share=BUSY_SHARE / 2)  # a status poll now and then
        pacer.step()
    assert watched.slept == [] and pacer.paused == 0


def test_no_pause_when_pacing_is_off_or_the_server_cannot_be_watched():
    for ratio, readable in ((0.0, True), (1.0, False)):
        watched = _Watched()
        pacer = _pacer(watched, ratio, readable)
        watched.advance(0.5, cpu_share=1.0)
        pacer.step()
        assert watched.slept == []


def test_the_cpu_a_real_process_used_is_read_from_proc():
    before = process_cpu_seconds(os.getpid())
    started = time.process_time()
    while time.process_time() - started < 0.3:  # burn CPU in this process
        sum(i * i for i in range(10_000))
    assert process_cpu_seconds(os.getpid()) - before >= 0.2
    assert process_cpu_seconds(2**22 + 12345) is None  # no such process
