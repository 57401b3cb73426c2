"""PHI redaction on text nobody here wrote: ``../shared/dev/phi-dev.jsonl`` scored by its README's
rules (character coverage), beside Presidio's default analyzer on the same lines, in one run.

Targets (issue 10): recall >= 0.99, precision >= 0.93, PHI lines fully redacted >= 0.97, PHI-free
lines changed <= 0.05, every label >= 0.95; redact p95 <= 25 ms warm; serving RSS <= 1.2 GB (a
warmed ``Runtime``: redactor, embedder and the index snapshot, each in a fresh process, beside the
same runtime without the redactor). The set is a yardstick: it is never read by the recognizers,
their data or the tests.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guardrails import Allowlist, Redactor  # noqa: E402
from guardrails.evaluation import CoverageScores  # noqa: E402
from guardrails.redactor import SPACY_MODEL  # noqa: E402
from tests.guardrails.phi_generator import generate  # noqa: E402

DEV = ROOT.parent / "shared" / "dev" / "phi-dev.jsonl"


def _presidio_default():
    """Presidio's AnalyzerEngine with its default recognizers and the installed spaCy model."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": SPACY_MODEL}],
    }).create_engine()
    engine = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"])
    return lambda text: [(r.start, r.end) for r in engine.analyze(text, language="en")]


def _score(lines: list[dict], detect) -> tuple[CoverageScores, list[float]]:
    scores, times = CoverageScores(), []
    for line in lines:
        started = time.perf_counter()
        predicted = detect(line["text"])
        times.append((time.perf_counter() - started) * 1000)
        scores.add(line["text"], [(s["start"], s["end"], s["label"]) for s in line["spans"]],
                   predicted)
    return scores, times


def _row(name: str, scores: CoverageScores, times: list[float]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return (f"{name:22s} {scores.recall:6.3f} {scores.precision:9.3f} {scores.full:6.3f} "
            f"{scores.clean_changed:8.3f} {statistics.median(times):7.1f} {p95:7.1f}")


def main() -> None:
    if not DEV.exists():
        print(f"phi-dev: {DEV} not found; skipped")
        return
    lines = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    documents = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "knowledge").rglob("*.md"))]
    redactor = Redactor.create(Allowlist.load(extra_texts=documents))

    def ours(text: str) -> list[tuple[int, int]]:
        return [(e.start, e.end) for e in redactor.detect(text)]

    baseline = _presidio_default()
    for text in (line["text"] for line in lines[:10]):  # warm-up
        ours(text), baseline(text)
    results = {"copilot redactor": _score(lines, ours),
               "presidio default": _score(lines, baseline)}
    print(f"phi-dev: {len(lines)} lines, {sum(len(x['spans']) for x in lines)} PHI spans")
    print(f"{'':22s} {'recall':>6s} {'precision':>9s} {'full':>6s} {'clean±':>8s} "
          f"{'p50 ms':>7s} {'p95 ms':>7s}")
    for name, (scores, times) in results.items():
        print(_row(name, scores, times))
    ours_scores = results["copilot redactor"][0]
    labels = sorted(ours_scores.total, key=lambda label: -ours_scores.total[label])
    print("recall by label (copilot / presidio default):")
    for label in labels:
        print(f"  {label:12s} {ours_scores.total[label]:4d}  {ours_scores.label_recall(label):5.2f}"
              f" / {results['presidio default'][0].label_recall(label):5.2f}")
    _generated(redactor)
    _long_inputs(redactor)
    _serving_rss(lines)


def _generated(redactor: Redactor, count: int = 5000) -> None:
    """Recall on generated notes (tests/guardrails/phi_generator.py, another seed than the
    tests'), and clinic terms redacted (target 0)."""
    spans = missed = clinic = clinic_hit = 0
    for sample in generate(count, seed=7):
        covered = {i for e in redactor.detect(sample.text) for i in range(e.start, e.end)}
        for start, end, _ in sample.phi:
            spans += 1
            missed += any(sample.text[i].isalnum() and i not in covered for i in range(start, end))
        for start, end in sample.clinic:
            clinic += 1
            clinic_hit += any(i in covered for i in range(start, end))
    print(f"generated notes: {count} lines, {spans} PHI spans, recall {1 - missed / spans:.4f} "
          f"(target >= 0.995); clinic terms redacted {clinic_hit}/{clinic}")


