"""Reading ``phi.yaml``: expands ``<<name>>`` references to shared regex definitions."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from guardrails.data import load_yaml

_REFERENCE = re.compile(r"<<(\w+)>>")


def expand(pattern: str, definitions: dict[str, str]) -> str:
    """Replace ``<<name>>`` with its definition, recursively; an unknown name is an error."""
    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in definitions:
            raise ValueError(f"phi.yaml: unknown definition <<{name}>>")
        return expand(definitions[name], definitions)

    return _REFERENCE.sub(substitute, pattern)


@cache
def phi_config() -> dict[str, Any]:
    """phi.yaml with every pattern string expanded (definitions resolved)."""
    raw = load_yaml("phi.yaml")
    unknown = set(raw) - {"definitions", "patterns", "dates", "spacy", "names", "lexicon",
                        "han_names", "identifiers", "spoken", "replies"}
    if unknown:
        raise ValueError(f"phi.yaml: unknown key(s) {sorted(unknown)}")
    definitions = raw["definitions"]

    def resolve(value: Any) -> Any:
        if isinstance(value, str):
            return expand(value, definitions)
        if isinstance(value, list):
            return [resolve(v) for v in value]
        if isinstance(value, dict):
            return {k: resolve(v) for k, v in value.items()}
        return value

    return {key: resolve(value) for key, value in raw.items() if key != "definitions"}
