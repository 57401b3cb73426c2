"""Loading the package's YAML data files (rules and word lists live in YAML, not code)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).parent


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """Parse ``guardrails/<name>`` once per process; the result must not be mutated."""
    path = PACKAGE_DIR / name
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data
