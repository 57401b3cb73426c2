"""Urgent symptoms in a question: red flags that mean "transfer to the nurse line now"."""

from __future__ import annotations

import re
from functools import lru_cache

from guardrails.deobfuscate import typed_bare
from guardrails.policy import UrgentPolicy, UrgentTrigger
from guardrails.results import UrgentNotice
from guardrails.rules.negation import Lists, Negation
from guardrails.text import normalize, sentence_spans
from guardrails.urgent_meaning import UrgentMeaning


class UrgentDetector:
    """Matches the YAML triggers, skipping negated ones ("no fever") and values under threshold;
    with ``meaning``, a question no trigger matches is also read for red flags by meaning. A
    trigger written with accents also matches them typed without ("sot cao" for "sốt cao"), as
    agents type other languages on an English keyboard; a sentence is also read with its words of
    degree run together and left out ("pain so so bad", "胸口很痛": the policy's intensifiers)."""

    def __init__(self, config: UrgentPolicy, negation: Negation,
                 meaning: UrgentMeaning | None = None):
        self.config = config
        self.negation = negation
        self.meaning = meaning
        self.triggers = [(t, re.compile(pattern)) for t in config.triggers
                         for pattern in typed_bare([t.pattern])]
        self.own_notices = {t.name: t.text for t in config.triggers if t.text}
        # each red flag -> the measured triggers whose reading decides it (its own with a
        # threshold, and those its word defers to): "up 1 lb since yesterday" is read, and calm
        self.measures: dict[str, tuple[str, ...]] = {}
        for t in config.triggers:
            own = (t.name,) if t.above is not None else ()
            self.measures[t.name] = tuple(dict.fromkeys(
                self.measures.get(t.name, ()) + t.unless_measured + own))
        self.negations = re.compile("|".join(typed_bare([config.negations])))
        self.negated_after = re.compile(config.negated_after)
        self.lists = Lists.compile(config.list_joins, config.list_ends, config.list_turns,
                                   config.list_item_words, config.list_screens)
        degree = "|".join(typed_bare([config.intensifiers]))
        self.intensifier = re.compile(rf"(?:{degree})\s*")
        self.intensifier_run = re.compile(rf"(?P<first>(?:{degree}))(?:\s*(?:{degree}))+")
        self.paused_end = re.compile(rf"\s*(?:{config.pauses})\s*$")
        self.over = re.compile(config.over)
        self.recurring = re.compile(config.recurring)
        self.someone_else = re.compile(config.someone_else)
        self.clause_break = re.compile(config.clause_breaks)
        self.patient = re.compile(config.patient)
        self.hypothetical = re.compile(config.hypothetical)
        self.conditional = re.compile(config.conditional)
        self.asks = re.compile(config.asks)
        self.off_hours = re.compile(config.off_hours)
        # An answer reads its question twice (for the search, and for the guard): once here.
        self.detect = lru_cache(maxsize=64)(self._detect)

    def _detect(self, question: str) -> UrgentNotice | None:
        """An ``UrgentNotice`` naming the red flags found, or None (``detect``)."""
        text = normalize(question).text
        reasons: list[str] = []
        refused: set[str] = set()  # named, but negated, someone else's or under threshold
        typed, read = self._sentences(text)
        kept = [s for s in dict.fromkeys(typed + read) if not self._told_as_past_or_general(s)]
        for sentence in kept:
            for reading in self._readings(sentence):
                for trigger, pattern in self.triggers:
                    if trigger.name in reasons:
                        continue
                    said = self._says(reading, trigger, pattern)
                    if said is False:
                        refused.add(trigger.name)
                    if not said:
                        continue
                    if not self._measured(reading, trigger.unless_measured):
                        reasons.append(trigger.name)
        if not reasons and self.meaning is not None:
            probes = [p for p in (self._own_clauses(s).strip() for s in read if s in kept)
                      if p]
            if len(probes) > 1:  # the whole question too: the drafter embeds it, in this call
                probes.append(" ".join(probes))
            # (not a red flag the question names and a trigger refused: "no shortness of
            # breath", nor one a measure decides, read under its threshold in the question)
            reasons = [r for r in self.meaning.red_flags(probes) if r not in refused and not any(
                self._measured(s, self.measures.get(r, ())) for s in kept)]
        if not reasons:
            return None
        notice = self._notice(reasons)
        if self.off_hours.search(text):  # (the after-hours route too: "saturday am, …")
            notice = f"{notice} {self.config.off_hours_text}"
        return UrgentNotice(text=notice, reasons=reasons)

    def _sentences(self, text: str) -> tuple[list[str], list[str]]:
        """The sentences of ``text`` as typed, and as read through its pauses: one that trails
        off in a pause joined to the next ("i can't... breathe"). The triggers read both (either
        part may be a sentence of its own: "a fever last year... now she's bleeding heavily"),
        the meaning layer the second."""
        typed = [text[start:end] for start, end in sentence_spans(text)]
        read: list[str] = []
        for sentence in typed:
            if read and self.paused_end.search(read[-1]):
                read[-1] = f"{self.paused_end.sub('', read[-1])} {sentence}"
            else:
                read.append(sentence)
        return typed, read

    def _readings(self, sentence: str) -> list[str]:
        """The sentence as typed, with each run of intensifiers as its first one ("bahut tez
        dard" -> "bahut dard"), and without them ("숨이 너무 차서" -> "숨이 차서")."""
        run_as_one = self.intensifier_run.sub(r"\g<first>", sentence)
        without = self.intensifier.sub("", sentence)
        return list(dict.fromkeys([sentence, run_as_one, without]))

    def _says(self, sentence: str, trigger: UrgentTrigger,
              pattern: re.Pattern[str]) -> bool | None:
        """Whether some match of ``trigger`` in ``sentence`` is neither negated, someone else's
        nor under its threshold; None when ``sentence`` has no match at all (False: it names the
        red flag, refused)."""
        matched = None
        for match in pattern.finditer(sentence):
            matched = False
            if self.negation.negated(sentence, match.start(), self.negations,
                                     self.config.negation_window, lists=self.lists) \
                    or self.negated_after.match(sentence, match.end()):
                continue
            clause = self.clause_break.split(sentence[: match.start()])[-1]  # its, before it
            if self._of_someone_else(clause) or self._foresees(clause, sentence):
                continue
            if trigger.above is not None:
                value = trigger.reads(match)
                if value is None or value <= trigger.above:
                    continue  # no body's value, or under the threshold
            return True
        return matched

    def _measured(self, sentence: str, names: tuple[str, ...]) -> bool:
        """Whether a trigger of ``names`` reads a value in ``sentence`` (over its threshold or
        not: "fever 99.1" is no fever over 100.4)."""
        return any(trigger.reads(match) is not None for trigger, pattern in self.triggers
                   if trigger.name in names for match in pattern.finditer(sentence))

    def _told_as_past_or_general(self, sentence: str) -> bool:
        """A sentence telling of a red flag that is over and not back ("had a fever last month
        but it's gone now"), or of a case in general ("what counts as heavy bleeding")."""
        return bool(self.hypothetical.search(sentence)) or (
            bool(self.over.search(sentence)) and not self.recurring.search(sentence))

    def _foresees(self, clause: str, sentence: str) -> bool:
        """Whether ``clause`` of ``sentence`` foresees a red flag: an "if" opens it, and the
        sentence asks what to do then ("if she gets a fever, who do we call?")."""
        return bool(self.conditional.search(clause)) and bool(self.asks.search(sentence))

    def _of_someone_else(self, clause: str) -> bool:
        """Whether ``clause`` tells of someone else, with no word for the patient after them
        ("her toddler has a fever")."""
        found = list(self.someone_else.finditer(clause))
        return bool(found) and not self.patient.search(clause, found[-1].start())

    def _own_clauses(self, sentence: str) -> str:
        """``sentence`` without its clauses that tell of someone else ("her dog is bleeding
        from the paw, she's running late" is read by meaning as "she's running late") or
        foresee a red flag ("if she gets a fever, who do we call?")."""
        clauses = self.clause_break.split(sentence)
        own = [c for c in clauses
               if not self._of_someone_else(c) and not self._foresees(c, sentence)]
        return sentence if len(own) == len(clauses) else ", ".join(own)

    def _notice(self, reasons: list[str]) -> str:
        """The notices of the red flags found: a flag's own ("self-harm": the crisis line), and
        the general one for any flag without its own."""
        own = self.own_notices
        texts = [own[r] for r in reasons if r in own]
        if any(r not in own for r in reasons):
            texts.append(self.config.text)
        return " ".join(dict.fromkeys(texts))
