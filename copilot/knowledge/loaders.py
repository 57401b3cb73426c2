"""Load one knowledge file (Markdown, PDF, HTML, text, Word, CSV) into a :class:`Document`.

Every problem with a file becomes a one-line, human-readable reason: :class:`UnsupportedFile`
for types the indexer does not read (listed as skipped), :class:`LoadError` for files that are
broken (listed as failed). Neither ever carries the file's content.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from pathlib import Path, PurePosixPath
from typing import NoReturn

import yaml

from copilot.knowledge.bounds import DocumentLimits, LimitExceeded, LoadError
from copilot.knowledge.html_text import html_to_text
from copilot.knowledge.model import ARCHIVED, CURRENT, Document, Page
from copilot.knowledge.plain_text import plain
from copilot.knowledge.supersession import load_words
from copilot.knowledge.text_layout import as_markdown
from guardrails.document_dates import find_dates, normalise_date
from guardrails.markdown import split_front_matter

__all__ = [
    "SUPPORTED_SUFFIXES",
    "DocumentLimits",
    "LimitExceeded",
    "LoadError",
    "UnsupportedFile",
    "load_document",
]

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = (*MARKDOWN_SUFFIXES, ".pdf", *HTML_SUFFIXES, ".txt", ".docx", ".csv")
ARCHIVE_NAMES = {"archive", "archived"}
_FRONT_MATTER_FIELDS = ("title", "category", "owner", "last_updated")
# a line dating the document: "Effective Jan 6, 2025", "last edited on 18 September 2025", a
# memo's "Date: Aug 12, 2025", a chat's "Exported 10/20/2025"
_DATE_CUE = re.compile(r"\b(?:effective|updated|as of|revised|rev\.?|issued|edited|modified"
                       r"|exported|published|posted|dated)\b|^\W*(?:date|sent)\s*:", re.I)
# a front matter key dating the document when it has no ``last_updated`` ("date", "revised",
# "effective_date"; not "expires" or "next_review")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_FIELD = re.compile(
    r"^(?:date|(?:last[ _-]?)?(?:updated|revised|modified|reviewed)|effective(?:[ _-]?date)?"
    r"|as[ _-]?of|issued|published)$", re.I)
_TEXT_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: faster


class UnsupportedFile(Exception):
    """A file type the indexer does not read; ``str(error)`` says why it was skipped."""


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _decode_text(raw: bytes) -> str:
    """The file as text, or a LoadError for empty, binary or non-UTF-8 content."""
    if not raw.strip():
        _fail("file is empty" if not raw else "file contains only whitespace")
    sample = raw[:8192]
    if b"\x00" in sample:
        _fail("binary content (NUL bytes) in a text file; is this file renamed?")
    if sum(byte in _TEXT_CONTROL for byte in sample) > len(sample) * 0.05:
        _fail("binary content (mostly non-text bytes) in a text file; is this file renamed?")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        _fail(f"invalid UTF-8 at byte {error.start} (save the file as UTF-8)")
    if not text.strip():
        _fail("file contains only whitespace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _fail(reason: str) -> NoReturn:
    raise LoadError(reason)


def _parse_yaml(text: str) -> object:
    """YAML without anchors or aliases: an alias can make a few hundred bytes expand to
    gigabytes, and front matter never needs one."""
    for event in yaml.parse(text, Loader=_YAML_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            _fail("front matter uses a YAML anchor or alias ('&name' / '*name'); write values out")
    return yaml.load(text, Loader=_YAML_LOADER)


def _split_front_matter(text: str, limits: DocumentLimits) -> tuple[dict, str]:
    """YAML front matter as a dict and the body after it; LoadError names the broken line."""
    split = split_front_matter(text)
    if split.yaml is None:
        if text.split("\n", 1)[0].strip() == "---":
            _fail("front matter opened with '---' on line 1 is never closed")
        return {}, text
    front, end = split.yaml, split.body_line - 2  # end: the closing line's index
    limits.check(
        "the front matter", len(front), limits.max_front_matter_chars, "max_front_matter_chars",
        " characters",
    )
    try:
        data = _parse_yaml(front) or {}
    except RecursionError:
        _fail("front matter is nested too deeply")
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        if mark is not None and mark.line >= end - 1:  # found at the end: point where it began
            mark = getattr(error, "context_mark", None) or mark
        where = f" on line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        _fail(f"broken YAML front matter{where}: {problem}")
    if not isinstance(data, dict):
        _fail("front matter is not a set of 'key: value' lines")
    return data, split.body


def _front_fields(front: dict, limits: DocumentLimits) -> dict[str, object]:
    """The known front matter fields, each a single value no longer than the field limit."""
    fields: dict[str, object] = {}
    for key in _FRONT_MATTER_FIELDS:
        value = front.get(key)
        if isinstance(value, (list, dict, set)):
            _fail(f"front matter '{key}' must be a single value, not a list or mapping")
        if value is not None:
            limits.check(
                f"front matter '{key}'", len(str(value)), limits.max_field_chars,
                "max_field_chars", " characters",
            )
        fields[key] = value
    return fields


def _check_text(pages: list[Page], limits: DocumentLimits) -> None:
    text_chars = sum(len(page.text) for page in pages)
    limits.check("the text", text_chars, limits.max_chars, "max_document_chars", " characters")
    paragraphs = sum(
        1 for page in pages for block in _PARAGRAPH_BREAK.split(page.text) if block.strip()
    )
    limits.check("the paragraph count", paragraphs, limits.max_paragraphs,
                 "max_document_paragraphs")


def _status(relative: PurePosixPath, category: str, pages: list[Page]) -> str:
    """Archived when its folder or category is named so, or when its opening lines say so
    ("ARCHIVED - DO NOT USE": ``supersession.yaml``)."""
    folders = {part.lower() for part in relative.parts[:-1]}
    archived = bool(folders & ARCHIVE_NAMES) or category.strip().lower() in ARCHIVE_NAMES \
        or bool(pages) and load_words().says_archived(pages[0].text)
    return ARCHIVED if archived else CURRENT


def _document(
    relative: PurePosixPath,
    raw: bytes,
    pages: list[Page],
    fields: dict[str, object],
    limits: DocumentLimits,
) -> Document:
    """Assemble a Document (plain text only, within the limits), filling category and status
    from the path where not given. A title longer than the field limit is cut."""
    _check_text(pages, limits)
    pages = [Page(text=plain(page.text), number=page.number) for page in pages]
    category = plain(str(fields.get("category") or "")).strip()[: limits.max_field_chars]
    if not category and len(relative.parts) > 1:
        category = relative.parts[0]
    title = " ".join(plain(str(fields.get("title") or "")).split())[: limits.max_field_chars]
    return Document(
        source=relative.as_posix(),
        title=title or relative.stem,
        category=category,
        owner=plain(str(fields.get("owner") or "")).strip()[: limits.max_field_chars],
        last_updated=normalise_date(fields.get("last_updated")),
        content_hash=hashlib.sha256(raw).hexdigest(),
        pages=pages,
        status=_status(relative, category, pages),
    )


def _load_markdown(relative: PurePosixPath, raw: bytes, limits: DocumentLimits) -> Document:
    front, body = _split_front_matter(_decode_text(raw), limits)
    if not body.strip():
        _fail("document has front matter but no text")
    fields = _front_fields(front, limits)
    heading = next((ln[2:].strip() for ln in body.splitlines() if ln.startswith("# ")), "")
    fields["title"] = fields["title"] or heading
    fields["last_updated"] = (fields.get("last_updated") or _front_date(front, limits)
                              or _cued_date(_ends(body), ""))
    return _document(relative, raw, [Page(text=body.strip())], fields, limits)


def _front_date(front: dict, limits: DocumentLimits) -> str:
    """The latest date the front matter gives under a key that dates the document."""
    dates = []
    for key, value in front.items():
        if isinstance(key, str) and _DATE_FIELD.match(key) and value is not None \
                and not isinstance(value, (list, dict, set)):
            limits.check(f"front matter '{key}'", len(str(value)), limits.max_field_chars,
                         "max_field_chars", " characters")
            dates.append(normalise_date(value))
    return max((d for d in dates if _ISO_DATE.fullmatch(d)), default="")


def _load_text(relative: PurePosixPath, raw: bytes, limits: DocumentLimits) -> Document:
    text = _decode_text(raw).strip()
    title = _first_line(text)
    return _document(relative, raw, [Page(text=as_markdown(text))],
                     {"title": title[:120], "last_updated": _cued_date(_ends(text), "")}, limits)


def _load_html(relative: PurePosixPath, raw: bytes, limits: DocumentLimits) -> Document:
    page = html_to_text(_decode_text(raw))
    if not page.text.strip():
        _fail("HTML page has no visible text")
    heading = next((ln[2:] for ln in page.text.splitlines() if ln.startswith("# ")), "")
    fields = {
        "title": page.title or heading,
        "category": page.meta.get("category", ""),
        "owner": page.author,
        "last_updated": page.date or _cued_date(_ends(page.text), ""),
    }
    return _document(relative, raw, [Page(text=page.text)], fields, limits)


def _load_docx(relative: PurePosixPath, raw: bytes, limits: DocumentLimits) -> Document:
    from copilot.knowledge.docx_text import check_docx_archive, docx_to_text

    if not raw.startswith(b"PK\x03\x04"):
        _fail("not a Word document (.docx files are ZIP archives); is this file renamed?")
    try:
        check_docx_archive(raw, limits)
        doc = docx_to_text(raw, limits.deadline().check)
    except LoadError:
        raise
    except Exception as error:  # python-docx raises several types for damaged archives
        _fail(f"damaged Word document ({type(error).__name__})")
    if not doc.text.strip():
        _fail("Word document has no text")
    fields = {
        "title": doc.title or _first_line(doc.text).lstrip("# ")[:120],
        "owner": doc.author,
        "last_updated": _cued_date(_ends(doc.text), "") or doc.modified,
    }
    return _document(relative, raw, [Page(text=doc.text)], fields, limits)


def _load_csv(relative: PurePosixPath, raw: bytes, limits: DocumentLimits) -> Document:
    """A CSV table (a price list, a schedule) as one Markdown table under a title heading."""
    reader = csv.reader(io.StringIO(_decode_text(raw)))
    rows = [row for row in reader if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        _fail("CSV file needs a header row and at least one data row")
    width = max(len(row) for row in rows)
    cells = [[c.strip().replace("|", "/") for c in row] + [""] * (width - len(row)) for row in rows]
    title = relative.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    table = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * width]
    table += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return _document(relative, raw, [Page(text=f"# {title}\n\n" + "\n".join(table))],
                     {"title": title}, limits)


def _ends(text: str) -> str:
    """Where a document says when it was written: its opening, and its footer ("This page was
    last edited on …")."""
    return text if len(text) <= 3000 else f"{text[:2000]}\n{text[-1000:]}"


def _cued_date(first_page: str, info_date: str) -> str:
    """The latest date on a line saying 'effective', 'updated', 'as of', 'rev.'… (``_DATE_CUE``)
    of a document's opening or footer (any document whose own fields give no date; a PDF's
    first page, a Word document before its metadata), else the file's own modification date."""
    cued = [
        mention.value
        for line in first_page.splitlines()
        if _DATE_CUE.search(line)
        for mention in find_dates(line)
    ]
    if cued:
        return max(cued).isoformat()
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})", info_date or "")
    return "-".join(match.groups()) if match else ""


