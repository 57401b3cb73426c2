"""General language and personal names, from packaged word lists (no hand-written word list).

- *general words*: the frequent words of English in ``wordfreq``, and of the other languages the
  agents write (Spanish, Vietnamese…): what ordinary text is made of;
- *names*: every given name and surname of Faker's person providers, in all its locales (tens of
  thousands, from many cultures).

A word can be both ("hope", "will", "bell"): it is *ambiguous*, and context decides. A frequent
word that is above all a name ("maria", "thompson") counts as a name: it is general only when it
is more frequent than ``common_zipf`` in English (``foreign_common_zipf`` in another language:
there only function words such as "de" or "la" pass).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from guardrails.spelling import one_edit, zipf

Kind = Literal["function", "general", "rare", "foreign", "ambiguous", "name", "unknown"]


@dataclass(frozen=True)
class Lexicon:
    """Lower-case general words and names; ``kind`` classifies one word."""

    english: frozenset[str]
    foreign: frozenset[str]  # frequent in another configured language, not in English
    common: frozenset[str]  # words frequent enough to stay words even when they are names
    function: frozenset[str]  # the most frequent English words ("my", "said"): never a name
    names: frozenset[str]
    english_common: frozenset[str] = frozenset()  # the frequent English words alone
    languages: frozenset[str] = frozenset()  # "french", "sichuan yi": words, not people
    uncommon: frozenset[str] = frozenset()  # English words rarer than ``english``'s
    # another language's words as frequent there as ``english_common``'s are in English
    foreign_common: frozenset[str] = frozenset()
    minor: frozenset[str] = frozenset()  # words only of the minor or unmixed languages
    # words only of the languages that write every noun with a capital (German) ...
    capitalising: frozenset[str] = frozenset()
    # ... and their rarer words English text never uses ("rückruf", "punktion")
    capitalised_nouns: frozenset[str] = frozenset()
    # the frequent words of languages written without capitals whose names come after a cue
    # (Arabic: "عندها", "ألم"), read only to end such a name
    caseless_words: frozenset[str] = frozenset()

    @classmethod
    def build(cls, languages: Iterable[str], min_zipf: float, common_zipf: float,
              foreign_common_zipf: float, function_zipf: float,
              uncommon_zipf: float, minor_languages: Iterable[str] = (),
              minor_min_zipf: float = 9.0, unmixed_languages: Iterable[str] = (),
              noun_capitalising: Iterable[str] = (), noun_min_zipf: float = 9.0,
              caseless_languages: Iterable[str] = ()) -> Lexicon:
        """Words with a Zipf frequency of at least ``min_zipf`` (``minor_min_zipf`` in the
        ``minor_languages`` and ``unmixed_languages``); the first language is the one the
        agents mostly write (English). English words from ``uncommon_zipf`` up to ``min_zipf``
        are kept apart (``is_uncommon``). An unmixed language's commonest words make no name
        a common word: its notes are written whole in it, not mixed into English ones, so
        Italian "mai" or "li" leaves a Vietnamese or Chinese name a name. The words of the
        ``noun_capitalising`` languages (German) tell a line written in one; their words from
        ``noun_min_zipf`` that English text never uses are their nouns ("Rückruf"). The
        ``caseless_languages``' words from ``minor_min_zipf`` are ``caseless_words``."""
        first, *others = languages
        bins = _bins(first)
        english = _frequent(bins, min_zipf)
        if not english:
            raise ValueError(f"wordfreq has no words for {first!r}")
        english_common = _frequent(bins, common_zipf)
        foreign, common, foreign_general, minor = set(), set(english_common), set(), set()
        capitalising: set[str] = set()
        nouns: set[str] = set()
        noun_capitalising = set(noun_capitalising)
        unmixed = list(unmixed_languages)
        occasional = [*minor_languages, *unmixed]  # read with ``minor_min_zipf``
        for language, least in [*((o, min_zipf) for o in others),
                                *((m, minor_min_zipf) for m in occasional)]:
            language_bins = _bins(language)
            words = _frequent(language_bins, least)
            if language in occasional:
                minor |= words - foreign
            if language in noun_capitalising:
                capitalising |= words
                nouns |= _frequent(language_bins, noun_min_zipf)
            foreign |= words
            if language not in unmixed:
                common |= _frequent(language_bins, foreign_common_zipf)
            if language not in minor_languages:  # (their names are their frequent words:
                # Turkish "mehmet", "yıldız")
                foreign_general |= _frequent(language_bins, max(least, common_zipf))
        caseless = set().union(*(_frequent(_bins(language), minor_min_zipf)
                                 for language in caseless_languages))
        names, language_names = _faker_names()
        lexicon = cls(frozenset(english), frozenset(foreign - english), frozenset(common),
                      frozenset(_frequent(bins, function_zipf)), names,
                      frozenset(english_common), language_names,
                      frozenset(_frequent(bins, uncommon_zipf) - english),
                      frozenset(foreign_general - english), frozenset(minor - english),
                      frozenset(capitalising - english),
                      frozenset(nouns - _frequent(bins, 0.0)), frozenset(caseless - english))
        _forget_word_lists()
        return lexicon

    def kind(self, word: str) -> Kind:
        """``function`` (the commonest English words), ``general`` (a frequent English word),
        ``rare`` (a less frequent one: often a name too, "Wei", "Tanaka"), ``foreign`` (another
        language's word), ``ambiguous`` (a name that is also a frequent word), ``name``, or
        ``unknown`` (a typo, a code, or a name no list has)."""
        lower = word.lower()
        if lower in self.function:
            return "function"
        if lower in self.languages:
            return "general"
        if lower in self.names:
            if lower in self.common:
                return "ambiguous"
            return "general" if self._inflected(lower) else "name"
        if lower in self.english:
            return "general" if lower in self.common else "rare"
        return "foreign" if lower in self.foreign else "unknown"

    def is_uncommon(self, word: str) -> bool:
        """A real English word, rarer than the general ones ("hypnotherapy"); ``kind`` calls
        it ``unknown``, as it does typos and names no list has."""
        return word.lower() in self.uncommon

    def mistyped(self, word: str) -> str | None:
        """The English word (general or uncommon) ``word`` mistypes by one edit, the most
        frequent of them ("acupunture": acupuncture); None for a word the lexicon knows, when
        none is that near, or for a word with letters beyond ASCII (another language's)."""
        lower = word.lower()
        if not lower.isascii() or not lower.isalpha() or self.kind(lower) != "unknown" \
                or lower in self.uncommon:
            return None
        near = [w for w in one_edit(lower) if w in self.english or w in self.uncommon]
        return max(near, key=lambda w: (zipf(w), w), default=None)

    def is_everyday_abroad(self, word: str) -> bool:
        """A word of another language as frequent there as a general English word is here
        ("pregunta", "cuánto"): an everyday word of that language, not a rarer subject."""
        return word.lower() in self.foreign_common

    def is_minor(self, word: str) -> bool:
        """A word of the minor or unmixed languages only (German "Rechnung", Italian "chiedo"):
        frequent there, and no word of English or of the languages agents mostly write."""
        return word.lower() in self.minor

    def is_capitalising(self, word: str) -> bool:
        """A word of a language that writes its nouns with a capital (German "ruft", "nach"),
        and no English one."""
        return word.lower() in self.capitalising

    def is_capitalised_noun(self, word: str) -> bool:
        """A word of such a language that English text never uses ("Öffnungszeiten"): a noun
        of it, where a surname read in German notes ("Kowalczyk", "Yilmaz") is in English
        text too."""
        return word.lower() in self.capitalised_nouns

    def is_caseless_word(self, word: str) -> bool:
        """A frequent word of a language without capitals that is no name any list has
        ("عندها", she has; not "محمد")."""
        lower = word.lower()
        return lower in self.caseless_words and lower not in self.names

    def is_language(self, phrase: str) -> bool:
        """True for a language's name ("Thai", "Norwegian Nynorsk")."""
        return phrase.lower() in self.languages

    def is_derived(self, word: str) -> bool:
        """A form of another English word that is not a name ("comparing", "uploaded",
        "nightly", "fretting"): a word like any other, however rare itself."""
        lower = word.lower()
        for suffix in _DERIVING:
            stem = lower[: -len(suffix)]
            if not lower.endswith(suffix) or len(stem) < 3:
                continue
            stems = {stem, stem + "e", stem[:-1] if stem[-1] == stem[-2] else stem}
            if any((s in self.english or s in self.uncommon) and s not in self.names
                   for s in stems):
                return True
        return False

    def _inflected(self, lower: str) -> bool:
        """An inflection of a common English word that is not a name ("asks", "hoped")."""
        return any(lower.endswith(suffix) and lower[: -len(suffix)] in self.english_common
                   and lower[: -len(suffix)] not in self.names for suffix in _SUFFIXES)


