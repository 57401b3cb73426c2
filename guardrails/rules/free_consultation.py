"""free_consultation: wording that implies a consultation costs nothing, in any spelling."""

from __future__ import annotations

import re
from collections import Counter

from guardrails.deobfuscate import typed_bare
from guardrails.policy import FreeConsultationConfig
from guardrails.price_facts import stem
from guardrails.prices import AMOUNT, PriceCatalog, amount_cents
from guardrails.results import Violation
from guardrails.rules.negation import Negation
from guardrails.rules.registry import RuleContext, kind
from guardrails.text import normalize, sentence_spans

# Word boundaries for alphabetic scripts only: Chinese, Japanese and Korean terms sit inside
# unspaced text ("免费咨询").
LETTER = r"[^\W\u3040-\u9fff\uac00-\ud7af]"


def _union(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!{LETTER})(?:" + "|".join(f"(?:{p})" for p in patterns)
                      + rf")(?!{LETTER})")


GOVERNING_WORDS = 4  # between an exempt word and the consultation it governs
FRAGMENT_WORDS = 2  # around a free term that is a sentence of its own ("Absolutely free.")
CLAUSE_OPENING_WORDS = 1  # before a free term that opens its clause (", at no cost")
PRICE_SUBJECT_CHARS = 6  # a consultation's price this near the free term ("waive the $99")
_CLAUSE_GAP = re.compile(r"[,;]|\s[-–—]\s")