def _load_pdf(relative: PurePosixPath, raw: bytes, limits: DocumentLimits) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from copilot.knowledge.pdf_text import pdf_pages_markdown, pdf_title

    if not raw.strip():
        _fail("file is empty")
    if raw.lstrip()[:5] != b"%PDF-":
        _fail("not a PDF (no %PDF- header); is this file renamed?")
    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            _fail("encrypted PDF: it needs a password to open; save an unprotected copy")
        text = pdf_pages_markdown(list(reader.pages), limits.deadline().check)
        info = reader.metadata or {}
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        detail = " ".join(str(error).split())[:120] or type(error).__name__
        _fail(f"corrupt or truncated PDF ({detail})")
    except Exception as error:  # pypdf raises many internal types on damaged files
        _fail(f"corrupt or truncated PDF ({type(error).__name__})")
    pages = [Page(text=t, number=n) for n, t in enumerate(text.pages, start=1) if t.strip()]
    if not pages:
        _fail(f"PDF has no extractable text in {len(text.pages)} page(s) (scanned images need OCR)")
    fields = {
        "title": pdf_title(str(info.get("/Title") or ""), pages[0].text, relative.name),
        "owner": str(info.get("/Author") or "").strip(),
        "last_updated": _cued_date(text.layout[0], str(info.get("/ModDate") or "")),
    }
    return _document(relative, raw, pages, fields, limits)


