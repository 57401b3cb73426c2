"""Guardrails speed and accuracy: median / p95 ms per message for redact and check (models loaded
once), and recall / precision of the redactor on the labelled set. Targets: redact <= 25 ms and
check <= 5 ms median on the dev machine."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.timing import timings  # noqa: E402
from guardrails import Allowlist, ClaimsChecker, Policy, PriceCatalog, Redactor  # noqa: E402
from guardrails.evaluation import load_labelled, score  # noqa: E402

DATA = ROOT / "tests" / "guardrails" / "data"
LABELLED = DATA / "phi_labelled.jsonl"  # used while writing the recognizers
HELD_OUT = DATA / "phi_heldout.jsonl"  # written afterwards, never tuned on
SHORTHAND = DATA / "agent_shorthand.jsonl"  # lower-case agent shorthand, hard negatives
DRAFTS = [
    "We currently have two promotional options: our $99 promotional virtual consultation and "
    "our $299 promotional in-office consultation with fertility assessment.",
    "Our consultation is free for new patients, just call (555) 010-0110 to book.",
    "The $150 phone consultation is a great way to start.",
    "Depending on the evaluation and the results of the optional $350 Ovarian Reserve Panel, the "
    "doctor may recommend egg donation as one of the options.",
    "An IVF cycle is $14,900; medications typically run $3,000–$7,000 and are billed separately.",
    "You will definitely get pregnant with our IVF program.",
    "That's normal after a retrieval, try resting and drinking water.",
    "There is no free consultation; cancelling is free with 24 hours' notice.",
    "A partner may join the consultation at no extra charge. Feel free to call our toll-free line.",
    "The first consult? It's fr\u0435\u0435.",
]


def _current_documents() -> list[tuple[str, str]]:
    docs = []
    for path in sorted((ROOT / "knowledge").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if "category: archive" not in text:
            docs.append((path.name, text))
    return docs


def _suite_questions() -> list[tuple[str, str]]:
    """(case id, question) of every eval-suite case whose id does not mark synthetic PHI."""
    cases = []
    for path in sorted((ROOT / "evals" / "suites").glob("*.yaml")):
        cases += yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return [(c["id"], c["question"]) for c in cases if "phi" not in c["id"]]


def _report(name: str, samples: list[float], target: float) -> None:
    median = statistics.median(samples)
    p95 = statistics.quantiles(samples, n=20)[-1]
    status = "ok" if median <= target else "SLOW"
    print(f"{name:8s} n={len(samples):4d}  median {median:6.2f} ms  p95 {p95:6.2f} ms  "
          f"(target median <= {target:.0f} ms: {status})")


def main() -> None:
    documents = _current_documents()
    started = time.perf_counter()
    redactor = Redactor.create(Allowlist.load(extra_texts=[t for _, t in documents]))
    policy = Policy.load()
    checker = ClaimsChecker(policy, prices=PriceCatalog.from_documents(documents, policy))
    print(f"load     {time.perf_counter() - started:6.2f} s (spaCy, Presidio, policy, prices)")

    items = load_labelled(LABELLED)
    messages = [item.text for item in items]
    for text in messages[:5]:  # warm-up
        redactor.redact(text)
    _report("redact", timings(redactor.redact, messages, rounds=3), target=25)
    drafts = DRAFTS * 5
    _report("check", timings(checker.check, drafts, rounds=3), target=5)

    questions = _suite_questions()
    changed = [cid for cid, q in questions if redactor.redact(q).text != q]
    print(f"suite questions without PHI changed by redaction: {len(changed)}/{len(questions)} "
          f"{changed}")
    for path in (LABELLED, HELD_OUT, SHORTHAND):
        labelled = load_labelled(path)
        scores = score(labelled, redactor.detect)
        print(f"{path.name}: {len(labelled)} messages, {scores.gold} PHI spans: recall "
              f"{scores.recall:.3f}, precision {scores.precision:.3f}, label accuracy "
              f"{scores.label_accuracy:.3f}; missed {scores.missed}; spurious {scores.spurious}")


if __name__ == "__main__":
    main()
