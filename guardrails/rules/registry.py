"""The claims rule kinds: a rule class registers itself under a kind, and ``policy.yaml`` names
each rule's ``kind`` (``phrases`` serves both ``guarantee`` and ``medical_advice``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from guardrails.policy import Policy, RuleText
from guardrails.prices import PriceCatalog
from guardrails.results import Violation
from guardrails.rules.negation import Negation


@dataclass(frozen=True)
class RuleContext:
    """What a rule may be built from besides its own section of the policy."""

    policy: Policy
    prices: PriceCatalog | None  # the current price catalog; None: no price rule
    negation: Negation  # how a negation is read (the policy's ``negation``, compiled once)


class Rule(Protocol):
    rule_id: str

    def find(self, text: str) -> list[Violation]: ...


# kind -> from_policy(rule_id, config, context): the rule, or None when it cannot run (no prices)
KINDS: dict[str, Callable[[str, RuleText, RuleContext], Rule | None]] = {}


def kind(name: str):
    """Class decorator: the class's ``from_policy`` builds the rules of kind ``name``."""

    def register(cls):
        KINDS[name] = cls.from_policy
        return cls

    return register


def build_rules(policy: Policy, prices: PriceCatalog | None,
                negation: Negation | None = None) -> list[Rule]:
    """One rule per entry of ``policy.rules``, of the kind the entry names (``negation``: the
    policy's, compiled by the caller that also reads red flags with it)."""
    context = RuleContext(policy, prices, negation or Negation.compile(policy.negation))
    rules = []
    for rule_id, config in policy.rules.items():
        if config.kind not in KINDS:
            raise ValueError(f"policy rule {rule_id!r} has the unknown kind {config.kind!r}; "
                             f"known: {', '.join(sorted(KINDS))}")
        rule = KINDS[config.kind](rule_id, config, context)
        if rule is not None:
            rules.append(rule)
    return rules
