"""Word documents (.docx) to Markdown-like text: heading styles become ``#`` lines, tables
become ``|`` rows, list paragraphs become ``-`` items; core properties give title and date."""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document as open_docx
from docx.table import Table
from docx.text.paragraph import Paragraph


@dataclass(frozen=True)
class DocxText:
    text: str
    title: str
    author: str
    modified: str  # ISO date or ""


def _paragraph_line(paragraph: Paragraph) -> str:
    text = " ".join(paragraph.text.split())
    if not text:
        return ""
    style = (paragraph.style.name or "").lower() if paragraph.style is not None else ""
    if style == "title":
        return f"# {text}"
    if style.startswith("heading"):
        level = "".join(ch for ch in style if ch.isdigit()) or "1"
        return f"{'#' * min(int(level) + 1, 6)} {text}"
    if "list" in style:
        return f"- {text}"
    return text


def _table_lines(table: Table) -> list[str]:
    rows = [[" ".join(cell.text.split()) for cell in row.cells] for row in table.rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        return []
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return lines


def docx_to_text(raw: bytes) -> DocxText:
    """The document's body in reading order (paragraphs and tables interleaved)."""
    document = open_docx(io.BytesIO(raw))
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.append("\n".join(_table_lines(item)))
        else:
            blocks.append(_paragraph_line(item))
    props = document.core_properties
    modified = props.modified or props.created
    return DocxText(
        text="\n\n".join(b for b in blocks if b),
        title=(props.title or "").strip(),
        author=(props.author or "").strip(),
        modified=modified.date().isoformat() if modified else "",
    )
