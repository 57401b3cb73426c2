"""The embedder: normalised vectors, and concurrent queries batched without mixing results up."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

QUESTIONS = [
    "How much is the promotional virtual consultation?",
    "What are the phone hours on Friday?",
    "Does the patient need to bring an insurance card?",
    "Which doctor works on Fridays?",
    "Is parking validated?",
    "What is the cancellation fee?",
    "How do I verify a caller's identity?",
    "Can I leave the appointment time on a voicemail?",
]


def test_query_vectors_are_normalised(runtime):
    vector = np.array(runtime.embedder.embed_query(QUESTIONS[0]))
    assert vector.shape == (384,)
    assert abs(np.linalg.norm(vector) - 1.0) < 1e-5


def test_concurrent_queries_get_their_own_vectors(runtime):
    embedder = runtime.embedder
    alone = [np.array(embedder.embed_query(q)) for q in QUESTIONS]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(embedder.embed_query, QUESTIONS * 4))
    for index, vector in enumerate(together):
        expected = alone[index % len(QUESTIONS)]
        assert float(np.dot(expected, vector)) > 0.9999, QUESTIONS[index % len(QUESTIONS)]
