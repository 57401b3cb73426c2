"""Names written in Chinese characters, found by jieba's part-of-speech tagger (``nr``: person).

A name right before a clinician's title ("赵医生", Dr. Zhao) is the clinician in their role, and a
name the clinic's documents use is the clinic's.
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import RecognizerResult

from guardrails.allowlist import Allowlist

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+(?:[^\n]*[\u3400-\u9fff])?")


class HanNameRecognizer:
    """NAME spans in runs of Chinese text; configured by phi.yaml ``han_names``."""

    def __init__(self, section: dict[str, Any]):
        import jieba
        import jieba.posseg

        jieba.setLogLevel(60)
        jieba.initialize()
        self.cut = jieba.posseg.cut
        self.flags = frozenset(section["flags"])
        self.staff_after = frozenset(section["staff_after"])

    def analyze(self, text: str, allowlist: Allowlist) -> list[RecognizerResult]:
        results = []
        for run in _HAN.finditer(text):
            offset = run.start()
            pieces = [(piece.word, piece.flag) for piece in self.cut(run.group())]
            for index, (word, flag) in enumerate(pieces):
                following = pieces[index + 1][0] if index + 1 < len(pieces) else ""
                if flag in self.flags and following not in self.staff_after \
                        and not allowlist.is_word(word) and not allowlist.is_proper_noun(word):
                    results.append(RecognizerResult("NAME", offset, offset + len(word), 0.8))
                offset += len(word)
        return results
