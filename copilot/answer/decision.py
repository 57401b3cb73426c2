"""Whether the documents cover a question: one decision, three outcomes, thresholds as data.

``answered`` (draft from the passages), ``weak`` (something near exists: show the closest passages
to check, draft no facts from them) or ``not_covered`` (nothing relevant: say whom to ask). The
signals and the thresholds are described in ``copilot/data/coverage.yaml``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import Field

from guardrails.data import StrictModel, load_model

DEFAULT_FILE = Path(__file__).resolve().parent.parent / "data" / "coverage.yaml"

# "refused" is not this decision's: the input rail refused the request (guardrails/instructions).
Outcome = Literal["answered", "weak", "not_covered", "refused"]
_WORD = re.compile(r"[a-z]+")
_SHARE = Field(ge=0.0, le=1.0)


def _asks(text: str, cues: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether ``text`` has one of the two-word ``cues`` or one of ``words``."""
    found = _WORD.findall(text.lower())
    pairs = {" ".join(p) for p in zip(found, found[1:], strict=False)}
    return bool(pairs & set(cues) or set(found) & set(words))


class ContactKind(StrictModel):
    """A kind of contact a question may ask of someone: its words, and what gives one."""

    words: tuple[str, ...]
    given: str  # a regular expression: a statement that gives one


