"""Work that must yield to answering (the statements' embedding after a new generation, an index
job's worker) runs in a thread that lowers its own CPU priority (Linux: nice is per thread); an
index run's own process starts at the lowest priority, and paces itself while the server is busy
(``Pacer``): a low priority alone does not stop it from slowing the answers down on a machine with
a core to spare (it then runs beside them, not instead of them, sharing caches and memory)."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
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


# The watched process counts as busy when it used at least this share of one core since the last
# step: answering; a server between questions uses next to none.
BUSY_SHARE = 0.2


def process_cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user and system) ``pid`` has used so far, from /proc; None when unreadable
    (not Linux, or the process has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()  # after the command, which may hold spaces
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class Pacer:
    """Paces a background run by a busy process: after each step (an embedding batch), when
    ``pid`` used at least ``BUSY_SHARE`` of a core since the previous step, pause ``yield_ratio``
    times as long as the step took (1.0 halves the run's share of the machine while answering
    is busy; 0 never pauses). An idle server costs the run nothing."""

    def __init__(self, pid: int, yield_ratio: float,
                 cpu: Callable[[int], float | None] = process_cpu_seconds,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._pid, self._ratio = pid, yield_ratio
        self._cpu, self._clock, self._sleep = cpu, clock, sleep
        self._last = self._reading()
        self.paused = 0.0  # seconds, so far

    def _reading(self) -> tuple[float, float | None]:
        """(now, the CPU seconds the watched process has used so far)."""
        return self._clock(), self._cpu(self._pid)

    def step(self) -> None:
        """Called after each step of the run: pause if the watched process is busy."""
        (then, used_then), (now, used) = self._last, self._reading()
        self._last = (now, used)
        if self._ratio <= 0 or used is None or used_then is None or now <= then:
            return
        if (used - used_then) / (now - then) >= BUSY_SHARE:
            pause = self._ratio * (now - then)
            self._sleep(pause)
            self.paused += pause
            self._last = self._reading()  # the next step is measured from the pause's end
