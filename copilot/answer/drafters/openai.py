"""Drafts with any OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp server, hosted APIs)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from copilot.answer.drafters import Draft, DraftRequest, register, renumber
from copilot.answer.prompts import render

SOURCES_IN_PROMPT = 5


class ModelUnavailable(RuntimeError):
    """The model endpoint failed, timed out or returned nothing usable."""


@register
class OpenAIDrafter:
    """Asks a chat model for a cited answer built only from the retrieved sources."""

    name = "openai"

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str,
        timeout_s: float,
        max_tokens: int,
        temperature: float,
        prompts_dir: Path,
        max_words: int = 120,
        policy_rules: Sequence[object] = (),
        **_: object,
    ) -> None:
        from langchain_openai import ChatOpenAI

        if not base_url:
            raise ValueError("the openai drafter needs COPILOT_OPENAI_BASE_URL")
        self.prompts_dir = prompts_dir
        self.max_words = max_words
        self.policy_rules = list(policy_rules)
        # langchain-openai sends max_completion_tokens, which llama.cpp's server ignores:
        # max_tokens in the body is honoured by every OpenAI-compatible server.
        self.model = ChatOpenAI(
            base_url=base_url,
            model=model,
            api_key=api_key,
            timeout=timeout_s,
            max_retries=0,
            temperature=temperature,
            extra_body={"max_tokens": max_tokens},
        )

    def messages(self, request: DraftRequest) -> list[tuple[str, str]]:
        """The chat messages for one request, rendered from ``prompts/``."""
        offered = [h.chunk for h in request.hits[:SOURCES_IN_PROMPT]]
        system = render(
            self.prompts_dir, "system.j2", max_words=self.max_words, rules=self.policy_rules
        )
        user = render(
            self.prompts_dir,
            "answer.j2",
            history=request.history,
            sources=offered,
            question=request.question,
        )
        return [("system", system), ("human", user)]

    def draft(self, request: DraftRequest) -> Draft:
        offered = [h.chunk for h in request.hits[:SOURCES_IN_PROMPT]]
        try:
            reply = self.model.invoke(self.messages(request))
        except Exception as exc:  # any transport, timeout or API error means: fall back
            raise ModelUnavailable(f"model endpoint failed: {type(exc).__name__}") from exc
        text = reply.content if isinstance(reply.content, str) else ""
        if not text.strip():
            raise ModelUnavailable("model endpoint returned an empty answer")
        draft = renumber(text, offered)
        draft.drafter = self.name
        return draft
