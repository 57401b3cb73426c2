"""Names written in Chinese characters: jieba's person tags (``nr``), and a word that starts with a
surname (Faker's list of Chinese surnames) at the start of a clause or after a person cue.

A name right before a clinician's title ("赵医生", Dr. Zhao) is the clinician in their role, and a
word the clinic's documents use is the clinic's.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrails.allowlist import Allowlist

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


class HanNameRecognizer:
    """NAME spans in runs of Chinese text; configured by phi.yaml ``han_names``."""

    def __init__(self, section: dict[str, Any]):
        import jieba
        import jieba.posseg
        from faker.providers.person import zh_CN, zh_TW

        jieba.setLogLevel(60)
        jieba.initialize()
        self.cut = jieba.posseg.cut
        self.flags = frozenset(section["flags"])
        self.loose_flags = frozenset(section["loose_flags"])
        self.cues = frozenset(section["cues"])
        self.staff_after = frozenset(section["staff_after"])
        self.stop_flags = frozenset(section["stop_flags"])
        # (simplified and traditional characters: "黄" and "黃")
        self.surnames = frozenset(s for provider in (zh_CN.Provider, zh_TW.Provider)
                                  for s in provider.last_names if len(s) <= 2)
        self.frequency = jieba.dt.FREQ  # how often jieba's dictionary saw each word
        self.word_frequency = int(section["word_frequency"])
        self.place_before = frozenset(section["place_before"])

    def analyze(self, text: str, allowlist: Allowlist) -> list[RecognizerResult]:
        results = []
        for run in _HAN.finditer(text):
            pieces = [(p.word, p.flag) for p in self.cut(run.group())]
            opens_clause = run.start() == 0 or not text[run.start() - 1].isalnum()
            offset = run.start()
            for index, (word, _) in enumerate(pieces):
                following = pieces[index + 1] if index + 1 < len(pieces) else ("", "")
                extended = self._given_name(word, following)
                after = pieces[index + 1 + extended][0] if index + 1 + extended < len(pieces) \
                    else ""
                if self._name(pieces, index, opens_clause) and after not in self.staff_after \
                        and following[0] not in self.staff_after \
                        and not allowlist.is_word(word) and not allowlist.is_proper_noun(word):
                    end = offset + len(word)
                    if extended:
                        end += len(following[0])  # a given name jieba cut from its surname
                    results.append(RecognizerResult("NAME", offset, end, 0.8))
                offset += len(word)
        return results

    def _given_name(self, word: str, following: tuple[str, str]) -> bool:
        """Whether the piece after a name is the rest of it: a name has two or three
        characters, and a verb, particle or measure word after it is not part of it."""
        return word[:1] in self.surnames and 1 <= len(following[0]) <= 3 - len(word) \
            and following[1] not in self.stop_flags

    def _name(self, pieces: list[tuple[str, str]], index: int, opens_clause: bool) -> bool:
        word, flag = pieces[index]
        if index > 0 and pieces[index - 1][0] in self.place_before:
            return False  # "圣马特奥": San Mateo, a town named for a saint
        cued = index > 0 and pieces[index - 1][0] in self.cues
        if flag in self.flags:  # (a name starts with a surname, follows one jieba cut from
            # it, or follows a cue; not a drug's name jieba reads as one)
            return cued or word[:1] in self.surnames or word[:2] in self.surnames or (
                index > 0 and pieces[index - 1][0] in self.surnames)
        opens = (index == 0 and opens_clause) or cued
        if not opens or word[:1] not in self.surnames:
            return False
        if len(word) == 1:  # a surname alone, whatever jieba tagged it, before its given name
            return index + 1 < len(pieces) and self._given_name(word, pieces[index + 1])
        return flag in self.loose_flags and len(word) <= 3 and (
            word in self.surnames  # "欧阳", a surname of two characters
            or (self.frequency.get(word) or 0) < self.word_frequency)  # "国际": a common word
