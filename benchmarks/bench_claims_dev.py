"""Claims check on the shared dev set (../shared/dev/claims-dev.jsonl), scored as its README says:
per-rule recall, strict recall (the predicted rule must match), false-positive rate on the
compliant ``none`` lines and rule-level accuracy over all lines; beside it, the plain
``free\\s+consult`` regex the issue names as the baseline, the checker without its semantic
layer, and the semantic layer with the exact vectors instead of the int8 model's (what the
copilot uses for the checked sentences). Then ``check`` p50 / p95 ms per draft, warm, the
checkers taking turns on each draft.

The dev set is a yardstick only: nothing in guardrails/ is written or tuned from its lines.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import guardrails  # noqa: E402, F401  (keeps every library offline: guardrails.offline)
from benchmarks.timing import interleaved  # noqa: E402

DEV = Path(os.environ.get("CLAIMS_DEV", ROOT.parent / "shared" / "dev" / "claims-dev.jsonl"))
RULES = ("free_consultation", "price_mismatch", "guarantee", "medical_advice")
NONE = "none"
BASELINE = re.compile(r"free\s+consult", re.IGNORECASE)

Predict = Callable[[str], str]  # text -> predicted rule, or "none"


def load(path: Path) -> list[dict]:
    if not path.is_file():
        raise SystemExit(f"claims dev set not found: {path} (set CLAIMS_DEV)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def score(rows: list[dict], predicted: list[str]) -> dict[str, float]:
    figures: dict[str, float] = {}
    for rule in RULES:
        gold = [p for row, p in zip(rows, predicted, strict=True) if row["rule"] == rule]
        figures[f"{rule} recall"] = sum(p != NONE for p in gold) / len(gold)
        figures[f"{rule} strict"] = sum(p == rule for p in gold) / len(gold)
    negatives = [p for row, p in zip(rows, predicted, strict=True) if row["rule"] == NONE]
    figures["FP rate on none"] = sum(p != NONE for p in negatives) / len(negatives)
    figures["rule accuracy"] = sum(
        row["rule"] == p for row, p in zip(rows, predicted, strict=True)) / len(rows)
    return figures


def checker_predict(checker) -> Predict:
    """The rule of the first violation in the draft; ``none`` when it passes."""
    def predict(text: str) -> str:
        violations = checker.check(text).violations
        return violations[0].rule if violations else NONE
    return predict


def baseline_predict(text: str) -> str:
    return "free_consultation" if BASELINE.search(text) else NONE


def main() -> None:
    from copilot.evals.scripts_check import checker_for_knowledge
    from copilot.knowledge.embedder import Embedder
    from copilot.settings import get_settings

    rows = load(DEV)
    texts = [row["text"] for row in rows]
    settings = get_settings()
    started = time.perf_counter()
    embedder = Embedder(settings.model_path())
    semantic = checker_for_knowledge(ROOT / "knowledge", settings.max_file_bytes(),
                                     embed=embedder.embed_documents,
                                     embed_drafts=embedder.embed_close)
    exact = checker_for_knowledge(ROOT / "knowledge", settings.max_file_bytes(),
                                  embed=embedder.embed_documents)
    rules_only = checker_for_knowledge(ROOT / "knowledge", settings.max_file_bytes())
    # Warm the models on other text: each dev draft is then checked once, so no sentence vector
    # comes from a layer's cache unless the same sentence occurs in two drafts.
    for warm_up in ("The first consultation is $99.", "Call the nurse line.", "We'll see you."):
        semantic.check(warm_up)
        exact.check(warm_up)
    print(f"load {time.perf_counter() - started:.2f} s (embedder, int8 graph, banks, prices)")
    checkers = {"rules + semantic": semantic, "rules+semantic exact": exact,
                "rules only": rules_only}
    samples = interleaved({name: checker.check for name, checker in checkers.items()}, texts)
    for name, times in samples.items():
        print(f"check ({name:20s}) n={len(times)}  p50 {statistics.median(times):6.2f} ms  "
              f"p95 {statistics.quantiles(times, n=20)[-1]:6.2f} ms per draft, warm")
    print("target: rules + semantic p95 <= 10 ms")

    columns = {"free\\s+consult regex": [baseline_predict(t) for t in texts],
               **{name: [checker_predict(checker)(t) for t in texts]
                  for name, checker in reversed(checkers.items())}}
    scored = {name: score(rows, predicted) for name, predicted in columns.items()}
    counts = {rule: sum(row["rule"] == rule for row in rows) for rule in (*RULES, NONE)}
    print(f"{DEV.name}: {len(rows)} drafts {counts}")
    print(f"{'':28s}" + "".join(f"{name:>22s}" for name in columns))
    for figure in scored["rules only"]:
        print(f"{figure:28s}" + "".join(f"{scored[name][figure]:22.3f}" for name in columns))


if __name__ == "__main__":
    main()
