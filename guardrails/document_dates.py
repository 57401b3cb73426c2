"""Find and normalise dates written in documents ("Mar 3, 2025", "2025-03-03", "07/2025",
"April 2025"): the knowledge base's loaders and supersession read them, and the allow-list keeps
the dates the documents state (a policy's date is no patient's)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_PATTERNS = [
    # March 3, 2025 / Mar. 3 2025 / Sep 1, 2025
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    # 3 March 2025
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
    # 2025-03-03
    re.compile(r"\b(?P<year>\d{4})-(?P<nmonth>\d{1,2})-(?P<day>\d{1,2})\b"),
    # 03/03/2025 (US order)
    re.compile(r"\b(?P<nmonth>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})\b"),
    # 07/2025, April 2025 (month and year only: the first of the month; not "may 2025")
    re.compile(r"\b(?P<nmonth>\d{1,2})/(?P<year>\d{4})\b"),
    re.compile(r"\b(?-i:(?!may\b))" + _MONTH + r",?\s+(?P<year>(?:19|20)\d{2})\b", re.I),
]


@dataclass(frozen=True)
class DateMention:
    """A date found in text, with the character span it came from."""

    start: int
    end: int
    value: date
    day_stated: bool = True  # False for a month and year alone ("April 2025": the first)


def _to_date(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = _MONTHS[parts["month"].lower()] if parts.get("month") else int(parts["nmonth"])
    try:
        return date(int(parts["year"]), month, int(parts.get("day") or 1))
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMention]:
    """Every date written in ``text``, in order of appearance, without overlaps."""
    found: list[DateMention] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            value = _to_date(match)
            if value is not None:
                found.append(DateMention(match.start(), match.end(), value,
                                         match.groupdict().get("day") is not None))
    return sorted(found, key=lambda m: m.start)


def _only_date(text: str) -> date | None:
    """The date ``text`` consists of (surrounding spaces allowed), or None."""
    text = text.strip()
    mentions = find_dates(text)
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(text):
        return mentions[0].value
    return None


def normalise_date(value: object) -> str:
    """A front-matter date as ``YYYY-MM-DD`` when readable as one, else the text as written."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if value is None:
        return ""
    text = str(value).strip()
    parsed = _only_date(text)
    return parsed.isoformat() if parsed else text
