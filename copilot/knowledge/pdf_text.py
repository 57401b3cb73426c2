"""PDF pages as Markdown-like text: headings from font sizes, tables as ``|`` rows, prose reflowed.

pypdf's layout mode keeps the columns of a page as runs of spaces; a block of lines whose text runs
start at the same columns is read back as a table, one row per group of lines between blank lines.
Headings are the lines set in a larger (bold) font than the body text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from pypdf import PageObject

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_RUNNING_FOOTER = re.compile(r"\bPage \d+ of \d+\b")
_BULLET = re.compile(r"^[•◦▪●‣∙·]\s*")
_MARKER = re.compile(r"[-*–•◦▪●‣∙·]|\d{1,2}[.)]|[a-z][.)]")  # a list item's, alone in a cell
_CELL_RUN = re.compile(r"\S+(?: {1,2}\S+)*")  # text separated by 3+ spaces is another column
_SEPARATORS = {"·", "|", "•"}
_COLUMN_TOLERANCE = 3
# Metadata titles that say nothing: what browsers' "print to PDF" and converters write.
_JUNK_TITLE = re.compile(
    r"^(?:about:blank|untitled(?: document)?|document\d*|microsoft (?:word|powerpoint) - .*"
    r"|[^/\\]+\.(?:pdf|docx?|html?|txt|md|rtf|odt|pptx?)|(?:https?|file|blob|data):\S*)$",
    re.I,
)


@dataclass(frozen=True)
class _StyledLine:
    text: str
    size: float
    bold: bool


def _multiply(m: list[float], n: list[float]) -> list[float]:
    return [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _styled_lines(page: PageObject) -> list[_StyledLine]:
    """The page's text lines with their font size and whether every part is bold."""
    parts: list[tuple[float, float, float, bool, str]] = []

    def visit(text, cm, tm, font, size):  # pypdf visitor signature
        if not text.strip():
            return
        matrix = _multiply(list(tm), list(cm))
        scale = math.hypot(matrix[1], matrix[3]) or 1.0
        name = str((font or {}).get("/BaseFont", ""))
        parts.append((matrix[5], matrix[4], size * scale, bool(_BOLD_FONT.search(name)), text))

    page.extract_text(visitor_text=visit)
    lines: list[list[tuple[float, float, float, bool, str]]] = []
    for part in sorted(parts, key=lambda p: (-p[0], p[1])):
        if lines and abs(lines[-1][0][0] - part[0]) <= 0.5:
            lines[-1].append(part)
        else:
            lines.append([part])
    return [
        _StyledLine(
            text=_squash(" ".join(p[4] for p in sorted(line, key=lambda p: p[1]))),
            size=round(max(p[2] for p in line) * 2) / 2,
            bold=all(p[3] for p in line),
        )
        for line in lines
    ]


def _headings(pages: list[list[_StyledLine]]) -> list[list[tuple[int, str]]]:
    """Per page, the heading lines in order with their level (1 = largest font in the document)."""
    weights: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            weights[line.size] += len(line.text)
    if not weights:
        return [[] for _ in pages]
    body = weights.most_common(1)[0][0]

    def is_heading(line: _StyledLine) -> bool:
        big_enough = line.size >= body * 1.1 if line.bold else line.size >= body * 1.4
        sentence = line.text.endswith(".") or _RUNNING_FOOTER.search(line.text)
        return big_enough and len(line.text) <= 120 and not sentence

    sizes = sorted({ln.size for lines in pages for ln in lines if is_heading(ln)}, reverse=True)
    level = {size: min(index + 1, 6) for index, size in enumerate(sizes)}
    return [[(level[ln.size], ln.text) for ln in lines if is_heading(ln)] for lines in pages]


def _cells(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _CELL_RUN.finditer(line)]


def _is_row_start(cells: list[tuple[int, str]]) -> bool:
    return len(cells) >= 2 and not any(text in _SEPARATORS for _, text in cells)


def _column_of(start: int, columns: list[int]) -> int:
    index = 0
    for i, column in enumerate(columns):
        if start + _COLUMN_TOLERANCE >= column:
            index = i
    return index


def _aligned(cells: list[tuple[int, str]], columns: list[int]) -> bool:
    """Every run starts at a known column, or left of all of them (an unlabelled first column)."""
    return all(
        any(abs(start - c) <= _COLUMN_TOLERANCE for c in columns)
        or (index == 0 and start < columns[0] - _COLUMN_TOLERANCE)
        for index, (start, _) in enumerate(cells)
    )


def _read_table(lines: list[str], first: int) -> tuple[list[list[str]], int] | None:
    """Rows of the table starting at ``lines[first]`` and the index after it, or None. A group
    of lines between blank lines is a row; a table set with no blank line between its rows (one
    group) has a row per line that fills its first column and another, the lines filling only
    one column continuing the row above (a wrapped cell)."""
    columns = [start for start, _ in _cells(lines[first])]
    groups: list[list[list[tuple[int, str]]]] = []
    i = first
    while i < len(lines):
        cells = _cells(lines[i])
        if not _is_row_start(cells) or not _aligned(cells, columns):
            break
        if cells[0][0] < columns[0] - _COLUMN_TOLERANCE:
            columns.insert(0, 0)
        group = []
        while i < len(lines) and lines[i].strip():
            group.append(_cells(lines[i]))
            i += 1
        groups.append(group)
        while i < len(lines) and not lines[i].strip():
            i += 1
    if len(groups) == 1:
        groups = _rows_by_line(groups[0], columns)
    if len(groups) < 2:
        return None
    return [_row(group, columns) for group in groups], i