class CoverageRule(StrictModel):
    """The decision's thresholds (validated: unknown keys and out-of-range values are errors)."""

    topic_kinds: tuple[str, ...]
    topic_tags: tuple[str, ...]
    modifier_tags: tuple[str, ...]
    conjunction_tags: tuple[str, ...]
    contraction_endings: tuple[str, ...]
    contraction_stems: tuple[str, ...]
    other_language_share: float = _SHARE
    unread_share: float = _SHARE
    confident_dense: float = _SHARE
    min_coverage: float = _SHARE
    topic_coverage: float = _SHARE
    weak_dense: float = _SHARE
    weak_coverage: float = _SHARE
    lexical_coverage: float = _SHARE
    synonym_similarity: float = _SHARE
    synonym_letters: int = Field(ge=1)
    amount_cues: tuple[str, ...]
    amount_words: tuple[str, ...]
    price_cues: tuple[str, ...]
    price_words: tuple[str, ...]
    priced_tags: tuple[str, ...]
    priced: str  # a regular expression: a statement that gives a price
    timing: str  # a regular expression: a length of time asked
    timed: str  # a regular expression: a statement that gives one
    timed_similarity: float = _SHARE  # ... that near the question in meaning
    time_units: tuple[str, ...]  # a unit of time names no thing asked
    contacts: dict[str, ContactKind]
    name_words: tuple[str, ...]
    name_leads: tuple[str, ...]
    name_auxiliaries: tuple[str, ...]
    name_verbs: tuple[str, ...]
    holder_skip_tags: tuple[str, ...]
    own_words: tuple[str, ...]
    subject_tags: tuple[str, ...]
    asked_lead_tags: tuple[str, ...]
    complement_words: tuple[str, ...]
    action_tags: tuple[str, ...]
    measure_words: tuple[str, ...]
    measure_leads: tuple[str, ...]
    fragment_tags: tuple[str, ...]
    trailing_breaks: tuple[str, ...]
    trailing_skip_tags: tuple[str, ...]
    asked_kinds: tuple[str, ...]
    offer_verbs: tuple[str, ...]
    offer_leads: tuple[str, ...]
    offer_persons: tuple[str, ...]
    offer_phrases: tuple[str, ...]
    offer_words: tuple[str, ...]
    offer_joins: tuple[str, ...]
    offer_tags: tuple[str, ...]
    offer_kinds: tuple[str, ...]
    holder_tags: tuple[str, ...]
    permit_words: tuple[str, ...]
    permit_verbs: tuple[str, ...]

    @classmethod
    def load(cls, path: Path | None = None) -> CoverageRule:
        return load_model(path or DEFAULT_FILE, cls)

    def asks_amount(self, text: str) -> bool:
        """Whether ``text`` has a word or phrase that asks an amount ("how much", "cost")."""
        return _asks(text, self.amount_cues, self.amount_words)

    def asks_price(self, text: str) -> bool:
        """Whether ``text`` has a word or phrase that asks a price ("how much", "fee")."""
        return _asks(text, self.price_cues, self.price_words)

    def asked_subject(self, tags: list[tuple[str, str]]) -> list[str]:
        """The words naming what a question asks an amount of (``asked_subjects``, joined)."""
        return [word for run in self.asked_subjects(tags) for word in run]

    def asked_subjects(self, tags: list[tuple[str, str]]) -> list[list[str]]:
        """The runs of words naming what a question asks an amount of, from its tagged words
        (pure): after "how much/many" past the verb and article ("how much is a <doula>"),
        before an amount word ("<valet> <parking> cost") or after it and "of/for" ("the price
        of <parking>"). A possessive names whose it is, not what: "how much for her <sister>'s
        visit" is about the visit. A thing named before a dash or colon that opens the question
        is asked too ("<sperm banking> — how much per sample?")."""
        words = [w.lower() for w, _ in tags]
        runs: list[list[str]] = [self._lead_fragment(tags)]
        for i, word in enumerate(words):
            if i and f"{words[i - 1]} {word}" in self.amount_cues:
                runs.append(self._run(tags, self._past_lead(tags, i + 1), 1))
            elif word in self.amount_words:
                runs.append(self._run(tags, i - 1, -1)[::-1] or self._before_break(tags, i))
                if i + 1 < len(tags) and words[i + 1] in self.complement_words:
                    runs.append(self._run(tags, self._past_lead(tags, i + 2), 1))
        return [run for run in runs if run]

    def _before_break(self, tags: list[tuple[str, str]], i: int) -> list[str]:
        """When the amount word at ``i`` ends the question after a break ("…program here,
        <cost>?"), the subject words before the break, past adverbs; none otherwise."""
        if any(tag != "." for _, tag in tags[i + 1 :]) or not i or \
                tags[i - 1][1] not in self.trailing_breaks:
            return []
        j = i - 2
        while j >= 0 and tags[j][1] in self.trailing_skip_tags:
            j -= 1
        return self._run(tags, j, -1)[::-1]

    def _lead_fragment(self, tags: list[tuple[str, str]]) -> list[str]:
        """The subject words a question opens with when a dash or colon follows them ("<embryo
        glue> — extra charge?", "her <iui>: total?"); none otherwise."""
        start = self._past_lead(tags, 0)
        end = self._subject_end(tags, start)
        if end == start or end + 1 >= len(tags) or tags[end][1] not in self.fragment_tags:
            return []
        return self._run(tags, start, 1)

    def _subject_end(self, tags: list[tuple[str, str]], i: int) -> int:
        """Where the run of subject words (or pieces of a hyphenated word) from ``i`` ends."""
        while i < len(tags) and (tags[i][1] in self.subject_tags or _hyphenated(tags, i)):
            i += 1
        return i

    def contact_holders(self, tags: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
        """(kind, words naming whose it is) for each contact a question asks of someone, from
        its tagged words (pure; see ``_holder``)."""
        words = [w.lower() for w, _ in tags]
        found: list[tuple[str, list[str]]] = []
        for i, word in enumerate(words):
            kind = next((k for k, c in self.contacts.items() if word in c.words), None)
            if kind is not None:
                found.append((kind, self._holder(tags, i)))
        return [(kind, run) for kind, run in found if run]

    def name_holders(self, tags: list[tuple[str, str]]) -> list[list[str]]:
        """The words naming whose or what's name a question asks, from its tagged words
        (pure): as ``_holder`` reads them, or the noun before the name ("the <privacy officer>
        full name"), or what "which" or "what" asks between it and "do we" and a verb of using
        ("which <courier> do we use", "what <answering service> does the clinic work with";
        not "what <promos> do we have": which ones, not whose names)."""
        words = [w.lower() for w, _ in tags]
        found: list[list[str]] = []
        for i, word in enumerate(words):
            if word in self.name_words:
                found.append(self._holder(tags, i, adjoining=True))
            elif word in self.name_leads:
                j = self._subject_end(tags, i + 1)
                own = set(words[j + 1 : j + 3]) & set(self.own_words)
                verb = set(words[j + 2 : j + 4]) & set(self.name_verbs)
                if j > i + 1 and j < len(words) and words[j] in self.name_auxiliaries \
                        and own and verb:
                    found.append(self._run(tags, i + 1, 1))
        return [run for run in found if run]

    def _holder(self, tags: list[tuple[str, str]], i: int, adjoining: bool = False) -> list[str]:
        """The words naming whose the ``i``-th word (a contact, a name) is: the owner before a
        possessive ("<dr raman>'s direct email"), with ``adjoining`` the nouns before it
        ("the <pharmacy> name"), or the words after "for/of" ("the number for <the lab
        manager>"); adjectives before it are skipped ("direct", "personal")."""
        j = i - 1
        while j >= 0 and tags[j][1] in self.holder_skip_tags:
            j -= 1
        if j > 0 and tags[j][1] == "POS":
            return self._run(tags, j - 1, -1)[::-1]
        if adjoining and j >= 0 and tags[j][1] in self.topic_tags:
            return self._run(tags, j, -1)[::-1]
        if i + 1 < len(tags) and tags[i + 1][0].lower() in self.complement_words:
            return self._run(tags, self._past_lead(tags, i + 2), 1)
        return []

    def offered_subject(self, tags: list[tuple[str, str]]) -> list[str]:
        """The nouns naming what a question asks whether the clinic has, offers or allows
        (pure): "does the clinic have a <shuttle>", "is there a <pool>", "the closest <gym>",
        "is her <dog> allowed", "can she bring her <dog>" (whoever brings it)."""
        words = [w.lower() for w, _ in tags]
        found: list[str] = []
        for i in range(len(words)):
            if words[i] in self.permit_words:
                start = self._holder_start(tags, i)
                if start and words[start - 1] in self.offer_leads:
                    found += [w for w, (_, tag) in zip(words[start:i], tags[start:i], strict=True)
                              if tag in self.offer_tags and w not in self.offer_persons]
                continue
            brought = words[i] in self.permit_verbs and tags[i][1].startswith("VB")
            if not brought and not self._opens_offer(words, tags, i):
                continue
            j = self._past_lead(tags, i + 1)
            while j < len(tags) and tags[j][1] in self.subject_tags:
                if tags[j][1] in self.offer_tags and not (brought
                                                          and words[j] in self.offer_persons):
                    found.append(words[j])
                j += 1
                if j + 1 < len(tags) and tags[j][1] in self.offer_joins:  # "… or a <pool>"
                    j = self._past_lead(tags, j + 1)
        return found

    def _holder_start(self, tags: list[tuple[str, str]], i: int) -> int:
        """Where the noun phrase ending before word ``i`` begins ("does <the san mateo office>
        have"); ``i`` when none ends there."""
        while i and tags[i - 1][1] in self.holder_tags:
            i -= 1
        return i

    def _opens_offer(self, words: list[str], tags: list[tuple[str, str]], i: int) -> bool:
        """Whether what the clinic is asked to have follows word ``i``: a verb of having or
        offering after a lead and no person, the lead before the holder if one is named ("does
        the clinic have", "does the main office have", not "does she have"), a phrase ("is
        there") or a word ("closest") of the rule's."""
        before = set(words[max(0, min(i - 3, self._holder_start(tags, i) - 1)) : i])
        return (words[i] in self.offer_verbs and tags[i][1].startswith("VB")
                and bool(before & set(self.offer_leads))
                and not before & set(self.offer_persons)) \
            or (i > 0 and f"{words[i - 1]} {words[i]}" in self.offer_phrases) \
            or words[i] in self.offer_words

    def _past_lead(self, tags: list[tuple[str, str]], i: int) -> int:
        """The first word from ``i`` on that is not a verb, article or the like."""
        while i < len(tags) and (tags[i][1] in self.asked_lead_tags
                                 or tags[i][0].lower() in self.complement_words):
            i += 1
        return i

    def _run(self, tags: list[tuple[str, str]], i: int, step: int) -> list[str]:
        """The subject words from ``i`` on in direction ``step``; an owner's words (before a
        possessive ending) are dropped, and so is a measure before "of" ("a round of IVF",
        "a box of <drug>": the thing is what follows); a thing of something else keeps both
        ("<copies of medical records>": the copies are priced, not the records)."""
        run: list[str] = []
        start = i
        while 0 <= i < len(tags):
            word, tag = tags[i]
            if not run and step == 1 and tag in self.action_tags and i and tags[i - 1][1] == "TO":
                return [word.lower()]  # an action priced: "the cost to <ship> them"
            if tag == "POS" and step == 1:
                run = []  # what came before names the owner
            elif run and step == 1 and word.lower() in self.measure_words:
                measure = start > 0 and (tags[start - 1][0].lower() in self.measure_leads
                                         or tags[start - 1][1] == "CD")
                run, i = ([] if measure else run), self._past_lead(tags, i + 1)
                continue
            elif tag in self.subject_tags or _hyphenated(tags, i):
                if tag != "HYPH":
                    run.append(word.lower())
            else:
                break
            i += step
        return run

    def decide(
        self, dense: float, coverage: float, topics: tuple[str, ...], min_relevance: float,
        unasked: tuple[str, ...] = (), unread: float = 0.0,
    ) -> Outcome:
        """The outcome for one question's retrieval signals (pure). ``unasked``: the words of
        the thing asked an amount of, or asked the clinic to have, that the documents never
        use; the passages then price, count or describe something else, so the question is
        never answered from them. ``unread``: the share of the question's words the copilot
        cannot read; from ``unread_share`` on, nothing says the documents lack the answer,
        so it is weak evidence at most, never "not covered"."""
        outcome = self._decide(dense, coverage, topics, min_relevance, unasked)
        if outcome == "not_covered" and unread >= self.unread_share:
            return "weak"
        return outcome

    def _decide(
        self, dense: float, coverage: float, topics: tuple[str, ...], min_relevance: float,
        unasked: tuple[str, ...],
    ) -> Outcome:
        if unasked:
            return "weak" if dense >= self.weak_dense or coverage >= self.weak_coverage \
                else "not_covered"
        if dense >= min_relevance:
            if dense >= self.confident_dense and (not topics or coverage >= self.topic_coverage):
                return "answered"
            if coverage >= self.min_coverage and not topics:
                return "answered"
        if coverage >= self.lexical_coverage and not topics:
            return "answered"  # the passages hold most of what was asked, in its own words
        if dense >= self.weak_dense or coverage >= self.weak_coverage:
            return "weak"
        return "not_covered"


def _hyphenated(tags: list[tuple[str, str]], i: int) -> bool:
    """Whether the ``i``-th word is a hyphen or a piece of a hyphenated word: the tagger reads
    "add-on" as a verb, a hyphen and a particle; it names a thing all the same."""
    return tags[i][1] == "HYPH" or any(
        0 <= j < len(tags) and tags[j][1] == "HYPH" for j in (i - 1, i + 1))
