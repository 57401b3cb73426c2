"""Loading YAML data files (rules and word lists live in YAML, not code): one strict loader.

``load_model(path, Model)`` reads a file into a pydantic model; models derive from
``StrictModel`` so that an unknown key is an error. Every problem is a ``DataFileError`` naming
the file, the line and the key.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

PACKAGE_DIR = Path(__file__).parent
Model = TypeVar("Model", bound=BaseModel)


class DataFileError(ValueError):
    """A data file that cannot be read, is not YAML, or does not fit its model."""


class StrictModel(BaseModel):
    """The base of data-file models: unknown keys are refused, loaded values do not change."""

    model_config = ConfigDict(extra="forbid", frozen=True)


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """Parse ``guardrails/<name>`` once per process; the result must not be mutated."""
    path = PACKAGE_DIR / name
    data = _parse(path.read_text(encoding="utf-8"), str(path))[1]
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: the top level must be a mapping")
    return data


def load_model(path: Path, model: type[Model], **extra: Any) -> Model:
    """Read the YAML file ``path`` into ``model`` (``extra`` values are added to the file's
    top-level mapping); a problem names the file, the line and the key."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise DataFileError(f"{path}: cannot read ({error.strerror})") from None
    return parse_model(text, str(path), model, **extra)


def parse_model(text: str, origin: str, model: type[Model], **extra: Any) -> Model:
    """``load_model`` for YAML text; ``origin`` (a file or variable name) starts every message.
    An empty text is an empty mapping."""
    root, data = _parse(text, origin)
    if data is None:
        data = {}
    if extra:
        if not isinstance(data, dict):
            raise DataFileError(f"{origin}:1: the top level must be a mapping")
        data = {**data, **extra}
    try:
        return model.model_validate(data)
    except ValidationError as error:
        # an unknown key first: a misspelt key also makes the key it meant go missing
        errors = error.errors(include_url=False)
        first = min(errors, key=lambda e: e["type"] != "extra_forbidden")
        line = line_of(root, first["loc"])
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        raise DataFileError(f"{origin}:{line}: {_describe(first)}{more}") from None


def compose(text: str, origin: str) -> yaml.Node | None:
    """The YAML node tree of ``text`` (for ``line_of``); invalid YAML is a ``DataFileError``."""
    return _parse(text, origin)[0]


def _parse(text: str, origin: str) -> tuple[yaml.Node | None, Any]:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{origin}:{mark.line + 1}" if mark else origin
        raise DataFileError(f"{where}: invalid YAML ({getattr(error, 'problem', error)})") from None


def _describe(error: dict) -> str:
    loc = ".".join(str(p) for p in error["loc"])
    if error["type"] == "extra_forbidden":
        return f"unknown key {error['loc'][-1]!r}" + (f" at {loc}" if len(error["loc"]) > 1 else "")
    if error["type"] == "value_error":
        message = str(error["ctx"]["error"])
        return f"{loc}: {message}" if loc else message
    return f"{loc}: {error['msg']}" if loc else error["msg"]


def line_of(root: yaml.Node | None, loc: Iterable[int | str]) -> int:
    """The 1-based line of the entry at ``loc`` (a pydantic error location) in a composed file."""
    return _node_at(root, loc).start_mark.line + 1 if root is not None else 1


def _node_at(node: yaml.Node, loc: Iterable[int | str]) -> yaml.Node:
    """The deepest YAML node along a pydantic error location (for its line number)."""
    parts = list(loc)
    for position, part in enumerate(parts):
        if isinstance(node, yaml.MappingNode):
            match = next(
                ((k, v) for k, v in node.value if getattr(k, "value", None) == part), None
            )
            if match is None:
                break
            # the last step is reported at its key: the line where the bad entry starts
            node = match[0] if position == len(parts) - 1 else match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                break
            node = node.value[part]
        else:
            break
    return node
