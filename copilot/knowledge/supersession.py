"""Find documents that a newer document explicitly replaces, and mark them ``superseded``.

A current document X is superseded by a newer document Y (by ``last_updated``) when a sentence of
Y says X is replaced, superseded, discontinued, retired… and points at X: a link to X's path, X's
path or title written out, or X's date. The wording lives in ``copilot/data/supersession.yaml``.
Direction matters: "Y replaces X" names X after the verb; "X was replaced" or "X is discontinued"
names it before. Documents that are only linked or mentioned ("this update changes the schedule")
stay current; archived documents stay archived. When several documents retire X, the earliest one
(the one that actually did it) is recorded in ``superseded_by``.

A sentence that replaces a *part* of X ("This replaces the Intro Consult line of the Fee
Schedule") leaves X current: only X's lines that name the part are its older version
(``split_replaced``; the chunker indexes them as superseded passages of X).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from copilot.knowledge.model import ARCHIVED, CURRENT, SUPERSEDED, Document
from guardrails.data import StrictModel, load_model
from guardrails.document_dates import find_dates
from guardrails.markdown import walk
from guardrails.text import alternation

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "supersession.yaml"
_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)[^)]*\)")
_CLAUSE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
_WORD = re.compile(r"[a-z0-9']+")
_MIN_TITLE_CHARS = 12
_TOKEN = re.compile(r"[a-z0-9]+(?:[.'-][a-z0-9]+)*")
_NUMBER = re.compile(r"[\d.]+")
# blocks whose lines may name a replaced part (a heading or a table's header only names it)
_PART_KINDS = frozenset({"paragraph", "list_item", "table_row", "quote"})


class SupersessionWords(StrictModel):
    """The vocabulary that signals a document is retired (see the YAML file for the grammar)."""

    replace_verbs: tuple[str, ...]
    retired_states: tuple[str, ...]
    passive_markers: frozenset[str]
    negations: frozenset[str]
    negation_window: int
    part_words: frozenset[str]
    part_joins: frozenset[str]
    articles: frozenset[str]
    archived_word: str
    archive_banners: frozenset[str]
    archive_notices: tuple[str, ...]
    opening_lines: int

    def says_archived(self, text: str) -> bool:
        """Whether one of the opening lines of ``text`` says the document is archived
        ("ARCHIVED - DO NOT USE", "RETIRED DOCUMENT -- superseded in 2024")."""
        lines = [line for line in text.splitlines() if _TOKEN.search(line.lower())]
        notice = _phrase_pattern(self.archive_notices)
        for line in lines[: self.opening_lines]:
            words = _TOKEN.findall(line.lower())
            notices = {n.lower() for n in notice.findall(line)}
            if (self.archived_word in words and notices) or \
                    (words[0] in self.archive_banners and notices - {words[0]}):
                return True
        return False

    @property
    def pattern(self) -> re.Pattern[str]:
        """One case-insensitive regex matching any retiring word or phrase."""
        return _phrase_pattern(self.replace_verbs + self.retired_states)


@lru_cache(maxsize=8)
def _phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(phrases)})\b", re.I)


@lru_cache(maxsize=1)
def load_words(path: Path = WORDS_FILE) -> SupersessionWords:
    """Read the supersession vocabulary from YAML."""
    return load_model(path, SupersessionWords)


@dataclass(frozen=True)
class _Cue:
    """A retiring word in a clause and the side of it where the retired document is named."""

    start: int
    end: int
    names_after: bool


def _cues(clause: str, words: SupersessionWords) -> list[_Cue]:
    lowered = clause.lower()
    cues: list[_Cue] = []
    for match in words.pattern.finditer(lowered):
        before = _WORD.findall(lowered[: match.start()])
        if set(before[-words.negation_window :]) & words.negations:
            continue
        passive = bool(set(before[-2:]) & words.passive_markers) or bool(
            re.match(r"\s+by\b", lowered[match.end() :])
        )
        active = match.group() in words.replace_verbs and not passive
        cues.append(_Cue(match.start(), match.end(), names_after=active))
    return cues


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) > 3 and not w.isdigit()}


def _references(
    clause: str, writer: Document, others: list[Document]
) -> list[tuple[int, Document]]:
    """(position, document) for every other document the clause points at."""
    by_source = {doc.source: doc for doc in others}
    found: list[tuple[int, Document]] = []
    folder = posixpath.dirname(writer.source)
    for match in _LINK.finditer(clause):
        target = re.split(r"[#?]", match.group(1))[0]
        base = "" if target.startswith("/") else folder  # "/x.md" is relative to the knowledge root
        resolved = posixpath.normpath(posixpath.join(base, target.lstrip("/"))) if target else ""
        if resolved in by_source:
            found.append((match.start(), by_source[resolved]))
    lowered = clause.lower()
    for doc in others:
        for name in (doc.source, doc.title if len(doc.title) >= _MIN_TITLE_CHARS else ""):
            position = lowered.find(name.lower()) if " " in name or "/" in name else -1
            if position >= 0:
                found.append((position, doc))
    for mention in find_dates(clause):
        day = mention.value.isoformat()
        dated = [doc for doc in others if doc.last_updated == day]
        if len(dated) > 1:
            words = _content_words(clause)
            dated = [d for d in dated if _content_words(f"{d.title} {d.source}") & words]
        if len(dated) == 1:
            found.append((mention.start, dated[0]))
    return found


def _part(before: str, words: SupersessionWords) -> tuple[str, ...] | None:
    """The words naming the part of a document that ``before`` (the clause's words between the
    retiring word and the document's name) names ("… replaces the Intro Consult line of":
    intro, consult; "the fee amount in section 3.1 of": 3.1), () for a part named by nothing
    else, or None: the clause names the whole document."""
    tokens = _TOKEN.findall(before.lower())
    for join in reversed(range(len(tokens))):  # the part nearest the document's name
        if tokens[join] not in words.part_joins:
            continue
        at = join - 1
        while at >= 0 and _NUMBER.fullmatch(tokens[at]):
            at -= 1  # "section 3.1 of"
        if at >= 0 and tokens[at] in words.part_words:
            start = max((i for i in range(at) if tokens[i] in words.articles), default=-1) + 1
            skip = words.part_words | words.part_joins | words.articles
            return tuple(t for t in tokens[start:join] if t not in skip)
    return None


def _retired_by(writer: Document, others: list[Document],
                words: SupersessionWords) -> set[tuple[str, tuple[str, ...] | None]]:
    """(source, part) of the documents that ``writer`` says are replaced or retired: the part's
    words when it replaces a part of one (see ``_part``), None when it retires it whole."""
    retired: set[tuple[str, tuple[str, ...] | None]] = set()
    for page in writer.pages:
        if not words.pattern.search(page.text):
            continue
        for clause in _CLAUSE_END.split(page.text.replace("**", "").replace("__", "")):
            cues = _cues(clause, words)
            if not cues:
                continue
            for position, doc in _references(clause, writer, others):
                cue = next((c for c in cues if ((position >= c.end) if c.names_after
                                                else (position < c.start))), None)
                if cue is not None:
                    start = cue.end if cue.names_after else 0
                    retired.add((doc.source, _part(clause[start:position], words)))
    return retired


def mark_superseded(docs: list[Document]) -> None:
    """Set ``status``/``superseded_by`` on current documents that a newer document retires.

    Idempotent: documents marked by an earlier call are re-evaluated from scratch.
    """
    words = load_words()
    for doc in docs:
        doc.replaced_parts = {}
        if doc.status == SUPERSEDED:
            doc.status, doc.superseded_by = CURRENT, ""
    dated = sorted((d for d in docs if d.last_updated[:4].isdigit()), key=lambda d: d.last_updated)
    for writer in dated:
        if writer.status == ARCHIVED:
            continue
        older = [d for d in dated if d.last_updated < writer.last_updated and d is not writer]
        retired = _retired_by(writer, older, words)
        for source, part in sorted(retired, key=lambda r: (r[0], r[1] or ())):
            target = next(d for d in older if d.source == source)
            if target.status != CURRENT:
                continue  # the earliest retiring document wins
            if part is None:
                target.status, target.superseded_by = SUPERSEDED, writer.source
            elif part:
                target.replaced_parts.setdefault(part, writer.source)


def split_replaced(text: str, parts: dict[tuple[str, ...], str]) -> tuple[str, dict[str, str]]:
    """``text`` without its lines that name a replaced part (every word of the part: a table's
    row, a numbered clause), and those lines per replacing document's source, each under the
    headings above it (and its table's header): the older version, kept as history."""
    if not parts:
        return text, {}
    kept: list[str] = []
    replaced: dict[str, list[str]] = {}
    table_head: list[str] = []  # the current table's header row and rule, as written
    for block in walk(text):
        if block.kind == "table_header":
            table_head = [block.lines[0].strip()]
        elif block.kind == "table_rule":
            table_head.append(block.lines[0].strip())
        for line in block.lines:
            tokens = set(_TOKEN.findall(line.lower()))
            writer = next((w for part, w in parts.items() if set(part) <= tokens), None)
            if writer is None or block.kind not in _PART_KINDS:
                kept.append(line)
                continue
            context = [h.line for h in block.path]
            context += table_head if block.kind == "table_row" else []
            replaced.setdefault(writer, []).extend([*context, line.strip(), ""])
    return "\n".join(kept), {w: "\n".join(lines).strip() for w, lines in replaced.items()}
