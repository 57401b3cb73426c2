"""Pure date helpers: parse the date formats agents type, and derive an age from a birth date."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_MONTH_FIRST = re.compile(
    r"^([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$", re.I)
_DAY_FIRST = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?(?:\s+(\d{4}))?$", re.I)


def parse_date(value: str, today: date) -> date | None:
    """A calendar date from "03/14/1982", "3-14-82", "1982-03-14", "March 14, 1982", "14 Mar 1982".

    A missing year yields None (no age can be derived); two-digit years pivot on ``today``.
    """
    value = value.strip()
    if match := _ISO.match(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NUMERIC.match(value):
        month, day = int(match.group(1)), int(match.group(2))
        year = _full_year(match.group(3), today)
    elif match := _MONTH_FIRST.match(value):
        month, day = MONTHS.get(match.group(1).lower(), 0), int(match.group(2))
        year = _full_year(match.group(3), today)
    elif match := _DAY_FIRST.match(value):
        day, month = int(match.group(1)), MONTHS.get(match.group(2).lower(), 0)
        year = _full_year(match.group(3), today)
    else:
        return None
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _full_year(text: str | None, today: date) -> int | None:
    if not text:
        return None
    year = int(text)
    if len(text) == 2:
        year += 2000 if 2000 + year <= today.year else 1900
    return year


def age_on(birth: date, today: date) -> int:
    """Completed years between ``birth`` and ``today``."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
