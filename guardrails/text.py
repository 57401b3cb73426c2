"""Pure text helpers: look-alike normalisation with an offset map, sentences and word tokens."""

from __future__ import annotations

import calendar
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from guardrails.data import load_yaml
from guardrails.deobfuscate import deobfuscate
from guardrails.deobfuscate import without_marks as without_marks  # the one accent folder

# The names of the months and weekdays in English, whole and abbreviated, lower case ("fri", "oct")
CALENDAR_WORDS = frozenset(n.lower() for n in (*calendar.month_name, *calendar.month_abbr,
                                               *calendar.day_name, *calendar.day_abbr) if n)
# Words whose full stop ends no sentence ("Dr. Bell", "ext. 290"): the one list, both sentence
# splitters (this one and the statements' in copilot.answer.text) read it.
ABBREVIATIONS = ("dr", "mr", "mrs", "ms", "st", "ave", "ste", "apt", "dept", "ext", "tel", "vs",
                 "e.g", "i.e", "approx", "etc", "no", "pt",
                 # titles in the other languages agents write ("la Dra. Ruiz", "Mme. Roy")
                 "dra", "sra", "srta", "sr", "prof", "mme", "mlle", "dott", "dre")
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s)|;|\n+|\|")
_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*", re.IGNORECASE)


