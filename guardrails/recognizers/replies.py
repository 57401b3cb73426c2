"""Answers in a pasted transcript: a line that answers the question on the line before it
("Agent: and the last four of the card?" / "Caller: 0093") is read with its question, as if both
were typed on one line, so a pattern whose cue is in the question finds the value in the answer.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from presidio_analyzer import RecognizerResult

    from guardrails.recognizers.cued import CuedPatternRecognizer


class Replies:
    """Runs the cued patterns over a transcript's question-and-answer turns joined into lines."""

    def __init__(self, section: dict[str, Any]):
        unknown = set(section) - {"turn"}
        if unknown:
            raise ValueError(f"phi.yaml replies: unknown key(s) {sorted(unknown)}")
        # the end of a question's line, the line break and the answering speaker's label
        self.turn = re.compile(section["turn"])

    def joined(self, text: str) -> tuple[str, list[int]] | None:
        """``text`` with each turn (``turn``) read as ": ", as a value follows its field ("card
        ending?" / "7731" reads "card ending: 7731"), and the offset in ``text`` of every
        character of it; None when no line answers a question."""
        parts: list[str] = []
        origin: list[int] = []
        last = 0
        for match in self.turn.finditer(text):
            parts.append(text[last : match.start()] + ": ")
            origin += [*range(last, match.start() + 1), match.end() - 1]
            last = match.end()
        if not parts:
            return None
        parts.append(text[last:])
        origin += range(last, len(text))
        return "".join(parts), origin

    def analyze(self, text: str, patterns: list[CuedPatternRecognizer]) -> list[RecognizerResult]:
        """What the patterns find only with the turns joined, at its offsets in ``text``."""
        from presidio_analyzer import RecognizerResult

        joined = self.joined(text)
        if joined is None:
            return []
        lines, origin = joined
        found = []
        for recognizer in patterns:
            for result in recognizer.analyze(lines, recognizer.supported_entities):
                start, end = origin[result.start], origin[result.end - 1] + 1
                if end - start == result.end - result.start:  # not across a turn
                    found.append(RecognizerResult(result.entity_type, start, end, result.score))
        return found
