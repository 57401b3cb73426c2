"""The one Markdown reader: a document's text as typed blocks with the context each is read in.

Every part that reads documents walks them here (chunking, statements, the price catalogue, the
script check and the consistency lint): front matter, headings (and a bold FAQ question, which
opens a section as a heading does), paragraphs, list items with their indented continuation,
table rows with their header cells, quotes, code fences, rules and blank lines. A block carries
the heading path above it, its first line's number and its page. This is the lowest layer (the
guardrails import nothing of the copilot), so every reader may use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_FAQ_QUESTION = re.compile(
    r"^(?:\*\*|__)(?:Q\s*[:.]\s*)?(?P<q>[^*_].*\?)(?:\*\*|__)$|^Q\s*[:.]\s*(?P<p>.+\?)$"
)
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
QUESTION_LEVEL = 7  # deeper than any Markdown heading: the next heading or question closes it

# Kinds of block whose text is read as prose (sentences), beside headings and table rows.
PROSE_KINDS = frozenset({"paragraph", "list_item", "question", "quote", "code"})


@dataclass(frozen=True)
class Heading:
    """A heading (level 1-6) or a bold FAQ question (``QUESTION_LEVEL``) opening a section."""

    level: int
    title: str  # without markup: links as their text, no emphasis or code marks
    line: str  # the line as written (stripped)


@dataclass(frozen=True)
class Block:
    """One block of a document.

    ``kind`` is front_matter, heading, question, paragraph, list_item, table_header, table_row,
    table_rule, quote, code, rule or blank. ``path`` is the heading path in force (a heading's
    own block includes itself). Table rows carry their ``cells`` and the table's ``header``.
    """

    kind: str
    lines: tuple[str, ...]
    number: int  # the line number of the first line (in the file, or in the page text)
    path: tuple[Heading, ...] = ()
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    page: int | None = None

    @property
    def text(self) -> str:
        """The block's lines as written."""
        return "\n".join(self.lines)

    @property
    def content(self) -> str:
        """The text without its quote marks (a quote's words; other blocks as written)."""
        if self.kind == "quote":
            return "\n".join(_QUOTE.sub("", line, count=1) for line in self.lines)
        return self.text

    @property
    def headings(self) -> tuple[str, ...]:
        """The titles of the heading path."""
        return tuple(h.title for h in self.path)

    def column(self, index: int) -> str:
        """The header of column ``index`` ("" when the table has fewer headers)."""
        return self.header[index] if index < len(self.header) else ""

@dataclass(frozen=True)
class FrontMatter:
    """A text split at its YAML front matter."""

    yaml: str | None  # between '---' on line 1 and the next '---' or '...' line; None: none
    body: str
    body_line: int  # the 1-based line of the text that the body starts on


def split_front_matter(text: str) -> FrontMatter:
    """The front matter block and the body after it (front matter opened and never closed is
    no front matter here: the document loader refuses such a file)."""
    lines = text.split("\n")
    if lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in {"---", "..."}), None)
        if end is not None:
            return FrontMatter("\n".join(lines[1:end]), "\n".join(lines[end + 1 :]), end + 2)
    return FrontMatter(None, text, 1)


def plain_title(title: str) -> str:
    """A heading's words without markup: links as their text, no ``**``, ``__`` or backticks."""
    title = _LINK.sub(r"\1", title)
    return title.replace("**", "").replace("__", "").replace("`", "").strip()


def split_cells(row: str) -> tuple[str, ...]:
    """The cells of a ``| a | b |`` row, stripped."""
    return tuple(cell.strip() for cell in row.strip().strip("|").split("|"))


def read_file(text: str) -> Iterator[Block]:
    """The blocks of a whole file: its front matter (if any), then its body, numbered by file
    line."""
    split = split_front_matter(text)
    if split.yaml is not None:
        yield Block("front_matter", tuple(text.split("\n")[: split.body_line - 1]), 1)
    yield from walk(split.body, split.body_line)


def by_line(blocks: Iterable[Block]) -> Iterator[Block]:
    """The blocks as one block per line (same kind and context), for readers that report what
    they find by line."""
    for block in blocks:
        for offset, line in enumerate(block.lines):
            yield replace(block, lines=(line,), number=block.number + offset)


def _heading(stripped: str, line: str) -> Heading | None:
    heading = _HEADING.match(line)
    if heading:
        return Heading(len(heading.group(1)), plain_title(heading.group(2)), stripped)
    question = _FAQ_QUESTION.match(stripped)
    if question:
        title = plain_title(question.group("q") or question.group("p"))
        return Heading(QUESTION_LEVEL, title, stripped)
    return None


def _kind(line: str) -> str:
    stripped = line.strip()
    if stripped.startswith("|"):
        return "table_rule" if _TABLE_RULE.match(stripped) else "table_row"
    if _QUOTE.match(line):
        return "quote"
    return "list_item" if _LIST_ITEM.match(line) else "paragraph"


def walk(text: str, first_line: int = 1, page: int | None = None,
         path: tuple[Heading, ...] = ()) -> Iterator[Block]:
    """The blocks of ``text`` in order; ``path`` is the heading path in force where it starts
    (a page continuing the previous one)."""
    lines = text.split("\n")
    header: tuple[str, ...] | None = None  # the current table's header row
    index = 0
    while index < len(lines):
        line, number = lines[index], first_line + index
        stripped = line.strip()
        block_path = path
        if stripped.startswith("```"):
            end = next((i for i in range(index + 1, len(lines))
                        if lines[i].strip().startswith("```")), len(lines) - 1)
            kind, taken = "code", lines[index : end + 1]
        elif (heading := _heading(stripped, line)) is not None:
            path = tuple(h for h in path if h.level < heading.level) + (heading,)
            kind, taken, block_path = (
                "heading" if heading.level < QUESTION_LEVEL else "question", [line], path
            )
        elif not stripped:
            kind, taken = "blank", [line]
        elif _RULE.match(stripped):
            kind, taken = "rule", [line]
        else:
            kind = _kind(line)
            taken = [line]
            if kind in ("paragraph", "list_item"):
                taken += _continuation(lines, index + 1, kind)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if kind == "table_row" and header is None and _TABLE_RULE.match(following.strip()):
            kind, header = "table_header", split_cells(line)
        if kind.startswith("table_"):
            cells = split_cells(line) if kind != "table_rule" else ()
            yield Block(kind, (line,), number, block_path, cells, header or (), page)
        else:
            header = None  # a table, if any, has ended
            yield Block(kind, tuple(taken), number, block_path, page=page)
        index += len(taken)


def _continuation(lines: list[str], start: int, kind: str) -> list[str]:
    """The lines after ``start - 1`` that continue its paragraph (any prose line) or list item
    (an indented prose line)."""
    taken: list[str] = []
    for line in lines[start:]:
        stripped = line.strip()
        if (not stripped or stripped.startswith("```") or _RULE.match(stripped)
                or _heading(stripped, line) or _kind(line) != "paragraph"):
            break
        if kind == "list_item" and not line[:1].isspace():
            break
        taken.append(line)
    return taken