_LOADERS = {
    **dict.fromkeys(MARKDOWN_SUFFIXES, _load_markdown),
    **dict.fromkeys(HTML_SUFFIXES, _load_html),
    ".pdf": _load_pdf,
    ".txt": _load_text,
    ".docx": _load_docx,
    ".csv": _load_csv,
}


def load_document(
    path: Path, root: Path, max_bytes: int, limits: DocumentLimits | None = None
) -> Document:
    """Read ``path`` (inside ``root``) into a Document.

    Raises UnsupportedFile for file types not in SUPPORTED_SUFFIXES and LoadError for files that
    are empty, binary, not UTF-8, have broken front matter, are damaged/encrypted/image-only PDFs,
    or are larger than ``max_bytes``; LimitExceeded (a LoadError) for one over ``limits``.
    """
    relative = PurePosixPath(path.resolve().relative_to(root.resolve()).as_posix())
    suffix = path.suffix.lower()
    if suffix not in _LOADERS:
        kind = f"'{suffix}'" if suffix else "without an extension"
        supported = ", ".join(SUPPORTED_SUFFIXES)
        raise UnsupportedFile(f"unsupported file type {kind} (supported: {supported})")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            _fail(f"file is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit")
        raw = path.read_bytes()
    except OSError as error:
        _fail(f"cannot read file: {error.strerror or type(error).__name__}")
    deadline = (limits := limits or DocumentLimits()).deadline()
    document = _LOADERS[suffix](relative, raw, limits)
    deadline.check()
    return document
