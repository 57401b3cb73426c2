"""Pure text helpers for retrieval and drafting: tokens, sentences and read-aloud statements."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import Stemmer

from copilot.knowledge.model import Chunk
from copilot.knowledge.reading import (
    arrowed_change,
    dialogue_turn,
    for_staff,
    index_column,
    internal_column,
    named_counts,
    prohibited_heading,
    prohibited_statement,
    prose_change,
    replaced_column,
    staff_heading,
)
from guardrails.markdown import PROSE_KINDS, Block, walk
from guardrails.text import ABBREVIATIONS, CALENDAR_WORDS, alternation, normalize

STOPWORDS = frozenset(
    """
    a an the and or but if of to in on at by for with from as is are was were be been being it
    its this that these those there here do does did can could should would will shall may
    might must i you he she we they me him her us them my your his our their what which who
    whom whose when where why how about into over under again further then once all any both
    each few more most other some such no nor not only own same so than too very just also up
    down out off am pm s t
    """.split()  # noqa: SIM905
)
# "no" and "not" matter to the policy checks, not to ranking: they are stopwords here.

MIN_SHORTHAND = 4  # letters: the least a shorthand has ("auth"; "flu" is no "fluent")
MAX_INITIALS = 5  # letters: the longest initialism read as the initials of a statement's words
_TOKEN = re.compile(r"\$?\d+(?:[.,:]\d+)*|[a-z][a-z0-9'-]*", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_ADMONITION = re.compile(r'^\s*!!!\s*\w+\s*(?:"([^"]*)")?')  # MkDocs: !!! warning "Title"
_ABBREVIATION = re.compile(rf"\b({alternation(ABBREVIATIONS)})\.", re.IGNORECASE)
_CITATIONS = re.compile(r"((?:\s*\[\d{1,2}\])+)")  # the markers ending a statement
_ROW_NUMBER = re.compile(r"#?\d{1,3}\.?")  # a cell that only numbers its row
_REDACTION_MARK = re.compile(r"\[[A-Z_]+\]|\(age \d+\)")  # what the redactor puts for PHI
WORD_OF_THREE = re.compile(r"[^\W\d_]{3,}")  # a word of three letters or more
_INSIDE = re.compile(r"[a-z,]\s+$")  # what comes before a word inside a sentence
_TITLE = re.compile(r"\b[A-Z][a-z]{0,2}\.\s+$")  # ... or a title ("Dr. ", "Ms. ")
_LEAD_WORDS = 8  # a lead-in is a short label, not a sentence that ends in a colon
# arrows, ballot boxes, ticks and geometric marks in front of a checklist line
_LEADING_SYMBOLS = re.compile(
    r"^[\u2190-\u21ff\u2610-\u2612\u2713-\u2718\u25a0-\u25ff\u2794-\u27bf\s]+")
_CLOCK = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)  # "9:00 a.m."
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?:\s*\[\d+\])*(?=\s+[\"“(]?[A-Z0-9$])")


_STEMMER = Stemmer.Stemmer("english")


def stem(token: str) -> str:
    """Snowball stem: consultations, consult -> consult; cancellation, cancel -> cancel."""
    return _STEMMER.stemWord(token)


def tokenize(text: str) -> list[str]:
    """Lower-case content tokens with light stemming; "$99" and "99" both become "99"."""
    tokens = []
    for raw in _TOKEN.findall(text.lower()):
        token = raw.lstrip("$").replace(",", "").removesuffix("'s").strip("'-")
        parts = token.split("-") if "-" in token else []  # "NP-VIRTUAL-PROMO-99": each part too
        for word in (token, *parts):
            if word and word not in STOPWORDS:
                stemmed = stem(word)
                if stemmed not in STOPWORDS:  # "whats" -> "what"
                    tokens.append(stemmed)
    return tokens


def plain(text: str) -> str:
    """Markdown to plain speech: links to their text, no emphasis or bullets, spaces folded."""
    text = _ADMONITION.sub(lambda m: f"{m.group(1)}." if m.group(1) else "", text)
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub("", text)
    text = _BULLET.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def cited_statements(text: str) -> list[tuple[str, str]]:
    """A draft's statements, each with the citation markers that end it (``" [2]"``); a last
    piece with no marker comes with ``""``."""
    pieces = _CITATIONS.split(text)
    return [(words, marks) for words, marks in zip(pieces[::2], [*pieces[1::2], ""], strict=True)
            if (words + marks).strip()]


def split_sentences(text: str, quotations: bool = False) -> list[str]:
    """Split prose into sentences without breaking "Dr. Bell", "e.g.", "$3,550.00" or a
    parenthesis, nor, with ``quotations``, a quotation (what a statement to read out is); a
    citation marker ("... block. [2]") stays with its sentence."""
    protected = _ABBREVIATION.sub("\\1\u2024", text)
    sentences, start = [], 0
    for boundary in _SENTENCE_END.finditer(protected):
        piece = protected[start : boundary.end()]
        if piece.count("(") > piece.count(")") or (quotations and _open_quote(piece)):
            continue  # inside a parenthesis ("(Rev. 09/2025)") or a quotation
        following = protected[boundary.end():].split(maxsplit=1)
        if _CLOCK.search(piece) and following and \
                following[0].strip(",.").lower() in CALENDAR_WORDS:
            continue  # a time and its day: "a 9:00 a.m. Thursday visit"
        sentences.append(piece)
        start = boundary.end()
    sentences.append(protected[start:])
    return [p.replace("\u2024", ".").strip() for p in sentences if p.strip()]


def _open_quote(text: str) -> bool:
    """A quotation opens in ``text`` and does not close there (straight or curly marks)."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


