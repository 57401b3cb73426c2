"""Loading the package's YAML data files (rules and word lists live in YAML, not code)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

PACKAGE_DIR = Path(__file__).parent
Model = TypeVar("Model", bound=BaseModel)


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """Parse ``guardrails/<name>`` once per process; the result must not be mutated."""
    path = PACKAGE_DIR / name
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def load_model(path: Path, model: type[Model]) -> Model:
    """Read a YAML file into ``model``; a validation error names the file and the keys."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        raise ValueError(f"{path}: {problems}") from None
