"""Read comparable facts out of a document's lines (see ``data/consistency.yaml`` for the cues).

Every fact keeps its location. A value is "current" unless the clause around it marks it as
history or a negation ("was 1:00 - 5:00 PM", "through Oct 3", "do not book"); clauses end at
";", parentheses and table-cell borders.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from copilot.answer.text import plain, split_sentences, tokenize
from copilot.evals.consistency.model import Fact, Location
from copilot.evals.metrics import normalize
from copilot.knowledge.reading import allowed_column, in_prohibited_section, prohibited_column
from guardrails.data import StrictModel, load_model
from guardrails.markdown import PROSE_KINDS, Block
from guardrails.text import alternation

_DATA = Path(__file__).resolve().parent.parent / "data" / "consistency.yaml"
_CLAUSE_BREAK = re.compile(r"[;()|]")
_TIME = r"(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?"
_RANGE = re.compile(
    rf"(?<![\d:,$]){_TIME}\s*(?:–|—|-|to)\s*(?:{_TIME}|(noon))(?![\d:])", re.IGNORECASE
)
_LEADING_AMOUNT = re.compile(r"^\s*(?:from\s+)?\$(\d[\d,]*)", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\([^)]*\)")
_ASIDE = re.compile(r"[\"”']?\s*\(([^)]*)\)")


@dataclass(frozen=True)
class FactCues:
    """The consistency lint's cues, compiled from ``data/consistency.yaml``."""

    physician: re.Pattern[str]
    weekday: re.Pattern[str]
    day_names: dict[str, str]
    day_span: re.Pattern[str]
    past: tuple[re.Pattern[str], ...]
    discontinued: tuple[re.Pattern[str], ...]
    ignored_range: tuple[re.Pattern[str], ...]
    offer: re.Pattern[str]
    generic_labels: frozenset[str]
    price_row_labels: tuple[re.Pattern[str], ...]
    price_sentence: re.Pattern[str]


class ConsistencyCues(StrictModel):
    """``data/consistency.yaml``: the cues ``FactCues`` are compiled from."""

    physician: str
    weekdays: dict[str, list[str]]  # day -> the words naming it
    past_cues: list[str]
    discontinued_cues: list[str]
    ignored_range_cues: list[str]
    offer: str
    generic_labels: list[str]
    price_row_labels: list[str]
    price_sentence: str


