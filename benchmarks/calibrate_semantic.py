"""Calibrate the semantic layer's margins (guardrails/semantic.yaml) on the project's OWN data:
the seeded generated paraphrases (tests/guardrails/paraphrases.py) as positives and negatives,
plus the sentences of the current knowledge base (spoken passages of the approved scripts and
FAQ prose, which break no rule) as negatives. Prints, per rule and candidate margin, recall on
the rule's generated positives and the false-positive rate on the negatives. Never reads a dev set.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "guardrails"))
import guardrails  # noqa: E402, F401  (keeps every library offline: guardrails.offline)

MARGINS = [0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.12, 0.15, 0.2]
# Knowledge-base lines that quote what NOT to say are not compliant examples.
QUOTES_WHAT_NOT_TO_SAY = ("never", "don't", "do not", "avoid", "prohibited", "not say")


def knowledge_sentences() -> list[str]:
    from guardrails.text import normalize, sentence_spans

    sentences = []
    for folder in ("scripts", "faq"):
        for path in sorted((ROOT / "knowledge" / folder).glob("*.md")):
            for line in path.read_text(encoding="utf-8").splitlines():
                text = line.strip("#>-*| ").strip()
                if len(text.split()) < 4 or any(q in text.lower() for q in QUOTES_WHAT_NOT_TO_SAY):
                    continue
                sentences += [normalize(text[s:e]).text for s, e in sentence_spans(text)]
    return sentences


def _share(scores: list[dict[str, float]], rule: str, floor: float, margin: float) -> float:
    """The share of sentences the layer would give to ``rule`` at ``margin``."""
    hits = [e for e in scores if e[rule] >= floor and e[rule] - e["compliant"] >= margin]
    return len(hits) / max(len(scores), 1)


def main() -> None:
    from paraphrases import generate

    from copilot.knowledge.embedder import Embedder
    from copilot.settings import get_settings
    from guardrails.semantic import SemanticLayer
    from guardrails.text import normalize

    embedder = Embedder(get_settings().model_path())
    # The checked sentences as the copilot embeds them: the int8 graph's close vectors.
    layer = SemanticLayer(embedder.embed_documents, embed_drafts=embedder.embed_close)
    drafts = generate(seed=7, count=600)
    positives = {rule: [normalize(d.text).text for d in drafts if d.rule == rule]
                 for rule in layer.rules}
    negatives = [normalize(d.text).text for d in drafts if d.rule == "none"]
    negatives += knowledge_sentences()
    print(f"negatives: {len(negatives)} sentences")
    negative_scores = layer.scores(negatives)
    for rule in layer.rules:
        scores = layer.scores(positives[rule])
        floor = layer.config.rules[rule].floor
        for margin in MARGINS:
            recall = _share(scores, rule, floor, margin)
            false = _share(negative_scores, rule, floor, margin)
            print(f"{rule:18s} margin {margin:4.2f}: recall {recall:.3f} (n={len(scores)}), "
                  f"false positives {false:.3f}")


if __name__ == "__main__":
    main()
