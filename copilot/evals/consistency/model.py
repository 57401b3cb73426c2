"""Typed records of the consistency lint: where a fact was read, the fact, and a finding."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Location:
    """A place in the knowledge base: file, line (Markdown) or page and line in the page (PDF)."""

    source: str
    line: int
    page: int | None = None

    def __str__(self) -> str:
        if self.page is not None:
            return f"{self.source} p.{self.page} line {self.line}"
        return f"{self.source}:{self.line}"


@dataclass(frozen=True)
class DocInfo:
    """What the lint needs to know about a document besides its text."""

    source: str
    title: str
    category: str
    last_updated: str
    status: str


@dataclass(frozen=True)
class Fact:
    """One statement read from a document.

    kind: "price" (key service, value amount), "schedule" (key "Dr. X / Day", value "HH:MM-HH:MM"),
    "offer" (key "$150 phone consultation"), "permission" (key: topic, value: item).
    ``current`` is False for history, negations and counter-examples ("was", "do not", ...);
    for permission facts it means "allowed".
    """

    kind: str
    key: str
    value: str
    current: bool
    location: Location
    text: str = ""
    withdrawn: bool = False  # offers: this mention says the offer was discontinued


@dataclass(frozen=True)
class Finding:
    """A contradiction a content owner must resolve, with both locations."""

    kind: str
    subject: str
    message: str
    first: Location
    second: Location

    def as_dict(self) -> dict:
        data = asdict(self)
        data["first"]["where"] = str(self.first)
        data["second"]["where"] = str(self.second)
        return data
