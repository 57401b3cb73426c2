"""Check the clinic's approved answer scripts against the claims policy and the current prices.

Only approved wording is checked (block quotes and quotations agents are meant to say); "Never
say" columns and "Don't" sections are counter-examples and are skipped. Each finding names the
file, the line and the guard rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from copilot.knowledge.reading import (
    clean,
    has_prohibition_cue,
    in_prohibited_section,
    is_callers_words,
    prohibited_column,
)
from guardrails.markdown import PROSE_KINDS, by_line, read_file

SCRIPT_SUFFIXES = (".md", ".markdown", ".txt")
_QUOTED = re.compile(r"[\"“]([^\"“”]{3,})[\"”]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class Passage:
    """A piece of approved wording: the line it starts on and its text."""

    line: int
    text: str


def _quotations(text: str, line: int) -> Iterator[Passage]:
    """Quotations that are agent wording: not counter-examples, not the caller's words, and not
    bold labels such as **"Will I need donor eggs?"**."""
    labels = [m.span() for m in _BOLD.finditer(text)]
    for match in _QUOTED.finditer(text):
        before = text[: match.start()]
        if has_prohibition_cue(before) or is_callers_words(before):
            continue
        if any(start <= match.start() < end for start, end in labels):
            continue
        yield Passage(line, match.group(1).strip())


def spoken_passages(text: str) -> list[Passage]:
    """The wording a script file approves for agents to say (by file line): block quotes,
    quotations in prose and in table columns that are not counter-examples; nothing under a
    "Don't" heading."""
    passages: list[Passage] = []
    for line in by_line(read_file(text)):
        if in_prohibited_section(line):
            continue
        if line.kind == "quote" and line.content.strip():
            passages.append(Passage(line.number, clean(line.content).strip("\"“”")))
        elif line.kind == "table_row":
            for index, cell in enumerate(line.cells):
                if not prohibited_column(line.column(index)):
                    passages.extend(_quotations(cell, line.number))
        elif line.kind in PROSE_KINDS:
            passages.extend(_quotations(line.text, line.number))
    return passages


@dataclass(frozen=True)
class ScriptFinding:
    """One guard violation in one line of an approved script."""

    file: str
    line: int
    rule: str
    text: str
    message: str
    suggestion: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def script_files(folder: Path) -> list[Path]:
    """The script files under ``folder`` (sorted); a clear error when it does not exist."""
    if not folder.is_dir():
        raise FileNotFoundError(f"scripts folder not found: {folder}")
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SCRIPT_SUFFIXES
    )


def check_script(path: Path, checker, label: str | None = None) -> list[ScriptFinding]:
    """Run every approved passage of one script through ``checker`` (a guardrails
    ``ClaimsChecker``); findings carry the file line of the passage."""
    findings = []
    for passage in spoken_passages(path.read_text(encoding="utf-8")):
        for violation in checker.check(passage.text).violations:
            findings.append(
                ScriptFinding(
                    file=label or str(path),
                    line=passage.line,
                    rule=violation.rule,
                    text=violation.text,
                    message=violation.message,
                    suggestion=violation.suggestion,
                )
            )
    return findings


def check_scripts(paths: Iterable[Path], checker, root: Path | None = None) -> list[ScriptFinding]:
    """Check several scripts; file names are shown relative to ``root`` when given."""
    findings = []
    for path in paths:
        label = str(path.relative_to(root)) if root and path.is_relative_to(root) else str(path)
        findings.extend(check_script(path, checker, label))
    return findings


def checker_for_knowledge(knowledge_dir: Path, max_bytes: int, embed=None, embed_drafts=None):
    """A ClaimsChecker whose price catalog holds the prices of the current documents only
    (archived and superseded documents are left out); ``embed`` (sentences -> vectors) turns on
    its semantic layer, ``embed_drafts`` its close approximation embeds the checked sentences."""
    from copilot.knowledge.indexer import scan_knowledge
    from copilot.knowledge.model import CURRENT
    from guardrails import ClaimsChecker, Policy, PriceCatalog

    scan = scan_knowledge(knowledge_dir, max_bytes)
    texts = [
        (doc.source, page.text)
        for doc in scan.documents
        if doc.status == CURRENT
        for page in doc.pages
    ]
    policy = Policy.load()
    prices = PriceCatalog.from_documents(texts, policy)
    return ClaimsChecker(policy, prices=prices, embed=embed, embed_drafts=embed_drafts)
