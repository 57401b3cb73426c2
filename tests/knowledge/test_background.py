"""Background threads (an index job, the statements' embedding) yield to answering."""

from __future__ import annotations

import os
import threading

import numpy as np

from copilot.knowledge.background import BACKGROUND_NICE, is_background, lower_priority

TEXTS = ["The lab opens at 7 AM.", "Bring a photo ID and your insurance card to the first visit."]


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
        return is_background(), os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    background, nice = _in_thread(work)
    assert background and nice >= BACKGROUND_NICE
    assert not is_background()
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < BACKGROUND_NICE


def test_a_background_thread_embeds_alone_with_the_same_vectors(runtime):
    embedder = runtime.embedder
    expected = np.asarray(embedder.embed_documents(TEXTS))

    def work():
        lower_priority()
        return embedder.embed_documents(TEXTS)

    assert np.allclose(_in_thread(work), expected, atol=1e-5)
    session = embedder._background.session  # its own session: one thread, the caller's
    assert session.get_session_options().intra_op_num_threads == 1
    assert embedder._session() is embedder._short  # this thread still uses the shared one