_LETTER_RUN = re.compile(r"[^\W\d_]+")


def english_share(text: str, min_zipf: float) -> float:
    """The share of ``text``'s words that are English words at least ``min_zipf`` frequent in
    ``wordfreq`` (a word with a letter outside ASCII never is): "la paciente dice que le duele
    mucho" has few ("la", "dice"), a line in Arabic none; 1.0 for a text of no word."""
    from wordfreq import zipf_frequency

    words = _LETTER_RUN.findall(text.lower())
    if not words:
        return 1.0
    english = [w for w in words if w.isascii() and zipf_frequency(w, "en") >= min_zipf]
    return len(english) / len(words)


_SUFFIXES = ("s", "es", "ed", "d", "ing")
_DERIVING = ("ingly", "edly", "ing", "ed", "ly", "es", "s")


def _forget_word_lists() -> None:
    """wordfreq keeps every list it read (a few hundred MB for five languages); the lexicon
    holds what it needs."""
    import gc

    import wordfreq

    wordfreq.get_frequency_list.cache_clear()
    wordfreq.get_frequency_dict.cache_clear()
    gc.collect()


def _bins(language: str) -> list[list[str]]:
    """wordfreq's words in bins of one centibel: bin ``i`` holds Zipf ``9 - i/100``."""
    from wordfreq import get_frequency_list

    return get_frequency_list(language)


def _frequent(bins: list[list[str]], min_zipf: float) -> set[str]:
    """The alphabetic words with a Zipf frequency of at least ``min_zipf``."""
    return {w for words in bins[: int(round((9 - min_zipf) * 100)) + 1] for w in words
            if w.isalpha()}


def _faker_names() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-cased given names and surnames of every Faker person provider (all locales), and
    the language names those providers list ("Thai", "Francés", "Sichuan Yi")."""
    import faker.providers.person as person

    names: set[str] = set()
    languages: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for language in getattr(provider, "language_names", ()):  # "Sotho, Southern"
            languages.update([language.lower(), *language.lower().split(", ")])
        for attribute in dir(provider):
            if not attribute.startswith(("first_name", "last_name", "middle_name")):
                continue
            values = getattr(provider, attribute)
            if isinstance(values, dict | list | tuple | set | frozenset):
                names.update(_name_parts(values))
    return frozenset(names), frozenset(languages)


def _name_parts(values: Iterable) -> set[str]:
    """Each word of each name ("Mary Ann" -> mary, ann), lower case, letters only."""
    parts: set[str] = set()
    for value in values:
        if isinstance(value, str):
            parts.update(p for p in value.lower().split() if p.isalpha() and len(p) > 1)
    return parts
