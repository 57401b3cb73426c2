"""Prices as facts, not numbers: what each price excludes and its payment terms, learnt from the
current documents, so "the $14,900 cycle covers your medications" or "your PPO can pick up the
$99 visit" are mismatches even though the amounts are right.

A fact belongs to a service described by the nearest heading, a table row's first cell or a
table column's header. Exclusions come from "Not included" rows, lists and sentences ("Labs
extra", "Medications are billed separately"); terms from cues such as "self-pay only" or "paid
at booking". The cue wording is data (``price_facts.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from guardrails.data import load_yaml
from guardrails.markdown import by_line, walk
from guardrails.text import alternation, sentence_spans

_TITLE = re.compile(r"^\s*title:\s*(.*)$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_WORD = re.compile(r"[a-z][a-z0-9-]*")
_ITEM_BREAK = re.compile(r"[,;]|\s[-–—]\s|\band\b")
_PRICED = re.compile(r"\$\s?\d")
_PASSIVE = re.compile(r"\s+(?:in|by|under|with)\b", re.IGNORECASE)
MAX_OWN_WORDS = 12
_NAME_WORD = re.compile(r"\w[\w-]*")
_NEXT_IN_NAME = re.compile(r"\s+(?:(?:&|and)\s+)?[A-Z]")  # "Billing Office", "Billing & Insurance"
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "es", "ed", "s")


def stem(word: str) -> str:
    """A crude suffix stripper: consultation/consults/consulting -> consult."""
    word = word.lower()
    for suffix in _SUFFIXES:
        least = 2 if suffix == "s" else 3  # "follow-ups" is follow + up
        if word.endswith(suffix) and len(word) - len(suffix) >= least and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


@dataclass(frozen=True)
class PriceFact:
    """``kind`` is "excludes" (``items`` are not part of the service's price) or a payment
    term from ``price_facts.yaml`` (e.g. "self_pay", "paid_at_booking")."""

    kind: str
    service: frozenset[str]
    items: frozenset[str]
    source: str
    qualified: bool = False  # "storage after the first year": only some of the item is excluded


class FactBook:
    """Extracts facts from documents and finds the drafts' sentences that contradict them."""

    def __init__(self) -> None:
        data = load_yaml("price_facts.yaml")
        self.stopwords = frozenset(data["stopwords"])
        self.exclusion = re.compile(data["exclusion_cues"], re.IGNORECASE)
        self.inclusion_claim = re.compile(data["inclusion_claims"], re.IGNORECASE)
        self.negation = re.compile(data["negations"], re.IGNORECASE)
        self.consequence = re.compile(data["consequence"], re.IGNORECASE)
        self.next_priced = re.compile(data["next_priced_clause"], re.IGNORECASE)
        self.negated_items = re.compile(data["negated_items"], re.IGNORECASE)
        self.terms = {name: re.compile(t["document_cue"], re.IGNORECASE)
                      for name, t in data["terms"].items()}
        self.term_claims = {name: re.compile(t["contradicting_claim"], re.IGNORECASE)
                            for name, t in data["terms"].items()}
        self.messages = {name: t["message"] for name, t in data["terms"].items()}
        # one pass over a sentence saying whether it makes any claim a fact could contradict
        claims = [data["inclusion_claims"], *(t["contradicting_claim"]
                                              for t in data["terms"].values())]
        self.any_claim = re.compile(alternation(claims, literal=False), re.IGNORECASE)
        # A term whose fact names what it is about in its own sentence ("a partner joins at no
        # extra charge"), and the wording that states the term rather than contradicting it.
        self.own_words = {name for name, t in data["terms"].items() if t.get("own_words")}
        self.min_shared = {name: t.get("min_shared", 2) for name, t in data["terms"].items()}
        self.term_negations = {name: re.compile(t.get("negations", data["negations"]),
                                                re.IGNORECASE)
                               for name, t in data["terms"].items()}
        self.exclusion_message = data["exclusion_message"]
        self.qualifiers = re.compile(data["qualifiers"], re.IGNORECASE)
        self.equivalents = {stem(word): item for item, words in data["equivalents"].items()
                            for word in words}

    def makes_claims(self, sentence: str) -> bool:
        """Whether ``sentence`` matches a claim pattern, an inclusion's or a term's: a sentence
        that matches none contradicts no fact."""
        return self.any_claim.search(sentence) is not None

    def tokens(self, text: str) -> frozenset[str]:
        """Stemmed content words, each as the item it means ("bloodwork" -> "lab")."""
        stems = (stem(w) for w in _WORD.findall(text.lower())
                 if w not in self.stopwords and len(w) > 2)
        return frozenset(map(self._item, stems))

    def _item(self, stemmed: str) -> str:
        """The item a stemmed word means ("bloodwork" -> "lab")."""
        return self.equivalents.get(stemmed, stemmed)

    def extract(self, documents: Iterable[tuple[str, str]]) -> list[PriceFact]:
        facts: list[PriceFact] = []
        for source, text in documents:
            facts.extend(self._document_facts(source, text))
        return facts

    def _document_facts(self, source: str, text: str) -> list[PriceFact]:
        facts: list[PriceFact] = []
        title, heading, header, listing = "", "", [], False
        for block in by_line(walk(text)):
            line = block.text
            found = _TITLE.match(line) if block.kind == "paragraph" else None
            if block.kind == "heading" or found:
                heading = found.group(1).strip() if found else block.path[-1].title
                title = title or heading
                header, listing = [], False
                continue
            context = heading or title
            if block.kind.startswith("table_"):
                if block.kind == "table_header" or not header:
                    header = list(block.cells)
                elif block.kind == "table_row":
                    facts += self._row_facts(source, list(block.cells), header, context, title)
                continue
            header = []
            if not line.strip():
                continue
            item = _LIST_ITEM.match(line)
            if item and listing:
                facts += self._facts(context, item.group(1), source)
                continue
            listing = bool(self.exclusion.search(line)) and line.rstrip().endswith((":", ":**"))
            if not listing:
                for start, end in sentence_spans(line):
                    facts += self._sentence_facts(source, line[start:end], context, title)
        return [f for f in facts if (f.service or f.kind in self.own_words)
                and (f.items or f.kind != "excludes")]

    def _row_facts(self, source: str, cells: list[str], header: list[str], context: str,
                   title: str) -> list[PriceFact]:
        if not cells or set("".join(cells)) <= set("-: "):
            return []
        facts: list[PriceFact] = []
        if self.exclusion.search(cells[0]):  # a "Not included" row: one fact per service column
            for index, cell in enumerate(cells[1:], start=1):
                if index < len(header) and header[index]:
                    facts += self._facts(header[index], cell, source)
            return facts
        row_text = " ".join(cells)
        for name, cue in self.terms.items():
            if name in self.own_words:
                # Not when another cell prices the row: "No fee | $75" depends on its column.
                facts += [self._own_fact(name, f"{cells[0]} {cell[a:b]}", context, title, source)
                          for i, cell in enumerate(cells[1:], start=1)
                          if not any(_PRICED.search(c) for c in cells[1:i] + cells[i + 1 :])
                          for a, b in sentence_spans(cell)
                          if cue.search(cell[a:b]) and self._states_one(name, cell[a:b], cells[0])]
            elif cue.search(row_text):
                facts.append(PriceFact(name, self.tokens(f"{cells[0]} {context} {title}"),
                                       frozenset(), source))
        for cell in cells[1:]:
            for start, end in sentence_spans(cell):
                if self.exclusion.search(cell[start:end]):
                    facts += self._facts(cells[0], cell[start:end], source)
        return facts

    def _sentence_facts(self, source: str, sentence: str, context: str,
                        title: str) -> list[PriceFact]:
        facts: list[PriceFact] = []
        if self.exclusion.search(sentence):
            facts += self._facts(context, sentence, source)
        for name, cue in self.terms.items():
            if cue.search(sentence) and name in self.own_words:
                if self._states_one(name, sentence):
                    facts.append(self._own_fact(name, sentence, context, title, source))
            elif cue.search(sentence):
                facts.append(PriceFact(name, self.tokens(f"{context} {title}"), frozenset(),
                                       source))
        return facts

    def _states_one(self, name: str, sentence: str, label: str = "") -> bool:
        """The sentence (after its row's ``label``) names something besides the cue and is no
        list of policies (a long sentence says too many things to be about one)."""
        words = self.tokens(f"{label} {self.terms[name].sub(' ', sentence)}")
        return 0 < len(words) <= MAX_OWN_WORDS

    def _own_fact(self, name: str, own: str, context: str, title: str,
                  source: str) -> PriceFact:
        """A term about what its own sentence names (``items``: "partner", "ACH"), in the
        service its heading and title name (``service``)."""
        return PriceFact(name, self.tokens(f"{context} {title}"),
                         self.tokens(self.terms[name].sub(" ", own)), source)

    def _facts(self, service: str, items: str, source: str) -> list[PriceFact]:
        """One "excludes" fact per item listed in ``items`` ("Labs, ultrasound")."""
        service_tokens = self.tokens(service)
        facts = []
        for item in _ITEM_BREAK.split(self.exclusion.sub(" ", items)):
            words = self.tokens(self.qualifiers.sub(" ", item)) - service_tokens
            facts.append(PriceFact("excludes", service_tokens, words, source,
                                   bool(self.qualifiers.search(item))))
        return facts

    def _up_to_consequence(self, sentence: str, at: int) -> str:
        """``sentence`` up to the consequence drawn after ``at`` ("… includes your medications,
        so you won't get a separate bill": what follows "so" is no negation of the claim)."""
        after = self.consequence.search(sentence, at)
        return sentence[: after.start()] if after else sentence

    def contradictions(self, sentence: str, facts: list[PriceFact],
                       services: frozenset[str], context: str = "") -> list[str]:
        """Messages for each fact ``sentence`` contradicts; ``services`` are the stemmed words
        of the services the sentence names (and of those its amounts belong to); ``context``
        is the sentence its opening pronoun refers to ("It includes the panel")."""
        messages: list[str] = []
        claim = self.inclusion_claim.search(sentence)
        if claim and not self.negation.search(self._up_to_consequence(sentence, claim.end())):
            # "X includes Y": X names the service, Y the items; "Y is included in X" the reverse.
            subject, rest = sentence[: claim.start()], sentence[claim.end() :]
            rest = rest[: m.start()] if (m := self.next_priced.search(rest)) else rest
            if _PASSIVE.match(rest):
                subject, rest = rest, subject
            said = self.tokens(f"{context} {subject}")
            # Items said not to be in it are no claim ("review of records, no labs"); a claim
            # closing the sentence ("… an ultrasound as part of the price") names them before.
            items = self.tokens(self.negated_items.sub(" ", rest)) or \
                self.tokens(self.negated_items.sub(" ", subject))
            for fact in _best(said, services, [f for f in facts if f.kind == "excludes"]):
                shared = fact.items & items
                if len(shared) >= min(2, len(fact.items)) and (
                        not fact.qualified or self.qualifiers.search(rest)):
                    shown = sorted({w for w in _WORD.findall(sentence.lower())
                                    if self._item(stem(w)) in shared})
                    messages.append(self.exclusion_message.format(items=", ".join(shown)))
        said = self.tokens(f"{context} {sentence}")
        for name, claim in self.term_claims.items():
            if not _claimed(claim, sentence) or self.term_negations[name].search(sentence):
                continue
            if name in self.own_words:
                # It must name what the fact is about (a word of its own, not of its heading),
                # in the fact's context or more fully.
                hit = any((f.items - f.service) & said
                          and len(f.items & said) >= min(2, len(f.items))
                          and (f.service & (said | services) or not f.service
                               or len(f.items & said) >= 3)
                          for f in facts if f.kind == name)
            elif not self.min_shared[name]:  # one term for whatever a draft is about
                hit = any(f.kind == name for f in facts)
            else:
                hit = any(len(f.service & said) >= self.min_shared[name]
                          or (services and f.service & (said | services))
                          for f in _best(said, services, [f for f in facts if f.kind == name]))
            if hit:
                messages.append(self.messages[name])
        return list(dict.fromkeys(messages))


def _claimed(claim: re.Pattern[str], sentence: str) -> bool:
    """Whether ``sentence`` makes the claim: a match that opens on a name or an address ("our
    Billing & Insurance team", "billing@") names a team or a mailbox, it says nothing about
    where a price is billed."""
    return any(not _in_name(sentence, m.start()) for m in claim.finditer(sentence))


def _in_name(sentence: str, at: int) -> bool:
    """The word at ``at`` is an address's, or capitalised inside the sentence beside another
    capitalised word ("Content: Billing", "Billing & Insurance"), the sentence's opening word
    aside (capitalised anyway)."""
    word = _NAME_WORD.match(sentence, at)
    if word is None:
        return False
    if sentence.startswith("@", word.end()):
        return True
    before = sentence[:at].split()
    if not word.group()[0].isupper() or not before:
        return False
    # The sentence's first word is capitalised anyway ("Your PPO").
    return (len(before) > 1 and before[-1][:1].isupper()) or _NEXT_IN_NAME.match(
        sentence, word.end()) is not None


def _best(said: frozenset[str], priced: frozenset[str],
          facts: list[PriceFact]) -> list[PriceFact]:
    """The facts about the service the sentence names: the largest share of the fact's service
    words said in the sentence or belonging to the services its amounts price (``priced``: "the
    $299 visit" is the in-office consultation), then the most words said; none when no service
    word is said or priced."""
    named, said = _parts(said | priced), _parts(said)

    def score(fact: PriceFact) -> tuple[float, int]:
        service = _parts(fact.service)
        return len(service & named) / (len(service) or 1), len(service & said)

    scored = [(score(f), f) for f in facts]
    top = max((s for s, _ in scored), default=(0.0, 0))
    return [f for s, f in scored if s == top and top != (0.0, 0)]


def _parts(words: frozenset[str]) -> frozenset[str]:
    """``words`` with hyphenated ones split ("in-office" -> "office"): the price list's service
    words are split at hyphens, the facts' are not."""
    return frozenset(part for word in words for part in word.split("-") if len(part) > 2)
