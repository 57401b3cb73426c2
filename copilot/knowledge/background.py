"""Work that must yield to answering (an index job, the statements' embedding after a new
generation) runs in a thread that lowers its own CPU priority (Linux: nice is per thread)."""

from __future__ import annotations

import logging
import os
import threading

logger = logging.getLogger(__name__)

BACKGROUND_NICE = 10


def lower_priority() -> None:
    """Lower the calling thread's CPU priority to ``BACKGROUND_NICE`` (never raise it)."""
    try:
        tid = threading.get_native_id()
        nice = max(os.getpriority(os.PRIO_PROCESS, tid), BACKGROUND_NICE)
        os.setpriority(os.PRIO_PROCESS, tid, nice)
    except OSError as error:
        logger.warning("background thread: priority unchanged (%s)", type(error).__name__)
