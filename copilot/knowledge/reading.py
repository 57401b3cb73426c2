"""What the clinic's documents mark as NOT to say or do: one vocabulary, one matcher.

The cues live in ``copilot/data/reading.yaml`` (regular expressions): headings like "Don't",
table columns like "Never say" or "Incorrect", words like "never" in front of a quotation, and
statements such as 'Prohibited phrasing: ...'. The answer drafter, the approved-script check and
the consistency lint all read documents through these functions. The same file says which
documents hold approved script lines and how the documents name whom to ask (the escalation
contact).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guardrails.data import StrictModel, load_model
from guardrails.markdown import Block

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "reading.yaml"
_FIGURE = re.compile(r"\d")
_COUNT = re.compile(r"(?<![\d.,$])\b(\d{1,2}|[a-z]+)(?=\s+[a-z])")  # a word or number before a word


@dataclass(frozen=True)
class Cues:
    prohibited_headings: tuple[re.Pattern[str], ...]
    prohibited_statements: tuple[re.Pattern[str], ...]
    prohibited_columns: tuple[re.Pattern[str], ...]
    allowed_columns: tuple[re.Pattern[str], ...]
    replaced_columns: tuple[re.Pattern[str], ...]
    replaced_statements: tuple[re.Pattern[str], ...]
    staff_only: tuple[re.Pattern[str], ...]
    internal_columns: tuple[re.Pattern[str], ...]
    index_columns: tuple[re.Pattern[str], ...]
    prohibition_cues: tuple[re.Pattern[str], ...]
    caller_cues: tuple[re.Pattern[str], ...]
    staff_headings: tuple[re.Pattern[str], ...]
    staff_statements: tuple[re.Pattern[str], ...]
    script_purpose_headings: tuple[re.Pattern[str], ...]


class EscalationCue(StrictModel):
    """How the documents name whom to ask: ``pattern`` has the groups ``role`` and ``phone``;
    ``wording`` is how the copilot says it (``{role}``, ``{phone}``)."""

    pattern: str
    wording: str


class ReadingCues(StrictModel):
    """``data/reading.yaml``: one list of regexes per kind of cue (see ``Cues``), the lead put
    before a line of a "Don't" section, the script categories and the escalation contact."""

    prohibited_headings: list[str]
    prohibited_statements: list[str]
    prohibited_columns: list[str]
    allowed_columns: list[str]
    replaced_columns: list[str]
    replaced_statements: list[str]
    staff_only: list[str]
    internal_columns: list[str]
    index_columns: list[str]
    prohibition_cues: list[str]
    caller_cues: list[str]
    staff_headings: list[str]
    staff_statements: list[str]
    script_purpose_headings: list[str]
    prohibited_lead: str
    list_counts: dict[str, int]
    change_arrows: list[str]
    prose_changes: list[str]
    dialogue_turns: dict[str, list[str]]
    script_categories: list[str]
    escalation: EscalationCue


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def reading() -> ReadingCues:
    """``data/reading.yaml`` as written (read once)."""
    return load_model(CUES_FILE, ReadingCues)


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue lists from ``data/reading.yaml``, compiled (once)."""
    data = reading()
    return Cues(**{key: _compile(getattr(data, key)) for key in Cues.__dataclass_fields__})


@lru_cache(maxsize=1)
def _escalation() -> re.Pattern[str]:
    return re.compile(reading().escalation.pattern)


def clean(text: str) -> str:
    """``text`` without emphasis and code marks."""
    return re.sub(r"[*_`]", "", text).strip()


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    text = clean(text)
    return any(p.search(text) for p in patterns)


def prohibited_heading(heading: str) -> bool:
    """Whether a heading (or the last part of an "A > B" heading path) is over things not to
    say or do ("Don't", "Never say", "Prohibited")."""
    return _any(cues().prohibited_headings, heading.rsplit(">", 1)[-1])


def in_prohibited_section(block: Block) -> bool:
    """Whether the block sits under a "Don't" / "Never" heading."""
    return any(prohibited_heading(h) for h in block.headings)


def prohibited_statement(statement: str) -> bool:
    """Whether a statement is guidance about what not to say (reading it out would say it)."""
    return _any(cues().prohibited_statements, statement)


def prohibited_column(header: str) -> bool:
    """Whether a table column holds forbidden phrasing or counter-examples."""
    return _any(cues().prohibited_columns, header)


def allowed_column(header: str) -> bool:
    """Whether a table column lists what is allowed."""
    return _any(cues().allowed_columns, header) and not prohibited_column(header)


def replaced_column(header: str) -> bool:
    """Whether a table column holds what a change replaced ("Old", "Before"): stale values."""
    return _any(cues().replaced_columns, header)


def replaced_statement(text: str) -> bool:
    """Whether a statement gives only the value a change replaced ("Previously the fee was
    $75."): stale, like a replaced column."""
    return _any(cues().replaced_statements, text)


def internal_column(header: str) -> bool:
    """Whether a table column holds what is for staff alone ("Internal use"): never read out."""
    return _any(cues().staff_only, header) or _any(cues().internal_columns, header)


def index_column(header: str) -> bool:
    """Whether a table column only numbers the rows ("#", "No."): no label of a row."""
    return _any(cues().index_columns, header)


def has_prohibition_cue(text: str) -> bool:
    """Whether ``text`` (what precedes a quotation) says not to say it."""
    return _any(cues().prohibition_cues, text)


def is_callers_words(text: str) -> bool:
    """Whether ``text`` (what precedes a quotation) introduces the caller's words."""
    return _any(cues().caller_cues, text)