def _rows_by_line(lines: list[list[tuple[int, str]]],
                  columns: list[int]) -> list[list[list[tuple[int, str]]]]:
    """One group's lines as rows: a line filling the first column and another starts one."""
    rows: list[list[list[tuple[int, str]]]] = []
    for cells in lines:
        starts_row = _is_row_start(cells) and _column_of(cells[0][0], columns) == 0
        if starts_row or not rows:
            rows.append([cells])
        else:
            rows[-1].append(cells)
    return rows


def _row(group: list[list[tuple[int, str]]], columns: list[int]) -> list[str]:
    """A row's cells: each line's text runs joined under the column they start in."""
    row = [""] * len(columns)
    for cells in group:
        for start, text in cells:
            column = _column_of(start, columns)
            row[column] = f"{row[column]} {text}".strip()
    return [_squash(cell).replace("|", "/") for cell in row]


def _list_items(rows: list[list[str]]) -> list[str] | None:
    """A list set in two columns, its markers in the first ("1." | "The patient is new …"), as
    Markdown list items (numbered when its markers are numbers); None when the rows are a
    table."""
    if any(len(row) != 2 or not _MARKER.fullmatch(row[0].strip()) for row in rows):
        return None
    return [f"{marker if marker[0].isdigit() else '-'} {text}"
            for marker, text in ((row[0].strip(), row[1]) for row in rows)]


def _table_markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def _clean_line(line: str) -> str:
    line = line.replace("\u00ad", "").replace("\u00a0", " ").rstrip()
    return re.sub(r"_{4,}", "____", line)


def _join_wrapped(previous: str, line: str) -> str:
    """Join a wrapped line to the previous one; a compound word broken at its hyphen stays whole."""
    if re.search(r"[A-Za-z]-$", previous) and re.match(r"[a-z]", line):
        return previous + line
    return f"{previous} {line}"


def page_markdown(layout_text: str, headings: list[tuple[int, str]]) -> str:
    """Markdown-like text of one page from pypdf's layout-mode text and its heading lines."""
    lines = [_clean_line(line) for line in layout_text.splitlines()]
    lines = [line for line in lines if not _RUNNING_FOOTER.search(line)]
    pending = list(headings)
    width = max((len(line.strip()) for line in lines), default=0)
    blocks: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append("\n".join(paragraph))
            paragraph.clear()

    i = 0
    while i < len(lines):
        text = lines[i].strip()
        heading = next((h for h in pending if h[1] == _squash(text)), None) if text else None
        table = _read_table(lines, i) if text and not heading else None
        if not text:
            flush()
            i += 1
        elif heading:
            flush()
            del pending[: pending.index(heading) + 1]
            blocks.append("#" * heading[0] + " " + heading[1])
            i += 1
        elif table and _is_row_start(_cells(lines[i])):
            flush()
            items = _list_items(table[0])
            blocks.append("\n".join(items) if items else _table_markdown(table[0]))
            i = table[1]
        else:
            bullet = _BULLET.match(text)
            text = _squash(text[bullet.end() :] if bullet else text)
            wrapped = bool(paragraph) and len(lines[i - 1].strip()) >= 0.75 * width
            if bullet:
                paragraph.append("- " + text)
            elif wrapped:
                paragraph[-1] = _join_wrapped(paragraph[-1], text)
            else:
                paragraph.append(text)
            i += 1
    flush()
    return "\n\n".join(blocks)


@dataclass(frozen=True)
class PdfText:
    """Markdown-like text per page (empty for a page without text) and the raw layout text."""

    pages: list[str]
    layout: list[str]  # as pypdf laid it out, running headers and footers included


def pdf_pages_markdown(
    pages: list[PageObject], after_page: Callable[[], None] = lambda: None
) -> PdfText:
    """Markdown-like text of every page, in order; ``after_page`` runs after each page is read
    (the loader's time budget: it raises to stop)."""

    def styled(page: PageObject) -> list[_StyledLine]:
        lines = _styled_lines(page)
        after_page()
        return lines

    def laid_out(page: PageObject) -> str:
        text = page.extract_text(extraction_mode="layout")
        after_page()
        return text

    headings = _headings([styled(page) for page in pages])
    layout = [laid_out(page) for page in pages]
    markdown = [page_markdown(text, h) for text, h in zip(layout, headings, strict=True)]
    return PdfText(pages=markdown, layout=layout)


def pdf_title(metadata_title: str, first_page: str, file_name: str) -> str:
    """A PDF's title: its metadata title unless that is junk (empty, "about:blank", "Untitled",
    a file name or an address), else the first heading of the first page, else its first line."""
    title = " ".join(metadata_title.split())
    names = {file_name.lower(), PurePosixPath(file_name).stem.lower()}
    if title and not _JUNK_TITLE.match(title) and title.lower() not in names:
        return title
    lines = [line.strip() for line in first_page.splitlines() if line.strip()]
    heading = next((line.lstrip("# ").strip() for line in lines if line.startswith("#")), "")
    return heading or (lines[0] if lines else "")
