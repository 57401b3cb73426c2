"""An index job's run in a process of its own, at the lowest CPU priority.

In the server's process an index run shared the interpreter lock with the answering threads (its
chunking, tokenising and Chroma writes are Python), and the model's thread pools ran its
embedding at normal priority: answers/s fell to 81 % of normal while a 1,000-chunk upload
indexed. Here the job's worker thread, holding the index lock, starts ``python -m
copilot.services.index_process``; the child first lowers every thread it has (OpenBLAS starts
one when numpy is imported) to nice 19, and every thread it starts later inherits that; while the
server is answering, it pauses after each embedding batch (``Pacer``, ``index_yield``). It reads
the settings on stdin (as JSON, without the secret ones, which indexing does not use), runs the
indexer (scan, chunk, embed, write and publish a generation: the same code as ``copilot
index``), embeds the new chunks' statements into the vector cache before it publishes (so the
server's new snapshot embeds none) and writes JSON lines to its stdout: progress, then the
report or why it failed. The child ends with the server (``PR_SET_PDEATHSIG``) or when the
server abandons the run: a run killed half-way leaves an unpublished generation, which the next
run or start-up drops. Nothing about a document's content is logged.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import logging
import os
import signal
import subprocess
import sys
from collections.abc import Callable

from copilot.knowledge.background import LOWEST_NICE, Pacer, lower_process_priority
from copilot.knowledge.indexer import KnowledgeDirMissing
from copilot.knowledge.model import IndexReport
from copilot.knowledge.store import StoreUnavailable
from copilot.settings import Settings

logger = logging.getLogger("copilot.jobs")
_SECRETS = {"openai_api_key", "secret_key", "audit_encryption_key"}
_PR_SET_PDEATHSIG = 1


class IndexRunFailed(Exception):
    """The index process failed; ``str(error)`` is the reason shown to the content owner."""


def failure_reason(error: Exception) -> str:
    """What a content owner is told about an unexpected failure: the message of errors that
    describe the set-up (a missing folder or model, an unreachable index), else the type only."""
    if isinstance(error, (KnowledgeDirMissing, StoreUnavailable, OSError)):
        return f"indexing failed: {error}"[:500]
    return f"indexing failed ({type(error).__name__}); the server log has the details"


def run_index(
    settings: Settings, rebuild: bool = False, progress: Callable[[int, int], None] | None = None
) -> IndexReport:
    """Run the indexer over ``settings`` in a child process (the caller holds the index lock);
    ``progress(done, total)`` as it embeds. Raises IndexRunFailed."""
    request = {
        "parent": os.getpid(),
        "rebuild": rebuild,
        "settings": settings.model_dump(mode="json", exclude=_SECRETS),
    }
    outcome: dict = {}
    with subprocess.Popen(
        [sys.executable, "-m", __name__], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as child:
        try:
            child.stdin.write(json.dumps(request))
            child.stdin.close()
            for line in child.stdout:
                message = json.loads(line)
                if "done" in message:
                    if progress:
                        progress(message["done"], message["total"])
                else:
                    outcome = message
        except BaseException:  # the run is abandoned: it must not go on to publish
            child.kill()
            raise
        code = child.wait()
    if "report" in outcome:
        return IndexReport.model_validate(outcome["report"])
    raise IndexRunFailed(outcome.get("error") or f"indexing failed (index process exit {code})")


def _die_with_parent(parent: int) -> None:
    """Be killed when the server ends (Linux), and stop now if it already has."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: the run ends on its own
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _embed_statements(runtime, chunks: list) -> None:
    """Store the vectors of the new chunks' statements before their generation serves: the
    server's snapshot then finds them all, and embeds none of them beside the answers."""
    from copilot.answer.snapshot import _embedded_forms

    try:
        runtime.statement_vectors.store_missing(_embedded_forms(chunks))
    except Exception as error:  # the server embeds what is missing itself
        logger.error("embedding statements failed (%s)", type(error).__name__)


def main() -> None:
    lower_process_priority(LOWEST_NICE)  # first: threads started later inherit it
    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # what a library prints goes to the server's log, not into the channel
    logging.basicConfig(level=logging.WARNING)
    request = json.loads(sys.stdin.read())
    _die_with_parent(request["parent"])

    def progress(done: int, total: int) -> None:
        channel.write(json.dumps({"done": done, "total": total}) + "\n")

    try:
        from copilot.runtime import Runtime

        runtime = Runtime(Settings(_env_file=None, **request["settings"]))
        pacer = Pacer(request["parent"], runtime.settings.index_yield)
        runtime.embedder.pace = pacer.step
        report = runtime.indexer.run_locked(
            request["rebuild"], progress, lambda chunks: _embed_statements(runtime, chunks)
        )
        report.paused_seconds = round(pacer.paused, 1)
        outcome = {"report": report.model_dump(mode="json")}
    except Exception as error:
        logger.error("index process failed (%s)", type(error).__name__)
        outcome = {"error": failure_reason(error)}
    channel.write(json.dumps(outcome) + "\n")


if __name__ == "__main__":
    main()
