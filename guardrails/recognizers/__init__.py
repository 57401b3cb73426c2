"""Our Presidio recognizers, configured from ``phi.yaml``; ``build_recognizers`` lists them all."""

from __future__ import annotations

from guardrails.recognizers.config import phi_config
from guardrails.recognizers.cued import CuedPatternRecognizer
from guardrails.recognizers.dates import DateRecognizer
from guardrails.recognizers.names import ContextualNameRecognizer

__all__ = ["ContextualNameRecognizer", "CuedPatternRecognizer", "DateRecognizer",
           "build_recognizers"]


def build_recognizers() -> list:
    """One recognizer per ``patterns`` entry of phi.yaml, plus dates and cue-introduced names."""
    config = phi_config()
    recognizers: list = [CuedPatternRecognizer(name, section)
                         for name, section in config["patterns"].items()]
    recognizers.append(DateRecognizer(config["dates"]))
    recognizers.append(ContextualNameRecognizer(config["names"]))
    return recognizers
