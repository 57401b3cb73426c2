"""The embedder: the model folder read as sentence-transformers describes it, the same vectors as
the sentence-transformers library, and concurrent queries batched without mixing results up."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from copilot.knowledge.embedder import SentenceModel, UnsupportedModel, length_groups
from tests.support import KNOWLEDGE

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


def test_the_default_model_is_mean_pooled_normalised_and_256_tokens(runtime):
    assert SentenceModel.read(runtime.settings.model_path()) == SentenceModel("mean", True, 256)


def test_vectors_match_the_sentence_transformers_library(runtime):
    from sentence_transformers import SentenceTransformer

    texts = [p.read_text() for p in sorted(KNOWLEDGE.rglob("*.md"))][:12]  # some over 256 tokens
    texts += QUESTIONS + ["x", ""]
    reference = SentenceTransformer(str(runtime.settings.model_path()), device="cpu")
    expected = reference.encode(texts, batch_size=8, normalize_embeddings=True)
    got = np.array(runtime.embedder.embed_documents(texts))
    assert got.shape == expected.shape == (len(texts), 384)
    assert np.abs(got - expected).max() < 1e-5
    assert abs(np.linalg.norm(got[0]) - 1.0) < 1e-5


def test_texts_of_like_length_are_padded_together():
    """A draft's short and long sentences run in separate groups; like lengths share one."""
    lengths = [5, 40, 6, 38, 12]
    assert length_groups(lengths) == [[0, 2], [4], [3, 1]]
    assert length_groups([7] * 64) == [list(range(64))]
    assert length_groups([]) == []


def test_concurrent_queries_get_their_own_vectors(runtime):
    embedder = runtime.embedder
    alone = [np.array(embedder.embed_query(q)) for q in QUESTIONS]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(embedder.embed_query, QUESTIONS * 4))
    for index, vector in enumerate(together):
        expected = alone[index % len(QUESTIONS)]
        assert float(np.dot(expected, vector)) > 0.9999, QUESTIONS[index % len(QUESTIONS)]


def test_queries_while_documents_are_embedded(runtime):
    """An upload re-indexes while agents ask: the shared tokenizer must not be entered twice."""
    embedder = runtime.embedder
    documents = [p.read_text() for p in sorted(KNOWLEDGE.rglob("*.md"))]
    with ThreadPoolExecutor(6) as pool:
        indexing = pool.submit(embedder.embed_documents, documents)
        asked = [pool.submit(embedder.embed_query, q) for q in QUESTIONS * 6]
        assert len(indexing.result(120)) == len(documents)
        assert all(len(f.result(120)) == 384 for f in asked)


def _model_copy(tmp_path, runtime, edit) -> Path:
    folder = tmp_path / "model"
    source = runtime.settings.model_path()
    folder.mkdir()
    for name in ("modules.json", "sentence_bert_config.json"):
        shutil.copy(source / name, folder / name)
    shutil.copytree(source / "1_Pooling", folder / "1_Pooling")
    edit(folder)
    return folder


def _add_dense(folder):
    modules = json.loads((folder / "modules.json").read_text())
    modules.append({"idx": 3, "name": "3", "path": "3_Dense", "type": "x.models.Dense"})
    (folder / "modules.json").write_text(json.dumps(modules))


def _max_pooling(folder):
    config_path = folder / "1_Pooling" / "config.json"
    config = json.loads(config_path.read_text())
    config.update(pooling_mode_mean_tokens=False, pooling_mode_max_tokens=True)
    config_path.write_text(json.dumps(config))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_add_dense, "x.models.Dense"),
        (_max_pooling, "pooling_mode_max_tokens"),
        (lambda folder: (folder / "modules.json").unlink(), "not a sentence-transformers model"),
        (lambda folder: (folder / "modules.json").write_text("{"), "not a sentence-transformers"),
    ],
)
def test_layouts_it_cannot_run_are_refused_by_name(tmp_path, runtime, edit, message):
    with pytest.raises(UnsupportedModel, match=message):
        SentenceModel.read(_model_copy(tmp_path, runtime, edit))


def test_a_transformer_in_its_own_subfolder_is_found(tmp_path, runtime):
    """Older sentence-transformers folders keep the transformer under ``0_Transformer/``."""
    from copilot.knowledge.embedder import Embedder

    source, folder = runtime.settings.model_path(), tmp_path / "old-layout"
    shutil.copytree(source, folder / "0_Transformer", ignore=shutil.ignore_patterns("1_*", "2_*"))
    shutil.copytree(source / "1_Pooling", folder / "1_Pooling")
    modules = json.loads((source / "modules.json").read_text())
    modules[0]["path"] = "0_Transformer"
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "0_Transformer" / "modules.json").unlink()
    assert SentenceModel.read(folder).transformer == "0_Transformer"
    question = "Is parking validated?"
    old = np.array(Embedder(folder).embed_query(question))
    assert float(np.dot(old, runtime.embedder.embed_query(question))) > 0.99999


def test_short_inputs_run_in_onnx_runtime_with_the_same_vectors(tmp_path, runtime):
    """Questions and a draft's sentences go through an ONNX Runtime session exported from the
    local model folder into the cache folder; its vectors are PyTorch's."""
    from copilot.knowledge.embedder import Embedder

    embedder = Embedder(runtime.settings.model_path(), onnx_cache=tmp_path)
    assert [p.suffix for p in tmp_path.iterdir()] == [".onnx"]
    texts = QUESTIONS[:5] + ["x", ""]
    fast = np.array(embedder.embed_documents(texts))
    embedder._short = None  # the same texts through PyTorch
    slow = np.array(embedder.embed_documents(texts))
    assert np.abs(fast - slow).max() < 1e-5


def test_close_vectors_come_from_an_int8_copy_made_once_beside_the_graph(runtime):
    """``embed_close`` (a draft's sentences in the claims check) runs an int8 copy of the
    exported graph, quantized here and cached beside it: near the exact vectors, not equal."""
    from copilot.knowledge.embedder import Embedder
    from copilot.knowledge.onnx_encoder import QUANTIZATION

    embedder = runtime.embedder
    close = np.array(embedder.embed_close(QUESTIONS))
    exact = np.array(embedder.embed_documents(QUESTIONS))
    assert (close * exact).sum(axis=1).min() > 0.97
    assert np.abs(close - exact).max() > 1e-4  # another graph than the exact one
    copy = embedder._close_session().path
    assert copy == embedder._short.path.with_suffix(f".{QUANTIZATION}.onnx")
    made = copy.stat().st_mtime_ns
    again = Embedder(runtime.settings.model_path())
    assert np.abs(np.array(again.embed_close(QUESTIONS)) - close).max() < 1e-6
    assert copy.stat().st_mtime_ns == made  # loaded, not quantized again


def test_without_an_int8_copy_close_vectors_are_the_exact_ones(runtime, monkeypatch):
    from copilot.knowledge import onnx_encoder
    from copilot.knowledge.embedder import Embedder

    def fail(source, path):
        raise RuntimeError("no quantization here")

    monkeypatch.setattr(onnx_encoder, "QUANTIZATION", "missing-recipe")
    monkeypatch.setattr(onnx_encoder, "_quantize", fail)
    embedder = Embedder(runtime.settings.model_path())
    exact = np.array(runtime.embedder.embed_documents(QUESTIONS))
    assert np.abs(np.array(embedder.embed_close(QUESTIONS)) - exact).max() < 1e-5
