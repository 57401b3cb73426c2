"""What a question asks, read against one snapshot of the documents.

The signals the coverage decision weighs beside the search scores (``copilot.answer.decision``):
the question's topic words the documents never use, the things it asks an amount, a price or a
contact of that no statement names, the share of its words the copilot cannot read; and the
words it uses that the documents spell out or say in other words, searched as theirs.
"""

from __future__ import annotations

import functools
import re
from typing import Protocol

from copilot.answer.decision import CoverageRule
from copilot.answer.snapshot import Snapshot
from copilot.answer.text import MIN_SHORTHAND, stem, tokenize
from guardrails.policy import PriceConfig
from guardrails.text import CALENDAR_WORDS

TAGGED_QUESTIONS = 256  # questions whose parts of speech are remembered
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# an amount without its currency: "the 350 panel", "the 2,500 deposit" (not a time, a share, a
# count of units)
_PRICE = re.compile(r"(?<![\w:/.,$])(?P<amount>\d{1,3}(?:,\d{3})+|\d{2,6})(?![\w:/%]|[.,]\d)"
                    r"(?!\s*(?:-\s*)?(?:hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?|mins?|"
                    r"minutes?|lbs?|pounds?|am|pm|a\.m|p\.m)\b)", re.IGNORECASE)
MIN_MISSPELT = 5  # letters: a shorter word is read as typed ("wher" is as near "when")
MIN_PART = 3  # letters: the least a part of two words run together has ("blood" + "work")
_CONSONANTS = re.compile(r"[b-df-hj-np-tv-z]+")  # no vowel: shorthand ("wk", "mgr", "yr")
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+|\n+|\s+[—–-]+\s+")  # a spaced dash parts too
_SENTENCE_END = re.compile(r"[.?!;\n]")
_LETTERS = re.compile(r"[^\W_]+")
_ACRONYM = re.compile(r"\b[A-Z]{2,6}(?=s?\b)")  # typed in capitals: a term ("HSG"), no shorthand


class WordKinds(Protocol):
    """Tells what kind of word a word is in general language (guardrails' ``Lexicon``)."""

    def kind(self, word: str) -> str: ...

    def is_uncommon(self, word: str) -> bool: ...

    def mistyped(self, word: str) -> str | None: ...

    def is_everyday_abroad(self, word: str) -> bool: ...

    def is_language(self, phrase: str) -> bool: ...


class Tagger(Protocol):
    """Parts of speech of a text's words, as Penn Treebank tags (guardrails' ``Tagger``)."""

    def tags(self, text: str) -> list[tuple[str, str]]: ...


class Days(Protocol):
    """Finds the holidays a text names (guardrails' ``DateRecognizer``)."""

    def holidays(self, text: str) -> list[str]: ...


