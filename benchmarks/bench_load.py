"""Load over HTTP: start ``copilot serve`` (subprocess, tmp data dir, indexed copy of knowledge/),
then N concurrent asyncio httpx clients ask varied questions for D seconds; then the same load
from the 202 of a content owner's upload of a ~1,000-chunk document until its job is done (the
whole run: the index process's start-up, embedding, publishing and the server's new snapshot;
at most --index-timeout seconds); then the normal load again for D seconds, so that a change in
the shared machine's load during the run shows.

Prints p50/p95 latency, answers/s, errors, server RSS and cold start to /readyz, and answers/s
while indexing beside the normal figure. Targets on the 2-core dev machine with the grounded
drafter: p95 <= 250 ms, 0 errors, >= 25 answers/s, RSS <= 1.2 GB, cold start <= 10 s, and
>= 90 % of the normal answers/s while the upload indexes.

    python benchmarks/bench_load.py [--duration 60] [--clients 8] [--upload-chunks 1000]
                                    [--index-timeout 1200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from copilot.auth import add_token, add_user  # noqa: E402

QUESTIONS = [
    "Is the first consultation free?",
    "How much is the promotional virtual consultation?",
    "and for the in-office one?",
    "What are the phone hours?",
    "What do I say to a caller who is 43 and wants IVF?",
    "A patient wants a prescription renewal, what do I do?",
    "Caller has heavy bleeding and severe pain after a retrieval",
    "How much does an IVF cycle cost?",
    "Which insurance plans do you take?",
    "How do I verify a caller's identity?",
    "What is the cancellation policy?",
    "Where do I transfer billing questions?",
    "Which doctor works on Fridays in September?",
    "What should a new patient bring to the first visit?",
    "How do I handle a complaint about a doctor?",
    "What is the after-hours script?",
    "Do you offer egg freezing?",
    "What is the Ovarian Reserve Panel price?",
    "How do I leave a voicemail for a patient?",
    "Is there a fee for missing an appointment?",
]


def cpu_reference_ms() -> float:
    """Milliseconds for a fixed pure-Python task, printed with the results: it tells a slow moment
    of a shared machine apart from a slow build."""
    started = time.perf_counter()
    sum(i * i for i in range(3_000_000))
    return (time.perf_counter() - started) * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process in MB, from /proc."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


async def client_loop(url: str, token: str, running, offset: int, results: list) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        n = offset
        while running():
            question = QUESTIONS[n % len(QUESTIONS)]
            n += 1
            started = time.perf_counter()
            try:
                response = await client.post("/api/ask", json={"question": question})
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            results.append((time.perf_counter() - started, ok))


async def load(url: str, token: str, duration: float, clients: int) -> list:
    results: list = []
    deadline = time.monotonic() + duration
    await asyncio.gather(
        *(
            client_loop(url, token, lambda: time.monotonic() < deadline, i * 3, results)
            for i in range(clients)
        )
    )
    return results


def upload_document(chunks: int) -> bytes:
    """A synthetic Markdown document of about ``chunks`` chunks (sections of ~1,000 characters)."""
    sections = []
    for n in range(chunks):
        line = (
            f"Route {n} of the patient shuttle leaves bay {n % 12} at minute {n % 60} and "
            f"stops at the pharmacy, the lab and the east entrance before returning. "
        )
        sections.append(f"## Shuttle route {n}\n\n{line * 7}\n")
    return ("# Shuttle routes\n\n" + "\n".join(sections)).encode()


async def load_while_indexing(
    url: str, token: str, owner_token: str, clients: int, document: bytes, duration: float
) -> tuple[list, float, dict]:
    """The load from the upload's 202 until its job ends (at most ``duration`` seconds):
    results, seconds, and the job's view at the end of the window."""
    results: list = []
    done = asyncio.Event()
    job: dict = {}
    headers = {"Authorization": f"Bearer {owner_token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=120) as owner:
        files = {"file": ("shuttle-routes.md", document, "text/markdown")}
        accepted = await owner.post(
            "/api/documents", files=files, data={"path": "bench/shuttle-routes.md"}
        )
        accepted.raise_for_status()
        started = time.monotonic()

        async def follow() -> None:
            while time.monotonic() - started < duration:
                job.update((await owner.get(accepted.headers["Location"])).json())
                if job["state"] in ("done", "failed"):
                    break
                await asyncio.sleep(0.25)
            done.set()

        await asyncio.gather(
            follow(),
            *(
                client_loop(url, token, lambda: not done.is_set(), i * 3, results)
                for i in range(clients)
            ),
        )
        seconds = time.monotonic() - started
        job.update((await owner.get(accepted.headers["Location"])).json())
    return results, seconds, job


def rate(results: list, seconds: float) -> float:
    return sum(1 for _, ok in results if ok) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of normal load")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument(
        "--upload-chunks", type=int, default=1000, help="chunks of the document indexed under load"
    )
    parser.add_argument("--index-timeout", type=float, default=1200.0,
                        help="most seconds of load while the upload indexes")
    args = parser.parse_args()

    reference_before = cpu_reference_ms()
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        shutil.copytree(ROOT / "knowledge", work / "knowledge")
        port = free_port()
        env = {
            **os.environ,
            "COPILOT_DATA_DIR": str(work / "data"),
            "COPILOT_KNOWLEDGE_DIR": str(work / "knowledge"),
            "COPILOT_PORT": str(port),
            "COPILOT_DRAFTER": "grounded",
        }
        env.pop("COPILOT_USERS_FILE", None)
        users = work / "data" / "users.yaml"
        add_user(users, "bench", "agent", "bench-password-1")
        token = add_token(users, "bench")
        add_user(users, "bench-owner", "content_owner", "bench-password-2")
        owner_token = add_token(users, "bench-owner")
        cli = [sys.executable, "-m", "copilot.cli"]
        subprocess.run([*cli, "index"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)

        started = time.monotonic()
        server = subprocess.Popen(
            [*cli, "serve"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        url = f"http://127.0.0.1:{port}"
        try:
            while True:
                if server.poll() is not None:
                    raise SystemExit("copilot serve exited during start-up")
                try:
                    if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() - started > 300:  # a busy shared machine starts slowly
                    raise SystemExit("copilot serve not ready after 300 s")
                time.sleep(0.05)
            cold_start = time.monotonic() - started

            results = asyncio.run(load(url, token, args.duration, args.clients))
            current_rss, peak_rss = rss_mb(server.pid)
            during, window, job = asyncio.run(
                load_while_indexing(
                    url, token, owner_token, args.clients, upload_document(args.upload_chunks),
                    args.index_timeout,
                )
            )
            after = asyncio.run(load(url, token, args.duration, args.clients))
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    latencies = sorted(seconds * 1000 for seconds, ok in results if ok)
    errors = sum(1 for _, ok in results if not ok)
    p50 = statistics.median(latencies) if latencies else float("nan")
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    normal = rate(results, args.duration)
    indexing = rate(during, window)
    during_ms = sorted(seconds * 1000 for seconds, ok in during if ok)
    print(f"load: {args.clients} clients x {args.duration:.0f} s, {len(results)} requests")
    print(f"  p50 latency      {p50:8.1f} ms")
    print(f"  p95 latency      {p95:8.1f} ms   (target <= 250)")
    print(f"  answers/s        {normal:8.1f}      (target >= 25)")
    print(f"  errors           {errors:8d}      (target 0)")
    print(f"  server RSS       {current_rss:8.0f} MB (peak {peak_rss:.0f}; target <= 1200)")
    print(f"  cold start       {cold_start:8.1f} s  to /readyz (target <= 10)")
    print(f"while a {job.get('total', 0)}-chunk upload indexes ({window:.1f} s from its 202; "
          f"job {job.get('state')}, {job.get('phase')}, {job.get('done', 0)} chunks embedded)")
    normal_after = rate(after, args.duration)
    print(f"  answers/s        {indexing:8.1f}      normal {normal:.1f}: "
          f"{100 * indexing / normal:.0f} % (target >= 90 %); normal after the job "
          f"{normal_after:.1f}: {100 * indexing / normal_after:.0f} %")
    p95_during = during_ms[int(0.95 * (len(during_ms) - 1))] if during_ms else float("nan")
    print(f"  p95 latency      {p95_during:8.1f} ms   normal {p95:.1f}")
    print(f"  errors           {sum(1 for _, ok in during if not ok):8d}")
    reference = (reference_before + cpu_reference_ms()) / 2
    print(f"  machine check    {reference:8.0f} ms for a fixed CPU task (lower: faster machine)")


if __name__ == "__main__":
    main()
