"""Parts of speech: the packaged spaCy pipeline's tagger alone, Penn Treebank tags per word.

The redactor's copy of the pipeline reads entities only (its tagger is switched off for speed);
this one keeps the tagger and its token vectors and nothing else. Loading takes about a second:
do it once per process (the runtime's warm-up).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from guardrails.redactor import SPACY_MODEL


@dataclass(frozen=True)
class Tagger:
    nlp: Any  # spacy.Language with ``tok2vec`` and ``tagger`` only

    @classmethod
    def load(cls, model: str = SPACY_MODEL) -> Tagger:
        import spacy

        nlp = spacy.load(model)
        nlp.select_pipes(enable=["tok2vec", "tagger"])
        return cls(nlp)

    def tags(self, text: str) -> list[tuple[str, str]]:
        """Each token of ``text`` with its tag ("NN" a noun, "JJ" an adjective, "VBG" …)."""
        return [(token.text, token.tag_) for token in self.nlp(text)]
