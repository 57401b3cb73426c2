"""Our Presidio recognizers, configured from ``phi.yaml``; ``build_recognizers`` lists them all."""

from __future__ import annotations

from guardrails.recognizers.config import phi_config
from guardrails.recognizers.cued import CuedPatternRecognizer
from guardrails.recognizers.dates import DateRecognizer
from guardrails.recognizers.name_words import NameWords
from guardrails.recognizers.names import ContextualNameRecognizer
from guardrails.recognizers.spacy_names import FilteredSpacyRecognizer

__all__ = ["ContextualNameRecognizer", "CuedPatternRecognizer", "DateRecognizer",
           "FilteredSpacyRecognizer", "NameWords", "build_recognizers"]


def build_recognizers(words: NameWords) -> list:
    """spaCy's entities (names filtered by ``words``), one recognizer per ``patterns`` entry of
    phi.yaml, dates, and cue-introduced names."""
    config = phi_config()
    recognizers: list = [FilteredSpacyRecognizer(sorted(set(config["spacy"].values())), words)]
    recognizers += [CuedPatternRecognizer(name, section)
                    for name, section in config["patterns"].items()]
    recognizers.append(DateRecognizer(config["dates"]))
    recognizers.append(ContextualNameRecognizer(config["names"], words))
    return recognizers
