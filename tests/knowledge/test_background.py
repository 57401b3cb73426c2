"""Background threads (an index job, the statements' embedding) yield to answering."""

from __future__ import annotations

import os
import threading

from copilot.knowledge.background import BACKGROUND_NICE, lower_priority


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