@kind("free_consultation")
class FreeConsultationRule:
    """A free term near a consultation term, unless negated, exempt, or about something else.

    "Near" means in the same sentence within ``subject_window_chars``, or in a short follow-up
    sentence that starts with a pronoun ("The first consult? It's free.") or is the free term
    alone ("The first consult? Free.").
    """

    def __init__(self, config: FreeConsultationConfig, negation: Negation,
                 rule_id: str = "free_consultation", prices: PriceCatalog | None = None):
        self.rule_id = rule_id
        self.config = config
        self.negation = negation
        composed = [config.costless.pattern()] if config.costless else []
        self.free = _union(typed_bare(config.free_terms) + composed)
        self.subject = _union(typed_bare(config.subject_terms))
        # A consultation is also named by its price on the current price list ("waive the $99",
        # "The $99? We'll waive it."), when the price is right beside the free term or is what
        # a short follow-up refers back to.
        self.priced = self._priced(prices)
        self.exempt_subject = _union(config.exempt_subjects)
        self.exempt_phrase = _union(config.exempt_phrases)
        self.negations = re.compile(config.negations)
        self.pronoun_start = re.compile(config.pronoun_start)
        self.pronoun_object = re.compile(config.pronoun_object)
        self.answered_no = re.compile(config.answered_no)
        self.charge = re.compile(config.charge_words)
        self.charge_question = re.compile(config.charge_question)
        self.added_charge = re.compile(config.added_charges)
        self.elliptical_denial = re.compile(config.elliptical_denial)
        self.clause_opener = re.compile(config.clause_openers, re.IGNORECASE)
        self.coordinator = re.compile(config.coordinators)

    @classmethod
    def from_policy(cls, rule_id: str, config: FreeConsultationConfig,
                    context: RuleContext) -> FreeConsultationRule:
        return cls(config, context.negation, rule_id, context.prices)

    def _prices_in(self, sentence: str) -> list[re.Match[str]]:
        """The amounts in ``sentence`` that are a consultation's price."""
        return [m for m in AMOUNT.finditer(sentence) if amount_cents(m) in self.priced]

    def _priced(self, prices: PriceCatalog | None) -> frozenset[int]:
        """The amounts (cents) the price list gives mostly to a consultation: most of the
        entries stating the amount are named by a subject term ("consultation", "visit") and by
        no fee word (the $75 no-show fee of a visit, the $350 panel added to a consultation are
        no consultation's price)."""
        if prices is None:
            return frozenset()
        fees = frozenset(stem(word) for word in self.config.fee_words)
        votes: Counter[int] = Counter()
        for entry in prices.entries:
            vote = 1 if any(self.subject.fullmatch(w) for w in entry.service) and \
                not fees & entry.service else -1
            for cents in entry.amounts:
                votes[cents] += vote
        return frozenset(cents for cents, vote in votes.items() if vote > 0 and cents)

    def find(self, text: str) -> list[Violation]:
        """Violations in ``text`` (offsets into the original text)."""
        norm = normalize(text)
        body = norm.text
        sentences = sentence_spans(body)
        violations: list[Violation] = []
        for index, (s_start, s_end) in enumerate(sentences):
            sentence = body[s_start:s_end]
            if self._asked_and_denied(body, sentences, index):
                continue
            found_before = len(violations)
            exempt = [m.span() for m in self.exempt_phrase.finditer(sentence)]
            last_negated = -1
            for match in self.free.finditer(sentence):
                if any(a < match.end() and match.start() < b for a, b in exempt):
                    continue
                # A free term that is itself a negation ("no charge") is not undone by the one
                # of an item listed before it ("No card, no charge, no catch").
                clause = sentence.rfind(",", 0, match.start()) + 1 \
                    if self.negations.match(match.group()) else 0
                if self.negation.negated(sentence, match.start(), self.negations,
                                         self.config.negation_window, clause, claim=True) \
                        or self._coordinated(sentence, last_negated, match.start()):
                    last_negated = match.end()
                    continue
                span = self._subject_span(sentence, match) or self._named_before(sentence, match)
                if span is not None:
                    start, end = s_start + span[0], s_start + span[1]
                elif index > 0 and (self._refers_back(sentence, match)
                                    or self._object_refers_back(sentence, match)):
                    previous = body[sentences[index - 1][0] : sentences[index - 1][1]]
                    subjects = sorted([*self.subject.finditer(previous),
                                       *self._prices_in(previous)], key=lambda m: m.start())
                    if not subjects or self.exempt_subject.search(previous):
                        continue  # "The late fee for your consult? We'll waive it."
                    start = sentences[index - 1][0] + subjects[-1].start()
                    end = s_start + match.end()
                else:
                    continue
                violations.append(self._violation(text, norm.span(start, end)))
            if len(violations) == found_before:  # no free term of its own flagged
                denied = self._charge_denied(body, sentences, index)
                if denied is not None:
                    violations.append(self._violation(text, norm.span(*denied)))
        return violations

    def _charge_denied(self, body: str, sentences: list[tuple[int, int]], index: int
                       ) -> tuple[int, int] | None:
        """The span of a consultation's charge that a short denial leaves unsaid: the
        sentence's last clause ("About the consult fee — there isn't any."), or the sentence
        after the one naming it ("… the bill for the first visit. There won't be one.",
        "Is there a fee for the consult? Nope.")."""
        start, end = sentences[index]
        sentence = body[start:end]
        gaps = list(_CLAUSE_GAP.finditer(sentence))
        if gaps and self.elliptical_denial.match(sentence[gaps[-1].end() :].strip()):
            charged = self._charged(sentence[: gaps[-1].start()])
            if charged is not None:
                return start + charged, end
        if index == 0 or self.exempt_subject.search(sentence) or \
                self.added_charge.search(sentence):
            return None
        p_start, p_end = sentences[index - 1]
        previous = body[p_start:p_end]
        answered_no = previous.rstrip().endswith("?") and \
            bool(self.charge_question.search(previous)) and \
            bool(self.answered_no.match(sentence.strip())) and not AMOUNT.search(sentence)
        if not (answered_no or self.elliptical_denial.match(sentence.strip())):
            return None
        charged = self._charged(previous)
        return None if charged is None else (p_start + charged, end)

    def _charged(self, text: str) -> int | None:
        """Where ``text`` names a charge for a consultation (its first word of the two), unless
        the charge is an added one or an exempt subject's."""
        if self.exempt_subject.search(text) or self.added_charge.search(text):
            return None
        charges = [m.span() for m in self.charge.finditer(text)]
        subjects = [m.span() for m in [*self.subject.finditer(text), *self._prices_in(text)]]
        near = [min(c[0], s[0]) for c in charges for s in subjects
                if max(s[0] - c[1], c[0] - s[1], 0) <= self.config.subject_window_chars]
        return min(near) if near else None

    def _asked_and_denied(self, body: str, sentences: list[tuple[int, int]], index: int) -> bool:
        """Sentence ``index`` is a question the next sentence answers "no" ("Is the consult
        free? No, it's $99.", '"Is the first visit free?" Not really.')."""
        start, end = sentences[index]
        if not body[start:end].rstrip(" \"”’'").endswith("?") or index + 1 == len(sentences):
            return False
        after = body[sentences[index + 1][0] : sentences[index + 1][1]].lstrip()
        return bool(self.answered_no.match(after))

    def _subject_span(self, sentence: str, free: re.Match[str]) -> tuple[int, int] | None:
        """Nearest consultation term to the free term, unless an exempt subject is nearer."""
        def distance(span: tuple[int, int]) -> int:
            return max(span[0] - free.end(), free.start() - span[1], 0)

        subjects = [m.span() for m in self.subject.finditer(sentence)]
        subjects = [s for s in subjects if distance(s) <= self.config.subject_window_chars]
        subjects += [m.span() for m in self._prices_in(sentence)
                     if distance(m.span()) <= PRICE_SUBJECT_CHARS]
        if not subjects:
            return None
        nearest = min(subjects, key=distance)

        def apart(span: tuple[int, int]) -> bool:  # in another clause than the free term
            gap = sentence[min(free.end(), span[1]) : max(free.start(), span[0])]
            return bool(_CLAUSE_GAP.search(gap))

        def label(span: tuple[int, int]) -> bool:  # "Reminder: the free … consultation"
            return span[1] <= min(free.start(), nearest[0]) and bool(
                self.clause_opener.search(sentence[span[1] : min(free.start(), nearest[0])]))

        # (not one in a clause of its own: "… is complimentary, and your partner may join",
        # nor one before a colon or a clause that the free term and the consultation both
        # follow: "Reminder: the free … consultation", "a reminder that our free consultation",
        # nor one the free term is made of: "a $99 gift card with the $99 consult")
        others = [m.span() for m in self.exempt_subject.finditer(sentence)
                  if (apart(nearest) or not apart(m.span())) and not label(m.span())
                  and not free.start() <= m.start() < m.end() <= free.end()]
        if others and min(distance(o) for o in others) < distance(nearest):
            return None
        # A free term opening a clause after the consultation's says how the sentence's thing
        # is had, when that is an exempt one named before the consultation ("Interpreters are
        # booked before the visit, at no cost to the patient"; not "Book the visit, at no cost").
        if free.start() > nearest[1] and apart(nearest) and _opens_clause(sentence, free) \
                and any(o[1] <= nearest[0] for o in others):
            return None
        # "Cancelling your consultation is free": the exempt word governs the consultation
        # (a label before a colon does not, nor a word a clause follows: "Reminder: your
        # consult …", "a reminder that your consult …", nor a participle naming which one:
        # "your rescheduled consultation is free" is the consultation).
        if any(nearest[0] >= o[1]
               and len(sentence[o[1] : nearest[0]].split()) <= GOVERNING_WORDS
               and not self.clause_opener.search(sentence[o[1] : nearest[0]])
               and not _CLAUSE_GAP.search(sentence[o[1] : nearest[0]])
               and not _attributive(sentence, o, nearest) for o in others):
            return None
        return min(nearest[0], free.start()), max(nearest[1], free.end())

    def _coordinated(self, sentence: str, negated_end: int, start: int) -> bool:
        """"no free consultations or free calls": a free term joined by a coordinator to a
        negated one."""
        if negated_end < 0:
            return False
        between = sentence[negated_end:start].split()
        return len(between) <= 3 and any(self.coordinator.fullmatch(w) for w in between)

    def _refers_back(self, sentence: str, free: re.Match[str]) -> bool:
        """A short sentence about the one before: it opens with a pronoun ("It's free."), or
        it is the free term alone, a word or two around it ("Free.", "Totally free!"). Short
        up to the end of the free term's clause: what a later clause adds ("…, so call us
        back at …") is no subject of its own."""
        gap = _CLAUSE_GAP.search(sentence, free.end())
        sentence = sentence[: gap.start()] if gap else sentence
        if len(sentence.split()) > self.config.pronoun_sentence_max_words or \
                self._names_a_subject(sentence):
            return False
        fragment = len(sentence[: free.start()].split()) <= FRAGMENT_WORDS and \
            len(sentence[free.end() :].split()) <= FRAGMENT_WORDS
        return fragment or bool(self.pronoun_start.search(sentence))

    def _object_refers_back(self, sentence: str, free: re.Match[str]) -> bool:
        """The free term's object is a pronoun, a few words into the sentence ("Don't worry,
        we'll waive it."), and the sentence names nothing of its own."""
        return bool(self.pronoun_object.match(sentence, free.end())) and \
            len(sentence[: free.start()].split()) <= self.config.pronoun_sentence_max_words and \
            not self._names_a_subject(sentence)

    def _named_before(self, sentence: str, free: re.Match[str]) -> tuple[int, int] | None:
        """The consultation (or its price) an earlier clause of the sentence names, when the
        free term's object is a pronoun for it ("Don't worry about the $99 — I'll waive it");
        none when the sentence names an exempt thing ("the late fee … we'll waive it")."""
        if not self.pronoun_object.match(sentence, free.end()):
            return None
        before = sentence[: free.start()]
        if not _CLAUSE_GAP.search(before) or self.exempt_subject.search(sentence):
            return None
        named = [*self.subject.finditer(before), *self._prices_in(before)]
        if not named:
            return None
        return max(named, key=lambda m: m.start()).start(), free.end()

    def _names_a_subject(self, sentence: str) -> bool:
        """A consultation or an exempt thing named in the sentence itself: it refers to that."""
        return bool(self.exempt_subject.search(sentence) or self.subject.search(sentence))

    def _violation(self, text: str, span: tuple[int, int]) -> Violation:
        start, end = span
        return Violation(rule=self.rule_id, start=start, end=end, text=text[start:end],
                         message=self.config.message, suggestion=self.config.suggestion)


def _opens_clause(sentence: str, free: re.Match[str]) -> bool:
    """The free term opens its clause (a word before it at most: ", at no cost")."""
    gaps = list(_CLAUSE_GAP.finditer(sentence, 0, free.start()))
    return bool(gaps) and \
        len(sentence[gaps[-1].end() : free.start()].split()) <= CLAUSE_OPENING_WORDS


def _attributive(sentence: str, word: tuple[int, int], subject: tuple[int, int]) -> bool:
    """``word`` is a participle right before ``subject``, saying which one it is ("the
    rescheduled visit")."""
    return sentence[word[0] : word[1]].endswith("ed") and not sentence[word[1] : subject[0]].strip()
