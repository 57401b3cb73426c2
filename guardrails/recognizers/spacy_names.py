"""spaCy's PERSON/GPE entities, with NAME spans cut down to the tokens that can be a name.

spaCy's small model tags runs of lower-case shorthand as people ("dr bell fri virtual",
"reporting shortness"). ``NameWords`` keeps only the name-like tokens of each span.
"""

from __future__ import annotations

from presidio_analyzer import RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from guardrails.recognizers.name_words import NameWords


class FilteredSpacyRecognizer(SpacyRecognizer):
    """``SpacyRecognizer`` whose NAME results are split into runs of real name tokens."""

    def __init__(self, supported_entities: list[str], words: NameWords):
        self.words = words
        super().__init__(supported_entities=supported_entities)

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        """spaCy's results; each NAME span replaced by its name-like runs (maybe none)."""
        results: list[RecognizerResult] = []
        for result in super().analyze(text, entities, nlp_artifacts):
            if result.entity_type != "NAME":
                results.append(result)
                continue
            for run in self._runs(nlp_artifacts.tokens, result.start, result.end):
                start, end = run[0].idx, run[-1].idx + len(run[-1].text)
                results.append(RecognizerResult("NAME", start, end, result.score))
        return results

    def _given_name(self, token) -> bool:
        """A neighbour spaCy may have left out: capitalised, or a name that is also a word."""
        return self.words.kind(token) == "name" or token.text.lower() in self.words.ambiguous

    def _runs(self, doc, start: int, end: int) -> list[list]:
        """Maximal runs of not-``never`` tokens inside the span and its two neighbours (spaCy
        often leaves out a given name that is also a word: "Hope Alvarez" -> "Alvarez"), each
        cut to its name part."""
        inside = [t.i for t in doc if start <= t.idx < end]
        if not inside:
            return []
        first, last = inside[0], inside[-1]
        if first > 0 and self._given_name(doc[first - 1]):
            first -= 1
        if last + 1 < len(doc) and self._given_name(doc[last + 1]):
            last += 1
        runs: list[list[int]] = [[]]
        for token in doc[first : last + 1]:
            if self.words.kind(token) == "never":
                runs.append([])
            else:
                runs[-1].append(token.i)
        kept = (self.words.supported(doc, run, after_cue=False) for run in runs if run)
        return [[doc[i] for i in run] for run in kept if run]
