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

from copilot.knowledge.model import SUPERSEDED, Chunk, Document
from copilot.knowledge.supersession import split_replaced
from guardrails.markdown import Heading, walk

_SENTENCE = re.compile(r"\S.*?(?:[.!?]+[\"”’)\]*_]*(?=\s)|$)", re.S)
TABLE_SLACK = 1.5  # a table up to size * TABLE_SLACK stays whole in one chunk
# The reader's blocks as the chunker packs them: consecutive items, rows and quote lines join.
_KINDS = {"paragraph": "prose", "list_item": "list", "table_header": "table",
          "table_row": "table", "table_rule": "table", "quote": "quote", "code": "code"}
_JOINING = frozenset({"list", "table", "quote"})


@dataclass
class _Block:
    kind: str  # prose | list | table | quote | code
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class _Section:
    path: tuple[Heading, ...]
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
    path: tuple[Heading, ...]


def _parse(text: str, path: tuple[Heading, ...]) -> tuple[list[_Section], tuple[Heading, ...]]:
    """Sections of one page, and the heading path in force at its end; ``path`` is the heading
    path in force where the page starts."""
    sections = [_Section(path)]
    joinable = False  # whether the next block of the same kind joins the last one
    for block in walk(text, path=path):
        path = block.path
        kind = _KINDS.get(block.kind)
        if block.kind in ("heading", "question"):
            sections.append(_Section(path))
        if kind is None:
            joinable = False
            continue
        blocks = sections[-1].blocks
        if joinable and blocks[-1].kind == kind and kind in _JOINING:
            blocks[-1].lines += block.lines
        else:
            blocks.append(_Block(kind, list(block.lines)))
        joinable = True
    # keep a heading-only section only when no deeper section follows to carry its heading
    kept = [
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
    return kept, path


def _common(paths: list[tuple[Heading, ...]]) -> tuple[Heading, ...]:
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
    """Chunks of ``doc`` in reading order; ids are ``f"{doc.source}#{n}"`` counting from 0.
    ``size`` and ``overlap`` are the settings' (``Settings`` checks them: 0 <= overlap < size).
    The lines of a part a newer document replaces follow their page's chunks, superseded."""
    chunks: list[Chunk] = []
    path: tuple[Heading, ...] = ()
    for page in doc.pages:
        text, replaced = split_replaced(page.text, doc.replaced_parts)
        sections, path = _parse(text, path)
        pieces = [(piece, doc.status, doc.superseded_by)
                  for piece in _pack(sections, doc.title, size, overlap)]
        for writer, old in replaced.items():
            pieces += [(piece, SUPERSEDED, writer)
                       for piece in _pack(_parse(old, ())[0], doc.title, size, overlap)]
        for piece, status, superseded_by in pieces:
            chunks.append(
                Chunk(
                    id=f"{doc.source}#{len(chunks)}",
                    text=piece.text,
                    source=doc.source,
                    title=doc.title,
                    category=doc.category,
                    owner=doc.owner,
                    last_updated=doc.last_updated,
                    section=" > ".join(h.title for h in piece.path) or doc.title,
                    page=page.number,
                    content_hash=doc.content_hash,
                    status=status,
                    superseded_by=superseded_by,
                    replaced=doc.replaced,
                )
            )
    return chunks
