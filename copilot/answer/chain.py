"""The answer path as a langchain-core runnable chain.

redact -> retrieve -> draft -> ground (every statement backed by a passage, else removed; too
little backed: the grounded draft instead) -> guard (check, revise or block, add policy notes) ->
cite. Every step reads and extends one ``Turn`` state; nothing downstream of the first step sees the
raw question. A drafter that can stream (a model) is streamed sentence by sentence, each sentence
shown only once it has passed the grounding and claims checks (``copilot.answer.streaming``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.runnables import Runnable, RunnableLambda

from copilot.answer.drafters import Draft, Drafter, DraftRequest
from copilot.answer.drafters.grounded import GroundedDrafter
from copilot.answer.grounding import Grounding, GroundingCheck, evidence
from copilot.answer.guard import GuardOutcome, guard_draft
from copilot.answer.model import AnswerResult, Citation, RedactionOut, Turn
from copilot.answer.prompts import render
from copilot.answer.retrieval import Retrieval, Retriever
from copilot.answer.snapshot import Snapshot, SnapshotCache
from copilot.answer.vocabulary import Vocabulary
from guardrails import RedactionResult, Redactor
from guardrails.instructions import InstructionRail

SNIPPET_CHARS = 600
_PLACEHOLDER = re.compile(r"\[[A-Z_]+\]|\(age \d+\)")  # redaction marks say nothing to search


@dataclass
class State:
    """What the chain knows about one question as it moves through the steps."""

    question: str
    history: list[Turn]
    include_archived: bool = False
    started: float = field(default_factory=time.perf_counter)
    redaction: RedactionResult | None = None
    snapshot: Snapshot | None = None
    retrieval: Retrieval | None = None
    draft: Draft | None = None
    grounding: Grounding | None = None
    outcome: GuardOutcome | None = None
    fallback_reason: str = ""
    search_text: str = ""  # the redacted question without attempts to instruct the copilot
    search_query: str = ""  # what is searched: with the previous question for a follow-up
    instructions_ignored: bool = False

    @property
    def safe_question(self) -> str:
        return self.redaction.text if self.redaction else ""

    @property
    def asked(self) -> str:
        """What is searched and drafted from: the redacted question without injected orders."""
        return self.search_text or self.safe_question


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
        self.answer_steps: Runnable = (
            RunnableLambda(self._ground, name="ground")
            | RunnableLambda(self._guard, name="guard")
            | RunnableLambda(self._result, name="cite")
        )
        self.draft_step: Runnable = self._draft_step()
        self.chain: Runnable = (
            RunnableLambda(self._redact, name="redact")
            | RunnableLambda(self._retrieve, name="retrieve")
            | self.draft_step
            | self.answer_steps
        )

    # -- public API ----------------------------------------------------------------------------
    def ask(
        self, question: str, history: Sequence[Turn] = (), include_archived: bool = False
    ) -> AnswerResult:
        """Answer one question; ``history`` holds earlier (already redacted) turns."""
        return self.chain.invoke(State(question, list(history), include_archived))

    def retrieve(self, question: str, include_archived: bool = False) -> Retrieval:
        """The retrieval step alone (redaction included), for benchmarks and diagnostics."""
        state = self._retrieve(self._redact(State(question, [], include_archived)))
        return state.retrieval

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
        yield from stream(self, State(question, list(history), include_archived))

    # -- steps ---------------------------------------------------------------------------------
    def _redact(self, state: State) -> State:
        allowlist = self.snapshots.get().allowlist  # the serving generation's vocabulary
        state.redaction = self.redactor.redact(state.question, allowlist=allowlist)
        state.question = ""  # the raw text goes no further
        state.search_text, state.instructions_ignored = self.instructions.cut(
            state.safe_question
        )
        return state

    def _search_query(self, state: State) -> str:
        question = _PLACEHOLDER.sub(" ", state.asked)
        earlier = [t.text for t in state.history if t.role == "agent"]
        if earlier and self.vocabulary.is_follow_up(question):
            return f"{earlier[-1]} {question}"
        return question

    def _retrieve(self, state: State) -> State:
        state.snapshot = self.snapshots.get()
        state.search_query = self._search_query(state)
        state.retrieval = self.retriever.search(
            state.search_query, state.snapshot, state.include_archived
        )
        return state

    def _request(self, state: State) -> DraftRequest:
        retrieval = state.retrieval
        return DraftRequest(
            state.asked,
            state.history,
            retrieval.hits,
            state.snapshot,
            state.search_query,
            retrieval.expansions,
        )

    def _draft_step(self) -> Runnable:
        def draft(state: State) -> State:
            if state.retrieval.found:
                state.draft = self.drafter.draft(self._request(state))
            return state

        if self.drafter.name == self.fallback.name:
            return RunnableLambda(draft, name=f"draft:{self.drafter.name}")

        def fall_back(state: State) -> State:
            state.fallback_reason = state.fallback_reason or "the model endpoint failed"
            if state.retrieval.found:
                state.draft = self.fallback.draft(self._request(state))
            return state

        def remember_failure(state: State) -> State:
            try:
                return draft(state)
            except Exception as exc:
                state.fallback_reason = str(exc)
                raise

        return RunnableLambda(remember_failure, name=f"draft:{self.drafter.name}").with_fallbacks(
            [RunnableLambda(fall_back, name=f"draft:{self.fallback.name}-fallback")]
        )

    def evidence(self, state: State, draft: Draft) -> list:
        """The passages ``draft`` may rest on: its sources and the top retrieved ones."""
        hits = [h.chunk for h in state.retrieval.hits] if state.retrieval else []
        return evidence(draft, hits, self.grounding.config.passages)

    def ground(self, state: State, draft: Draft) -> Grounding:
        """The grounding check of ``draft``: against its evidence, with the snapshot's
        superseded and archived passages as history (unless the agent asked for them)."""
        semantic = state.snapshot.checker.semantic
        return self.grounding.check(
            draft, self.evidence(state, draft), semantic.vectors if semantic is not None else None,
            history=() if state.include_archived else state.snapshot.retired,
        )

    def _ground(self, state: State) -> State:
        if state.draft is None or not state.draft.text.strip():
            return state
        state.grounding = self.ground(state, state.draft)
        if state.grounding.blocked and state.draft.drafter != self.fallback.name:
            state.fallback_reason = render(
                self.prompts_dir,
                "grounding_fallback.j2",
                removed=state.grounding.removed,
                statements=state.grounding.statements,
            )
            state.draft = self.fallback.draft(self._request(state))
        else:
            state.draft = state.grounding.draft
        return state

    def _guard(self, state: State) -> State:
        weak = state.retrieval.outcome == "weak"
        state.outcome = guard_draft(
            state.draft,
            state.retrieval,
            state.snapshot,
            question=state.safe_question,
            ages=state.redaction.ages,
            prompts=self.prompts_dir,
            grounding=state.grounding,
            closest=self.fallback.closest(self._request(state)) if weak else None,
        )
        return state

    def _extra_notes(self, state: State) -> list[str]:
        notes = []
        if state.fallback_reason:
            notes.append(render(self.prompts_dir, "fallback.j2", reason=state.fallback_reason))
        if state.instructions_ignored:
            notes.append(render(self.prompts_dir, "instructions_ignored.j2"))
        return notes

    def _result(self, state: State) -> AnswerResult:
        outcome = state.outcome
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
                for e in state.redaction.entities
            ],
            notes=outcome.notes + self._extra_notes(state),
            drafter=state.draft.drafter if state.draft else "none",
            latency_ms=round((time.perf_counter() - state.started) * 1000, 1),
            redacted_question=state.safe_question,
            urgent=outcome.urgent,
            found=state.retrieval.found,
            coverage=state.retrieval.outcome,
            fallback_reason=state.fallback_reason,
        )
