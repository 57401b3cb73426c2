"""Statement vectors kept on disk: embedded once, found again by the next generation or process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest

from copilot.knowledge.background import BACKGROUND_NICE
from copilot.knowledge.vector_cache import FILL_BATCH, StatementVectors
from tests.support import REPO

STATEMENTS = [
    "The intake desk is open from 8 AM to 5 PM on weekdays.",
    "A semen analysis costs $180 and is paid at the visit.",
    "Transfer billing questions to extension 204.",
]


class Counted:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, embedder):
        self.embedder = embedder
        self.texts: list[str] = []

    def __call__(self, texts):
        self.texts += list(texts)
        return self.embedder.embed_documents(texts)


@pytest.fixture
def embed(runtime):
    return Counted(runtime.embedder)


def _filled(vectors: StatementVectors, texts: list[str]) -> dict[str, np.ndarray]:
    found: dict[str, np.ndarray] = {}
    assert vectors.fill(texts, found.update).wait(timeout=120)
    return found


def test_statements_are_embedded_once_and_found_by_the_next_process(tmp_path, embed, runtime):
    path = tmp_path / "vectors.sqlite"
    first = _filled(StatementVectors(path, "minilm", embed), STATEMENTS)
    assert sorted(embed.texts) == sorted(STATEMENTS)
    expected = np.asarray(runtime.embedder.embed_documents(STATEMENTS))
    for text, row in zip(STATEMENTS, expected, strict=True):
        assert np.allclose(first[text], row / np.linalg.norm(row), atol=1e-5)

    embed.texts.clear()
    again = _filled(StatementVectors(path, "minilm", embed), [*STATEMENTS, "A new statement."])
    assert embed.texts == ["A new statement."]  # only what no one embedded before
    assert all(np.array_equal(again[t], first[t]) for t in STATEMENTS)


def test_the_missing_statements_are_embedded_in_a_thread_at_lowered_priority(tmp_path):
    caller = threading.get_native_id()
    before = os.getpriority(os.PRIO_PROCESS, caller)
    seen: list[tuple[int, int]] = []  # (the embedding thread, its nice value)

    def embed(texts):
        thread = threading.get_native_id()
        seen.append((thread, os.getpriority(os.PRIO_PROCESS, thread)))
        return np.ones((len(texts), 4), np.float32)

    found = _filled(StatementVectors(tmp_path / "vectors.sqlite", "fake", embed), STATEMENTS)
    assert sorted(found) == sorted(STATEMENTS)
    assert seen and all(thread != caller and nice >= BACKGROUND_NICE for thread, nice in seen)
    assert os.getpriority(os.PRIO_PROCESS, caller) == before < BACKGROUND_NICE  # answers as before


def test_another_model_gets_none_of_its_vectors(tmp_path, embed):
    path = tmp_path / "vectors.sqlite"
    _filled(StatementVectors(path, "minilm", embed), STATEMENTS)
    assert StatementVectors(path, "another-model", embed).lookup(STATEMENTS) == {}


def test_the_file_holds_at_most_max_rows_the_oldest_go_first(tmp_path, embed):
    vectors = StatementVectors(tmp_path / "vectors.sqlite", "minilm", embed, max_rows=2)
    for text in STATEMENTS:
        _filled(vectors, [text])
    assert set(vectors.lookup(STATEMENTS)) == set(STATEMENTS[1:])


def test_a_failing_embedder_ends_the_fill_and_questions_embed_instead(tmp_path):
    def broken(texts):
        raise RuntimeError("model unavailable")

    found: dict[str, np.ndarray] = {}
    done = StatementVectors(tmp_path / "vectors.sqlite", "minilm", broken).fill(
        STATEMENTS, found.update)
    assert done.wait(timeout=30)
    assert found == {}


def test_an_index_run_stores_the_missing_vectors_at_once_and_fill_then_embeds_none(tmp_path,
                                                                                    embed):
    path = tmp_path / "vectors.sqlite"
    vectors = StatementVectors(path, "minilm", embed)
    assert vectors.store_missing(STATEMENTS[:2]) == 2
    assert vectors.store_missing(STATEMENTS) == 1  # only the one not stored before
    assert sorted(embed.texts) == sorted(STATEMENTS)
    embed.texts.clear()
    assert set(_filled(StatementVectors(path, "minilm", embed), STATEMENTS)) == set(STATEMENTS)
    assert embed.texts == []


EXIT_WHILE_FILLING = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from copilot.runtime import Runtime
    from copilot.knowledge.vector_cache import StatementVectors
    from tests.support import make_settings
    embedder = Runtime.from_settings(make_settings(Path(sys.argv[1]))).embedder
    texts = [f"Statement number {i} about the clinic's opening hours." for i in range(2000)]
    vectors = StatementVectors(Path(sys.argv[1]) / "vectors.sqlite", "minilm",
                               embedder.embed_documents)
    done = vectors.fill(texts, lambda found: None)
    print("exiting while filling:", not done.is_set())
    """
)


def test_a_command_that_exits_while_statements_are_embedded_exits_cleanly(tmp_path):
    """A one-shot command may end before its generation's vectors are in: the fill ends after
    its batch, rather than the model's native code aborting the process."""
    ended = subprocess.run([sys.executable, "-c", EXIT_WHILE_FILLING, str(tmp_path)], cwd=REPO,
                           capture_output=True, timeout=300)
    assert ended.returncode == 0, ended.stderr.decode()[-2000:]
    assert b"exiting while filling: True" in ended.stdout
    with sqlite3.connect(tmp_path / "vectors.sqlite") as db:
        stored = db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
    assert 0 < stored < 2000 and stored % FILL_BATCH == 0  # whole batches, the rest left
