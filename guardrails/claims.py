"""The ClaimsChecker: runs every rule of the policy on a draft, and revises offending sentences."""

from __future__ import annotations

from collections.abc import Iterable

from guardrails.denial import DenialScope
from guardrails.notes import NotesPolicy
from guardrails.policy import Policy
from guardrails.prices import PriceCatalog
from guardrails.results import CheckResult, RequiredNote, UrgentNotice, Violation
from guardrails.rules.negation import Negation
from guardrails.rules.registry import build_rules
from guardrails.semantic import Embed, SemanticLayer
from guardrails.text import normalize, sentence_spans
from guardrails.urgent import UrgentDetector
from guardrails.urgent_meaning import UrgentBank, UrgentMeaning

MISSING_NOTE = "missing_note"


class ClaimsChecker:
    """Checks text against ``policy`` (given: nothing here loads it); ``prices=None`` skips the
    price rule. With ``embed`` (sentences -> vectors, e.g. the copilot's MiniLM embedder) a
    semantic layer also flags sentences whose meaning breaks a rule in wording no pattern knows
    (``semantic``); ``embed_drafts``, a faster close approximation of ``embed``, then embeds the
    checked texts' sentences, and ``embed_multilingual`` (a model of many languages) reads the
    sentences of a question not in English for red flags. The semantic layer does not judge
    ``stated`` sentences (as ``semantic_sentences`` gives them): the documents' own wording,
    which may be read out as it stands (a pattern rule still reads them)."""

    def __init__(self, policy: Policy, prices: PriceCatalog | None = None,
                 embed: Embed | None = None, embed_drafts: Embed | None = None,
                 embed_multilingual: Embed | None = None,
                 stated: frozenset[str] = frozenset()):
        self.policy = policy
        self.stated = stated
        self.prices = prices
        self.denials = DenialScope.load()
        self.semantic = (SemanticLayer(embed, denials=self.denials, embed_drafts=embed_drafts)
                         if embed is not None else None)
        negation = Negation.compile(policy.negation)  # read alike by the rules and red flags
        self.rules = build_rules(policy, prices, negation)  # each of the kind policy.yaml names
        self.replacements = {rule_id: rule.replacement for rule_id, rule in policy.rules.items()}
        self.notes = NotesPolicy(self.policy.required_notes)
        meaning = None
        if self.semantic is not None:
            flags = {trigger.name for trigger in policy.urgent.triggers}
            meaning = UrgentMeaning(self.semantic, UrgentBank.load(), flags, embed_multilingual)
        self.urgent_detector = UrgentDetector(self.policy.urgent, negation, meaning)

    def check(self, text: str, required: Iterable[RequiredNote] = ()) -> CheckResult:
        """All violations in ``text``, plus one ``missing_note`` per required note it lacks."""
        # what a caller says is no claim of the draft; the agent's answer to it is ("Caller: any
        # charge for the visit?" / "Agent: Nope!")
        callers = self.denials.caller_lines(text)
        found = [v for rule in self.rules for v in rule.find(text)
                 if not any(s <= v.start and v.end <= e for s, e in callers)]
        violations = _free_over_price(self._undenied(found, text), text)
        if self.semantic is not None:
            violations += self._semantic_violations(text, violations, callers)
        for note in required:
            if not self.notes.carries(text, note):
                violations.append(Violation(
                    rule=MISSING_NOTE, start=len(text), end=len(text), text="",
                    message=f"The answer must carry the required note '{note.id}'.",
                    suggestion=note.text))
        return CheckResult.of(violations)

    def _undenied(self, violations: list[Violation], text: str) -> list[Violation]:
        """Drop pattern matches in sentences that deny or retract their rule's claim."""
        if not violations:
            return violations
        spans = sentence_spans(text)
        kept = []
        for violation in violations:
            index = next((i for i, (s, e) in enumerate(spans) if s <= violation.start < e), None)
            if index is None:
                kept.append(violation)
                continue
            start, end = spans[index]
            following = spans[index + 1] if index + 1 < len(spans) else (end, end)
            sentence = normalize(text[start : max(violation.end - 1, start)])
            at = len(sentence.text)
            whole = normalize(text[start:end]).text
            if not self.denials.denies(violation.rule, whole, at,
                                       normalize(text[following[0]:following[1]]).text):
                kept.append(violation)
        return kept

    def _semantic_violations(self, text: str, found: list[Violation],
                             callers: list[tuple[int, int]]) -> list[Violation]:
        """One violation per sentence the semantic layer assigns to a rule, for sentences no
        pattern rule has flagged already, no caller speaks (``callers``) and the documents do
        not state as they stand."""
        spans = [(s, e) for s, e in _sentence_spans(text)
                 if not any(v.start < e and s < max(v.end, v.start + 1) for v in found)
                 and not any(a <= s < b for a, b in callers)]
        sentences = [normalize(text[s:e]).text for s, e in spans]
        judged = [i for i, s in enumerate(sentences) if SemanticLayer.key(s) not in self.stated]
        violations = []
        verdicts = self.semantic.classify([sentences[i] for i in judged])
        for index, rule in zip(judged, verdicts, strict=True):
            following = sentences[index + 1] if index + 1 < len(sentences) else ""
            if rule is None or self.denials.takes_back(following):
                continue
            start, end = spans[index]
            config = self.policy.rules[rule]
            violations.append(Violation(rule=rule, start=start, end=end, text=text[start:end],
                                        message=config.message, suggestion=config.suggestion))
        return violations

    def read_other_languages_now(self) -> None:
        """Have the urgent-symptom reader of other languages loaded (``UrgentMeaning``)."""
        if self.urgent_detector.meaning is not None:
            self.urgent_detector.meaning.read_other_languages_now()

    def required_notes(self, question: str, ages: Iterable[int] = ()) -> list[RequiredNote]:
        """Notes the answer to ``question`` must carry (age >= 42, new-patient Rx renewal,
        clinical questions)."""
        return self.notes.required(question, ages)

    def urgent(self, question: str) -> UrgentNotice | None:
        """A nurse-line notice when the question describes red-flag symptoms."""
        return self.urgent_detector.detect(question)

    def revise(self, text: str, violations: Iterable[Violation]) -> str:
        """Replace each offending sentence by its rule's compliant wording (or drop it), then
        append missing notes. The caller re-checks the result."""
        violations = list(violations)
        sentences = sentence_spans(text)
        edits: dict[tuple[int, int], str] = {}
        for violation in violations:
            if violation.rule == MISSING_NOTE:
                continue
            covered = [s for s in sentences if s[0] < max(violation.end, violation.start + 1)
                       and violation.start < s[1]]
            if not covered:
                continue
            span = (covered[0][0], covered[-1][1])
            if not any(a < span[1] and span[0] < b for a, b in edits):
                edits[span] = self.replacements.get(violation.rule, "")
        revised = text
        used: set[str] = set()
        for (start, end), replacement in sorted(edits.items(), reverse=True):
            if replacement in used:
                replacement = ""
            used.add(replacement)
            revised = revised[:start] + replacement + revised[end:]
        revised = _tidy(revised)
        notes = [v.suggestion for v in violations if v.rule == MISSING_NOTE]
        return " ".join([revised, *notes]).strip() if notes else revised


def _free_over_price(violations: list[Violation], text: str) -> list[Violation]:
    """A price said to be waived ("your $299 visit is on us") is the free-consultation claim:
    the sentence's amounts are not also reported as price mismatches."""
    free = [span for span in sentence_spans(text)
            if any(v.rule == "free_consultation" and span[0] <= v.start < span[1]
                   for v in violations)]
    return [v for v in violations if v.rule != "price_mismatch"
            or not any(s <= v.start < e for s, e in free)]


def _tidy(text: str) -> str:
    """Collapse the blank runs left where sentences were removed."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``, split where its normalised form ends sentences."""
    norm = normalize(text)
    return [norm.span(s, e) for s, e in sentence_spans(norm.text)]


def semantic_sentences(text: str) -> list[str]:
    """The sentences of ``text`` as the semantic layer embeds them (to embed beforehand)."""
    return [SemanticLayer.key(normalize(text[s:e]).text) for s, e in _sentence_spans(text)]
