"""Parts of speech: Penn Treebank tags per word, from the packaged spaCy pipeline's tagger.

The pipeline is the redactor's (``Redactor.nlp``): it reads entities only and keeps its tagger
switched off for speed, so this runs the tagger and the token vectors it reads by name, on
demand, and shares the loaded model instead of loading a second copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

PIPES = ("tok2vec", "tagger")


@dataclass(frozen=True)
class Tagger:
    nlp: Any  # a spacy.Language holding the PIPES, switched on or not

    def tags(self, text: str) -> list[tuple[str, str]]:
        """Each token of ``text`` with its tag ("NN" a noun, "JJ" an adjective, "VBG" …)."""
        return [(word, tag) for _, word, tag in self.tagged(text)]

    def tagged(self, text: str) -> list[tuple[int, str, str]]:
        """Each token of ``text`` with its offset and its tag."""
        doc = self.nlp.make_doc(text)
        for name in PIPES:
            doc = self.nlp.get_pipe(name)(doc)
        return [(token.idx, token.text, token.tag_) for token in doc]
