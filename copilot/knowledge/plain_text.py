"""Document text made plain at load time: HTML markup stripped, links limited to safe schemes.

Everything a document says reaches API clients (answers, snippets, titles) as JSON; the panel
escapes it, other consumers may not. So markup never gets past loading: tags, comments and the
content of script/style blocks are removed, and a Markdown link keeps its target only when that
is relative or http, https, mailto or tel (checked case-insensitively, after the character
references and blanks a browser would ignore); otherwise only its label is kept.
"""

from __future__ import annotations

import html
import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_HIDDEN_BLOCK = re.compile(
    r"<(script|style|iframe|object|embed|template|noscript|svg|textarea)\b[^>]*>.*?</\1\s*>",
    re.I | re.S,
)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_LINK = re.compile(r"(!?)\[([^\]\n]*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")


def link_scheme(target: str) -> str:
    """The scheme a browser would see in ``target`` (lower case; "" for a relative link)."""
    cleaned = _IGNORED_IN_URL.sub("", html.unescape(target)).lower()
    match = _SCHEME.match(cleaned)
    return match.group(1) if match else ""


def safe_target(target: str) -> bool:
    """Whether a link target may be kept: relative, or one of SAFE_SCHEMES."""
    scheme = link_scheme(target)
    return not scheme or scheme in SAFE_SCHEMES


def strip_markup(text: str) -> str:
    """``text`` without HTML tags, comments, or the content of script-like blocks."""
    if "<" not in text:
        return text
    text = _HIDDEN_BLOCK.sub("", text)
    text = _COMMENT.sub("", text)
    text = _AUTOLINK.sub(lambda m: m.group(1) if safe_target(m.group(1)) else "", text)
    return _TAG.sub("", text)


def _link(match: re.Match) -> str:
    image, label, target = match.groups()
    destination = target.strip().split(maxsplit=1)[0].strip("<>") if target.strip() else ""
    if image or not destination or not (safe_target(destination) and safe_target(target)):
        return label
    return match.group(0)


def filter_links(text: str) -> str:
    """Markdown links with an unsafe target (and images) reduced to their label."""
    return _LINK.sub(_link, text) if "](" in text else text


def plain(text: str) -> str:
    """Document text as stored: no markup, no unsafe links."""
    return filter_links(strip_markup(text))