# 20 KB (the redact API's limit) of one kind of text each: the time must not grow with the square
# of the length (a line of a script without capitals once took 17 s, read again per word).
LONG_KINDS = {
    "English note": "pt Ana Ruiz dob 3/4/88 called about the promo ",
    "Spanish note": "la paciente llamó por la cita del martes, tel. 650 555 0101 ",
    "Korean line": "상담 예약 문의 통역 서비스 ",
    "Arabic line": "سعر الاستشارة الافتراضية فقط ",
    "Chinese digits": "一二三四五六七八九零，",
    "spelled e-mail words": "ana punto ruiz arroba ",
    "hyphenated digits": "12-34-56-78-",
    # capitalised words that are names, every other mention of which is looked for
    "Cyrillic names": "Пациентка Ольга Новикова звонила ",
    # a date in every few words and no stop between them: no clause is the whole text
    "dates, no stops": "her lmp 3/4 was fine ",
}
LONG_CHARS = 20_000


def _long_inputs(redactor: Redactor) -> None:
    """Seconds to redact 20 KB of each kind (target <= 1 s each)."""
    times = []
    for name, unit in LONG_KINDS.items():
        text = (unit * (LONG_CHARS // len(unit) + 1))[:LONG_CHARS]
        started = time.perf_counter()
        redactor.redact(text)
        times.append(f"{name} {time.perf_counter() - started:.2f} s")
    print(f"20 KB inputs (target <= 1 s each): {'; '.join(times)}")


def _serving_rss(lines: list[dict]) -> None:
    """Resident memory of a warmed serving runtime, with and without the redactor, each in a
    fresh process over the same index (built once, in its own process, beforehand)."""
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "COPILOT_DATA_DIR": data_dir, "COPILOT_KNOWLEDGE_DIR": "knowledge"}
        copilot = str(Path(sys.executable).parent / "copilot")
        subprocess.run([copilot, "index"], cwd=ROOT, env=env, capture_output=True, check=False)
        texts = json.dumps([line["text"] for line in lines[:50]])
        rss = {}
        for mode in ("without-redactor", "serving"):
            done = subprocess.run([sys.executable, __file__, "--rss", mode], cwd=ROOT, env=env,
                                  input=texts, capture_output=True, text=True, check=True)
            rss[mode] = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"serving RSS, warmed runtime (redactor + embedder + snapshot): "
          f"{rss['serving']['rss_mb']:.0f} MB, peak {rss['serving']['peak_mb']:.0f} MB "
          f"(target <= 1200); without the redactor: {rss['without-redactor']['rss_mb']:.0f} MB, "
          f"peak {rss['without-redactor']['peak_mb']:.0f} MB")


def _measure_rss(mode: str) -> None:
    """In a fresh process: warm a runtime (``serving``: as the server does, then redact the texts
    on stdin; ``without-redactor``: embedder and snapshot only), print RSS as JSON."""
    import gc
    import resource

    from copilot.runtime import Runtime
    from copilot.settings import get_settings

    runtime = Runtime.from_settings(get_settings())
    if mode == "serving":
        runtime.warm()
        for text in json.loads(sys.stdin.read()):
            runtime.redact(text)
    else:
        runtime.embedder.embed_query("warm")
        runtime.snapshots.get()
    gc.collect()
    status = Path("/proc/self/status").read_text()
    rss_kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"rss_mb": rss_kb / 1024, "peak_mb": peak_kb / 1024}))


if __name__ == "__main__":
    if "--rss" in sys.argv:
        _measure_rss(sys.argv[sys.argv.index("--rss") + 1])
    else:
        main()
