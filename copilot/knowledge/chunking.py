"""Split a Document into retrievable chunks that follow its structure.

Pages are read as Markdown-like text: headings open sections (a bold FAQ question line such as
``**Can I …?**`` opens one too, so a question stays with its answer), and a section's body is a run
of blocks (paragraphs, lists, tables, quotes, code). Every chunk begins with its heading lines and
carries the heading path in ``section``. Tables stay whole unless huge (then rows are split under a
repeated header); long sections split at paragraph, then sentence, boundaries with overlap; tiny
neighbouring sections under the same parent are merged. Chunks never span PDF pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from copilot.knowledge.model import Chunk, Document

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FAQ_QUESTION = re.compile(
    r"^(?:\*\*|__)(?:Q\s*[:.]\s*)?(?P<q>[^*_].*\?)(?:\*\*|__)$|^Q\s*[:.]\s*(?P<p>.+\?)$"
)
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_SENTENCE = re.compile(r"\S.*?(?:[.!?]+[\"”’)\]*_]*(?=\s)|$)", re.S)
_QUESTION_LEVEL = 7  # deeper than any Markdown heading: the next heading or question closes it
TABLE_SLACK = 1.5  # a table up to size * TABLE_SLACK stays whole in one chunk


@dataclass(frozen=True)
class _Heading:
    level: int
    title: str
    line: str


@dataclass
class _Block:
    kind: str  # prose | list | table | quote | code
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class _Section:
    path: tuple[_Heading, ...]
    blocks: list[_Block] = field(default_factory=list)


class _Unit(NamedTuple):
    """A piece of a block that is packed into chunks as a whole."""

    text: str
    joiner: str  # placed between two units of the same block
    block: int  # index of the block it came from
    may_overlap: bool  # repeated at the start of the next chunk (prose and lists, not tables)


@dataclass
class _Piece:
    """The text of one future chunk and its heading path."""

    text: str
    path: tuple[_Heading, ...]


def _plain(title: str) -> str:
    title = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", title)
    return title.replace("**", "").replace("__", "").replace("`", "").strip()


def _block_kind(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("|"):
        return "table"
    if stripped.startswith(">"):
        return "quote"
    return "list" if _LIST_ITEM.match(line) else "prose"


def _parse(text: str, stack: list[_Heading]) -> list[_Section]:
    """Sections of one page; ``stack`` is the heading path so far and is updated in place."""
    sections = [_Section(tuple(stack))]
    block: _Block | None = None

    def close() -> None:
        nonlocal block
        if block and any(line.strip() for line in block.lines):
            sections[-1].blocks.append(block)
        block = None

    def open_section(heading: _Heading) -> None:
        close()
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        stack.append(heading)
        sections.append(_Section(tuple(stack)))

    for line in text.split("\n"):
        stripped = line.strip()
        if block and block.kind == "code":
            block.lines.append(line)
            if stripped.startswith("```"):
                close()
            continue
        heading = _HEADING.match(line)
        question = _FAQ_QUESTION.match(stripped)
        if stripped.startswith("```"):
            close()
            block = _Block("code", [line])
        elif heading:
            level = len(heading.group(1))
            open_section(_Heading(level, _plain(heading.group(2)), stripped))
        elif question:
            open_section(
                _Heading(
                    _QUESTION_LEVEL, _plain(question.group("q") or question.group("p")), stripped
                )
            )
        elif not stripped or _RULE.match(stripped):
            close()
        else:
            kind = _block_kind(line)
            continuation = block and block.kind == "list" and kind == "prose" and line[:1].isspace()
            if block and (block.kind == kind or continuation):
                block.lines.append(line)
            else:
                close()
                block = _Block(kind, [line])
    close()
    # keep a heading-only section only when no deeper section follows to carry its heading
    return [
        section
        for i, section in enumerate(sections)
        if section.blocks
        or (
            section.path
            and not (
                i + 1 < len(sections) and sections[i + 1].path[: len(section.path)] == section.path
            )
        )
    ]


def _common(paths: list[tuple[_Heading, ...]]) -> tuple[_Heading, ...]:
    common = paths[0]
    for path in paths[1:]:
        n = 0
        while n < min(len(common), len(path)) and common[n] == path[n]:
            n += 1
        common = common[:n]
    return common


def _render(sections: list[_Section], title: str) -> _Piece:
    """One chunk's text for whole sections: the shared heading lines, then each section."""
    common = _common([s.path for s in sections])
    parts = [h.line for h in common] or ([] if sections[0].path else [f"# {title}"])
    previous = common
    for section in sections:
        shared = _common([previous, section.path])
        parts += [h.line for h in section.path[len(shared) :]]
        parts += [block.text for block in section.blocks]
        previous = section.path
    deeper = {s.path for s in sections if len(s.path) > len(common)}
    label = deeper.pop() if len(deeper) == 1 else common or sections[0].path
    return _Piece("\n\n".join(parts), label)