class QuestionReader:
    """Reads a question's words with general language's kinds and parts of speech, against the
    words of one snapshot (see ``copilot/data/coverage.yaml``)."""

    def __init__(self, word_kinds: WordKinds, tagger: Tagger,
                 rule: CoverageRule | None = None, days: Days | None = None) -> None:
        self.word_kinds = word_kinds
        self.days = days
        self.rule = rule or CoverageRule.load()
        # One tagging per question: the topic and the asked-thing readers both need it.
        self._tags = functools.lru_cache(maxsize=TAGGED_QUESTIONS)(
            lambda text: tuple(tagger.tags(text)))

    def tags(self, text: str) -> tuple[tuple[str, str], ...]:
        """The text's words with their parts of speech (remembered for recent questions)."""
        return self._tags(text)

    def topics(self, query: str, snapshot: Snapshot, shorthand: set[str]) -> tuple[str, ...]:
        """The query's topic words that the documents never use ("acupuncture"), a typo read as
        the word it mistypes ("acupunture"); chat, everyday words, shorthand, other typos and
        words that name no subject (a verb, an adverb) are not topics (see
        ``copilot/data/coverage.yaml``)."""
        query = self._as_meant(query, snapshot, shorthand)
        found: list[str] = []
        words = [word.lower() for word in _WORD.findall(self._asking(query))]
        kinds = self.rule.topic_kinds
        if self._other_language(words):
            # typed in another language: its words are that language's, not subjects the
            # (English) documents lack ("medicamentos"); the dense score decides
            kinds = tuple(k for k in kinds if k != "foreign")
        terms = _acronyms(query)
        for lower in words:
            if lower not in found and self._absent(lower, snapshot, shorthand, kinds, terms):
                found.append(lower)
        return self._naming(query, found) if found else ()

    def _asking(self, query: str) -> str:
        """What of ``query`` asks: its questions (sentences, or parts set apart by a dash, ending
        in a question mark) and the fragments with no verb that go with them ("can she bring
        her toddler? no sitter"); a sentence that tells ("she had a flat tire", "caller is in
        Taipei — can she move it?") is the call's context, not its subject. All of ``query``
        when nothing in it ends in a question mark."""
        parts = [p.strip() for p in _SENTENCE_BREAK.split(query) if p.strip()]
        if not any(p.endswith("?") for p in parts):
            return query
        return " ".join(p for p in parts if p.endswith("?") or not any(
            tag.startswith("VB") or tag == "MD" for _, tag in self._tags(p)))

    def _other_language(self, words: list[str]) -> bool:
        """Whether enough of the words general language knows are another language's (the
        rest are often words of both: "la", "si", "los")."""
        kinds = [self.word_kinds.kind(w) for w in words]
        known = [k for k in kinds if k in ("function", "general", "rare", "foreign")]
        return bool(known) and kinds.count("foreign") >= self.rule.other_language_share * len(known)

    def spelled(self, query: str, snapshot: Snapshot,
                shorthand: set[str]) -> dict[str, tuple[str, ...]]:
        """The query's initialisms that the documents only spell out ("afc": antral follicle
        count), with those words; not a word general English knows ("btw"), nor shorthand the
        agents' vocabulary already expands, nor words general English knows that happen to
        have those initials ("new patient intake" is no "NPI"): a term has a word of its own,
        one general English does not know or knows only as an uncommon one ("antral")."""
        kinds = self.word_kinds
        return {word: meant for word in _WORD.findall(query.lower())
                if (meant := snapshot.initialisms.get(word)) and word not in shorthand
                and not snapshot.uses(word) and kinds.kind(word) not in ("function", "general")
                and any(kinds.kind(w) == "unknown" or kinds.is_uncommon(w) for w in meant)}

    def unread(self, query: str, snapshot: Snapshot, shorthand: set[str]) -> float:
        """The share of the query's words that are neither English words general language
        knows, nor words the documents use, nor shorthand the agents' vocabulary expands: a
        question typed in a language (or a script) the documents are not written in."""
        words = [word.lower() for word in _WORD.findall(query)]
        other = self._other_language(words)
        # in a question typed in another language, the words of both ("la", "son") are its,
        # and a word read only through the vocabulary's translation ("jeudi") is not read as
        # written: half of it translated leaves the rest unread
        read = ("function", "general", "name") if other \
            else ("function", "general", "ambiguous", "name")
        unread = [w for w in words
                  if self.word_kinds.kind(w) not in read
                  and (other or w not in shorthand) and not snapshot.uses(w)]
        return len(unread) / len(words) if words else 0.0

    def coverage_weights(self, query: str, snapshot: Snapshot,
                         expansions: dict[str, tuple[str, ...]]) -> dict[str, float]:
        """The question's words as what the passages must cover weighs them: words the
        documents never use weigh like the rarest; another language's everyday words
        ("estamos", "después") weigh nothing, as English function words do."""
        everyday = {t for word in _WORD.findall(query.lower())
                    if self.word_kinds.is_everyday_abroad(word) for t in tokenize(word)}
        weights = snapshot.query_weights(query, expansions, unknown=True)
        return {t: w for t, w in weights.items() if t not in everyday}

    def unasked(self, query: str, snapshot: Snapshot, shorthand: set[str]) -> tuple[str, ...]:
        """The words naming what the query asks an amount of ("how much is a doula"), or
        whether the clinic has or offers ("does the clinic have a shuttle"), that the documents
        never use, and the holidays it names that no statement names: then they price, count
        or describe something else (the hours of ordinary days)."""
        query = self._as_meant(query, snapshot, shorthand)
        tags = list(self._tags(query))
        terms = _acronyms(query)
        rule = self.rule
        runs = rule.asked_subjects(tags) if rule.asks_amount(query) else []
        # (a word the price rule knows names no service: "the 75 dollar fee" prices the fee)
        generic = snapshot.checker.policy.rule(PriceConfig).generic_words
        asked = [w for run in runs for w in run if w not in generic]
        return tuple(dict.fromkeys(
            [w for w in asked if self._absent(w, snapshot, shorthand, rule.asked_kinds, terms,
                                             listed=False)]
            + self._unpriced(query, tags, runs, snapshot, generic)
            + self._untimed(query, snapshot)
            + self._uncontacted(tags, snapshot)
            + self._unnamed(tags, snapshot)
            + self._unnamed_holidays(query, snapshot)
            + [w for w in rule.offered_subject(tags)
               if self._absent(w, snapshot, shorthand, rule.offer_kinds, terms, listed=False)]))

    def _unpriced(self, query: str, tags: list[tuple[str, str]], runs: list[list[str]],
                  snapshot: Snapshot, generic: list[str]) -> list[str]:
        """The things a price is asked of whose common nouns (and -ing word: "sperm freezing")
        the documents use but never together in a statement that gives a price ("a donor
        embryo"), each as its words joined (see ``price_words`` in
        ``copilot/data/coverage.yaml``); not a person it is for, nor a language ("a Spanish
        interpreter": the price is the interpreter's)."""
        rule = self.rule
        if not rule.asks_price(query):
            return []
        nouns = {word.lower() for word, tag in tags if tag in rule.priced_tags}
        named = [[w for w in run if w in nouns and w not in generic and w not in rule.offer_persons
                  and not self.word_kinds.is_language(w) and snapshot.uses(w)] for run in runs]
        return [" ".join(words) for words in named
                if words and not snapshot.named_together(words, rule.priced)]

    def _untimed(self, query: str, snapshot: Snapshot) -> list[str]:
        """The length of time asked ("how long until …", "how many days …"), as its cue, when
        no statement that gives one is near the question in meaning and no passage with one
        names the thing asked (the nouns after the cue, in its sentence, that the documents
        use): then they time other things ("how long until the biopsy results are back"
        beside a cycle's weeks). See ``timing`` in ``copilot/data/coverage.yaml``."""
        rule = self.rule
        cue = re.search(rule.timing, query, re.IGNORECASE)
        if cue is None:
            return []
        closest = snapshot.closest_giving(query, rule.timed)
        if closest is None or closest >= rule.timed_similarity:
            return []
        after = _SENTENCE_END.split(query[cue.end():], maxsplit=1)[0]
        nouns = [word.lower() for word, tag in self._tags(after) if tag in rule.topic_tags]
        words = list(dict.fromkeys(
            w for w in nouns if w not in rule.time_units and w not in rule.offer_persons
            and not self.word_kinds.is_language(w) and snapshot.uses(w)))
        return [cue.group().lower()] if words \
            and not snapshot.named_beside(words, rule.timed) else []

    def _unnamed_holidays(self, query: str, snapshot: Snapshot) -> list[str]:
        """The holidays the query names that no current statement names ("closed on New
        Year's Eve?" when only a Thanksgiving closure is written), lower-cased."""
        if self.days is None:
            return []
        found = []
        for holiday in self.days.holidays(query):
            words = _LETTERS.findall(holiday.lower())
            if not snapshot.states(r"(?<!\w)" + r"\W*".join(map(re.escape, words)) + r"(?!\w)"):
                found.append(" ".join(holiday.lower().split()))
        return found

    def _uncontacted(self, tags: list[tuple[str, str]], snapshot: Snapshot) -> list[str]:
        """Whose contact is asked ("dr raman's direct email") when the documents use the words
        naming them but no statement giving that kind of contact names them, each as its words
        joined (see ``contacts`` in ``copilot/data/coverage.yaml``)."""
        found = []
        for kind, run in self.rule.contact_holders(tags):
            words = self._holder_words(run, snapshot)
            if words and not snapshot.named_together(words, self.rule.contacts[kind].given):
                found.append(" ".join(words))
        return found

    def _unnamed(self, tags: list[tuple[str, str]], snapshot: Snapshot) -> list[str]:
        """Whose or what's name is asked ("the lab manager's name", "which courier do we
        use") when the documents use the words naming it but no statement naming them
        names anyone or anything by a proper name: they describe it without its name (see
        ``name_words`` in ``copilot/data/coverage.yaml``)."""
        def is_name(word: str) -> bool:
            return (word in snapshot.titled_names or word in snapshot.domain_words
                    or self.word_kinds.kind(word) not in ("function", "general")) \
                and word not in CALENDAR_WORDS and not self.word_kinds.is_language(word)

        found = []
        for run in self.rule.name_holders(tags):
            words = self._holder_words(run, snapshot)
            if words and not snapshot.named_by_name(words, is_name):
                found.append(" ".join(words))
        return found

    def _holder_words(self, run: list[str], snapshot: Snapshot) -> list[str]:
        """The words of ``run`` (whose contact or name is asked) the documents use, no language;
        none when it is a person the question is about, or the clinic itself (its last word:
        "the call center's fax", not "the call center supervisor")."""
        if any(w in self.rule.offer_persons for w in run) or run[-1] in self.rule.own_words:
            return []  # her own number, or the clinic's
        return [w for w in run if snapshot.uses(w) and not self.word_kinds.is_language(w)]

    def _absent(self, lower: str, snapshot: Snapshot, shorthand: set[str],
                kinds: tuple[str, ...], acronyms: frozenset[str], listed: bool = True) -> bool:
        """A word of one of ``kinds`` the documents never use, and no shorthand, contraction or
        abbreviation the agents' vocabulary expands (``shorthand``); a word without a vowel is
        shorthand ("wk") unless it was typed in capitals (``acronyms``: "HSG" names a test),
        and a single letter is a piece of one ("f/u", "w/o") or chat ("u").
        With ``listed``, a word of the clinic's term list (drugs, insurers, tests) is no topic
        either; a price is asked of what the documents name, not of what the list knows."""
        tokens = tokenize(lower)
        if not tokens or lower in shorthand or not _WORD.fullmatch(lower) or len(lower) == 1:
            return False
        if any(t in snapshot.df or (listed and t in snapshot.domain_words) for t in tokens):
            return False
        if (_CONSONANTS.fullmatch(lower) and lower not in acronyms) or self._contraction(lower):
            return False
        if self._kind(lower, snapshot) not in kinds:
            return False
        # the documents say it in other words ("inbox": "mailbox")
        return not self._synonyms(lower, snapshot)

    def _as_meant(self, query: str, snapshot: Snapshot, shorthand: set[str]) -> str:
        """``query`` with each word that mistypes an English word by one edit read as that word
        ("acupunture": acupuncture), so that its kind and its part of speech are the word's (the
        tagger reads a word it does not know by its place: "do acupunture" as a verb). Not a
        word general language (``WordKinds.mistyped``) or the documents know, shorthand, a
        contraction, a typo of a word of the documents (``misspelled``: the search reads it as
        theirs), nor a short word ("wher" is as near "when" as "where")."""
        kinds = self.word_kinds

        def meant(match: re.Match) -> str:
            word = match.group()
            lower = word.lower()
            if len(lower) < MIN_MISSPELT or lower in shorthand or snapshot.uses(lower) \
                    or self._contraction(lower) or self._shorthand(lower, snapshot) \
                    or not (english := kinds.mistyped(lower)) or snapshot.spelled_word(lower):
                return word
            return english

        return _WORD.sub(meant, query)

    def _synonyms(self, word: str, snapshot: Snapshot) -> tuple[str, ...]:
        return snapshot.synonyms(word, self.rule.synonym_similarity, self.rule.synonym_letters)

    def said_otherwise(self, query: str, snapshot: Snapshot,
                       shorthand: set[str]) -> dict[str, tuple[str, ...]]:
        """The query's words that the documents never use but say in other words, with those
        words ("lawyer": attorneys, "honolulu": hawaii; ``Snapshot.synonyms``), searched and
        weighed as shorthand is. Only a noun rarer than everyday English, the kind that names
        a subject (an everyday word's or an adverb's nearest in meaning may be its opposite:
        "loud", "quiet"; "manually", "automatically"), and neither shorthand the agents'
        vocabulary already expands nor a word search skips."""
        nouns = {word.lower() for word, tag in self._tags(query) if tag in self.rule.topic_tags}
        return {word: found for word in dict.fromkeys(_WORD.findall(query.lower()))
                if word in nouns and len(word) >= MIN_SHORTHAND and word not in shorthand
                and tokenize(word) and not snapshot.uses(word)
                and self.word_kinds.kind(word) not in ("function", "general")
                and (found := self._synonyms(word, snapshot))}

    def priced(self, query: str, snapshot: Snapshot,
               shorthand: set[str]) -> dict[str, tuple[str, ...]]:
        """The prices the query names by their number alone, without what they price ("is the
        350 one a blood test", "the 450 add-on"), with the words of what the documents price at
        that amount, searched and weighed as shorthand is; none the query already names."""
        catalog = snapshot.checker.prices
        said = set(tokenize(query))
        found = {}
        for match in _PRICE.finditer(query):
            amount = match["amount"]
            words = [w for w in catalog.named_at(int(amount.replace(",", "")) * 100)
                     if w not in said]
            if words and amount not in shorthand:
                found[amount] = tuple(words)
        return found

    def misspelled(self, query: str, snapshot: Snapshot,
                   shorthand: set[str]) -> dict[str, tuple[str, ...]]:
        """The query's words that misspell a word of the documents, with it ("confirmaton":
        confirmation, "insurnace": insurance), searched and weighed as shorthand is: a word
        neither general language nor the documents know, in no other language the lexicon
        reads, nor shorthand the agents' vocabulary expands."""
        return {word: (meant,) for word in dict.fromkeys(_WORD.findall(query.lower()))
                if len(word) >= MIN_MISSPELT and word not in shorthand and not snapshot.uses(word)
                and self.word_kinds.kind(word) == "unknown" and not self._contraction(word)
                and (meant := snapshot.spelled_word(word))}

    def _naming(self, query: str, words: list[str]) -> tuple[str, ...]:
        """Those of ``words`` that name a subject in ``query``: a noun, one joined to a noun by a
        conjunction ("yoga or massage"), or an adjective in front of a noun ("umbilical
        cord"). A word the tagger split otherwise stays."""
        rule = self.rule
        tags = self._tags(query)
        naming: dict[str, bool] = {}
        for i, (token, tag) in enumerate(tags):
            after = tags[i + 1][1] if i + 1 < len(tags) else ""
            joined = i >= 2 and tags[i - 1][1] in rule.conjunction_tags \
                and tags[i - 2][1] in rule.topic_tags
            naming.setdefault(token.lower(), tag in rule.topic_tags or joined or (
                tag in rule.modifier_tags and after in rule.topic_tags))
        return tuple(w for w in words if naming.get(w, True))

    def _kind(self, word: str, snapshot: Snapshot) -> str:
        """The word's general-language kind; ``uncommon`` for a real English word rarer than
        the general ones, unless two words run together ("bloodwork": ``compound``); and
        ``shorthand`` for the beginning of a word the documents use ("dispo", "auth")."""
        kind = self.word_kinds.kind(word)
        if kind == "unknown" and "'" not in word and self.word_kinds.is_uncommon(word):
            kind = "compound" if self._compound(word, snapshot) else "uncommon"
        if kind == "foreign" and self.word_kinds.is_everyday_abroad(word):
            return "general"  # "pregunta", "cuánto": no subject, as "asks" or "how" are not
        if kind in self.rule.topic_kinds and self._shorthand(word, snapshot):
            return "shorthand"
        return kind

    def _shorthand(self, word: str, snapshot: Snapshot) -> bool:
        """The beginning of a word the documents use ("temp", "appts": temperature,
        appointments), or of a month's or a weekday's name ("sept", "thurs": the documents may
        write "Sep" or the date alone). Not an everyday word's form that begins one ("parking":
        "park" begins "parkway", but is no clipped word)."""
        base = stem(word)
        if base != word.lower() and \
                self.word_kinds.kind(base) in ("general", "function", "ambiguous"):
            return False
        return len(base) >= MIN_SHORTHAND and (snapshot.begins_word(base) or any(
            name.startswith(word.lower()) for name in CALENDAR_WORDS))

    @staticmethod
    def _compound(word: str, snapshot: Snapshot) -> bool:
        """Two words the documents use, run together ("bloodwork": "blood work"); not a word
        that merely splits into two known ones ("sedation": "seda" + "tion")."""
        return any(snapshot.uses(word[:i]) and snapshot.uses(word[i:])
                   for i in range(MIN_PART, len(word) - MIN_PART + 1))

    def _contraction(self, word: str) -> bool:
        """A contraction typed without its apostrophe: one of the commonest words (or an
        irregular negative's stem) and a contraction's ending ("she" + "s", "did" + "nt",
        "you" + "re", "wo" + "nt")."""
        return any(
            word.endswith(end) and (self.word_kinds.kind(word[: -len(end)]) == "function"
                                    or word[: -len(end)] in self.rule.contraction_stems)
            for end in self.rule.contraction_endings
        )


def _acronyms(query: str) -> frozenset[str]:
    """The words of ``query`` typed in capitals ("HSG", "PGT"), lower-cased."""
    return frozenset(m.group().lower() for m in _ACRONYM.finditer(query))
