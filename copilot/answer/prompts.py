"""Prompt templates: Jinja2 files in ``prompts/``, rendered sandboxed with strict undefined."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment


@lru_cache(maxsize=4)
def _environment(folder: str) -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader(folder),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


def render(folder: Path, template: str, **context: object) -> str:
    """Render ``prompts/<template>`` with ``context``; a missing variable is an error."""
    return _environment(str(folder)).get_template(template).render(**context).strip()
