"""Recency in the grounding check: a statement an older version of a passage backs is stale.

Older versions are the passages of superseded and archived documents (the snapshot's history),
current statements of the past ("former", "no longer", "do not book"), and current passages a
newer passage changed. A claim is stale when such an older statement backs it and a newer
statement says everything else it said but gives another value of the same kind where the claim's
value was (a time, a number such as a price, extension, count or date, or words such as a day or
a name, written with a capital), and no passage as new still gives the claim's value: it is
replaced by the newer statement. A newer statement that only words things differently, or that
changes more than a value (a lead-in sharing a few words), is no version of the older one. A
claim that a retired passage backs better than its current support (stating a value the current
one lacks) is stale with nothing to say instead: it is removed. Thresholds and cues in
``copilot/data/grounding.yaml`` (``recency``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from copilot.answer.text import tokenize
from copilot.knowledge.model import CURRENT

if TYPE_CHECKING:
    from copilot.answer.grounding import Claim, Unit


_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_OPENERS = frozenset(".:;!?—–-\"“”'‘(•*")


class RecencyConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")
    shared_words: int
    overlap: float
    past_cues: str


def _kind(token: str) -> str:
    """A said token's kind: "t" a time, "n" a number (facts: "t9:00", "n4200"), "w" a word
    (content words hold no digit)."""
    return token[0] if token[1:2].isdigit() else "w"


@lru_cache(maxsize=8192)
def named(text: str) -> frozenset[str]:
    """The words ``text`` writes with a capital where no sentence, label, list or quotation
    opens (a day, a month, a person, a place): the words that can be a changed value."""
    found: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        before = text[: match.start()].rstrip()
        if before and before[-1] not in _OPENERS:
            found.update(tokenize(match.group()))
    return frozenset(found)


class Recency:
    """Finds stale claims; ``backs`` (claim, unit) says a passage statement backs a claim in
    its words (the grounding check's own test)."""

    def __init__(self, config: RecencyConfig, backs: Callable[[Claim, Unit], bool]) -> None:
        self.config = config
        self.backs = backs
        self.past = re.compile(config.past_cues, re.IGNORECASE)

    def _replaces(self, newer: Unit, older: Unit, changed: frozenset[str],
                  same_passage: list[Unit]) -> bool:
        """``newer`` is a later version of ``older``: the changed value is a small part of
        ``older`` (as many of its words as ``overlap`` allows), ``newer`` says everything else
        ``older`` says and little else (not a longer statement that mentions the same
        things), gives a value of its own, and no other statement of the older
        passage is closer to it (a newer Friday block is not a version of the Monday one)."""
        rest = older.own - changed
        if len(rest) < self.config.overlap * len(older.own):
            return False  # more than a value changed: another statement, not a version
        shared = len(rest & newer.own)
        needed = self.config.overlap * max(len(rest), len(newer.own))
        if shared < self.config.shared_words or shared < needed:
            return False
        values = {t for t in changed if _kind(t) != "w" or t in named(older.text)}
        if not values:
            return False  # only the wording differs: no value changed
        if not {_kind(t) for t in values} <= {_kind(t) for t in newer.said - older.said}:
            return False  # a time replaced by a time, a number by a number, a name by a word
        closest = max((len(u.own & newer.own) for u in same_passage if u is not newer), default=0)
        return len(older.own & newer.own) >= closest

    def _same_subject(self, claim: frozenset[str], other: frozenset[str]) -> bool:
        """``other`` says most of what the claim is about."""
        shared = len(claim & other)
        return shared >= self.config.shared_words and shared >= self.config.overlap * len(claim)

    def _newer_versions(self, claim: Claim, unit: Unit | None, backers: list[Unit],
                        singles: list[Unit], retired: list[Unit],
                        passages: dict[str, list[Unit]]) -> tuple[list[Unit], set[str], bool]:
        """(the newer versions of the older passage statements that back the claim, the
        claim's values they changed, whether a retired passage backs the claim better than
        ``unit``, its support if any)."""
        rivals: list[Unit] = []
        changes: set[str] = set()
        outdated = False
        for older in (*(u for u in retired if self.backs(claim, u)), *backers):
            value = claim.said & older.said
            retired_ = older.chunk.status != CURRENT
            outdated |= retired_ and (unit is None or bool(value - unit.said - unit.words))
            for newer in singles:
                if newer.past or len(older.own & newer.own) < self.config.shared_words:
                    continue
                changed = value - newer.said
                if (not changed or not (
                        retired_ or older.past
                        or newer.chunk.last_updated > older.chunk.last_updated)
                        or not self._replaces(newer, older, changed, passages[older.chunk.id])):
                    continue
                rivals.append(newer)
                changes |= changed
        return rivals, changes, outdated

    def _changed_row(self, claim: Claim, unit: Unit | None, rows: list[Unit]) -> Unit | None:
        """The change table's row that replaced a value the claim gives: the row names the
        claim's subject (most words of its label's head are the claim's or its passage's), lists
        the claim's value among the replaced ones and does not give it again, and sits in another
        document that is not older than the claim's ("Dry needling add-on | $60 | $70" against a
        price sheet's "Dry needling add-on ... $60"). ``rows`` may come from any current
        document: a change table retires its old values whether or not it was retrieved."""
        words = claim.words | (unit.words if unit is not None else frozenset())
        for row in rows:
            if not row.replaced or not row.subject or \
                    len(row.subject & words) < self.config.overlap * len(row.subject):
                continue
            if not claim.facts & (row.replaced - row.facts):
                continue
            if unit is not None and (unit.chunk.source == row.chunk.source or (
                    unit.chunk.last_updated and row.chunk.last_updated
                    and unit.chunk.last_updated > row.chunk.last_updated)):
                continue
            return row
        return None

    def _retimed(self, claim: Claim, singles: list[Unit]) -> tuple[list[Unit], set[str]]:
        """(the current statements on the claim's subject that give other times, the claim's
        times), for a claim whose older version is not among the passages."""
        times = {f for f in claim.facts if _kind(f) == "t"}
        if not times:
            return [], set()
        rivals = [u for u in singles if not u.past and self._same_subject(claim.words, u.own)
                  and any(_kind(f) == "t" for f in u.facts) and not u.facts & times]
        return rivals, times

    def stale(self, claim: Claim, unit: Unit | None, backers: list[Unit], singles: list[Unit],
              retired: list[Unit], passages: dict[str, list[Unit]], rows: list[Unit] = ()
              ) -> tuple[bool, Unit | None]:
        """(whether the claim states what only an older version of a passage says, the newer
        statement to say instead), for a claim backed by ``unit`` (``backers``: the current
        single statements that back it in its words). Older versions: superseded
        or archived passages, current statements of the past, and current passages a newer
        passage changed. Stale with nothing newer to say: the claim is to be removed. A claim
        no passage backs (``unit`` None) is stale only when an older version backs it; ``rows``:
        the change tables' rows of the current documents."""
        if (changed := self._changed_row(claim, unit, [*singles, *rows])) is not None:
            return True, changed  # (even in the past tense: the row says it better)
        if self.past.search(claim.text):
            return False, None
        rivals, changes, outdated = self._newer_versions(claim, unit, backers, singles, retired,
                                                         passages)
        if not rivals and unit is not None:
            rivals, changes = self._retimed(claim, singles)
        if not rivals:
            return outdated, None
        newest = max(u.chunk.last_updated for u in rivals)
        kinds = {_kind(t) for t in changes}
        news = {t for u in rivals for t in u.said - claim.said if _kind(t) in kinds}
        if any(not u.past and u.chunk.last_updated >= newest and changes & u.said
               and not news & u.said and self.backs(claim, u) for u in singles):
            return False, None  # a passage as new still says it
        latest = [u for u in rivals if u.chunk.last_updated == newest]
        return True, max(latest, key=lambda u: (len(claim.words & u.own), -u.rank))
