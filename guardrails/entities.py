"""What a redaction returns: typed entities with offsets, never the raw PHI text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entity:
    """One detected identifier: ``label`` (NAME, DOB...) and offsets into the ORIGINAL text."""

    label: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict:
        """The JSON shape the CLI and the audit trail use."""
        return {"label": self.label, "start": self.start, "end": self.end,
                "score": round(self.score, 2)}


@dataclass(frozen=True)
class RedactionResult:
    """Redacted text with typed placeholders, the entities found, and ages derived from DOBs."""

    text: str
    entities: list[Entity] = field(default_factory=list)
    ages: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        """``{"text", "entities", "ages"}`` as printed by ``copilot redact --json``."""
        return {"text": self.text, "entities": [e.to_dict() for e in self.entities],
                "ages": list(self.ages)}
