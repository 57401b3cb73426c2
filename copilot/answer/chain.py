"""The answer path as a langchain-core runnable chain.

redact -> retrieve -> draft -> ground (every statement backed by a passage, else removed; too
little backed: the grounded draft instead) -> guard (check, revise or block, add policy notes) ->
cite. Each step takes the frozen record the step before it gave and gives its own
(``copilot.answer.steps``: ``Question`` -> ``Redacted`` -> ``Retrieved`` -> ``Drafted`` ->
``Grounded`` -> ``Guarded``); nothing downstream of the first step sees the raw question. A drafter
that can stream (a model) is streamed sentence by sentence, each sentence shown only once it has
passed the grounding and claims checks (``copilot.answer.streaming``).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from langchain_core.runnables import Runnable, RunnableLambda

from copilot.answer.drafters import Draft, Drafter, DraftRequest
from copilot.answer.drafters.grounded import GroundedDrafter
from copilot.answer.grounding import Grounding, GroundingCheck, evidence
from copilot.answer.guard import guard_draft
from copilot.answer.model import AnswerResult, Citation, RedactionOut, Turn
from copilot.answer.prompts import render
from copilot.answer.retrieval import Retrieval, Retriever
from copilot.answer.snapshot_cache import SnapshotCache
from copilot.answer.steps import Drafted, Grounded, Guarded, Question, Redacted, Retrieved
from copilot.answer.text import unmarked
from copilot.answer.vocabulary import Vocabulary
from guardrails import Redactor
from guardrails.instructions import InstructionRail

SNIPPET_CHARS = 600


class Copilot:
    """Answers agents' questions from the current knowledge base, within the clinic's policy."""

    def __init__(
        self,
        redactor: Redactor,
        retriever: Retriever,
        snapshots: SnapshotCache,
        drafter: Drafter,
        fallback: GroundedDrafter,
        vocabulary: Vocabulary,
        instructions: InstructionRail,
        prompts_dir: Path,
    ) -> None:
        self.redactor = redactor
        self.retriever = retriever
        self.snapshots = snapshots
        self.drafter = drafter
        self.fallback = fallback  # used when the drafter fails (a model endpoint down or slow)
        self.vocabulary = vocabulary
        self.instructions = instructions  # the input rail: orders to the copilot are cut
        self.prompts_dir = prompts_dir
        self.grounding = GroundingCheck()
        self.search_steps: Runnable = (
            RunnableLambda(self._redact, name="redact")
            | RunnableLambda(self._retrieve, name="retrieve")
        )
        self.draft_step: Runnable = RunnableLambda(self._draft, name=f"draft:{drafter.name}")
        self.answer_steps: Runnable = (
            RunnableLambda(self._ground, name="ground")
            | RunnableLambda(self._guard, name="guard")
            | RunnableLambda(self._result, name="cite")
        )
        self.chain: Runnable = self.search_steps | self.draft_step | self.answer_steps

    # -- public API ----------------------------------------------------------------------------
    def ask(
        self, question: str, history: Sequence[Turn] = (), include_archived: bool = False
    ) -> AnswerResult:
        """Answer one question; ``history`` holds earlier (already redacted) turns."""
        return self.chain.invoke(Question(question, tuple(history), include_archived))

    def retrieve(self, question: str, include_archived: bool = False) -> Retrieval:
        """The retrieval step alone (redaction included), for benchmarks and diagnostics."""
        return self.search_steps.invoke(Question(question, (), include_archived)).retrieval

    def stream(
        self, question: str, history: Sequence[Turn] = (), include_archived: bool = False
    ) -> Iterator[dict]:
        """Sentence events of the guarded answer, then one final event with the full result.

        Each sentence is shown only once it has passed the grounding and claims checks, so no
        sentence that the guard would stop ever reaches the agent. A model drafter's sentences
        are sent as the model completes them; another drafter's (the documents') as each is
        checked, before the whole draft's guard step. The final event is ``ask``'s result.
        """
        from copilot.answer.streaming import stream_drafted, stream_guarded

        stream = stream_guarded if hasattr(self.drafter, "stream") else stream_drafted
        yield from stream(self, Question(question, tuple(history), include_archived))

    # -- steps ---------------------------------------------------------------------------------
    def _redact(self, asked: Question) -> Redacted:
        allowlist = self.snapshots.get().allowlist  # the serving generation's vocabulary
        redaction = self.redactor.redact(asked.question, allowlist=allowlist)
        search_text, ignored = self.instructions.cut(redaction.text)
        return Redacted(  # the raw question goes no further
            history=asked.history, include_archived=asked.include_archived,
            started=asked.started, redaction=redaction, search_text=search_text,
            instructions_ignored=ignored, refused=self.instructions.refusal(redaction.text),
        )

    @staticmethod
    def _unmarked(redacted: Redacted) -> str:
        """The question as read for its meaning: no redaction marks, no injected orders."""
        return unmarked(redacted.asked)

    def _search_query(self, redacted: Redacted) -> str:
        question = self._unmarked(redacted)
        earlier = [t.text for t in redacted.history if t.role == "agent"]
        if earlier and self.vocabulary.is_follow_up(question):
            return f"{earlier[-1]} {question}"
        return question

    def _retrieve(self, redacted: Redacted) -> Retrieved:
        snapshot = self.snapshots.get()
        query = self._search_query(redacted)
        if redacted.refused:  # the input rail refuses it: nothing is searched
            retrieval = Retrieval(query, [], 0.0, 0.0, "refused")
        else:
            retrieval = self.retriever.search(query, snapshot, redacted.include_archived)
        return redacted.then(Retrieved, snapshot=snapshot, search_query=query,
                             retrieval=retrieval)

    def request(self, retrieved: Retrieved) -> DraftRequest:
        """What a drafter is given for the question ``retrieved`` holds; a question the
        policy's routing answers (an urgent symptom) was searched with that routing too, and
        its statements are weighed by it as well, whatever language the question is in."""
        retrieval = retrieved.retrieval
        return DraftRequest(
            retrieved.asked,
            list(retrieved.history),
            retrieval.hits,
            retrieved.snapshot,
            " ".join([retrieved.search_query, *retrieval.routing]),
            retrieval.expansions,
        )

    def _draft(self, retrieved: Retrieved) -> Drafted:
        """The drafter's draft; when it fails (a model endpoint down or slow), the fallback's."""
        if not retrieved.retrieval.found:
            return retrieved.then(Drafted, draft=None)
        request = self.request(retrieved)
        try:
            return retrieved.then(Drafted, draft=self.drafter.draft(request))
        except Exception as exc:
            if self.drafter.name == self.fallback.name:
                raise
            return retrieved.then(Drafted, draft=self.fallback.draft(request),
                                  fallback_reason=str(exc) or "the model endpoint failed")

    def evidence(self, retrieved: Retrieved, draft: Draft) -> list:
        """The passages ``draft`` may rest on: its sources and the top retrieved ones."""
        hits = [h.chunk for h in retrieved.retrieval.hits]
        return evidence(draft, hits, self.grounding.config.passages)

    def ground(self, retrieved: Retrieved, draft: Draft) -> Grounding:
        """The grounding check of ``draft``: against its evidence, with the snapshot's
        superseded and archived passages as history (unless the agent asked for them)."""
        semantic = retrieved.snapshot.checker.semantic
        return self.grounding.check(
            draft, self.evidence(retrieved, draft),
            semantic.vectors if semantic is not None else None,
            history=() if retrieved.include_archived else retrieved.snapshot.retired,
            changes=retrieved.snapshot.changes,
        )

    def _ground(self, drafted: Drafted) -> Grounded:
        if drafted.draft is None or not drafted.draft.text.strip():
            return drafted.then(Grounded, grounding=None)
        grounding = self.ground(drafted, drafted.draft)
        if grounding.blocked and drafted.draft.drafter != self.fallback.name:
            reason = render(self.prompts_dir, "grounding_fallback.j2",
                            removed=grounding.removed, statements=grounding.statements)
            return drafted.then(Grounded, grounding=grounding, fallback_reason=reason,
                                draft=self.fallback.draft(self.request(drafted)))
        return drafted.then(Grounded, grounding=grounding, draft=grounding.draft)

    def _guard(self, grounded: Grounded) -> Guarded:
        weak = grounded.retrieval.outcome == "weak"
        outcome = guard_draft(
            grounded.draft,
            grounded.retrieval,
            grounded.snapshot,
            question=grounded.safe_question,
            asked=self._unmarked(grounded),
            ages=grounded.redaction.ages,
            prompts=self.prompts_dir,
            grounding=grounded.grounding,
            refused=grounded.refused,
            closest=self._closest(grounded) if weak else None,
        )
        return grounded.then(Guarded, outcome=outcome)

    def _closest(self, grounded: Grounded) -> Draft:
        """Weak evidence's closest statements, with what a newer passage replaced left out
        (the grounding check's recency: a price a change table retired is not shown to check)."""
        draft = self.fallback.closest(self.request(grounded))
        if not draft.text.strip():
            return draft
        grounding = self.ground(grounded, draft)
        return Draft("", draft.sources, draft.drafter) if grounding.blocked else grounding.draft

    def _extra_notes(self, guarded: Guarded) -> list[str]:
        notes = []
        if guarded.fallback_reason:
            notes.append(render(self.prompts_dir, "fallback.j2", reason=guarded.fallback_reason))
        if guarded.instructions_ignored:
            notes.append(render(self.prompts_dir, "instructions_ignored.j2"))
        return notes

    def _result(self, guarded: Guarded) -> AnswerResult:
        outcome = guarded.outcome
        citations = [
            Citation(
                source=c.source,
                title=c.title,
                section=c.section,
                page=c.page,
                last_updated=c.last_updated,
                snippet=c.text[:SNIPPET_CHARS],
            )
            for c in outcome.sources
        ]
        return AnswerResult(
            answer=outcome.answer,
            citations=citations,
            verdict=outcome.verdict,
            violations=outcome.violations,
            redactions=[
                RedactionOut(label=e.label, start=e.start, end=e.end)
                for e in guarded.redaction.entities
            ],
            notes=outcome.notes + self._extra_notes(guarded),
            drafter=guarded.draft.drafter if guarded.draft else "none",
            latency_ms=round((time.perf_counter() - guarded.started) * 1000, 1),
            redacted_question=guarded.safe_question,
            urgent=outcome.urgent,
            found=guarded.retrieval.found,
            coverage=guarded.retrieval.outcome,
            fallback_reason=guarded.fallback_reason,
        )
