"""What one document may cost to load, and the errors a loader raises.

The errors live here rather than in ``loaders`` so that the format readers (``docx_text``,
``pdf_text``) can raise them without importing the loader that imports them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from copilot.settings import Settings


class LoadError(Exception):
    """A supported file that cannot be read; ``str(error)`` is a one-line reason."""


class LimitExceeded(LoadError):
    """A document over one of the :class:`DocumentLimits`; the message names the limit and the
    setting that raises it."""


@dataclass(frozen=True)
class DocumentLimits:
    """Caps on one document, checked as early as possible (before parsing where the format
    allows): a small file must not be able to cost gigabytes or minutes."""

    max_chars: int = 2_000_000
    max_paragraphs: int = 10_000
    max_chunks: int = 2_000
    max_unzipped_bytes: int = 50_000_000
    max_zip_members: int = 1_000
    max_front_matter_chars: int = 8_000
    max_field_chars: int = 300
    max_seconds: float = 120.0

    @classmethod
    def from_settings(cls, settings: Settings) -> DocumentLimits:
        return cls(
            max_chars=settings.max_document_chars,
            max_paragraphs=settings.max_document_paragraphs,
            max_chunks=settings.max_document_chunks,
            max_unzipped_bytes=int(settings.max_unzipped_mb * 1_000_000),
            max_zip_members=settings.max_zip_members,
            max_front_matter_chars=settings.max_front_matter_chars,
            max_field_chars=settings.max_field_chars,
            max_seconds=settings.document_time_budget_s,
        )

    def check(self, what: str, value: int, limit: int, setting: str, unit: str = "") -> None:
        """Raise LimitExceeded when ``value`` is over ``limit`` (``setting`` names the variable,
        ``unit`` follows the numbers: " characters")."""
        if value > limit:
            raise LimitExceeded(
                f"{what} is {value:,}{unit}, over the limit of {limit:,}{unit} "
                f"(COPILOT_{setting.upper()})"
            )

    def deadline(self) -> Deadline:
        """A clock for this document's time budget, started now."""
        return Deadline(self.max_seconds)


class Deadline:
    """The time budget of one document; ``check()`` raises once it is spent."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()

    def check(self) -> None:
        spent = time.monotonic() - self.started
        if spent > self.seconds:
            raise LimitExceeded(
                f"reading the document took over {self.seconds:g} s "
                "(COPILOT_DOCUMENT_TIME_BUDGET_S)"
            )
