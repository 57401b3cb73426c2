"""Names introduced by a cue ("pt hope alvarez", "her husband Will Ortiz") or followed by one
("Jane Roe DOB ..."), in any letter case."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from guardrails.recognizers.name_words import NameWords

# Tokens between a cue and the name ("caller's name is: Dana White").
_FILLERS = frozenset({":", "-", ",", "is", "was", "'s", "’s"})


class ContextualNameRecognizer(EntityRecognizer):
    """Up to ``max_tokens`` name-like tokens after a cue word, or right before a birth/record cue.

    Which tokens can form a name is ``NameWords``' judgement: ordinary English words and clinic
    vocabulary need a cue before them and a name-like word after them ("pt grace asks").
    """

    def __init__(self, section: dict[str, Any], words: NameWords):
        self.cue = re.compile(rf"(?<!\w)(?:{section['cues']})(?!\w)", re.IGNORECASE)
        self.cue_after = re.compile(rf"(?:{section['cues_after']})", re.IGNORECASE)
        self.max_tokens = int(section["max_tokens"])
        self.score = float(section["score"])
        self.words = words
        super().__init__(supported_entities=["NAME"], name="contextual_name_recognizer",
                         supported_language="en")

    def load(self) -> None:
        """Nothing to load: spaCy runs once in the analyzer and hands us its tokens."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """NAME results for the tokens that follow each cue or precede a cue such as "dob"."""
        if "NAME" not in entities or nlp_artifacts is None:
            return []
        doc = nlp_artifacts.tokens
        runs = [self._after(doc, match.end()) for match in self.cue.finditer(text)]
        runs += [self._before(doc, token.i) for token in doc
                 if self.cue_after.fullmatch(token.text)]
        return [RecognizerResult("NAME", doc[run[0]].idx,
                                 doc[run[-1]].idx + len(doc[run[-1]].text), self.score)
                for run in runs if run]

    def _after(self, doc, offset: int) -> list[int]:
        index = _first_token_at(doc, offset)
        while index < len(doc) and doc[index].text.lower() in _FILLERS:
            index += 1
        run: list[int] = []
        while (index < len(doc) and len(run) < self.max_tokens
               and self.words.continues(doc, index, first=not run)):
            run.append(index)
            index += 1
        return self.words.supported(doc, run, after_cue=True)

    def _before(self, doc, cue_index: int) -> list[int]:
        index = cue_index - 1
        while index >= 0 and doc[index].text in {",", "("}:
            index -= 1
        run: list[int] = []
        while index >= 0 and len(run) < self.max_tokens and self.words.continues(doc, index, True):
            run.insert(0, index)
            index -= 1
        return self.words.supported(doc, run, after_cue=False)


def _first_token_at(doc, offset: int) -> int:
    for token in doc:
        if token.idx >= offset:
            return token.i
    return len(doc)
