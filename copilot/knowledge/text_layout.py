"""Plain-text files as the Markdown reader reads them: their lines kept apart.

A plain-text document is laid out in lines, not paragraphs: a line in capitals is a heading
("INTERNAL EXTENSIONS", "STEP 2 - PRESENT THE OFFER"), and each line ends what it says ("2100
PAC general queue", "Parking: metered street parking") unless it is prose wrapped at the file's
width. A line runs on into the next when the next opens in lower case, when it hangs indented
under a line that closes no sentence, or when the next one's first word would not have fitted on
it (it was wrapped at the width) — never a line laid out in columns ("2100  PAC queue") or a
field ("FAX: (802) 555-0145") before another field. A line of rule characters ("-----")
separates, and one with a rule under each column ("-------   ----") makes the lines above and
below it a table; dot leaders ("Nurse line ...... (555) 0147") read as a dash; indentation is
dropped once read (the Markdown reader would take a deep indent for code), and the lines of one
sentence are joined into one (a wrapped list item stays one item: "- Notes are in the" /
"Portal, free"). An e-mail's quote marks ("> " before the lines of a forwarded message) are
dropped: what they quote is read as written (in Markdown, "> " marks a script line). So are a
chat export's stamps ("[10/2/2025 8:14 AM] Dana Reyes: ") before each message: a message is read
on its own line, by what it says.
"""

from __future__ import annotations

import re

FULL_LINE_QUANTILE = 0.9  # which line length is the file's width (an outlier is none)
MAX_HEADING_WORDS = 14
_LEADER = re.compile(r"(?:\s+\.{3,}|\.{4,})\s*")
_RULE = re.compile(r"[-=_*~#+]{3,}")
_CLOSED = re.compile(r"[.!?:;][\"'”’)\]]*$")  # closes a sentence, or opens what follows
_LABELLED = re.compile(r":\s*\S")  # "FAX (general): (802) 555-0145" is a value, no heading
_ASIDE = re.compile(r"\([^)]*\)")
_BULLET = re.compile(r"[-*•]\s")
_COLUMNS = re.compile(r"\S {2,}\S")
_COLUMN_RULE = re.compile(r"-{3,}(?: +-{3,})+")  # one rule of dashes under each column
_CELL_GAP = re.compile(r" {2,}")
_QUOTED = re.compile(r"^\s*(?:>[ \t]?)+")  # an e-mail's quote marks ("> ", ">> ")
# a chat message's stamp: its time in brackets and who wrote it ("[10/2/2025 8:14 AM] Dana Reyes: ")
_CHAT_STAMP = re.compile(r"^\s*\[(?=[^\]]*\d:\d\d)[^\]\n]{4,40}\]\s*[^:\[\]\n]{1,60}:\s+")


def as_markdown(text: str) -> str:
    """``text`` (a plain-text file) with a blank line after every line that ends what it says,
    the lines that run on joined to it, its headings in capitals marked as headings, and no
    indentation."""
    raw = text.splitlines()
    messages = {i for i, line in enumerate(raw) if _CHAT_STAMP.match(line)}
    lines = [_LEADER.sub(" — ", _CHAT_STAMP.sub("", _QUOTED.sub("", line)).rstrip())
             for line in raw]
    width = _full_width(lines)
    tables = {i: table for i in range(len(lines)) if (table := _table(lines, i))}
    out: list[str] = []
    running = False  # the previous line runs on into this one
    after_table = 0
    for index, line in enumerate(lines):
        stripped = line.strip()
        if index < after_table:
            continue
        if not running and index in tables:
            rows, after_table = tables[index]
            out += ["", *rows, ""]
            continue
        if running:
            out[-1] = f"{out[-1]} {stripped}"
        elif not stripped or _RULE.fullmatch(stripped):
            out.append("")
            continue
        elif _is_heading(stripped):
            out += ["", f"## {stripped}", ""]
            continue
        else:
            out.append(stripped)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        running = bool(following.strip()) and index + 1 not in tables \
            and index + 1 not in messages and _runs_on(line, following, width)
        if not running:
            out.append("")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()


def _table(lines: list[str], index: int) -> tuple[list[str], int] | None:
    """The table laid out in columns whose header is line ``index`` (a rule of dashes under
    each column follows it), as Markdown rows, and the index of the line after its last row;
    None when no such rule follows. A row's cells are its parts between runs of two spaces or
    more when it has one per column, else what lies under each column's rule."""
    rule = lines[index + 1] if index + 1 < len(lines) else ""
    spans = [m.start() for m in re.finditer(r"-{3,}", rule)]
    if not _COLUMN_RULE.fullmatch(rule.strip()) or not _COLUMNS.search(lines[index]):
        return None
    end = index + 2
    while end < len(lines) and lines[end].strip() and _COLUMNS.search(lines[end]):
        end += 1
    if end == index + 2:
        return None

    def cells(line: str) -> list[str]:
        parts = _CELL_GAP.split(line.strip())
        if len(parts) == len(spans):
            return parts
        bounds = [*spans[1:], len(line)]
        return [line[a:b].strip() for a, b in zip(spans, bounds, strict=True)]

    rows = [cells(line) for line in [lines[index], *lines[index + 2:end]]]
    markdown = ["| " + " | ".join(row) + " |" for row in rows]
    return [markdown[0], "|" + "---|" * len(spans), *markdown[1:]], end


def _full_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line.strip())
    return lengths[int(FULL_LINE_QUANTILE * (len(lengths) - 1))] if lengths else 0


def _is_heading(line: str) -> bool:
    """A short line in capitals that labels no value and is no list item."""
    letters = _ASIDE.sub("", line)  # "IVR MENU (what callers hear)"
    return (any(c.isalpha() for c in letters) and not any(c.islower() for c in letters)
            and len(line.split()) <= MAX_HEADING_WORDS and not _LABELLED.search(line)
            and not line.endswith((".", ",", ";")) and not _BULLET.match(line))


def _runs_on(line: str, following: str, width: int) -> bool:
    """Whether ``following`` continues the sentence ``line`` leaves open."""
    text, after = line.strip(), following.strip()
    if after[0].islower():
        return True
    if _CLOSED.search(text) or _BULLET.match(after) or _is_heading(after) \
            or _RULE.fullmatch(after):
        return False
    if _indent(following) > _indent(line):
        return True  # hangs under it
    if _COLUMNS.search(text) or (_LABELLED.search(text) and _LABELLED.search(after)):
        return False
    return len(line) + 1 + len(after.split()[0]) > width  # wrapped: the word did not fit


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())
