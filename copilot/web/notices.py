"""Short texts the side panel shows next to an answer (wording as data in ``phi_labels.yaml``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pydantic import RootModel

from guardrails.data import load_model

_LABELS_FILE = Path(__file__).with_name("phi_labels.yaml")
_OTHER = ("other detail", "other details")


class LabelNames(RootModel[dict[str, tuple[str, str]]]):
    """``phi_labels.yaml``: a redaction label -> how the panel names one and many of it."""


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, str]]:
    return load_model(_LABELS_FILE, LabelNames).root


def phi_notice(labels: Iterable[str]) -> str:
    """ "removed: 1 name, 1 date of birth — patient details are not needed to answer", or ""."""
    counts = Counter(_names().get(label, _OTHER) for label in labels)
    if not counts:
        return ""
    parts = [f"{n} {one if n == 1 else many}" for (one, many), n in counts.items()]
    return f"removed: {', '.join(parts)} — patient details are not needed to answer"
