"""Denial and retraction scope: does a sentence deny, retract or correct a rule's claim?

"We don't offer a free consultation", "that offer ended", "no one can promise a baby", "I'll
transfer you to the nurse line": such a sentence mentions the claim in order to take it back, so
neither the pattern rules nor the semantic layer flag it for that rule. The patterns, in every
language the agents write, are data (``denials.yaml``).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from guardrails.data import PACKAGE_DIR


class DenialScope:
    """Per rule, the patterns of sentences that deny or retract its claim."""

    def __init__(self, patterns: dict[str, list[str]]):
        self.patterns: dict[str, list[re.Pattern[str]]] = {}
        for rule, values in patterns.items():
            compiled = []
            for value in values:
                try:
                    compiled.append(re.compile(value))
                except re.error as error:
                    raise ValueError(f"denials.{rule}: invalid regex {value!r}: {error}") from None
            self.patterns[rule] = compiled

    @classmethod
    def load(cls, path: Path | None = None) -> DenialScope:
        path = path or PACKAGE_DIR / "denials.yaml"
        with path.open(encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
        if not isinstance(data, dict) or not all(
                isinstance(v, list) and all(isinstance(p, str) for p in v) for v in data.values()):
            raise ValueError(f"{path}: expected a mapping of rule -> list of regexes")
        return cls(data)

    def denies(self, rule: str, sentence: str) -> bool:
        """True when ``sentence`` (normalised) denies or retracts ``rule``'s claim."""
        return any(p.search(sentence) for p in self.patterns.get(rule, ()))
