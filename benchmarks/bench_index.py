"""Indexing benchmark: cold full index from a fresh process, no-change re-index, peak RSS.

Targets on the 2-core reference machine: full index <= 20 s cold, no-change re-index <= 0.5 s
in-process, peak RSS <= 800 MB.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COPILOT = str(Path(sys.executable).parent / "copilot")


def run_cli(data_dir: Path, *args: str) -> tuple[float, dict]:
    env = {**os.environ, "COPILOT_DATA_DIR": str(data_dir), "COPILOT_KNOWLEDGE_DIR": "knowledge"}
    started = time.perf_counter()
    done = subprocess.run(
        [COPILOT, "index", "--json", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"copilot index failed: {done.stderr[-2000:]}")
    return seconds, json.loads(done.stdout)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        cold_s, report = run_cli(data_dir)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        cli_s, again = run_cli(data_dir)
        assert again["added"] == again["updated"] == 0, again

        sys.path.insert(0, str(REPO))
        import copilot  # noqa: F401
        from copilot.runtime import Runtime
        from copilot.settings import Settings

        runtime = Runtime.from_settings(
            Settings(_env_file=None, knowledge_dir=REPO / "knowledge", data_dir=data_dir)
        )
        runtime.indexer.run()  # opens Chroma once
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            runtime.indexer.run()
            timings.append(time.perf_counter() - started)
        in_process_s = sorted(timings)[len(timings) // 2]

    chunks = report["chunks"]
    print(f"documents                  {report['documents']}")
    print(f"chunks                     {chunks}")
    rate = chunks / cold_s
    print(f"cold full index (CLI)      {cold_s:6.2f} s   {rate:6.1f} chunks/s  (target <= 20 s)")
    print(f"  of which the run itself  {report['seconds']:6.2f} s")
    print(f"no-change re-index (CLI)   {cli_s:6.2f} s   (process start and imports included)")
    print(f"no-change re-index (lib)   {in_process_s:6.3f} s   median of 5 (target <= 0.5 s)")
    print(f"peak RSS of the index run  {peak_mb:6.0f} MB  (target <= 800 MB)")


if __name__ == "__main__":
    main()
