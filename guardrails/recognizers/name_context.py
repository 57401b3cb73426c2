"""Words re-read by their neighbours before name runs are formed (``names.py``): a word's kind
from the lexicon is a first guess, and the words beside it can overrule it.

- capitalised pairs the clinic's documents write together ("Example Way") are the clinic's, and
  language names of more than one word ("Norwegian Nynorsk", "tiếng Anh") are language;
- an ordinary capitalised word beside a capitalised name is part of it: after it ("Matthew
  Hood") or before it inside a sentence ("… to Hans Jörg Stey");
- the lower-case words that open a line right before a record field ("ngo bao tran dob …") are
  a name, even when they are short words of other languages;
- which neighbours may continue a run (``same_case``): a surname in capitals and a given name
  ("LIU Fang"), never a lower-case word after a capitalised one ("Hope Alvarez dob");
- a run ending in an organisation's word, or right before one, is an organisation's name
  ("Mercy General", "Bayview Women's Health": ``organisation``);
- a word of a script without capitals reads as lower case in a line of its own script and as
  capitalised in a line of a cased one ("pt 김서연 called": ``cased_lines``);
- a team or the clinic greeted is no person ("Hi Billing team": ``group``);
- and the recognizer's small readers: a cue ending the text before a word (``phrase_at_end``),
  letters glued to digits (``part_of_code``), and whether spaCy's opinion is worth asking
  (``undecided``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from guardrails.allowlist import Allowlist
from guardrails.lexicon import Lexicon
from guardrails.text import alternation

_VOWEL = re.compile(r"[aeiouyà-ÿāăąēĕėęěīĭįıōŏőơūŭůűưỳ-ỹạ-ỹ]", re.IGNORECASE)
# Kinds of a word that could be a name and nothing else the lexicon knows.
_NAME_LIKE = frozenset({"name", "unknown", "foreign", "rare"})
# Scripts written without spaces between words (Thai, Lao, Burmese, Khmer): a cue may be glued to
# the word before it ("ผู้ป่วยชื่อ", the patient's name).
UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
# The prefixes Arabic writes against a word ("لل" for the, "و" and, "ب" with, …)
_ARABIC_PREFIX = "و?(?:لل|[فبلك])|و"
# Letters of the longest syllable of the languages whose names are everyday syllables
# (Vietnamese "Nguyễn", "nghiêng"): a longer word is no such name's part.
SYLLABLE_MAX = 7
MAX_ABBREVIATION = 4  # a cue this short may be an abbreviation with its full stop ("pt.")


@dataclass
class Token:
    start: int
    end: int  # without a possessive "'s"
    text: str
    shape: str  # title, upper, lower, initial
    kind: str
    initial_position: bool  # first word of a sentence, line or clause


def pairs(text: str, tokens: list[Token], allowlist: Allowlist, lexicon: Lexicon,
          language_words: frozenset[str]) -> None:
    """The documents' capitalised pairs become "clinic"; multi-word language names and a word
    after a word meaning "language" ("tiếng Anh", "Bahasa Melayu") become "general"."""
    for previous, token in zip(tokens, tokens[1:], strict=False):
        if text[previous.end : token.start] != " " or token.shape != "title":
            continue
        if previous.text.lower() in language_words:
            previous.kind = token.kind = "general"
            continue
        if previous.shape != "title":
            continue
        pair = f"{previous.text} {token.text}"
        if lexicon.is_language(pair):
            previous.kind = token.kind = "general"
        elif allowlist.is_phrase(pair):
            previous.kind = token.kind = "clinic"


def beside_names(text: str, tokens: list[Token], stops: frozenset[str]) -> None:
    """A capitalised ordinary word right after a capitalised name is its surname ("Matthew
    Hood", "Hyun-ah Cho", "Nguyễn Thị Thu Hà"), one right before a name its given name ("… to
    Hans Jörg Stey", "Virginia González", "Honor Sener"), unless it is a cue ("Caller Ana
    Ruiz"): it becomes a candidate. In capitals, only a given name's second word after a
    record's "LAST, FIRST" ("NGUYEN, THI HOA"; not "MARIA CALLED …")."""
    for index, (previous, token) in enumerate(zip(tokens, tokens[1:], strict=False)):
        if text[previous.end : token.start] != " " or previous.shape != token.shape or \
                token.shape not in ("title", "upper"):
            continue
        if token.shape == "upper" and not (
                index > 0 and tokens[index - 1].shape == "upper"
                and text[tokens[index - 1].end : previous.start] == ", "):
            continue
        if token.kind == "general" and (previous.kind in ("name", "unknown") or (
                previous.kind in ("ambiguous", "foreign", "rare") and len(token.text) <= 5
                and not previous.initial_position)):
            token.kind = "rare"
        elif previous.kind == "general" and token.kind == "name" and \
                previous.text.lower() not in stops:
            previous.kind = "rare"  # "… to Hans Jörg Stey", "Virginia González"


def record_heads(text: str, tokens: list[Token], is_field: re.Pattern[str],
                 lexicon: Lexicon, allowlist: Allowlist, stops: frozenset[str],
                 longest: int) -> None:
    """Lower-case words that open a line or clause right before a record field ("dob", "mrn")
    are a name when one of them is no English word and none is a frequent English word of more
    than four letters, the clinic's, or a cue or field word (``stops``: "pt", "re"): they
    become candidates."""
    for index, token in enumerate(tokens):
        if not is_field.fullmatch(token.text):
            continue
        head = index
        while head > 0 and index - head < longest and _name_like(tokens[head - 1], lexicon,
                                                                  allowlist) \
                and tokens[head - 1].text.lower() not in stops \
                and text[tokens[head - 1].end : tokens[head].start] == " ":
            head -= 1
        while head < index and lexicon.kind(tokens[head].text) == "function":
            head += 1  # a short function word only inside a name ("nguyen the huong")
        words = tokens[head:index]
        opens = words and (words[0].initial_position or (
            head > 0 and tokens[head - 1].text.lower() in stops))
        if len(words) >= 2 and opens and any(
                lexicon.kind(w.text) in ("name", "unknown", "foreign") for w in words):
            for word in words:
                word.kind = "foreign" if word.kind in ("general", "function_name", "particle") \
                    else word.kind


def _name_like(token: Token, lexicon: Lexicon, allowlist: Allowlist) -> bool:
    if token.shape != "lower" or allowlist.is_word(token.text):
        return False
    kind = lexicon.kind(token.text)
    return kind in ("name", "unknown", "ambiguous", "foreign", "rare") or (
        kind == "general" and len(token.text) <= 4) or (kind == "function" and len(token.text) <= 3)


def nickname(text: str, name_end: int, words: list[Token], lexicon: Lexicon) -> bool:
    """Whether ``words`` are a nickname given in brackets or quotes right after a name ending
    at ``name_end``: "Ramona Diaz (Mona)"; in lower case only a word of no language that fills
    the brackets: "Bartosz (bartek)", not "Lê Văn Tâm (nam)"."""
    if text[name_end : words[0].start].strip() not in ("(", "\"", "“", "'"):
        return False
    if words[0].shape != "lower":
        return True
    word = words[0].text
    return len(words) == 1 and text[words[0].end :].startswith(")") \
        and word not in lexicon.english and word not in lexicon.foreign


def _unlisted(word: Token) -> bool:
    """A word no list knows that may be a name: not shorthand with no vowel, not one or two
    letters."""
    return word.kind == "unknown" and not no_vowel(word.text) and len(word.text) > 2


def titled_phrase(words: list[Token]) -> bool:
    """Capitalised ordinary words of another language, none a name in any list, one longer
    than a syllable ("Congelamento de Óvulos", "Consultation Initiale"): the title of a
    service, a team or a greeting; a person's name holds a name word ("Graciela Pradera") or is
    made of syllables ("Võ Thanh Tâm")."""
    content = [w for w in words if w.kind not in ("particle", "initial")]
    return len(content) >= 2 and all(w.kind == "foreign" and w.shape == "title"
                                     for w in content) and max(
        len(w.text) for w in content) > SYLLABLE_MAX


def lower_case_place(words: list[Token]) -> bool:
    """A lower-case run after a place cue is a town when a word of it is name-like or of no
    list ("lives out in lodi"; not "lives in dread of …")."""
    return any(w.kind in ("name", "foreign", "ambiguous") or _unlisted(w) for w in words)


def lower_case_name(words: list[Token], cued: bool, field: bool, weakly_cued: bool,
                    following: str, named: bool, lexicon: Lexicon,
                    enders: frozenset[str]) -> bool:
    """Lower-case runs are names only with evidence: a cue (a weak one before an initial and a
    word: "for t. okafor"), a field of a record after it
    with a name-like word in the run ("ngo bao tran dob …"), two name words together, or two
    words of no list opening an English sentence ("tahnee begaye asks …"); uncued, a word as
    frequent in another language as a general English word is here counts as neither.
    After a cue, a name that is also a word needs a name-like word after it ("pt grace
    asks", not "pt will call"), unless the cue says who the person is (``named``: "her
    partner is chris")."""
    strong = [w for w in words if w.kind in ("name", "foreign", "clinic") or _unlisted(w)]
    weak = [w for w in words if w.kind in ("ambiguous", "rare")]
    if field and strong and len(words) >= 2:
        return True
    if cued:
        return bool(strong) or len(weak) >= 2 or (bool(weak) and (
            following in ("", *enders) or not following[0].isalpha())) or (
            named and any(w.kind == "ambiguous" for w in weak))  # not "pt is frantic"
    # (uncued, another language's everyday word is that word: "luz blanca", white light)
    names = [w for w in words if w.kind == "name" and not lexicon.is_everyday_abroad(w.text)]
    pair = sum(w.kind == "ambiguous" for w in words) >= 2  # "to bill miller"
    initialled = len(words) >= 2 and words[0].kind == "initial" and bool(strong)  # "t. okafor"
    # words of no list, two or more together, a name among them or opening an English
    # sentence: "hodan warsame wants …", "nizhoni yazzie, 928-…" (not one typo, not
    # shorthand, not a caseless script's words nor a language the lexicon does not know)
    unlisted = len(words) >= 2 and all(
        w.kind in ("name", "unknown") and not lexicon.is_uncommon(w.text)
        and not lexicon.is_everyday_abroad(w.text)
        and not no_vowel(w.text) and len(w.text) > 2
        and w.text.lower() != w.text.upper() for w in words) and (
        bool(names) or words[0].initial_position) and (
        not following[:1].isalnum() or following.lower() in lexicon.english)
    return (weakly_cued and (bool(names) or pair or initialled)) or len(names) >= 2 or unlisted


def next_word(text: str, offset: int) -> str:
    """The word after ``offset`` (past spaces and a comma), or ""."""
    match = re.match(r"[\s,]*(\w+)", text[offset:])
    return match.group(1) if match else ""


def no_vowel(word: str) -> bool:
    """A Latin-script word without a vowel is shorthand ("cxl", "pls"), not a name."""
    return bool(re.fullmatch(r"[A-Za-z'’-]+", word)) and _VOWEL.search(word) is None


def same_case(tokens: list[Token], run: list[int], token: Token) -> bool:
    """Whether ``token`` can continue ``run``: lower-case words join capitalised ones only as
    particles ("Juan de la Cruz"), so "Hope Alvarez dob" stops before "dob"; a surname in
    capitals and a capitalised given name join when neither is an ordinary word ("NGO Lan")."""
    if token.kind in ("particle", "initial"):
        return True
    last = next((tokens[i] for i in reversed(run)
                 if tokens[i].kind not in ("particle", "initial")), None)
    if last is None or last.shape == token.shape:
        return True
    return {last.shape, token.shape} == {"upper", "title"} and all(
        t.kind in _NAME_LIKE and _VOWEL.search(t.text) for t in (last, token))


# The word after a run, past a possessive: "Bayview Women['s Health]"
_ORGANISATION_NEXT = re.compile(r"(['’]s)?[ \t]+([\w-]+)(?:[ \t]+([a-z][\w-]*))?")


def organisation(text: str, words: list[Token], organisations: frozenset[str]) -> bool:
    """A run that names an organisation: it ends with one of ``organisations`` or comes right
    before one capitalised ("Mercy General", "Bayview Women's Health", "Sterling Fertility
    Finance"; not "Ana Ruiz's bank", nor "Ana Ruiz's IVF cycle": an abbreviation of hers
    before a word of her treatment, no clinic's name; "Stanford's IVF program" reads as
    someone's too, recall first)."""
    after = _ORGANISATION_NEXT.match(text, words[-1].end)
    hers = after is not None and bool(after.group(1)) and after.group(2).isupper() \
        and bool(after.group(3))
    return (len(words) >= 2 and words[-1].text.lower() in organisations) or (
        after is not None and after.group(2)[:1].isupper()
        and after.group(2).lower() in organisations and not hers)


# Past a possessive and names joined to the run: "Hashimoto['s] [and Graves] disease"
_EPONYM_NEXT = re.compile(r"(?:['’]s)?(?:\s*(?:,|and|or|&|/)\s*[A-Z][\w-]*(?:['’]s)?)*[ \t]+(\w+)")


def eponym(text: str, words: list[Token], conditions: frozenset[str],
           lead: re.Pattern[str]) -> bool:
    """A run naming a condition or a part of the body after a person: right before one of
    ``conditions`` ("Kallmann syndrome", "Crohn's disease", "Hashimoto and Graves disease") or
    after ``lead`` ("síndrome de Asherman")."""
    after = _EPONYM_NEXT.match(text, words[-1].end)
    return (after is not None and after.group(1).lower() in conditions) or \
        bool(lead.search(text[max(0, words[0].start - 30) : words[0].start]))


def group(text: str, words: list[Token], groups: frozenset[str]) -> bool:
    """A run naming a team ("Billing team", "Scheduling staff": right before one of
    ``groups``) or the clinic (two words or more of its documents' names: "Harbor Point")."""
    after = re.match(r"[ \t]+(\w+)", text[words[-1].end :])
    return (after is not None and after.group(1).lower() in groups) or (
        len(words) >= 2 and all(w.kind == "clinic" for w in words))


def cased_lines(text: str) -> Callable[[int], bool]:
    """Whether most letters of the line holding an offset have a letter case (Latin, Cyrillic…),
    each line counted once."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    cased = []
    for start, end in zip(starts, [*starts[1:], len(text) + 1], strict=True):
        letters = [c for c in text[start : end - 1] if c.isalpha()]
        cased.append(2 * sum(c.lower() != c.upper() for c in letters) > len(letters))
    return lambda at: cased[bisect.bisect_right(starts, at) - 1]


def noun_capitalising_line(text: str, start: int, lexicon: Lexicon) -> bool:
    """Whether the line holding ``start`` is written in a language that capitalises its nouns:
    at least two of its lower-case words, and a third of them, are that language's alone
    ("ruft an … unter", "fragt nach")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    lower = [w for w in re.findall(r"[^\W\d_]+", line) if w.islower()]
    theirs = sum(lexicon.is_capitalising(w) for w in lower)
    return theirs >= 2 and theirs * 3 >= len(lower)


def offsets(spans: Iterable[tuple[int, int]]) -> set[int]:
    """Every character offset the spans cover (a long text has thousands of tokens and spans:
    looked up, not compared pair by pair)."""
    return {i for start, end in spans for i in range(start, end)}


def undecided(tokens: list[Token], taken: list[tuple[int, int]], ends: set[int]) -> bool:
    """Whether a capitalised word outside the spans taken could still be a person or a place
    by spaCy's opinion, which counts only for names, unknown words and, inside a sentence,
    names that are also words; or a capitalised word right after a name ("Daly City")."""
    covered = offsets(taken)
    for token in tokens:
        if token.shape != "title" or token.start in covered:
            continue
        if token.kind in ("name", "unknown") or token.start - 1 in ends or (
                token.kind == "ambiguous" and not token.initial_position):
            return True
    return False


def part_of_code(text: str, start: int, end: int) -> bool:
    """Letters glued to digits ("SPRING25", "NP-PROMO-99") are part of a code."""
    return bool(re.match(r"-?\d", text[end : end + 2])) or bool(
        re.search(r"\d-?$", text[max(0, start - 2) : start]))


def phrase_at_end(phrases: list[str]) -> re.Pattern[str]:
    """A regex matching text that ends with one of ``phrases`` (and the fillers of a cue; not
    a possessive: "pt's Instagram" is hers, not her name). An Arabic word may carry the
    prefixes written against it ("للمريضة", for the patient; "والسيدة", and Mrs.)."""
    fillers = r"is|are|was|were|=|:|-|,|[\"“'‘]"  # also a quote opening the name
    # (a full stop after an abbreviation, "pt.", "Mrs.", but not after a word: "… de paciente. A
    # transferência" ends a sentence)
    short = [p for p in phrases if len(p) <= MAX_ABBREVIATION]
    long = [p for p in phrases if len(p) > MAX_ABBREVIATION]
    cues = "|".join([*([rf"(?:{alternation(short)})\.?"] if short else []),
                     *([alternation(long)] if long else [])])
    # (a key of a record's fields too: "pt_name=", "caller_name:")
    before = rf"(?:^|[^\w]|_|(?<=[{UNSPACED}]))"  # (glued to a word in such a script)
    return re.compile(rf"{before}(?:{_ARABIC_PREFIX})?(?:{cues})(?:\s*(?:{fillers}))*\s*$",
                      re.IGNORECASE)