def _compile_all(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def fact_cues() -> FactCues:
    """The cues from ``data/consistency.yaml`` (read once)."""
    data = load_model(_DATA, ConsistencyCues)
    names = {word: day for day, words in data.weekdays.items() for word in words}
    words = alternation(names)
    return FactCues(
        physician=re.compile(data.physician),
        weekday=re.compile(rf"\b({words})\b"),
        day_names=names,
        day_span=re.compile(rf"\b(?:{words})\s*(?:–|—|-|to|through)\s*(?:{words})\b"),
        past=_compile_all(data.past_cues),
        discontinued=_compile_all(data.discontinued_cues),
        ignored_range=_compile_all(data.ignored_range_cues),
        offer=re.compile(data.offer, re.IGNORECASE),
        generic_labels=frozenset(data.generic_labels),
        price_row_labels=_compile_all(data.price_row_labels),
        price_sentence=re.compile(data.price_sentence, re.IGNORECASE),
    )


def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(p.search(text) for p in patterns)


def clause_at(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``: bounded by ";", parentheses and "|"."""
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _CLAUSE_BREAK.finditer(text, end)), len(text))
    return text[left:right]


def is_past(clause: str) -> bool:
    """Whether a clause states history, a negation or a prohibition rather than a current fact."""
    return _any(fact_cues().past, clause)


def _clean(text: str) -> str:
    return plain(text).replace("**", "")


def label_key(label: str) -> str:
    """A service label reduced for comparison: no parentheticals, markup or trailing plural."""
    text = normalize(_PARENTHETICAL.sub("", _clean(label)))
    text = re.sub(r"^(?:an?|the|our|one)\s+", "", text).strip(" .,:;-")
    text = re.sub(r"\s+([,;])", r"\1", re.sub(r"\s+", " ", text))
    head, _, last = text.rpartition(" ")
    return f"{head} {_singular(last)}".strip()


def _singular(word: str) -> str:
    """"cycles" -> "cycle": readable, unlike a stem, because the key is shown to people."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# --- time ranges --------------------------------------------------------------------------


def _minutes(hour: str, minute: str | None, meridiem: str | None) -> tuple[int, str | None]:
    value = int(hour) % 12 * 60 + int(minute or 0)
    marker = meridiem.lower()[0] if meridiem else None
    return (value + 12 * 60 if marker == "p" else value), marker


def _business_hour(hour: int) -> int:
    """Without AM/PM, 7-11 are mornings and 12-6 afternoons (clinic hours)."""
    return hour if 7 <= hour <= 11 else hour % 12 + 12


def parse_range(match: re.Match[str]) -> tuple[int, int] | None:
    """Minutes since midnight for a matched "9:00 AM – 12:00 PM" / "1:00 – 5:00 PM" range."""
    h1, m1, ap1, h2, m2, ap2, noon = match.groups()
    if not (m1 or m2 or ap1 or ap2 or noon):
        return None  # "3-5 business days", not a time
    if int(h1) > 12 or (h2 and int(h2) > 12):
        return None
    if noon:
        end = 12 * 60
    elif ap2:
        end, _ = _minutes(h2, m2, ap2)
    else:
        end = _business_hour(int(h2)) * 60 + int(m2 or 0)
    if ap1:
        start, _ = _minutes(h1, m1, ap1)
    elif ap2:
        start, _ = _minutes(h1, m1, ap2)
        if start > end:
            start -= 12 * 60
    else:
        start = _business_hour(int(h1)) * 60 + int(m1 or 0)
    return (start, end) if 0 <= start < end else None


def format_range(value: str) -> str:
    """ "13:00-17:00" -> "1:00 PM – 5:00 PM"."""

    def one(text: str) -> str:
        hour, minute = map(int, text.split(":"))
        return f"{(hour - 1) % 12 + 1}:{minute:02d} {'AM' if hour < 12 else 'PM'}"

    start, end = value.split("-")
    return f"{one(start)} – {one(end)}"


# --- units: the pieces of a line that facts are read from -----------------------------------


@dataclass(frozen=True)
class Unit:
    """A sentence of prose or a whole table row (cells joined by " | ")."""

    text: str
    line: Block


def units(line: Block) -> Iterator[Unit]:
    """Sentences of a prose or quote line; the row (counter-example columns blanked) of a table."""
    if in_prohibited_section(line):
        return
    if line.kind == "table_row":
        cells = []
        for index, cell in enumerate(line.cells):
            header = _clean(line.column(index))
            if prohibited_column(header):
                cells.append("")
            elif header in fact_cues().day_names and _RANGE.search(cell):
                cells.append(f"{header} {_clean(cell)}")  # weekly grid: the day is the header
            else:
                cells.append(_clean(cell))
        yield Unit(" | ".join(cells), line)
    elif line.kind in PROSE_KINDS:
        for sentence in split_sentences(_clean(line.content)):
            yield Unit(sentence, line)


def _single_physician(text: str) -> str | None:
    names = {m.group(1) for m in fact_cues().physician.finditer(_clean(text))}
    return names.pop() if len(names) == 1 else None


# --- schedule blocks -------------------------------------------------------------------------


def schedule_facts(lines: Iterable[Block], source: str) -> list[Fact]:
    """"Dr. Bell / Friday" -> "09:00-12:00" facts from prose, tables and weekly grids.

    A block belongs to the physician named before it in the same sentence or row (or in the
    nearest heading naming one physician), and to the weekday(s) named since the last block.
    """
    cues = fact_cues()
    facts: list[Fact] = []
    for line in lines:
        context = next(
            (name for h in reversed(line.headings) if (name := _single_physician(h))), None
        )
        for unit in units(line):
            text = cues.day_span.sub(" ", unit.text)  # "Monday–Friday" is office hours
            tokens = sorted(
                [(m.start(), "dr", m.group(1), m) for m in cues.physician.finditer(text)]
                + [(m.start(), "day", cues.day_names[m.group(1)], m)
                   for m in cues.weekday.finditer(text)]
                + [(m.start(), "range", "", m) for m in _RANGE.finditer(text)],
                key=lambda t: t[0],
            )
            physician, days, after_range, last_day = context, [], False, 0
            for _, kind, value, match in tokens:
                if kind == "dr":
                    if physician and value != physician and physician != context:
                        days = []
                    physician, after_range = value, False
                elif kind == "day":
                    separated = bool(_CLAUSE_BREAK.search(text, last_day, match.start()))
                    days = [value] if after_range or separated else [*days, value]
                    after_range, last_day = False, match.end()
                else:
                    after_range = True
                    span = parse_range(match)
                    clause = clause_at(text, match.start(), match.end())
                    if not (physician and days and span) or _any(cues.ignored_range, clause):
                        continue
                    value_text = f"{span[0] // 60:02d}:{span[0] % 60:02d}-" \
                                 f"{span[1] // 60:02d}:{span[1] % 60:02d}"
                    where = Location(source, line.number, line.page)
                    facts.extend(
                        Fact("schedule", f"Dr. {physician} / {day}", value_text,
                             not is_past(clause), where, unit.text)
                        for day in dict.fromkeys(days)
                    )
    return facts


# --- prices ----------------------------------------------------------------------------------


def _leading_amount(cell: str) -> str | None:
    match = _LEADING_AMOUNT.match(_clean(cell))
    return match.group(1).replace(",", "") if match else None


def _table_prices(line: Block) -> Iterator[tuple[str, str]]:
    cues = fact_cues()
    label = _clean(line.cells[0]) if line.cells else ""
    if line.header and not _clean(line.header[0]):  # services across the header
        if _any(cues.price_row_labels, label):
            for index in range(1, len(line.cells)):
                amount = _leading_amount(line.cells[index])
                if amount and not prohibited_column(line.column(index)):
                    yield _clean(line.column(index)), amount
        return
    for index in range(1, len(line.cells)):
        header = _clean(line.column(index)).lower()
        if prohibited_column(header) or "regular" in header:
            continue
        amount = _leading_amount(line.cells[index])
        if amount:
            yield label, amount
            return


def price_facts(lines: Iterable[Block], source: str) -> list[Fact]:
    """Service -> amount facts from price tables and "X is/costs $N" sentences."""
    cues = fact_cues()
    facts: list[Fact] = []
    for line in lines:
        if in_prohibited_section(line):
            continue
        found: list[tuple[str, str, str]] = []
        if line.kind == "table_row":
            found = [(label, amount, line.text) for label, amount in _table_prices(line)]
        elif line.kind in PROSE_KINDS:
            for sentence in split_sentences(_clean(line.content)):
                sentence = re.sub(r"^[\"“\s]+", "", sentence)
                match = cues.price_sentence.match(sentence)
                if match and not is_past(sentence):
                    found.append((match.group(1), match.group(2).replace(",", ""), sentence))
        for label, amount, text in found:
            key = label_key(label)
            if key and key not in cues.generic_labels and tokenize(key):
                where = Location(source, line.number, line.page)
                facts.append(Fact("price", key, amount, True, where, text))
    return facts


# --- priced offers (promotions) --------------------------------------------------------------


def offer_facts(lines: Iterable[Block], source: str) -> list[Fact]:
    """Mentions of priced offers ("$150 phone consultation"): stated as available, or withdrawn
    (its clause, or a parenthesis right after it, says discontinued / replaced / no longer)."""
    cues = fact_cues()
    facts: list[Fact] = []
    for line in lines:
        if line.kind == "table_header":
            continue
        texts = list(line.cells) if line.kind == "table_row" else [line.content]
        for index, raw in enumerate(texts):
            column = line.column(index) if line.kind == "table_row" else ""
            counter_example = in_prohibited_section(line) or prohibited_column(column)
            for sentence in split_sentences(_clean(raw)):
                for match in cues.offer.finditer(sentence):
                    clause = clause_at(sentence, match.start(), match.end())
                    aside = _ASIDE.match(sentence, match.end())
                    withdrawn = _any(cues.discontinued, clause) or bool(
                        aside and _any(cues.discontinued, aside.group(1))
                    )
                    current = not (withdrawn or counter_example or is_past(sentence))
                    key = f"${match.group(1)} {normalize(match.group(2)).rstrip('s')}"
                    facts.append(
                        Fact("offer", key, match.group(1), current,
                             Location(source, line.number, line.page), sentence,
                             withdrawn=withdrawn)
                    )
    return facts


# --- permission tables ("Allowed | Not allowed") ---------------------------------------------


def _topic(line: Block) -> frozenset[str]:
    words = set(tokenize(" ".join([*(line.headings[-1:]), *line.header]).replace("'s", "")))
    return frozenset(words - {"allowed", "allow", "contain", "permitted"})


def _items(cell: str) -> Iterator[str]:
    for part in re.split(r",|;|\band\b|\bor\b", _clean(cell)):
        part = part.strip(" .\"“”")
        if part:
            yield part


def permission_facts(lines: Iterable[Block], source: str) -> list[Fact]:
    """Items of permission tables: key = topic words (from the heading and headers),
    value = the item, current = allowed (False = not allowed)."""
    facts: list[Fact] = []
    for line in lines:
        if line.kind != "table_row" or not line.header:
            continue
        sides = [(i, allowed_column(h), prohibited_column(h)) for i, h in enumerate(line.header)]
        if not (any(a for _, a, _ in sides) and any(p for _, _, p in sides)):
            continue
        topic = " ".join(sorted(_topic(line)))
        if not topic:
            continue
        for index, allowed, forbidden in sides:
            if (allowed or forbidden) and index < len(line.cells):
                where = Location(source, line.number, line.page)
                facts.extend(
                    Fact("permission", topic, item, allowed, where, line.text.strip())
                    for item in _items(line.cells[index])
                )
    return facts