@dataclass(frozen=True)
class Statement:
    """One thing a chunk says, read-aloud ready; ``heading`` is the nearest heading above."""

    text: str
    heading: str
    is_quote: bool = False  # an approved script line ("> ...")
    opens_section: bool = False  # the first statement under its heading
    # under a section marked for staff alone, a level or more above ``heading`` ("Internal
    # only — do not give to callers > Managers")
    staff_section: bool = False
    # A change table's row: its label ("Dry needling add-on") and what its "Old" / "Before"
    # columns held, values this row replaced wherever other documents still give them.
    label: str = ""
    replaced: str = ""
    # the lead-in paragraph above it in its section ("**Media or press:**" over the script
    # line for the press): like its heading, what it is about when its own words do not say
    lead: str = ""
    # a later sentence of the paragraph the statement before it is in: what that one goes on
    # to say ("Late arrivals lose the slot. Offer the next opening the same week.")
    continues: bool = False
    # the items of the list right after its paragraph, when it announces that list: it names
    # how many there are ("verify three identifiers."), or ends the paragraph with a colon
    items: tuple[str, ...] = ()


def staff_only(statement: Statement, chunk: Chunk) -> bool:
    """Whether ``statement`` of ``chunk`` is written for staff, never for the caller."""
    heading = statement.heading or chunk.section
    return statement.staff_section or \
        for_staff(statement.text, heading, chunk.category, statement.opens_section)


def read_as_stated(statement: Statement, chunk: Chunk) -> bool:
    """Whether ``statement`` of ``chunk`` may be read out in the document's own wording: written
    for the caller, not a line of a "Don't" section, not guidance on wording never to say."""
    return not (staff_only(statement, chunk) or prohibited_heading(statement.heading)
                or prohibited_statement(statement.text))


def statements(chunk_text: str) -> list[Statement]:
    """Break a Markdown-like chunk into statements: sentences, list items, quoted scripts and table
    rows rewritten as "Row: Column value; Column value"."""
    found: list[Statement] = []
    heading = lead = intro = ""
    opening = False  # the next statement is the first under ``heading``
    staff = False  # a heading above ``heading`` marks its section for staff alone
    listing = _Listing()
    for block in walk(chunk_text):
        if block.kind not in ("list_item", "blank"):
            listing.close(found)  # the list, if any, has ended
        if block.kind == "heading":
            heading, opening, lead, intro = plain(block.path[-1].title), True, "", ""
            staff = any(staff_heading(plain(h.title)) for h in block.path[:-1])
            listing.title = Statement(heading, heading, opens_section=True, staff_section=staff)
            continue
        block_statements = _block_statements(block, heading)
        # a list's items are about what the paragraph right above the list says ("verify
        # three identifiers." over "Full legal name", "Date of birth")
        about = lead or intro if block.kind == "list_item" else lead
        start = len(found)
        for at, (text, is_quote) in enumerate(block_statements):
            if len(text) > 2:
                text, change = _changed(text, block)
                found.append(Statement(text, heading, is_quote, opens_section=opening,
                                       staff_section=staff, lead=about, continues=at > 0,
                                       **change))
                opening = False
        if block.kind == "paragraph":
            listing.above = list(range(start, len(found)))
        elif block.kind == "list_item":
            listing.add(block, found, start)
        if block.kind == "paragraph" and len(block_statements) == 1:
            lead = _lead_in(block_statements[0][0]) or lead
        if block.kind == "paragraph":
            intro = " ".join(text for text, _ in block_statements)
        elif block.kind not in ("list_item", "blank"):
            intro = ""
    listing.close(found)
    return found


