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
        from faker.providers.person.zh_CN import Provider

        jieba.setLogLevel(60)
        jieba.initialize()
        self.cut = jieba.posseg.cut
        self.flags = frozenset(section["flags"])
        self.loose_flags = frozenset(section["loose_flags"])
        self.cues = frozenset(section["cues"])
        self.staff_after = frozenset(section["staff_after"])
        self.surnames = frozenset(s for s in Provider.last_names if len(s) <= 2)

    def analyze(self, text: str, allowlist: Allowlist) -> list[RecognizerResult]:
        results = []
        for run in _HAN.finditer(text):
            pieces = [(p.word, p.flag) for p in self.cut(run.group())]
            opens_clause = run.start() == 0 or not text[run.start() - 1].isalnum()
            offset = run.start()
            for index, (word, _) in enumerate(pieces):
                following = pieces[index + 1] if index + 1 < len(pieces) else ("", "")
                if self._name(pieces, index, opens_clause) \
                        and following[0] not in self.staff_after \
                        and not allowlist.is_word(word) and not allowlist.is_proper_noun(word):
                    end = offset + len(word)
                    if len(word) == 1 and 1 <= len(following[0]) <= 2 \
                            and following[1] in self.loose_flags:
                        end += len(following[0])  # a surname jieba cut from its given name
                    results.append(RecognizerResult("NAME", offset, end, 0.8))
                offset += len(word)
        return results

    def _name(self, pieces: list[tuple[str, str]], index: int, opens_clause: bool) -> bool:
        word, flag = pieces[index]
        if flag in self.flags:
            return True
        opens = (index == 0 and opens_clause) or (index > 0 and pieces[index - 1][0] in self.cues)
        return opens and word[:1] in self.surnames and flag in self.loose_flags and (
            2 <= len(word) <= 3 or (len(word) == 1 and index + 1 < len(pieces)))
