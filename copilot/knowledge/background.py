"""Work that must yield to answering (the statements' embedding after a new generation, an index
job's worker) runs in a thread that lowers its own CPU priority (Linux: nice is per thread); an
index run's own process starts at the lowest priority."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

logger = logging.getLogger(__name__)

BACKGROUND_NICE = 10
LOWEST_NICE = 19


def lower_priority(nice: int = BACKGROUND_NICE) -> None:
    """Lower the calling thread's CPU priority to ``nice`` (never raise it); threads it starts
    later inherit it."""
    try:
        tid = threading.get_native_id()
        nice = max(os.getpriority(os.PRIO_PROCESS, tid), nice)
        os.setpriority(os.PRIO_PROCESS, tid, nice)
    except OSError as error:
        logger.warning("background thread: priority unchanged (%s)", type(error).__name__)


def lower_process_priority(nice: int) -> None:
    """Lower every thread of this process to ``nice`` (also those a library started while it was
    imported: OpenBLAS starts its pool with numpy; the calling thread is one of them); threads
    started later inherit it."""
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():  # no per-thread listing: the calling thread, at least
        lower_priority(nice)
        return
    for task in tasks.iterdir():
        try:
            tid = int(task.name)
            os.setpriority(os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), nice))
        except OSError:  # a thread that has just ended
            continue