@dataclass
class _Listing:
    """A list being read and what right above it may announce it: the statements of a
    paragraph (their places in the statements found) or a heading."""

    above: list[int] = field(default_factory=list)
    title: Statement | None = None
    items: list[tuple[str, int]] = field(default_factory=list)  # texts, with their indent
    start: int = 0  # where its first item is

    def add(self, block: Block, found: list[Statement], start: int) -> None:
        """Take the list item ``block``, whose statements begin at ``found[start]``."""
        if (self.above or self.title) and len(found) > start:
            if not self.items:
                self.start = start
            indent = len(block.lines[0]) - len(block.lines[0].lstrip())
            self.items.append((" ".join(s.text for s in found[start:]), indent))

    def close(self, found: list[Statement]) -> None:
        """Give what announces the list its items, in ``found`` (a paragraph's statement naming
        how many items its top level holds, or its last when it ends in a colon; a heading
        naming that count, as a statement of its own before the items), and start afresh."""
        if self.items:
            top = min(indent for _, indent in self.items)
            count = sum(indent == top for _, indent in self.items)
            items = tuple(text for text, _ in self.items)
            for at in self.above:
                text = found[at].text
                if count in named_counts(text) or (at == self.above[-1] and text.endswith(":")):
                    found[at] = dataclasses.replace(found[at], items=items)
            if self.title is not None and count in named_counts(self.title.text):
                found.insert(self.start, dataclasses.replace(self.title, items=items))
        self.above, self.title, self.items = [], None, []


def _lead_in(text: str) -> str:
    """A paragraph that only introduces what follows ("Media or press:"), without its colon;
    "" for any other."""
    words = text.split()
    return text.rstrip(":").strip() if text.endswith(":") and len(words) <= _LEAD_WORDS else ""


def _block_statements(block: Block, heading: str) -> list[tuple[str, bool]]:
    """A block's statements, each with whether it is a quoted script line."""
    if block.kind == "table_row":
        at = _label_at(block)
        row = _row_sentence([plain(c) for c in block.header[at:]],
                            [plain(c) for c in block.cells[at:]])
        return [(f"{heading}: {row}" if heading else row, False)]
    if block.kind == "quote":
        quote = plain(block.content.strip())
        return [(quote, True)] if quote else []
    if block.kind in PROSE_KINDS:
        return [(s, False) for part in _turns(block)
                for s in split_sentences(plain(part), quotations=True)]
    return []


def _turns(block: Block) -> list[str]:
    """A prose block's text as it is read: whole, or for a paragraph written as a dialogue (its
    lines open with both sides' turns, ``dialogue_turn``) each turn apart: the agent's without
    its label, a stage direction without its brackets, the caller's not at all."""
    lines = [line.strip() for line in block.lines]
    turns = [dialogue_turn(plain(line)) for line in lines]  # ("**Agent:** …" is a turn too)
    if block.kind != "paragraph" or len({t[0] for t in turns if t}) < 2:
        return [" ".join(lines)]
    parts: list[list[str]] = []
    for line, turn in zip(lines, turns, strict=True):
        if turn or line.startswith("[") or not parts:
            parts.append([] if turn and turn[0] == "caller" else [turn[1] if turn else line])
        elif parts[-1]:
            parts[-1].append(line)
    said = (" ".join(part) for part in parts if part)
    return [text[1:-1] if text.startswith("[") and text.endswith("]") else text for text in said]


def _changed(text: str, block: Block) -> tuple[str, dict[str, str]]:
    """The statement ``text`` of ``block`` as it is read, and the label and the values it
    replaced when it is a change: a change table's row, a line giving a value an arrow
    replaces ("Embryo storage: $600 -> $725" is read "Embryo storage: $725"), or a sentence
    saying the value it replaced ("the fee is $175, not $125 anymore" is read "the fee is
    $175")."""
    if block.kind not in PROSE_KINDS:
        return text, _change(block)
    if (arrowed := arrowed_change(text)) is not None:
        label, old, new = arrowed
        return f"{label}: {new}", {"label": label, "replaced": old}
    if (changed := prose_change(text)) is not None:
        said, label, old = changed
        return said, {"label": label, "replaced": old}
    return text, {}