@dataclass(frozen=True)
class NormalizedText:
    """Lower-cased text with look-alikes folded; ``origin[i]`` is where ``text[i]`` came from."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        if start >= len(self.origin):
            return self.original_length, self.original_length
        original_end = self.origin[end - 1] + 1 if end > start else self.origin[start]
        return self.origin[start], original_end


@dataclass(frozen=True)
class _Folding:
    homoglyphs: dict[str, str]
    leet: dict[str, str]
    invisible: frozenset[str]
    folds_ascii: bool  # whether any plain ASCII character is folded or dropped
    by_name: tuple[re.Pattern[str], ...]  # symbols read by their Unicode name ("SQUARED FREE")
    separators: dict[str, str]  # digit separators of other scripts, as "." and ","
    number_suffixes: frozenset[str]  # a unit or an ordinal after a digit ("7pm", "3rd")


def _unicode_homoglyphs() -> dict[str, str]:
    """Non-ASCII characters the Unicode confusables table lists as look-alikes of a Latin letter
    (``confusable-homoglyphs``' data: Cyrillic, Greek, mathematical, Armenian, ... letters)."""
    from confusable_homoglyphs import confusables

    table: dict[str, str] = {}
    for letter in string.ascii_letters:
        for entry in confusables.confusables_data.get(letter, []):
            char = entry["c"]
            if len(char) == 1 and not char.isascii():
                table.setdefault(char, letter.lower())
    return table


@cache
def _folding() -> _Folding:
    table = load_yaml("confusables.yaml")
    homoglyphs = {**_unicode_homoglyphs(), **table["homoglyphs"]}
    invisible = frozenset(table["invisible"])
    folds_ascii = any(c.isascii() for c in homoglyphs) or any(c.isascii() for c in invisible)
    by_name = tuple(re.compile(pattern) for pattern in table["read_by_name"])
    return _Folding(homoglyphs, table["leet"], invisible, folds_ascii, by_name,
                    table["separators"], frozenset(table["number_suffixes"]))


REMEMBERED_LENGTH = 300  # statements this short are remembered: the same ones come up again
DRAFT_LENGTH = 4000  # a draft this long is remembered briefly: each rule of a check reads it


def normalize(text: str) -> NormalizedText:
    """``_normalize`` (below), remembered for statement-sized texts and, a few at a time, for
    draft-sized ones."""
    if len(text) <= REMEMBERED_LENGTH:
        return _remembered(text)
    return _recent(text) if len(text) <= DRAFT_LENGTH else _normalize(text)


@lru_cache(maxsize=2048)
def _remembered(text: str) -> NormalizedText:
    return _normalize(text)


@lru_cache(maxsize=16)
def _recent(text: str) -> NormalizedText:
    return _normalize(text)


def _normalize(text: str) -> NormalizedText:
    """Fold case, Unicode compatibility forms, homoglyphs (in words that mix them with Latin
    letters or consist of them) and in-word leetspeak; drop invisibles; join spaced letters,
    split hashtags and correct misspelt policy words (``deobfuscate``)."""
    folding = _folding()
    leet = folding.leet
    chars: list[str]
    positions: list[int]
    if not folding.folds_ascii and all(c.isascii() or _inert(c) for c in text):
        # the usual case (curly quotes aside, plain ASCII): only case to fold
        chars, positions = list(text.lower()), list(range(len(text)))
    else:
        chars, positions = _fold_characters(text, folding)
    for index, char in enumerate(chars):
        if char in leet and _inside_word(chars, index, leet) \
                and not _numbered(chars, index, folding.number_suffixes):
            chars[index] = leet[char]
    folded, origin = deobfuscate(text, "".join(chars), positions)
    # an abbreviation's full stop ends nothing ("dr. bell's patients" reads as one phrase)
    stops = {m.start(1) for m in _ABBREVIATION_STOP.finditer(folded)}
    if stops:
        folded = "".join(c for i, c in enumerate(folded) if i not in stops)
        origin = [o for i, o in enumerate(origin) if i not in stops]
    return NormalizedText(folded, tuple(origin), len(text))


@lru_cache(maxsize=4096)
def _folded(char: str) -> tuple[str, str | None]:
    """A character's NFKC and case-folded form (one character) and the Latin letter it looks
    like, if any; a symbol or letter NFKC leaves alone whose Unicode name spells Latin letters
    ("SQUARED FREE", "NEGATIVE CIRCLED LATIN CAPITAL LETTER F", a regional indicator, a small
    capital) reads as them, the one character that may become several."""
    folding = _folding()
    homoglyphs = folding.homoglyphs
    if not char.isascii() and unicodedata.decimal(char, None) is not None:
        return str(unicodedata.decimal(char)), None  # a digit of any script ("۳۸", "१०१")
    if char in folding.separators:  # an Arabic decimal or thousands separator ("۳۸٫۴")
        return folding.separators[char], None
    plain = unicodedata.normalize("NFKC", char).lower()
    if plain == char and unicodedata.category(char) in ("So", "Ll"):  # (small capitals are Ll)
        name = unicodedata.name(char, "")
        for pattern in folding.by_name:
            named = pattern.fullmatch(name)
            if named:
                return named.group("letters").lower(), None
    plain = plain[:1] if plain else " "
    return plain, homoglyphs.get(char) or homoglyphs.get(plain)


def _inert(char: str) -> bool:
    """True for a character folding leaves as it is (a curly quote)."""
    return char not in _folding().invisible and _folded(char) == (char, None)


def _fold_characters(text: str, folding: _Folding) -> tuple[list[str], list[int]]:
    """NFKC and case folding per character; a look-alike becomes its Latin letter unless its
    word also holds letters of its own script that are not look-alikes, or is made of look-alikes
    alone in text written mostly in their script or beside a word of it (Russian stays
    Russian)."""
    # Each distinct character is looked up once; the text is then read through that table.
    distinct = set(text)
    table = {char: _folded(char) for char in distinct if char not in folding.invisible}
    if len(table) == len(distinct):
        positions = list(range(len(text)))
    else:
        positions = [index for index, char in enumerate(text) if char in table]
    chars = [table[text[index]][0] for index in positions]
    if any(len(plain) > 1 for plain, _ in table.values()):
        chars, positions = _spelled_out(chars, positions)
    if not any(look for _, look in table.values()):
        return chars, positions
    looks = [table[text[index]][1] for index in positions]

    def in_word(i: int) -> bool:
        return chars[i].isalnum() or bool(looks[i])

    # In text written mostly in the look-alikes' own script, a word made of look-alikes alone is
    # that script's word (Russian "мг", "со"), not Latin letters in disguise.
    counted = Counter(zip(chars, looks, strict=True))  # (each distinct pair tested once)
    native = sum(n for (c, look), n in counted.items()
                 if not look and c.isalpha() and not c.isascii())
    latin = sum(n for (c, _), n in counted.items() if c.isascii() and c.isalpha())

    end = 0  # the words that hold a look-alike, each read once
    for index in (i for i, look in enumerate(looks) if look):
        if index < end:
            continue
        start, end = index, index + 1
        while start > 0 and in_word(start - 1):
            start -= 1
        while end < len(chars) and in_word(end):
            end += 1
        if not any(chars[i].isascii() and chars[i].isalpha() for i in range(start, end)) and (
                native > latin or _native_beside(chars, looks, start, end)):
            continue
        if all(looks[i] or chars[i].isascii() for i in range(start, end)):
            for i in range(start, end):
                chars[i] = looks[i] or chars[i]
    return chars, positions


def _native_beside(chars: list[str], looks: list[str | None], start: int, end: int) -> bool:
    """Whether the word before or after ``chars[start:end]`` holds a letter of a script of its
    own that is no look-alike: Russian quoted in an English note ("'болит в груди'") keeps its
    one-letter "в"."""
    def native(i: int) -> bool:
        return chars[i].isalpha() and not chars[i].isascii() and not looks[i]

    before = start - 1
    while before >= 0 and not chars[before].isalnum():
        before -= 1
    while before >= 0 and chars[before].isalnum():
        if native(before):
            return True
        before -= 1
    after = end
    while after < len(chars) and not chars[after].isalnum():
        after += 1
    while after < len(chars) and chars[after].isalnum():
        if native(after):
            return True
        after += 1
    return False


def _spelled_out(chars: list[str], positions: list[int]) -> tuple[list[str], list[int]]:
    """One character per letter of a symbol read by its name, each pointing at the symbol; a
    word ("free") is set apart by spaces from letters beside it, a single letter joins them."""
    out: list[str] = []
    origin: list[int] = []
    for index, (plain, position) in enumerate(zip(chars, positions, strict=True)):
        if len(plain) == 1:
            out.append(plain)
            origin.append(position)
            continue
        before = chars[index - 1] if index else " "
        after = chars[index + 1] if index + 1 < len(chars) else " "
        word = (" " if before.isalnum() else "") + plain + (" " if after.isalnum() else "")
        out.extend(word)
        origin.extend([position] * len(word))
    return out, origin


def _inside_word(chars: list[str], index: int, leet: dict[str, str]) -> bool:
    """True when a leet character has a letter on at least one side within the same word (the
    scripts written without spaces have no words to hide in: "0円" is zero yen)."""
    before = chars[index - 1] if index > 0 and not _UNSPACED.match(chars[index - 1]) else " "
    after = chars[index + 1] if index + 1 < len(chars) and not _UNSPACED.match(chars[index + 1]) \
        else " "
    if before == "$":
        return False
    if chars[index] == "$":  # "c0n$ult", never "US$99" or "$0"
        return before.isalpha() and after.isalpha()
    # a decimal of a number is no letter, its unit after it ("102.3F", "38,5C")
    decimal = before in ".," and index > 1 and chars[index - 2].isdigit()
    return before.isalpha() or (after.isalpha() and not before.isdigit() and after not in "x"
                                and not decimal)


def _numbered(chars: list[str], index: int, suffixes: frozenset[str]) -> bool:
    """True when a digit opens a word and a unit or an ordinal's ending follows it ("7pm",
    "3rd", "5mg"): a number, no letter."""
    if not chars[index].isdigit() or (index > 0 and chars[index - 1].isalnum()):
        return False
    end = index + 1
    while end < len(chars) and chars[end].isalpha():
        end += 1
    return "".join(chars[index + 1 : end]) in suffixes


# The scripts written without spaces between words: kana, Han, Hangul (a regex class's body).
UNSPACED_SCRIPTS = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_UNSPACED = re.compile(f"[{UNSPACED_SCRIPTS}]")
MAX_SENTENCE_CHARS = 1000  # a longer run without a stop is read in pieces of at most this


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence-like spans (start, end) split at . ! ? ; newlines and table bars; a run longer
    than ``MAX_SENTENCE_CHARS`` without one is cut at the last space before that length (no
    real sentence is that long, and the rules read each sentence whole, once per match)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        end = match.end()
        _append_bounded(text, start, end, spans)
        start = end
    _append_bounded(text, start, len(text), spans)
    return spans


def _append_bounded(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        _append_trimmed(text, start, cut, spans)
        start = cut
    _append_trimmed(text, start, end, spans)


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([a-z.]+)$", text[max(0, dot - 8) : dot], re.IGNORECASE)
    return bool(word) and word.group(1).lower() in ABBREVIATIONS


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def words(text: str) -> list[tuple[str, int, int]]:
    """Word tokens (lower-cased) with their offsets."""
    return [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]


def alternation(phrases: Iterable[str], literal: bool = True) -> str:
    """``phrases`` as regex alternatives, longest first (so "member id" wins over "member");
    escaped unless they are patterns already (``literal=False``)."""
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(map(re.escape, ordered) if literal else ordered)


def prefix_tree(phrases: Iterable[str]) -> str:
    """Literal ``phrases`` as one regex that shares their common beginnings ("jan|june|july" ->
    "j(?:an|u(?:ne|ly))"): it matches as ``alternation`` does, the longest phrase first, and is
    fast where the list is long (hundreds of month names tried at every word)."""
    tree: dict = {}
    for phrase in phrases:
        node = tree
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(tree)


def _branches(node: dict) -> str:
    """A tree node as a regex: its children first (the longer phrases), then its end if any."""
    parts = [re.escape(char) + _branches(child) for char, child in node.items() if char]
    if not parts:
        return ""
    body = "(?:" + "|".join(parts) + ")" if len(parts) > 1 else parts[0]
    if "" not in node:
        return body
    return body + "?" if len(parts) > 1 else f"(?:{body})?"


# a title's or a one-word abbreviation's stop; a dotted one ("e.g.", "i.e.") keeps its stops,
# and so does a word that often ends a sentence ("... is no. We ...", "... etc. Then ...")
_STOP_DROPPED = [a for a in ABBREVIATIONS if "." not in a and a not in ("no", "etc")]
_ABBREVIATION_STOP = re.compile(rf"\b(?:{alternation(_STOP_DROPPED)})(\.)(?=\s*\w)")


def ascii_digits(text: str) -> str:
    """``text`` with every decimal digit of another script ("٩٣", "९३", "９３") as its ASCII
    digit, one character for one: offsets into it are offsets into ``text``."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if not c.isascii()
                   and unicodedata.decimal(c, None) is not None else c for c in text)


# A run of digits and the letter O, not inside a word (a plain run, its digits counted in
# Python: a lookahead for them was quadratic on a long run).
_DIGITS_AND_O = re.compile(r"(?<![^\W\d_])[0-9Oo]+(?![^\W\d_])")


def zeros_typed_as_o(text: str) -> str:
    """``text`` with the letter O typed for a zero among two digits or more as that zero ("510
    555 O1O6" -> "510 555 0106"), one character for one."""
    def as_zeros(match: re.Match[str]) -> str:
        run = match.group()
        if run.isdigit() or sum(c.isdigit() for c in run) < 2:
            return run
        return run.replace("O", "0").replace("o", "0")

    return _DIGITS_AND_O.sub(as_zeros, text)


# A number broken over two lines at its hyphen ("(650) 555-" and "0172" on the next line).
_HYPHENATED_BREAK = re.compile(r"(?<=\d-)[ \t]*\r?\n(?=[ \t]*\d)")


def hyphenated_numbers_joined(text: str) -> str:
    """``text`` with a line break inside a number broken at its hyphen as spaces, one
    character for one."""
    return _HYPHENATED_BREAK.sub(lambda m: " " * len(m.group()), text)


@cache
def combining_marks() -> str:
    """Every combining mark of the Basic Multilingual Plane (Arabic vowels, the vowel signs
    and viramas of Devanagari, Tamil, Gurmukhi…), as the body of a regex character class:
    written over a letter, a mark belongs to the word."""
    ranges: list[list[int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "")
                   for a, b in ranges)
