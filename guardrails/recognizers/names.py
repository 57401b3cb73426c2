"""Names introduced by a cue ("pt hope alvarez", "her husband Will Ortiz"), in any letter case."""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS


class ContextualNameRecognizer(EntityRecognizer):
    """After a cue word, up to ``max_tokens`` name-like tokens form a NAME.

    Capitalised tokens count unless they are function words; lower-case tokens count when they
    are followed by another name word, or when spaCy tags them with a proper-noun-like POS.
    Names that are also ordinary words ("hope", "will") count in lower case only before
    another name word.
    """

    def __init__(self, section: dict[str, Any]):
        self.cue = re.compile(rf"(?<!\w)(?:{section['cues']})(?!\w)", re.IGNORECASE)
        self.max_tokens = int(section["max_tokens"])
        self.score = float(section["score"])
        self.not_names = frozenset(w.lower() for w in section["not_names"])
        self.ambiguous = frozenset(w.lower() for w in section["ambiguous_names"])
        self.lone_pos = frozenset(section["lone_name_pos"])
        super().__init__(supported_entities=["NAME"], name="contextual_name_recognizer",
                         supported_language="en")

    def load(self) -> None:
        """Nothing to load: spaCy runs once in the analyzer and hands us its tokens."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts=None) -> list[RecognizerResult]:
        """NAME results for the tokens that follow each cue."""
        if "NAME" not in entities or nlp_artifacts is None:
            return []
        doc = nlp_artifacts.tokens
        results = []
        for match in self.cue.finditer(text):
            index = _first_token_at(doc, match.end())
            while index < len(doc) and doc[index].text in {":", "-", ","}:
                index += 1
            names = self._name_tokens(doc, index)
            if names:
                start, end = doc[names[0]].idx, doc[names[-1]].idx + len(doc[names[-1]].text)
                results.append(RecognizerResult("NAME", start, end, self.score))
        return results

    def _name_tokens(self, doc, index: int) -> list[int]:
        taken: list[int] = []
        while index < len(doc) and len(taken) < self.max_tokens:
            if not self._is_name(doc, index, first=not taken):
                break
            taken.append(index)
            index += 1
        return taken

    def _is_name(self, doc, index: int, first: bool) -> bool:
        token = doc[index]
        word = token.text
        lower = word.lower()
        if not re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", word) or lower in self.not_names:
            return False
        followed = self._plain_name_word(doc, index + 1)
        if word[0].isupper() and (lower in self.ambiguous or lower not in STOP_WORDS):
            return True
        if lower in self.ambiguous:
            return followed
        if lower in STOP_WORDS:
            return False
        return followed or not first or token.pos_ in self.lone_pos

    def _plain_name_word(self, doc, index: int) -> bool:
        """A following token that can only be part of a name (not a stop or cue-follow word)."""
        if index >= len(doc):
            return False
        word = doc[index].text
        lower = word.lower()
        return (bool(re.fullmatch(r"[A-Za-z][A-Za-z'’-]*", word)) and lower not in STOP_WORDS
                and lower not in self.not_names and lower not in self.ambiguous)


def _first_token_at(doc, offset: int) -> int:
    for token in doc:
        if token.idx >= offset:
            return token.i
    return len(doc)
