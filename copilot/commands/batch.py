"""Reading a JSONL batch file (``{"id": ..., "<field>": "..."}`` per line) for the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_batch(path: Path, field: str) -> list[tuple[Any, str]]:
    """``(id, text)`` pairs from a JSONL file; a bad line raises ValueError naming its number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read {path}: {error}") from None
    items: list[tuple[Any, str]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path} line {number}: not valid JSON ({error.msg})") from None
        if not isinstance(item, dict) or "id" not in item or not isinstance(item.get(field), str):
            raise ValueError(f'{path} line {number}: expected an object with "id" and "{field}"')
        items.append((item["id"], item[field]))
    if not items:
        raise ValueError(f"{path}: no JSONL lines")
    return items
