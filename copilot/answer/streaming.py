"""A draft streamed to the agent sentence by sentence, each sentence guarded first.

A model's tokens collect in a buffer; as each sentence completes it goes through the grounding
check and the claims check on its own, and only a sentence that passes both (cited to the passage
that backs it) is sent. The agent sees the first words while the model still writes, and never a
sentence the guard would stop. A drafter that writes its draft at once (the documents' grounded
drafter) is streamed the same way: each of its cited statements is sent once it has passed both
checks, before the whole draft's checks. When the model fails or breaks off, the documents
answer instead, streamed the same way (after a "restart" event when some of the model's sentences
were already sent: they are not part of the answer). When the draft is done, the whole draft goes
through the usual ground -> guard -> cite steps and one final event carries the answer, its
verdict and citations, exactly as ``ask`` returns it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from copilot.answer.drafters import Draft, renumber
from copilot.answer.drafters.openai import ModelUnavailable
from copilot.answer.steps import Drafted, Question, Retrieved
from copilot.answer.text import cited_statements, split_sentences
from copilot.knowledge.model import Chunk

if TYPE_CHECKING:
    from copilot.answer.chain import Copilot

_MARKER = re.compile(r"\[(\d{1,2})\]")


class SentenceGuard:
    """Checks one completed sentence of a model's draft; numbers citations by first use."""

    def __init__(self, copilot: Copilot, retrieved: Retrieved, offered: list[Chunk]) -> None:
        self.copilot = copilot
        self.retrieved = retrieved
        self.offered = offered
        self.cited: list[Chunk] = []
        self.shown: set[str] = set()  # the sentences sent so far, without their markers

    def guarded(self, sentence: str) -> str | None:
        """The sentence as the agent may see it (re-cited), or None when it must not be shown."""
        draft = renumber(sentence, self.offered)
        check = self.copilot.ground(self.retrieved, draft)
        if check.removed or not check.draft.text:
            return None
        if self.retrieved.snapshot.checker.check(check.draft.text).verdict != "pass":
            return None
        return _MARKER.sub(lambda m: self._number(check.draft, int(m.group(1))), check.draft.text)

    def _number(self, draft: Draft, marker: int) -> str:
        chunk = draft.sources[marker - 1]
        if chunk not in self.cited:
            self.cited.append(chunk)
        return f"[{self.cited.index(chunk) + 1}]"


def _sentences(guard: SentenceGuard, sentences: list[str]) -> Iterator[dict]:
    for sentence in sentences:
        shown = guard.guarded(sentence)
        words = _MARKER.sub("", shown or "").strip()
        if words and words not in guard.shown:  # two statements replaced by one newer say it once
            guard.shown.add(words)
            yield {"event": "sentence", "text": shown}


def _final(copilot: Copilot, drafted: Drafted) -> dict:
    return {"event": "final", "result": copilot.answer_steps.invoke(drafted).model_dump()}


def _statements(copilot: Copilot, drafted: Drafted) -> Iterator[dict]:
    """Sentence events of ``drafted``'s draft, written at once: each cited statement, guarded."""
    guard = SentenceGuard(copilot, drafted, drafted.draft.sources)
    pieces = cited_statements(drafted.draft.text)
    yield from _sentences(guard, [f"{words}{marks}".strip() for words, marks in pieces])


def stream_drafted(copilot: Copilot, question: Question) -> Iterator[dict]:
    """Sentence events of a draft written at once, then the final event (see the module)."""
    drafted = copilot.draft_step.invoke(copilot.search_steps.invoke(question))
    if drafted.draft is not None:
        yield from _statements(copilot, drafted)
    yield _final(copilot, drafted)


def stream_guarded(copilot: Copilot, question: Question) -> Iterator[dict]:
    """Sentence events of a streamed model draft, then the final event (see the module)."""
    retrieved: Retrieved = copilot.search_steps.invoke(question)
    drafted = retrieved.then(Drafted, draft=None)
    if retrieved.retrieval.found:
        request = copilot.request(retrieved)
        guard = SentenceGuard(copilot, retrieved, copilot.drafter.offered(request))
        text, sent = "", 0
        try:
            for piece in copilot.drafter.stream(request):
                text += piece
                complete = split_sentences(text)[:-1]  # the last one may still grow
                yield from _sentences(guard, complete[sent:])
                sent = max(sent, len(complete))
            yield from _sentences(guard, split_sentences(text)[sent:])
            drafted = retrieved.then(Drafted, draft=copilot.drafter.finish(text, request))
        except ModelUnavailable as exc:  # the model failed or broke off: the documents answer
            drafted = retrieved.then(Drafted, draft=copilot.fallback.draft(request),
                                     fallback_reason=str(exc))
            if guard.shown:
                yield {"event": "restart"}
            yield from _statements(copilot, drafted)
    yield _final(copilot, drafted)
