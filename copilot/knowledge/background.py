"""Work that must yield to answering: an index job, the statements' embedding after a new
generation. Such a thread lowers its own CPU priority (Linux: nice is per thread) and embeds
through a single-threaded model session, so all of its model work runs at that priority; the
shared session's thread pool, started at normal priority, is left to the questions."""

from __future__ import annotations

import logging
import os
import threading

logger = logging.getLogger(__name__)

BACKGROUND_NICE = 10
_thread = threading.local()


def lower_priority() -> None:
    """Make the calling thread a background one for good: CPU priority ``BACKGROUND_NICE``
    (never raised), and the embedder's single-threaded session for its model work."""
    _thread.background = True
    try:
        tid = threading.get_native_id()
        nice = max(os.getpriority(os.PRIO_PROCESS, tid), BACKGROUND_NICE)
        os.setpriority(os.PRIO_PROCESS, tid, nice)
    except OSError as error:
        logger.warning("background thread: priority unchanged (%s)", type(error).__name__)


def is_background() -> bool:
    """True in a thread that called ``lower_priority``."""
    return getattr(_thread, "background", False)