def _change(block: Block) -> dict[str, str]:
    """A table row's label and replaced values, when its table is a change table (a column
    headed "Old", "Before"…); nothing for any other block."""
    if block.kind != "table_row" or not block.cells:
        return {}
    at = _label_at(block)
    old = [plain(cell) for index, cell in enumerate(block.cells)
           if index > at and replaced_column(block.column(index))
           and cell.strip() not in {"", "—", "-"}]
    return {"label": plain(block.cells[at]), "replaced": "; ".join(old)} if old else {}


def _label_at(block: Block) -> int:
    """The column labelling a table row: the first, or the next when the first only numbers
    the rows ("# | Item | Was | Now": "3 | CPAP setup visit | …" is about the CPAP setup)."""
    numbered = len(block.cells) > 2 and _ROW_NUMBER.fullmatch(plain(block.cells[0]))
    return 1 if numbered and index_column(block.column(0)) else 0


def _row_sentence(header: list[str], cells: list[str]) -> str:
    label = cells[0] if cells else ""
    parts = []
    for name, value in zip(header[1:], cells[1:], strict=False):
        if value and value not in {"—", "-"} and not replaced_column(name) \
                and not internal_column(name):
            parts.append(f"{name}: {value}" if name else value)
    if not parts:
        return label
    return f"{label} — " + "; ".join(parts) if label else "; ".join(parts)


def read_aloud(text: str) -> str:
    """A statement as a sentence: capitalised, ending in a full stop (list fragments too), with
    no box, tick or arrow in front ("☐ In-office visit: …" is read "In-office visit: …")."""
    text = _LEADING_SYMBOLS.sub("", text.strip()).rstrip(";,")
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ":", '"', "”")) else text + "."


def unmarked(text: str) -> str:
    """``text`` without the redaction's marks ("[NAME]", "(age 43)"): they say nothing of what
    is asked, to search for or to read by meaning."""
    return _REDACTION_MARK.sub(" ", text).strip()


def meaning_text(text: str) -> str:
    """What is embedded for a statement's meaning: the claims check's normalised form, so a
    drafted statement meets the vector its drafter (or its snapshot) already has."""
    return normalize(text).text


def with_previous(found: Sequence[Statement]) -> list[tuple[str, Statement]]:
    """Each statement with the text of the one before it ("" for the first)."""
    return [(found[i - 1].text if i else "", s) for i, s in enumerate(found)]


def near(order: tuple[str, ...], these: list[str], those: list[str], window: int) -> bool:
    """Whether a token of ``these`` and one of ``those`` stand within ``window`` tokens of each
    other in ``order``."""
    at = [i for i, t in enumerate(order) if t in these]
    return any(abs(i - j) <= window for j, t in enumerate(order) if t in those for i in at)


def proper_names(texts: Iterable[str]) -> dict[str, frozenset[str]]:
    """The words ``texts`` write only capitalised (never in lower case nor all in capitals),
    at least once inside a sentence or after a title: names of people, companies and places,
    as ``proper_names``; those after a title as ``titled_names``."""
    lower, inside, titled = set(), set(), set()
    for text in texts:
        for line in text.splitlines():
            for match in WORD_OF_THREE.finditer(line):
                word = match.group()
                if word.isupper():
                    continue
                if not word[0].isupper():
                    lower.add(word.lower())
                elif _TITLE.search(line[: match.start()]):
                    titled.add(word.lower())
                elif _INSIDE.search(line[: match.start()]):
                    inside.add(word.lower())
    return {"proper_names": frozenset((inside | titled) - lower),
            "titled_names": frozenset(titled - lower)}


def _names(have: frozenset[str], letters: str, tokens: list[str], word: str) -> bool:
    """Whether a statement's (or a passage's) tokens ``have`` name an asked word: by its tokens
    or words they begin (a shorthand, "promo": promotional), or as the initials of a run of its
    words (``letters``, its words' initials; "ORP": ovarian reserve panel)."""
    return all(t in have or (len(t) >= MIN_SHORTHAND and any(h.startswith(t) for h in have))
               for t in tokens) or (2 <= len(word) <= MAX_INITIALS and word in letters)


def all_named(words: list[str], statements_: Iterable[tuple[frozenset[str], str]]) -> bool:
    """Whether one of ``statements_`` (tokens, word initials) names every one of ``words``."""
    asked = [(tokenize(w), w.lower()) for w in words]
    return any(all(_names(have, letters, tokens, word) for tokens, word in asked)
               for have, letters in statements_)


def initials(text: str) -> str:
    """The first letters of ``text``'s words, lower case ("ORP": ovarian reserve panel)."""
    return "".join(w[0] for w in WORD_OF_THREE.findall(text)).lower()
