"""Walk Markdown-like text line by line, keeping the context a line is read in: the headings
above it, and for table rows the column headers. Used by the script check and the consistency
lint, which both need to know *where* a sentence sits (a "Never say" column is not approved
wording)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_QUOTE = re.compile(r"^\s*>\s?")


@dataclass(frozen=True)
class Line:
    """One line of a document with its context.

    ``number`` is the line number in the file (Markdown) or in the page text (PDF, with ``page``).
    ``kind`` is heading, table_header, table_row, quote, text or blank.
    """

    number: int
    text: str
    kind: str
    headings: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    page: int | None = None

    def column(self, index: int) -> str:
        """The header of column ``index`` ("" when the table has fewer headers)."""
        return self.header[index] if index < len(self.header) else ""


def split_cells(row: str) -> tuple[str, ...]:
    """The cells of a ``| a | b |`` row, stripped."""
    return tuple(cell.strip() for cell in row.strip().strip("|").split("|"))


def walk(text: str, first_line: int = 1, page: int | None = None) -> Iterator[Line]:
    """Yield every line of ``text`` with its heading path and table context."""
    headings: list[tuple[int, str]] = []
    lines = text.split("\n")
    header: tuple[str, ...] = ()
    in_table = False
    for index, raw in enumerate(lines):
        number = first_line + index
        stripped = raw.strip()
        path = tuple(h for _, h in headings)
        heading = _HEADING.match(stripped)
        if heading:
            level = len(heading.group(1))
            headings = [(lv, h) for lv, h in headings if lv < level] + [(level, heading.group(2))]
            in_table = False
            yield Line(number, raw, "heading", tuple(h for _, h in headings), page=page)
            continue
        if stripped.startswith("|"):
            if _TABLE_RULE.match(stripped):
                continue
            following = lines[index + 1].strip() if index + 1 < len(lines) else ""
            if not in_table and _TABLE_RULE.match(following):
                header = split_cells(stripped)
                in_table = True
                yield Line(number, raw, "table_header", path, split_cells(stripped), header, page)
                continue
            yield Line(number, raw, "table_row", path, split_cells(stripped), header, page)
            continue
        in_table = False
        if not stripped:
            yield Line(number, raw, "blank", path, page=page)
        elif _QUOTE.match(raw):
            yield Line(number, _QUOTE.sub("", raw, count=1), "quote", path, page=page)
        else:
            yield Line(number, raw, "text", path, page=page)
