"""Word documents (.docx) to Markdown-like text: heading styles become ``#`` lines, tables
become ``|`` rows, list paragraphs become ``-`` items; core properties give title and date.

python-docx reads every part of the archive into memory and parses the whole body, so the
archive is checked first: member count, total decompressed size (the sizes the archive declares;
zipfile never inflates a member past its declared size) and the body's paragraph count, counted
while streaming it.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from docx import Document as open_docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from copilot.knowledge.bounds import DocumentLimits, LoadError

_BODY = "word/document.xml"
_PARAGRAPH_TAG = re.compile(rb"<w:p[\s>/]")
_READ = 1 << 20


@dataclass(frozen=True)
class DocxText:
    text: str
    title: str
    author: str
    modified: str  # ISO date or ""


def _count_paragraphs(archive: zipfile.ZipFile) -> int:
    count, tail = 0, b""
    with archive.open(_BODY) as body:
        while block := body.read(_READ):
            data = tail + block
            count += len(_PARAGRAPH_TAG.findall(data))
            tail = data[-5:]
            count -= len(_PARAGRAPH_TAG.findall(tail))  # counted again with the next block
    return count + len(_PARAGRAPH_TAG.findall(tail))


def check_docx_archive(raw: bytes, limits: DocumentLimits) -> None:
    """Refuse a .docx whose archive is over the limits, before anything is decompressed in
    bulk (LimitExceeded), or that has no document body (LoadError)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise LoadError("damaged Word document (not a readable ZIP archive)") from None
    with archive:
        members = archive.infolist()
        limits.check("the number of files inside the .docx", len(members),
                     limits.max_zip_members, "max_zip_members")
        unzipped = sum(member.file_size for member in members)
        limits.check("the .docx's decompressed size", unzipped, limits.max_unzipped_bytes,
                     "max_unzipped_mb", " bytes")
        if _BODY not in archive.namelist():
            raise LoadError(f"damaged Word document (no {_BODY})")
        limits.check("the paragraph count", _count_paragraphs(archive), limits.max_paragraphs,
                     "max_document_paragraphs")


def _paragraph_line(paragraph: Paragraph, style_names: dict[str, str]) -> str:
    text = " ".join(paragraph.text.split())
    if not text:
        return ""
    # The style id straight from the XML: python-docx's paragraph.style scans every style of
    # the document for each paragraph (10,000 paragraphs took minutes).
    style = style_names.get(paragraph._p.style or "", "").lower()
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


def docx_to_text(raw: bytes, after_block: Callable[[], None] = lambda: None) -> DocxText:
    """The document's body in reading order (paragraphs and tables interleaved);
    ``after_block`` runs after each (the loader's time budget: it raises to stop)."""
    document = open_docx(io.BytesIO(raw))
    style_names = {style.style_id: style.name or "" for style in document.styles}
    blocks: list[str] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.append("\n".join(_table_lines(item)))
        else:
            blocks.append(_paragraph_line(item, style_names))
        after_block()
    props = document.core_properties
    modified = props.modified or props.created
    return DocxText(
        text="\n\n".join(b for b in blocks if b),
        title=(props.title or "").strip(),
        author=(props.author or "").strip(),
        modified=modified.date().isoformat() if modified else "",
    )