def _table_parts(block: _Block, budget: int) -> list[str]:
    """A huge table as several tables of whole rows, each with the header repeated."""
    header_size = (
        2
        if len(block.lines) > 1 and set(block.lines[1].replace("|", "").strip()) <= set("-: ")
        else 1
    )
    header, rows = block.lines[:header_size], block.lines[header_size:]
    parts: list[list[str]] = []
    for row in rows:
        if parts and len("\n".join(header + parts[-1] + [row])) <= budget:
            parts[-1].append(row)
        else:
            parts.append([row])
    return ["\n".join(header + part) for part in parts] or [block.text]


def _words(text: str, budget: int) -> list[str]:
    pieces: list[str] = []
    for word in text.split(" "):
        if pieces and len(pieces[-1]) + 1 + len(word) <= budget:
            pieces[-1] += " " + word
        else:
            pieces.append(word)
    return pieces


def _units(block: _Block, budget: int, size: int) -> tuple[list[str], str]:
    """The block cut into pieces that fit ``budget`` (a whole block if it fits) and their joiner."""
    if block.kind == "table":
        whole = len(block.text) <= max(budget, int(size * TABLE_SLACK))
        return ([block.text] if whole else _table_parts(block, budget)), "\n\n"
    if len(block.text) <= budget:
        return [block.text], "\n"
    if block.kind == "prose":
        sentences = [m.group() for m in _SENTENCE.finditer(" ".join(block.text.split()))]
        return [w for s in sentences for w in (_words(s, budget) if len(s) > budget else [s])], " "
    lines = [
        w for line in block.lines for w in (_words(line, budget) if len(line) > budget else [line])
    ]
    return lines, "\n"


def _split(section: _Section, title: str, size: int, overlap: int) -> list[_Piece]:
    """A section too long for one chunk, packed block by block (then sentence by sentence)."""
    header = _render([_Section(section.path)], title).text
    budget = max(size - len(header) - 2, size // 2)
    overlap = min(overlap, budget // 2)
    units: list[_Unit] = []
    for index, block in enumerate(section.blocks):
        texts, joiner = _units(block, budget, size)
        units += [_Unit(text, joiner, index, block.kind != "table") for text in texts]
    pieces: list[list[_Unit]] = [[]]

    def length(piece: list[_Unit]) -> int:
        return len(_join(piece))

    for unit in units:
        if pieces[-1] and length(pieces[-1] + [unit]) > budget:
            carried: list[_Unit] = []
            for previous in reversed(pieces[-1]):
                if not previous.may_overlap or length([previous, *carried, unit]) > budget:
                    break
                if length([previous, *carried]) > overlap:
                    break
                carried.insert(0, previous)
            pieces.append(carried)
        pieces[-1].append(unit)
    return [_Piece(f"{header}\n\n{_join(piece)}", section.path) for piece in pieces if piece]


def _join(units: list[_Unit]) -> str:
    text = ""
    for i, unit in enumerate(units):
        if i:
            text += unit.joiner if unit.block == units[i - 1].block else "\n\n"
        text += unit.text
    return text


def _related(group: list[_Section], section: _Section) -> bool:
    """Siblings, or a parent and its child: all within one level of their common heading."""
    paths = [s.path for s in group] + [section.path]
    depth = len(_common(paths))
    return all(len(path) - 1 <= depth for path in paths)


def _pack(sections: list[_Section], title: str, size: int, overlap: int) -> list[_Piece]:
    """Whole sections as chunks, tiny neighbours merged, long ones split."""
    small = size // 4
    pieces: list[_Piece] = []
    group: list[_Section] = []
    for section in sections:
        whole = _render([section], title)
        if len(whole.text) > size and not (
            len(section.blocks) == 1
            and section.blocks[0].kind == "table"
            and len(whole.text) <= size * TABLE_SLACK
        ):
            if group:
                pieces.append(_render(group, title))
                group = []
            pieces += _split(section, title, size, overlap)
            continue
        if group and _related(group, section):
            merged = _render([*group, section], title)
            tiny = len(_render(group, title).text) < small or len(whole.text) < small
            if tiny and len(merged.text) <= size:
                group.append(section)
                continue
        if group:
            pieces.append(_render(group, title))
        group = [section]
    if group:
        pieces.append(_render(group, title))
    return pieces


def chunk_document(doc: Document, size: int = 1200, overlap: int = 200) -> list[Chunk]:
    """Chunks of ``doc`` in reading order; ids are ``f"{doc.source}#{n}"`` counting from 0."""
    if size < 100 or not 0 <= overlap < size:
        raise ValueError(
            f"chunk size must be >= 100 and 0 <= overlap < size (got {size}, {overlap})"
        )
    chunks: list[Chunk] = []
    stack: list[_Heading] = []
    for page in doc.pages:
        for piece in _pack(_parse(page.text, stack), doc.title, size, overlap):
            section = " > ".join(h.title for h in piece.path) or doc.title
            chunks.append(
                Chunk(
                    id=f"{doc.source}#{len(chunks)}",
                    text=piece.text,
                    source=doc.source,
                    title=doc.title,
                    category=doc.category,
                    owner=doc.owner,
                    last_updated=doc.last_updated,
                    section=section,
                    page=page.number,
                    content_hash=doc.content_hash,
                    status=doc.status,
                    superseded_by=doc.superseded_by,
                )
            )
    return chunks