def for_staff(text: str, heading: str, category: str, opens_section: bool) -> bool:
    """Whether a statement (``text``, under ``heading`` or the last part of a heading path) is
    written for staff, not for the caller: anything in a worked example or a change log, a pointer
    to other documents, and a script's purpose line (the first statement of its "Purpose"
    section, in a document of ``category``)."""
    last = heading.rsplit(">", 1)[-1].strip()
    if staff_heading(last) or _any(cues().staff_statements, text):
        return True
    return opens_section and holds_scripts(category) and _any(cues().script_purpose_headings, last)


def staff_heading(heading: str) -> bool:
    """Whether a section under ``heading`` (one heading, not a path) is written for staff: a
    worked example, a change log, a section marked internal."""
    return _any(cues().staff_only, heading) or _any(cues().staff_headings, heading)


def named_counts(text: str) -> set[int]:
    """The counts ``text`` names, as words or digits before a word ("verify three identifiers",
    "these 2 forms" -> {3}, {2}; not a section's number: "7.3 If …")."""
    words = reading().list_counts
    return {words[w] if w in words else int(w)
            for w in _COUNT.findall(text.lower()) if w in words or w.isdigit()}


@lru_cache(maxsize=1)
def _arrowed() -> re.Pattern[str]:
    arrows = "|".join(re.escape(a) for a in reading().change_arrows)
    return re.compile(
        rf"^(?P<label>[^:]{{2,80}}):\s*(?P<old>\S.*?)\s+(?:{arrows})\s+(?P<new>\S.*)$")


def arrowed_change(text: str) -> tuple[str, str, str] | None:
    """A line giving a value and, after an arrow, the value replacing it: its label, the old
    value and the new ("Embryo storage: $600 -> $725": "Embryo storage", "$600", "$725").
    Values hold a figure: an arrow between words routes or leads somewhere ("Route questions:
    billing → Billing team", "Portal: Forms -> Privacy"), it changes nothing."""
    match = _arrowed().match(text)
    if match is None or not (_FIGURE.search(match["old"]) and _FIGURE.search(match["new"])):
        return None
    return match["label"].strip(), match["old"], match["new"]


# a value said in prose: a price, a count, a time of day, a range ("$175", "48", "2:30 pm",
# "1:00 – 5:00 PM")
_ONE_VALUE = r"\$?\d+(?:,\d{3})*(?:[.:]\d+)?(?:\s?(?:[ap]m\b|[ap]\.m\.|%))?"
_VALUE = rf"{_ONE_VALUE}(?:\s?(?:[–—-]|to)\s?{_ONE_VALUE})?"
_BARE_HOUR = re.compile(r"\d{1,2}")
_CLOCK_SUFFIX = re.compile(r":\d\d(.*)$")
# where what a changed value is about begins: after the last break or article before it
_LABEL_BREAK = re.compile(r".*(?:[:;,()—–]|\s-\s|\b(?:the|a|an|our|your|their|its)\s)", re.I)


@lru_cache(maxsize=1)
def _prose_changes() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?P<new>{_VALUE}(?:\s+[a-z]+){{0,3}}?)[\s,;]*\(?\s*"
                            + cue.replace("{old}", rf"(?P<old>{_VALUE})") + r"\s*\)?", re.I)
                 for cue in reading().prose_changes)


def prose_change(text: str) -> tuple[str, str, str] | None:
    """A sentence giving a value (with its unit: "$600 a year") and, after a cue of
    ``prose_changes``, the value it replaced: the sentence without the old value, what it is
    about (its words before the new value, from the last break or article) and the old value
    ("… the no-show fee is $175, not $125 anymore.": "… the no-show fee is $175.", "no-show fee
    is", "$125"). A bare hour replaced by a time of day is that hour's
    time ("2:30 pm (it used to be 3)": "3:00 pm")."""
    for pattern in _prose_changes():
        if (match := pattern.search(text)) is None:
            continue
        new, old = match["new"], match["old"]
        clock = _CLOCK_SUFFIX.search(new)
        if clock and _BARE_HOUR.fullmatch(old):
            old = f"{old}:00{clock.group(1)}"
        before = text[: match.start()]
        broken = _LABEL_BREAK.match(before)
        label = before[broken.end():] if broken else before
        said = f"{before}{new}{text[match.end():]}".rstrip()
        return said, label.strip(), old
    return None


@lru_cache(maxsize=1)
def _turn() -> re.Pattern[str]:
    speakers = reading().dialogue_turns
    groups = "|".join(rf"(?P<{side}>{'|'.join(map(re.escape, names))})"
                      for side, names in speakers.items())
    return re.compile(rf"^(?:{groups})\s*:\s+", re.IGNORECASE)


def dialogue_turn(line: str) -> tuple[str, str] | None:
    """Whose turn a line of a dialogue script opens ("Caller: …", "Agent: …"): the side
    ("caller" or "agent") and the line without its label; None for any other line."""
    match = _turn().match(line)
    return (match.lastgroup or "", line[match.end():]) if match else None


def as_prohibited(statement: str) -> str:
    """A line of a "Don't" section as it may be read out ("Don't: ...")."""
    return f"{reading().prohibited_lead}{statement}"


def holds_scripts(category: str) -> bool:
    """Whether documents of ``category`` hold approved script lines."""
    return category.lower() in reading().script_categories


def escalation_contact(texts: Iterable[str]) -> str:
    """Whom to ask when the documents fall short, as ``texts`` name them most often: e.g. "the
    Call Center Supervisor at (555) 010-0180"; empty when they name nobody."""
    named = Counter(
        (match.group("role").strip(), match.group("phone"))
        for text in texts
        for match in _escalation().finditer(text)
    )
    if not named:
        return ""
    (role, phone), _ = named.most_common(1)[0]
    return reading().escalation.wording.format(role=role, phone=phone)
