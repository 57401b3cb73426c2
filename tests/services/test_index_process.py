"""An index job's run happens in a process of its own: every thread of it at the lowest CPU
priority, the new statements' vectors stored before the generation serves, its report (or the
reason it failed, and nothing of the documents in the log) handed back to the server, and it
dies with the server, leaving only an unpublished generation that the next run drops."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from copilot.answer.snapshot import _embedded_forms
from copilot.knowledge.background import LOWEST_NICE
from copilot.knowledge.indexer import Indexer, index_lock
from copilot.knowledge.store import ChunkStore
from copilot.services.index_process import IndexRunFailed, run_index
from tests.security.conftest import small_knowledge
from tests.support import REPO, make_settings

SENTENCE = "The shuttle to the Quarrington annex leaves the north car park every ten minutes. "


def add_long_document(knowledge: Path, sections: int) -> None:
    body = "".join(f"## Stop {n}\n\n{SENTENCE * 13}\n\n" for n in range(sections))
    (knowledge / "travel").mkdir()
    (knowledge / "travel" / "shuttle.md").write_text(f"# Shuttle\n\n{body}")


def _read(path: Path) -> str:
    """A /proc file's text, or "" when its thread or process ended since it was listed."""
    try:
        return path.read_text(errors="replace")
    except (FileNotFoundError, ProcessLookupError):
        return ""


def index_processes(pid: int) -> list[int]:
    """The index processes any thread of ``pid`` started."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in _read(task / "children").split():
            if "copilot.services.index_process" in _read(Path(f"/proc/{child}/cmdline")):
                found.append(int(child))
    return found


def thread_nices(pid: int) -> set[int]:
    stats = [_read(task / "stat") for task in Path(f"/proc/{pid}/task").iterdir()]
    return {int(stat.rsplit(")", 1)[1].split()[16]) for stat in stats if stat}


def test_the_index_process_runs_every_thread_at_the_lowest_priority(tmp_path):
    knowledge = small_knowledge(tmp_path)
    add_long_document(knowledge, 120)
    settings = make_settings(tmp_path / "data", knowledge_dir=knowledge,
                             vector_cache=tmp_path / "vectors.sqlite")
    seen: list[set[int]] = []

    def progress(done: int, total: int) -> None:
        if done < total:  # while the model's threads embed
            (child,) = index_processes(os.getpid())
            seen.append(thread_nices(child))

    with index_lock(settings.data_dir):
        report = run_index(settings, progress=progress)
    assert report.added == 3 and report.chunks >= 120
    assert seen and all(nices == {LOWEST_NICE} for nices in seen), seen
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < LOWEST_NICE
    store = ChunkStore.from_settings(settings)
    assert "travel/shuttle.md" in {s.path for s in store.list_sources()}  # seen by the server
    forms = _embedded_forms(store.chunks()[1])
    with sqlite3.connect(settings.vector_cache_path()) as cache:  # its own, empty before
        stored = cache.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
    assert stored == len(forms)  # every statement embedded before the generation served


def test_a_failed_run_hands_back_its_reason_and_logs_no_document_text(tmp_path, capfd):
    knowledge = small_knowledge(tmp_path)
    add_long_document(knowledge, 2)
    no_model = tmp_path / "no-model"
    no_model.mkdir()
    settings = make_settings(tmp_path / "data", knowledge_dir=knowledge,
                             embedding_model_path=no_model)
    with pytest.raises(IndexRunFailed) as failed:
        run_index(settings)
    assert str(failed.value) == (
        "indexing failed (UnsupportedModel); the server log has the details"
    )
    logged = capfd.readouterr()
    assert "index process failed (UnsupportedModel)" in logged.err
    assert "Quarrington" not in logged.err + logged.out
    assert ChunkStore.from_settings(settings).active_name() is None  # nothing published


def test_a_run_the_server_abandons_is_killed_and_publishes_nothing(tmp_path):
    knowledge = small_knowledge(tmp_path)
    add_long_document(knowledge, 300)
    settings = make_settings(tmp_path / "data", knowledge_dir=knowledge)
    started: list[int] = []

    def progress(done: int, total: int) -> None:
        started.extend(index_processes(os.getpid()))
        raise RuntimeError("the job store is gone")

    with pytest.raises(RuntimeError):
        run_index(settings, progress=progress)
    assert not Path(f"/proc/{started[0]}").exists()  # killed and reaped, not left running
    assert ChunkStore.from_settings(settings).active_name() is None


HOLDER = """
import sys
from copilot.knowledge.indexer import index_lock
from copilot.services.index_process import run_index
from tests.support import make_settings

settings = make_settings(sys.argv[1], knowledge_dir=sys.argv[2])

def progress(done, total):
    print(f"{done}/{total}", flush=True)

with index_lock(settings.data_dir):
    run_index(settings, progress=progress)
"""


def test_the_index_process_dies_with_the_server_and_leaves_nothing_published(tmp_path):
    knowledge = small_knowledge(tmp_path)
    settings = make_settings(tmp_path / "data", knowledge_dir=knowledge)
    run_index(settings)
    serving = ChunkStore.from_settings(settings).active_name()
    add_long_document(knowledge, 1500)
    server = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(settings.data_dir), str(knowledge)],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )
    try:
        first = server.stdout.readline()  # the child embeds now
        assert first and int(first.split("/")[0]) < int(first.split("/")[1]), first
        (child,) = index_processes(server.pid)
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    deadline = time.monotonic() + 60
    while Path(f"/proc/{child}").exists() and "Z" not in _state(child):
        assert time.monotonic() < deadline, "the index process outlived the server"
        time.sleep(0.05)
    store = ChunkStore.from_settings(settings)
    assert serving and store.active_name() == serving  # the half-built one never served
    indexer = Indexer(settings, store, lambda: pytest.fail("nothing to embed here"))
    assert indexer.drop_orphans() == 1  # the next run or start-up drops it
    assert store.generations() == [serving]


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"



def test_the_index_run_gives_way_while_its_server_is_busy(tmp_path):
    """While this process (the index process's parent) keeps a core busy, as a server does while
    answering, the run pauses after its embedding batches, and says for how long."""
    knowledge = small_knowledge(tmp_path)
    add_long_document(knowledge, 16)
    settings = make_settings(tmp_path / "data", knowledge_dir=knowledge,
                             vector_cache=tmp_path / "vectors.sqlite")
    running = threading.Event()
    running.set()

    def answer_questions() -> None:  # pure Python: holds a core while the run lasts
        while running.is_set():
            sum(i * i for i in range(20_000))

    busy = threading.Thread(target=answer_questions)
    busy.start()
    try:
        with index_lock(settings.data_dir):
            report = run_index(settings)
    finally:
        running.clear()
        busy.join()
    assert report.added == 3
    assert 0 < report.paused_seconds < report.seconds
