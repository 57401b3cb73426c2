"""Turn an HTML page into Markdown-like text (``#`` headings, ``|`` table rows, ``-`` list items).

Only the standard library's ``html.parser``: scripts, styles, navigation and other page chrome are
dropped; links keep their target only for safe schemes (see ``plain_text``); the ``<title>``
and ``<meta name="last_updated" | "date" | "author">`` values are kept for the metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from copilot.knowledge.plain_text import safe_target

_DROPPED = {"script", "style", "nav", "noscript", "template", "svg", "iframe", "object", "button"}
_BLOCKS = {
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre",
    "ul", "ol", "dl", "dt", "dd", "figure", "figcaption", "form", "fieldset", "address", "hr",
}  # fmt: skip
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_DATE_META = ("last_updated", "last-updated", "date", "dc.date", "article:modified_time")


@dataclass
class HtmlText:
    """What an HTML page says: its Markdown-like text and the metadata found in its head."""

    text: str
    title: str = ""
    date: str = ""
    author: str = ""
    meta: dict[str, str] = field(default_factory=dict)


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, text)
        self.buffer: list[str] = []
        self.dropped_depth = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}
        self.heading = 0
        self.lists: list[str] = []  # "ul" | "ol" stack
        self.list_item = False
        self.quote_depth = 0
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None
        self.links: list[tuple[str, int]] = []

    # -- helpers -------------------------------------------------------------------------------
    def _flush(self) -> None:
        text = " ".join("".join(self.buffer).split())
        self.buffer.clear()
        if not text or text in {"**", "****"}:
            return
        if self.heading:
            self.blocks.append(("heading", "#" * self.heading + " " + text))
        elif self.list_item:
            marker = "1." if self.lists and self.lists[-1] == "ol" else "-"
            indent = "  " * max(len(self.lists) - 1, 0)
            self.blocks.append(("item", f"{indent}{marker} {text}"))
        elif self.quote_depth:
            self.blocks.append(("quote", "> " + text))
        else:
            self.blocks.append(("para", text))

    def _target(self) -> list[str]:
        return self.cell if self.cell is not None else self.buffer

    # -- parser callbacks ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropped_depth or tag in _DROPPED:
            self.dropped_depth += tag in _DROPPED
            return
        attributes = {name: value or "" for name, value in attrs}
        if tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = (attributes.get("name") or attributes.get("property") or "").lower()
            if key and "content" in attributes:
                self.meta[key] = attributes["content"].strip()
        elif self.cell is not None and (tag in _BLOCKS or tag in _HEADINGS or tag in {"li", "br"}):
            self.cell.append(" ")
        elif tag in _HEADINGS:
            self._flush()
            self.heading = _HEADINGS[tag]
        elif tag in {"ul", "ol"}:
            self._flush()
            self.lists.append(tag)
        elif tag == "li":
            self._flush()
            self.list_item = True
        elif tag == "blockquote":
            self._flush()
            self.quote_depth += 1
        elif tag in _BLOCKS:
            self._flush()
        elif tag == "br":
            self.buffer.append(" ")
        elif tag == "table":
            self._flush()
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in {"td", "th"} and self.tables:
            self.cell = []
        elif tag == "a":
            self.links.append((attributes.get("href", ""), len(self._target())))
        elif tag in {"strong", "b"}:
            self._target().append("**")

    def handle_endtag(self, tag: str) -> None:
        if self.dropped_depth:
            self.dropped_depth -= tag in _DROPPED
            return
        if tag == "title":
            self.in_title = False
        elif tag in {"td", "th"} and self.cell is not None and self.tables:
            if not self.tables[-1]:
                self.tables[-1].append([])
            text = " ".join("".join(self.cell).split()).replace("|", "/")
            self.tables[-1][-1].append(text)
            self.cell = None
        elif tag == "table" and self.tables:
            self._emit_table(self.tables.pop())
        elif self.cell is not None:
            if tag == "a":
                self._close_link(self.cell)
            elif tag in {"strong", "b"}:
                self.cell.append("**")
        elif tag in _HEADINGS:
            self._flush()
            self.heading = 0
        elif tag in {"ul", "ol"}:
            self._flush()
            self.list_item = False
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            self._flush()
            self.list_item = False
        elif tag == "blockquote":
            self._flush()
            self.quote_depth = max(self.quote_depth - 1, 0)
        elif tag in _BLOCKS:
            self._flush()
        elif tag == "a":
            self._close_link(self.buffer)
        elif tag in {"strong", "b"}:
            self.buffer.append("**")

    def handle_data(self, data: str) -> None:
        if self.dropped_depth:
            return
        if self.in_title:
            self.title += data
        else:
            self._target().append(data)

    # -- structures ----------------------------------------------------------------------------
    def _close_link(self, target: list[str]) -> None:
        if not self.links:
            return
        href, start = self.links.pop()
        label = " ".join("".join(target[start:]).split())
        if label and href.strip() and not href.strip().startswith("#") and safe_target(href):
            target[start:] = [f"[{label}]({href})"]

    def _emit_table(self, rows: list[list[str]]) -> None:
        rows = [row for row in rows if any(cell for cell in row)]
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
        self.blocks.append(("table", "\n".join(lines)))


def html_to_text(html: str) -> HtmlText:
    """Convert an HTML document; the text keeps headings, lists, quotes and tables as Markdown."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    converter._flush()
    parts: list[str] = []
    previous = ""
    for kind, text in converter.blocks:
        joiner = "\n" if parts and kind == previous and kind in {"item", "quote"} else "\n\n"
        parts.append((joiner if parts else "") + text)
        previous = kind
    meta = converter.meta
    date = next((meta[key] for key in _DATE_META if meta.get(key)), "")
    return HtmlText(
        text="".join(parts),
        title=" ".join(converter.title.split()),
        date=date,
        author=meta.get("author", ""),
        meta=meta,
    )
