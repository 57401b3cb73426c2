"""Pure date helpers: read a date an agent typed, and derive an age from a birth date."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache

_NUMERIC = re.compile(r"^(\d{1,4})[/.-](\d{1,2})[/.-](\d{2,4})$")


def parse_date(value: str, today: date, languages: tuple[str, ...] = ("en", "es")) -> date | None:
    """A calendar date with a year from what an agent typed ("03/14/1982", "14.03.1982",
    "1982/03/14", "March 14, 1982", "14MAR1982", "2 de marzo de 1982", "1982年3月14日").

    Numbers read month first (US), day first when the first cannot be a month, year first when
    it has four digits; two-digit years pivot on ``today``. Other forms go to ``dateparser``.
    A date without a year yields None: no age can be derived from it.
    """
    value = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in value.strip())
    if match := _NUMERIC.match(value):
        first, second, third = match.groups()
        if len(first) == 4:
            year, month, day = int(first), int(second), int(third)
        else:
            month, day = int(first), int(second)
            if month > 12:
                month, day = day, month
            year = _full_year(third, today)
        try:
            return date(year, month, day)
        except ValueError:
            return None
    parsed = _dateparser(value, languages)
    return parsed.date() if parsed else None


@lru_cache(maxsize=1024)
def _dateparser(value: str, languages: tuple[str, ...]) -> datetime | None:
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=list(languages),
                            settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parser.get_date_data(value).date_obj


def _full_year(text: str, today: date) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if 2000 + year <= today.year else 1900
    return year


def age_on(birth: date, today: date) -> int:
    """Completed years between ``birth`` and ``today``."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
