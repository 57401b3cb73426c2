"""People's names, recall first: a word that could name a person is a name unless it is known safe.

Each word is classified by the ``Lexicon`` (a general word, a rarer one, another language's word, a
name, a name that is also a word, or unknown) and by the clinic's own vocabulary (``Allowlist``:
the words the current documents use, and their proper nouns such as staff names). Neighbouring
candidate words form a run ("Nguyen, Summer T.", "Juan Carlos de la Cruz"), and a run is a name when

- it holds a *strong* word: a capitalised name or unknown word (not an abbreviation), or
  capitalised foreign words inside a sentence ("… với Ngô Thị Lan");
- or a person cue or title precedes it ("pt grace", "Mrs. Young", "first name Hope");
- or it joins a name-that-is-a-word to another candidate ("Grace Young", "Raman Gill"), stands
  alone inside a sentence ("told Hope the price"), is tagged a person by spaCy, or is followed by
  a verb such as "asked";
- lower case, only after a cue or as two name words together ("spoke w maria lopez"), and
  not where the tagger reads a word of it as a verb ("to comfort her"; ``read_as_verb``).

A run right after a staff title ("Dr. Raman", "Nurse Carla") is the clinician in their role, and
proper nouns of the documents alone ("Raman Wed", "Palo Alto") are the clinic's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrails.allowlist import Allowlist
from guardrails.lexicon import Lexicon
from guardrails.recognizers import name_context
from guardrails.recognizers.name_context import UNSPACED, Token
from guardrails.text import CALENDAR_WORDS, alternation, combining_marks

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # written without spaces
# Letters and the combining marks written over them (Arabic vowels, Devanagari signs…).
_LETTER = rf"(?:(?![{_CJK}])[^\W\d_]|[{combining_marks()}])"
# (a word glued to digits is part of a code, not a name: "Z31.41", "CD3"; an elided article is
# no part of the word after it: "d'Amara", "l'Ibrahim", "l'infirmière", "dell'infermiera"; a
# lower-case "d'" may begin a surname: "d'angelo")
_TOKEN = re.compile(rf"(?P<initials>(?<![^\W\d_])(?:[A-Z]\.){{2,}}[A-Z]?)"
                    rf"|(?P<word>(?<!\d)(?![dl]['’][A-ZÀ-Þ]|(?:l|dell|all|nell|dall|sull)['’]"
                    rf"{_LETTER}){_LETTER}+(?:['’-]{_LETTER}+)*)"
                    rf"(?!\d|{_LETTER})")
_UNSPACED_WORD = re.compile(rf"[{UNSPACED}]")
# The end of a form field's label: its colon, perhaps after a lower-case word or a number sign
# ("Addr:", "Pref #:", "Insur co:")
_FIELD_END = re.compile(r"(?:\s+(?:[a-z][a-z.]*|#|no\.?))?\s*:")
_COPULA_END = re.compile(r"\b(?:is|was)\s*$", re.IGNORECASE)  # "her partner is "
_AGE_AFTER = re.compile(r"\s+(?:is|was|turns|turned)\s+\d{1,2}\b", re.IGNORECASE)  # "… is 39"
_SIGN_OFF = re.compile(r"(?:^|\s)[-–—~]\s*$")  # "running late - " before a name ending the text
INITIALS_MAX = 3  # letters of a person's initials written together ("JMK")
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_BOUNDARY = re.compile(r"(?:^|[.!?¿¡:;|•·—–\n(\[\"“>]|\s[-–]\s)\s*$")
# Capitals inside a word mark a product ("GoFundMe"), except name prefixes ("McNeil", "DeShawn").
_BRAND = re.compile(r"^(?!(?:Mc|Mac|De|Di|Da|La|Le|Van|Von|St|O)[A-Z])[A-Za-z]*[a-z][A-Z]")
_JOINING_GAP = " \t.'’-\"“”"
# A word and a space right before a dotted lower-case letter: an initial typed in lower case
# ("ingrid h. called", "pt ana m. rodriguez"); whether the run is a name is decided as for any.
_LOWER_BEFORE = re.compile(r"(?<![\w.])[^\W\d_]{2,} $")
LOOK_BACK_CHARS = 40  # how far before the letter that word is looked for
SCORE = 0.85
# The kinds of a word typed in lower case that is another mention of a name found in the text,
# and the marks that join it into a login or handle ("priscilla.o77", "o77_priscilla")
_LOWER_MENTIONS = frozenset({"name", "unknown", "rare"})
_JOINED_AFTER = re.compile(r"[._@]\w")
_JOINED_BEFORE = re.compile(r"\w[._@]$")
# Kinds that may be part of a name run.
_CANDIDATES = frozenset({"name", "unknown", "ambiguous", "foreign", "rare", "clinic", "particle",
                         "initial", "function_name"})


def _between_capitals(text: str, start: int, end: int) -> bool:
    """Whether the word at ``text[start:end]`` stands between two words in capitals."""
    before = re.search(r"(\S+) $", text[max(0, start - 40) : start])
    after = re.match(r"\.? (\S+)", text[end : end + 40])
    return bool(before and after and before.group(1).isupper() and after.group(1).isupper())


def _last_first_shapes(last: Token, first: Token) -> bool:
    """"LAST, FIRST" as records write it: capitals or title case ("TRAN, MINH", "Tran, M."),
    or, in lower case, two names ("reyes, ana")."""
    if last.shape in ("title", "upper") and first.shape in ("title", "upper", "initial"):
        return True
    return last.shape == first.shape == "lower" and last.kind == first.kind == "name"


class NameRecognizer:
    """Finds NAME spans; configured by phi.yaml ``names``, the ``Lexicon`` and, per call, the
    clinic vocabulary of the serving index generation."""

    def __init__(self, section: dict[str, Any], lexicon: Lexicon):
        self.lexicon = lexicon
        self.person_titles = frozenset(section["person_titles"])
        self.staff_titles = frozenset(section["staff_titles"])
        self.particles = frozenset(section["particles"])
        self.field_words = frozenset(section["field_words"])
        self.abbreviation_max = int(section["abbreviation_max"])
        person_cues = section["person_cues"] + section["leading_cues"]
        self.cue = name_context.phrase_at_end(person_cues + section["person_titles"])
        unspaced = [c for c in person_cues if re.fullmatch(rf"[{UNSPACED}]+", c)]
        self.glued_cue = re.compile(alternation(unspaced))
        self.leading_cue = name_context.phrase_at_end(section["leading_cues"])
        self.greetings = frozenset(section["greetings"]) | {
            c for c in section["leading_cues"] if " " not in c}
        self.cue_words = frozenset(c for c in section["person_cues"] if " " not in c)
        self.groups = frozenset(section["group_words"])
        # A cue after the name, in brackets or after a dash: "Will (pt's husband)"; not one
        # that only leads into a name ("Hola, soy Carmen": "soy" names Carmen, not "Hola").
        cues = alternation(section["person_cues"])
        self.cue_after = re.compile(rf"\s*(?:[(—–,-]|and\b)\s*(?:the\s+|a\s+|her\s+|his\s+)?"
                                    rf"(?:pt['’]?s\s+|patient['’]?s\s+)?(?:{cues})\b",
                                    re.IGNORECASE)
        families = alternation(section["family_words"])
        self.family_after = re.compile(rf"\s+(?:{families})\b(?!\s+of\b)", re.IGNORECASE)
        self.weak_cue = name_context.phrase_at_end(section["weak_cues"])
        places = name_context.phrase_at_end(section["place_cues"])
        self.place_cue = re.compile(rf"{places.pattern}|(?:{section['place_gap_cue']})\s*$",
                                    re.IGNORECASE)
        self.enders = frozenset(section["name_enders"])
        self.copulas = frozenset(section["copula_enders"])
        self.sender_cue = name_context.phrase_at_end(section["sender_cues"])
        self.cue_opening = re.compile(rf"(?:{alternation(person_cues + section['place_cues'])})"
                                      r"(?!\w)", re.IGNORECASE)
        self.roles = frozenset(section["staff_roles"])
        roles = alternation(section["staff_roles"])
        titles = alternation(section["staff_titles"])
        # (a role or a clinician's title right before: "front desk: Joy", "护士Carla")
        self.role_before = re.compile(
            rf"(?:^|[^\w]|(?<=[{_CJK}]))(?:{roles}|{titles})\s*[:,-]?\s*$", re.IGNORECASE)
        self.role_after = re.compile(rf"\s*(?:[,|/—–-]\s*(?:{roles})\b|\(\s*(?:{roles}|{titles})"
                                     rf"\s*\))", re.IGNORECASE)  # "Joy, front desk", "Joy (RN)"
        self.credential_after = re.compile(
            rf",?\s*(?:{alternation(section['credentials'])})(?![\w.-])")
        self.identity_field = re.compile(alternation(section["identity_fields"]), re.IGNORECASE)
        # Whose relative or record follows: "Keiko's mother", "Hye-won's DOB", "olu's beta" (a
        # person owns them).
        owned = alternation([c for c in section["person_cues"] if " " not in c]
                            + section["field_words"] + section["identity_fields"]
                            + section["owned_records"])
        self.owner_of = re.compile(rf"['’]s\s+(?:{owned})\b", re.IGNORECASE)
        self.possessives = frozenset(section["possessives"])
        self.language_words = frozenset(section["language_words"])
        self.record_stops = self.field_words | self.greetings | {
            c for c in person_cues + section["weak_cues"] if " " not in c}
        self.determiners = frozenset(section["determiners"])
        self.max_tokens = int(section["max_tokens"])
        self.caseless_max_tokens = int(section["caseless_max_tokens"])
        self.family_articles = tuple(section["family_articles"])
        self.unspaced_max_tokens = int(section["unspaced_max_tokens"])
        self.organisations = frozenset(w.lower() for w in section["organisation_words"])
        self.conditions = frozenset(section["condition_words"])
        self.condition_lead = re.compile(section["condition_leads"], re.IGNORECASE)
        self.dose_after = re.compile(section["dose_after"], re.IGNORECASE)
        self.verb_tags = frozenset(section["verb_tags"])

    def analyze(self, text: str, allowlist: Allowlist, people: list[tuple[int, int]] = (),
                covered: list[tuple[int, int]] = (), words: list[tuple[int, int]] = ()
                ) -> tuple[list[RecognizerResult], bool]:
        """NAME results, and whether a capitalised word was left undecided (then a second
        opinion, spaCy's persons and places, is worth its cost); ``people`` are spans spaCy
        tags as persons, ``covered`` spans other recognizers took (a date, an address),
        ``words`` spans that are never a name ("Christmas Eve": a holiday)."""
        cased = name_context.cased_lines(text)
        tokens = [self._token(text, m, allowlist, cased) for m in self._words(text)]
        for token in tokens:
            if any(s <= token.start and token.end <= e for s, e in words):
                token.kind = "general"
        name_context.pairs(text, tokens, allowlist, self.lexicon, self.language_words)
        name_context.beside_names(text, tokens, self.record_stops)
        name_context.record_heads(text, tokens, self.identity_field, self.lexicon, allowlist,
                                  self.record_stops, self.max_tokens)
        for token in tokens:  # "the caller, Honor, …", "vivo en Oaxaca": right after a cue
            before = text[max(0, token.start - 40) : token.start]
            if token.kind in ("general", "rare", "foreign") and token.shape == "title" and not \
                    token.initial_position and text[token.end : token.end + 1] != ":" and \
                    (self.cue.search(before) or self._placed(before, token.text)):
                token.kind = "ambiguous"
            elif token.kind == "clinic" and self.place_cue.search(before):
                token.kind = "ambiguous"  # a patient living in a town the clinic is in
            elif token.kind == "function_name" and token.shape == "title" and \
                    self.cue_after.match(text, token.end):  # "Will (pt's husband) asked"
                token.kind = "ambiguous"
        results: list[RecognizerResult] = []
        for run in self._runs(text, tokens):
            first, last = tokens[run[0]] if run else None, tokens[run[-1]] if run else None
            nickname = bool(results) and first is not None and name_context.nickname(
                text, results[-1].end, [tokens[i] for i in run], self.lexicon)
            if nickname or self._is_name(text, tokens, run, people, allowlist):
                place = self.place_cue.search(text[max(0, first.start - 30) : first.start])
                results.append(RecognizerResult("CITY" if place else "NAME", first.start,
                                                last.end, SCORE))
        results += self._repeated(text, tokens, results, self.determiners)
        taken = [(r.start, r.end) for r in results] + list(covered)
        return results, name_context.undecided(tokens, taken, {r.end for r in results})

    @staticmethod
    def _repeated(text: str, tokens: list[Token], found: list[RecognizerResult],
                  determiners: frozenset[str]) -> list[RecognizerResult]:
        """Every other mention of a word found in a name ("Faith Adebayo called; Faith isn't
        on the authorisation"), except a clinician's mention ("Dr. Raman"); typed in lower case
        too ("Tobiah Wren … tobiah prefers texts"), unless the word is an everyday English one
        that is also a name ("Summer Ito … over the summer", "May Chen … she may call back")."""
        named = name_context.offsets((r.start, r.end) for r in found if r.entity_type == "NAME")
        inside = {index for index, t in enumerate(tokens) if t.start in named}
        names = {tokens[i].text.lower() for i in inside if len(tokens[i].text) >= 3}
        results = []
        for index, token in enumerate(tokens):
            if token.text.lower() not in names or index in inside:
                continue
            if token.shape == "lower" and (
                    token.kind not in _LOWER_MENTIONS
                    or _JOINED_AFTER.match(text, token.end)
                    or _JOINED_BEFORE.search(text[max(0, token.start - 2) : token.start])):
                continue  # (nor a login or a handle made of it: "priscilla.o77")
            if index and tokens[index - 1].kind == "staff":
                continue
            if index and token.kind not in ("name", "unknown") and \
                    tokens[index - 1].text.lower() in determiners:
                continue  # "June Okada … the June schedule"
            results.append(RecognizerResult("NAME", token.start, token.end, SCORE))
        return results

    # -- words ---------------------------------------------------------------------------------
    def _words(self, text: str) -> Iterator[re.Match[str]]:
        """The words of ``text``; in a script written without spaces between words (Thai,
        Lao, Khmer, Burmese) a cue or title glued to a phrase is a word of its own: "คุณ" (a
        title) before a given name, "ชื่อ" (name) after "ผู้ป่วย" (the patient)."""
        for match in _TOKEN.finditer(text):
            if not (match["word"] and _UNSPACED_WORD.match(match["word"])):
                yield match
                continue
            start, end = match.span()
            while start < end:
                glued = self.glued_cue.match(text, start, end)
                stop = glued.end() if glued and end - glued.end() >= 2 else end
                piece = _TOKEN.match(text, start, stop)
                if piece is not None:
                    yield piece
                start = stop

    def _token(self, text: str, match: re.Match[str], allowlist: Allowlist,
               cased: Callable[[int], bool]) -> Token:
        start = match.start()
        initial_position = bool(_BOUNDARY.search(text[max(0, start - 4) : start]))
        if match["initials"]:
            return Token(start, match.end(), match["initials"], "initial", "initial",
                          initial_position)
        word = match["word"]
        end = start + len(_POSSESSIVE.sub("", word)) if len(word) > 2 else match.end()
        word = text[start:end]
        if word in ("I", "I'm", "I’m") or re.search(r"['’](?:m|re|ve|ll|d|t)$", word, re.I):
            return Token(start, end, word, "lower", "general", initial_position)  # "I'm"
        if len(word) == 1 and word.isupper():
            dotted = text[end : end + 1] == "."
            return Token(start, end + dotted, word, "initial", "initial", initial_position)
        if len(word) == 1 and text[end : end + 1] == "." and \
                _LOWER_BEFORE.search(text, max(0, start - LOOK_BACK_CHARS), start):
            return Token(start, end + 1, word, "initial", "initial", initial_position)  # "ana m."
        plural = word[:-1] if word.endswith("s") and word[:-1].isupper() else word
        shape = ("upper" if plural.isupper() else "title" if word[0].isupper() else "lower")
        head, _, tail = word.partition("-")
        if shape == "lower" and tail[:1].isupper() and head in self.particles:
            shape = "title"  # a particle joined to a surname: "al-Qahtani", "el-Sayed"
        if word.lower() == word.upper():
            # A script without letter case (Arabic, Hangul, Devanagari…): in a line of its own
            # script, as lower case, a name only after a cue (else every unknown word would be
            # one); in a line of a cased script ("pt 김서연 called"), as a capitalised word.
            shape = "title" if cased(start) else "lower"
        kind = self._kind(text, start, end, word, shape, allowlist)
        if _BRAND.match(word) and kind in ("unknown", "name"):
            kind = "rare"  # "TikTok", "iPhone": a product, not a person
        return Token(start, end, word, shape, kind, initial_position)

    def _kind(self, text: str, start: int, end: int, word: str, shape: str,
              allowlist: Allowlist) -> str:
        lower = word.lower()
        if lower in self.staff_titles:
            return "staff"
        if lower in self.person_titles and shape != "upper":
            return "title"
        if lower in self.particles and (shape == "lower" or (
                shape == "upper" and _between_capitals(text, start, end))):  # "DE LA CRUZ"
            return "particle"
        if lower in self.greetings:
            return "general"  # "Hola Sofía": the greeting is no part of her name
        if lower in self.cue_words and lower not in self.lexicon.names:
            return "general"  # "Paciente Thaís Lima": the cue names her, it is not her name
        if name_context.part_of_code(text, start, end) or (
                _FIELD_END.match(text, end) and _BOUNDARY.search(text[max(0, start - 4) : start])
                and not self._speaker(lower, shape)):
            return "general"  # "SPRING25", "NP-PROMO-99", a form's field label "Addr:"
        if self.lexicon.is_language(word):
            return "general"  # "Luba-Katanga"
        if self.lexicon.is_caseless_word(word):
            return "caseless"  # "عندها" (she has) after "المريضة": no name begins with it
        tail = word.rsplit("-", 1)[-1]
        if "-" in word and tail.islower() and len(tail) >= 4 and \
                self.lexicon.kind(tail) in ("general", "function", "ambiguous"):
            return "general"  # a compound adjective ("Hunter-green"), not "Hyun-ah"
        kinds = [self.lexicon.kind(p) for p in re.split(r"['’-]", lower) if p]
        kind = next((k for k in ("name", "unknown", "ambiguous", "foreign", "rare") if k in kinds),
                    "general")
        if "function" in kinds and kind == "general" and lower in self.lexicon.names:
            # "Will", "May": a name when capitalised inside a sentence; otherwise only before a
            # surname ("will ortiz")
            capitalised = shape != "lower" and not _BOUNDARY.search(text[max(0, start - 4):start])
            kind = "ambiguous" if capitalised else "function_name"
        if shape == "lower" and kind == "foreign":
            kind = "general"  # an ordinary word of another language
        if kind == "general" or lower in self.field_words or (
                kind in ("rare", "unknown") and self.lexicon.is_derived(lower)):
            return "general"  # (a form of an English word: "caller comparing, …")
        if shape == "upper" and len(word) <= self.abbreviation_max and kind != "name":
            return "rare"  # an abbreviation ("SOP", "CSAT") or a short name in capitals
        if allowlist.is_place(word):
            return "general"  # a state or a country is not an identifier
        if allowlist.is_proper_noun(lower) or (shape == "upper" and allowlist.is_acronym(lower)):
            return "clinic"
        if kind in ("unknown", "foreign", "rare") and allowlist.is_word(lower):
            return "general"  # the documents use it as an ordinary word
        return kind

    def _speaker(self, lower: str, shape: str) -> bool:
        """A chat or transcript line opened by a person's name ("Imelda: call me after 5"),
        not by a field label ("Notes:", "Grace:" stays a word of English)."""
        return shape == "title" and self.lexicon.kind(lower) == "name"

    # -- runs ----------------------------------------------------------------------------------
    def _runs(self, text: str, tokens: list[Token]) -> list[list[int]]:
        """Indexes of neighbouring candidate words (separated by a space, a hyphen, quotes, or
        the comma of "LAST, FIRST")."""
        runs: list[list[int]] = []
        for index, token in enumerate(tokens):
            # (a frequent word of a script without capitals goes on a name as a family name
            # with its article, "… العلي", but begins none, and a verb or a preposition,
            # "يسأل عن" (asks about), ends it; as a cue does: "تتصل من", calling from)
            continuing = runs and runs[-1][-1] == index - 1 and \
                tokens[runs[-1][0]].kind in ("name", "ambiguous") and \
                not self.cue_opening.match(text, token.start) and \
                token.text.startswith(self.family_articles)
            if token.kind not in _CANDIDATES and not (token.kind == "caseless" and continuing):
                continue
            caseless = token.text.lower() == token.text.upper()
            limit = self.unspaced_max_tokens if _UNSPACED_WORD.match(token.text) else \
                self.caseless_max_tokens if caseless else self.max_tokens
            # (in a script without capitals a name starts right after its cue: "السيدة ليلى")
            if runs and runs[-1][-1] == index - 1 and len(runs[-1]) < limit and not (
                    caseless and self.cue.search(text, max(0, token.start - 40), token.start)):
                previous = tokens[index - 1]
                gap = text[previous.end : token.start]
                # (a full stop joins only after an initial or an abbreviation: "J. Ruiz",
                # "St. John"; "… tiếng Quan Thoại. Giá …" is two sentences; a dash set apart
                # by a space separates: "LAU, WING YAN - ER Friday")
                joined = gap.strip(_JOINING_GAP) == "" and "'" not in gap and "\n" not in gap \
                    and " -" not in gap and "- " not in gap \
                    and ("." not in gap or len(previous.text.rstrip(".")) <= 2) \
                    and name_context.same_case(tokens, runs[-1], token) \
                    and not (token.kind == "function_name" and token.shape == "lower")
                # (a surname of two words in capitals too: "GARZA LUNA, ANA SOFIA"; not a
                # greeting or thanks, "Gracias, Ximena", but a surname that is a word of a minor
                # language before a name: "Wilk, Bożena", "송, 다은")
                last_first = gap.strip(" ") == "," and (len(runs[-1]) == 1 or (
                    len(runs[-1]) == 2 and tokens[runs[-1][0]].shape == "upper")) \
                    and _last_first_shapes(previous, token) \
                    and "clinic" not in (previous.kind, token.kind) \
                    and (previous.kind != "foreign" or (self.lexicon.is_minor(previous.text)
                                                        and token.kind in ("name", "unknown")))
                if joined or last_first:
                    runs[-1].append(index)
                    continue
            runs.append([index])
        return [self._trim(tokens, run) for run in runs]

    @staticmethod
    def _trim(tokens: list[Token], run: list[int]) -> list[int]:
        """Particles only inside a name; a lower-case "will" only before a surname; a product
        is no part of one ("WhatsApp de Mariela")."""
        while len(run) > 1 and _BRAND.match(tokens[run[0]].text) and \
                tokens[run[1]].kind == "particle":
            run = run[2:]
        while run and tokens[run[-1]].kind in ("particle", "function_name"):
            run = run[:-1]
        while run and ((tokens[run[0]].kind == "particle" and not (
                tokens[run[0]].initial_position and len(run) >= 3)) or (
                tokens[run[0]].kind == "function_name" and not any(
                    tokens[i].kind == "name" or (tokens[i].kind == "unknown" and
                                                 tokens[i].shape == "title") for i in run[1:]))):
            run = run[1:]
        return run

    def _strong(self, token: Token, capitalised_foreign: int) -> bool:
        if token.shape in ("lower", "initial") or name_context.no_vowel(token.text):
            return False
        if token.kind == "name" and token.initial_position and \
                token.text.lower() in self.lexicon.english:
            return False  # "Mason jar …", "Sunny day …": opening a sentence, context decides
        if token.kind == "name":  # short names of caseless scripts count ("병철", "李")
            return len(token.text) > 3 or (len(token.text) == 3 and token.shape != "upper") \
                or token.text.lower() == token.text.upper()
        if token.kind == "unknown":
            return not (token.shape == "upper" and len(token.text) <= self.abbreviation_max)
        return token.kind == "foreign" and capitalised_foreign >= 2

    def _is_name(self, text: str, tokens: list[Token], run: list[int],
                 people: list[tuple[int, int]], allowlist: Allowlist) -> bool:
        if not run:
            return False
        words = [tokens[i] for i in run]
        first = words[0]
        previous = tokens[run[0] - 1] if run[0] > 0 else None
        right_after = previous is not None and text[previous.end : first.start].strip(" .") == ""
        if (right_after and previous.kind == "staff") or self.credential_after.match(
                text, words[-1].end):
            return False  # the clinician in their role: "Dr. Raman", "Nurse Carla", "…, MD"
        before = text[max(0, first.start - 40) : first.start]
        cued = bool(self.cue.search(before)) or (right_after and previous.kind == "title") \
            or (first.shape != "lower" and bool(self.cue_after.match(text, words[-1].end))) \
            or bool(self.owner_of.match(text, words[-1].end)) \
            or (first.shape == "title" and all(w.kind != "clinic" for w in words)
                and bool(self.family_after.match(text, words[-1].end)))
        following = name_context.next_word(text, words[-1].end)
        if not cued and name_context.organisation(text, words, self.organisations):
            return False
        if name_context.eponym(text, words, self.conditions, self.condition_lead):
            return False  # "Kallmann syndrome", "síndrome de Turner": a condition, no one
        if self.dose_after.match(text, words[-1].end):
            return False  # "Clexane 40 mg": a medicine
        if self.leading_cue.search(before) and name_context.group(text, words, self.groups):
            return False  # "Hi Billing team", "Dear Harbor Point": a team or the clinic
        field = bool(self.identity_field.match(text[words[-1].end :].lstrip(" ,")))
        if all(w.shape in ("lower", "initial") for w in words) and words[-1].shape == "lower":
            if self.place_cue.search(before):
                return name_context.lower_case_place(words)
            # (or her age said after her: "maribel is 39"; or a message signed at its end)
            weak = bool(self.weak_cue.search(before)) or following.lower() in self.enders \
                or bool(_AGE_AFTER.match(text, words[-1].end)) or (
                    bool(_SIGN_OFF.search(before)) and not text[words[-1].end :].strip())
            if not text[words[-1].end :].lstrip(" ")[:1].isalnum():
                following = ""  # "this is steve, call me": the name ends the clause
            cued = cued or (bool(self.sender_cue.search(before))
                            and " ".join(w.text for w in words) not in self.roles)
            # "her partner is chris": what a cue's person is called, not what she does
            named = cued and bool(_COPULA_END.search(before))
            return name_context.lower_case_name(words, cued, field, weak, following.lower(),
                                                named, self.lexicon, self.enders)
        if len(words) == 1 and not cued and self.in_role_or_owned(text, first.start, first.end):
            return False
        if all(w.kind == "initial" for w in words):  # "J.R.K., dob …": a record's initials
            return cued or field or bool(self.weak_cue.search(before))
        if allowlist.is_place(" ".join(w.text for w in words)):
            return False  # a state or a country ("Việt Nam")
        if all(w.kind == "clinic" for w in words):
            if all(w.shape == "upper" and allowlist.is_acronym(w.text.lower()) for w in words):
                return False  # the documents' own code, cue or not ("VERIFY-FAIL — caller …")
            # (by its text: the context may have read a title opening a line as a word)
            titled = right_after and previous.text.lower() in self.person_titles
            if not titled and allowlist.is_listed(text[first.start : words[-1].end]):
                return False  # a drug or an insurer after a cue ("Hi, Aetna says …"); not after
                # a title ("Ms. Kaiser")
            # (not a phrase of the documents' made of ordinary words: "attn Medical Records" is
            # a team, "pt Priya Raman" a patient named like a doctor)
            return cued and not (len(words) >= 2 and all(
                w.text.lower() in self.lexicon.english_common for w in words))
        if all(w.shape == "upper" and w.kind == "rare" for w in words):
            # abbreviations, unless two or more words with a name among them ("KIM MIN-SEO"),
            # or a person's initials right after a person cue ("pt JMK called"), not the
            # documents' own ("pt IVF consult")
            lower = first.text.lower()
            if cued and len(words) == 1 and len(lower) <= INITIALS_MAX and not (
                    allowlist.is_acronym(lower) or allowlist.is_proper_noun(lower)
                    or allowlist.is_word(lower) or lower in self.lexicon.english):
                return True
            return len(words) >= 2 and any(
                p in self.lexicon.names for w in words for p in re.split(r"['’-]", w.text.lower()))
        if len(words) == 2 and "," in text[words[0].end : words[1].start]:
            return True  # "Tran, Minh": the LAST, FIRST of records
        # (a minor language's frequent word is no part of a name uncued, whatever its case:
        # German writes its nouns with a capital, "Bitte Rechnung schicken")
        minor = [w for w in words if w.kind == "foreign" and self.lexicon.is_minor(w.text)]
        foreign = sum(w.kind == "foreign" and w.shape != "lower" and w not in minor
                      for w in words)
        if not cued and len(words) == 1 and first.shape == "title" and \
                self.lexicon.is_capitalised_noun(first.text) and \
                name_context.noun_capitalising_line(text, first.start, self.lexicon):
            return False  # a German noun no list knows ("Rückruf unter …"), no one's name
        if not cued and name_context.titled_phrase(words):
            return False  # a service or a team written in title case ("Consulta Virtual Inicial")
        if cued or any(self._strong(w, foreign) for w in words):
            return True
        if first.shape != "lower" and self._placed(before, first.text) and \
                self.lexicon.kind(first.text) != "general":
            return True  # where she lives, however rare the word ("lives in Alameda County";
            # not "moved to Fri 10/17")
        uncommon = [w for w in words if w.shape == "title" and w.kind in ("rare", "foreign")
                    and w not in minor]
        if len(uncommon) >= 2:
            return True  # two capitalised uncommon words together: "Cheung Siu-ming"
        names = [w for w in words if w.kind in ("ambiguous", "name")]
        if not names:  # a rarer or foreign word before an action word: "Thao here"
            return len(words) == 1 and first.shape == "title" and following.lower() in self.enders
        if len(words) >= 2 and any(w.kind != "initial" for w in words if w not in names):
            return True  # "Grace Young", "Raman Gill", "Li Wei"
        if len(names) >= 2 or any(s <= w.start < e for w in names for s, e in people
                                  if not w.initial_position):
            return True
        if not first.initial_position:
            return following == "" or not (following[0].isupper() or following[0].isdigit())
        # before an action ("Gloria spelled …", "Mason needs …"), a field or nothing: a name;
        # before an ordinary word ("Mason jar", "Sunny day"): the word
        return following == "" or following.endswith("ed") or \
            following.lower() in self.enders | self.copulas | self.field_words

    def _placed(self, before: str, word: str) -> bool:
        """Whether ``word``, after ``before``, is where she lives, comes or moves from: a place
        cue ends ``before`` and the word is no weekday or month ("moved to Monday's slot")."""
        return bool(self.place_cue.search(before)) and word.lower() not in CALENDAR_WORDS

    def read_as_verb(self, text: str, start: int, end: int,
                     tagged: list[tuple[int, str, str]]) -> bool:
        """Whether the lower-case name ``text[start:end]`` is a verb the tagger read: a word of
        it tagged as one is an English word no list names ("pt mentions ivf"), or the name
        is that one word with no person cue before it ("to comfort her"; not "pt rose called",
        nor the "thi" of "tran thi mai"). ``tagged``: the text's (offset, word, tag)."""
        inside = [(word.lower(), tag) for at, word, tag in tagged if start <= at < end]
        cued = bool(self.cue.search(text[max(0, start - 40) : start]))
        return any(tag in self.verb_tags and (
            (word in self.lexicon.english and word not in self.lexicon.names)
            or (len(inside) == 1 and not cued)) for word, tag in inside)

    def in_role_or_owned(self, text: str, start: int, end: int) -> bool:
        """Whether the capitalised word ``text[start:end]`` is a colleague in their role ("team
        lead Joy", "Joy, front desk", right after a staff title) or a thing someone owns ("her
        Nova tracker", "Ana's Flo app", "the June list")."""
        before = text[max(0, start - 40) : start]
        if self.role_before.search(before) or self.role_after.match(text, end):
            return True
        following = name_context.next_word(text, end)
        previous = re.search(r"(\S+)\s+$", before)
        if previous is not None and previous.group(1).lower().rstrip(".") in self.staff_titles:
            return True  # "doktè Ernest", read as a place by spaCy: the clinician in her role
        return previous is not None and following.islower() and \
            following not in self.enders | self.copulas and (
                previous.group(1).lower() in self.possessives | self.determiners
                or bool(_POSSESSIVE.search(previous.group(1))))
