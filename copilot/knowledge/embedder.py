"""Sentence embeddings from a local sentence-transformers model folder (never downloaded)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from langchain_core.embeddings import Embeddings


class Embedder(Embeddings):
    """Normalised all-MiniLM-L6-v2 embeddings; also a LangChain ``Embeddings``."""

    def __init__(self, model_path: Path, batch_size: int = 64) -> None:
        from sentence_transformers import SentenceTransformer

        self.model_path = Path(model_path)
        self.batch_size = batch_size
        self._model = SentenceTransformer(str(self.model_path), device="cpu")

    def embed_documents(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> list[list[float]]:
        """Embed texts in batches; ``progress(n)`` is called after each batch with its size."""
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            encoded = self._model.encode(
                batch,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
            vectors.extend(v.tolist() for v in encoded)
            if progress:
                progress(len(batch))
        return vectors

    def embed_query(self, text: str) -> list[float]:
        """Embed one query."""
        return self._model.encode([text], normalize_embeddings=True, show_progress_bar=False)[
            0
        ].tolist()
