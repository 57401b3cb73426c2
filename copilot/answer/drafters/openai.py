"""Drafts with any OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp server, hosted APIs)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import BaseModel, SecretStr

from copilot.answer.drafters import Components, Draft, DraftRequest, register, renumber
from copilot.answer.prompts import render
from copilot.knowledge.model import Chunk

SOURCES_IN_PROMPT = 5


class ModelUnavailable(RuntimeError):
    """The model endpoint failed, timed out or returned nothing usable."""


@register
class OpenAIDrafter:
    """Asks a chat model for a cited answer built only from the retrieved sources."""

    name = "openai"

    class Options(BaseModel):
        """The settings it reads."""

        openai_base_url: str
        openai_model: str
        openai_api_key: SecretStr
        llm_timeout_s: float
        llm_max_tokens: int
        llm_temperature: float
        prompts_dir: Path
        max_answer_words: int = 120

    @classmethod
    def from_settings(cls, options: Options, components: Components) -> OpenAIDrafter:
        return cls(
            base_url=options.openai_base_url,
            model=options.openai_model,
            api_key=options.openai_api_key.get_secret_value(),
            timeout_s=options.llm_timeout_s,
            max_tokens=options.llm_max_tokens,
            temperature=options.llm_temperature,
            prompts_dir=options.prompts_dir,
            max_words=options.max_answer_words,
            policy_rules=components.policy_rules,
        )

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
    ) -> None:
        from langchain_openai import ChatOpenAI

        if not base_url:
            raise ValueError("the openai drafter needs COPILOT_OPENAI_BASE_URL")
        self.prompts_dir = prompts_dir
        self.timeout_s = timeout_s
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

    @staticmethod
    def offered(request: DraftRequest) -> list[Chunk]:
        """The sources the model is given, numbered [1].. in the prompt."""
        return [h.chunk for h in request.hits[:SOURCES_IN_PROMPT]]

    def messages(self, request: DraftRequest) -> list[tuple[str, str]]:
        """The chat messages for one request, rendered from ``prompts/``."""
        offered = self.offered(request)
        system = render(self.prompts_dir, "system.j2", max_words=self.max_words,
                        rules=self.policy_rules, contact=request.snapshot.escalation)
        user = render(
            self.prompts_dir,
            "answer.j2",
            history=request.history,
            sources=offered,
            question=request.question,
        )
        return [("system", system), ("human", user)]

    def unavailable(self, exc: Exception) -> ModelUnavailable:
        """Why the model gave nothing, as the agent's panel says it."""
        if "timeout" in type(exc).__name__.lower():
            return ModelUnavailable(f"the model did not answer in {self.timeout_s:g} s")
        return ModelUnavailable(f"the model endpoint failed ({type(exc).__name__})")

    def draft(self, request: DraftRequest) -> Draft:
        try:
            reply = self.model.invoke(self.messages(request))
        except Exception as exc:  # any transport, timeout or API error means: fall back
            raise self.unavailable(exc) from exc
        return self.finish(reply.content if isinstance(reply.content, str) else "", request)

    def stream(self, request: DraftRequest) -> Iterator[str]:
        """The answer as the model writes it, piece by piece; raises ``ModelUnavailable`` when
        the endpoint fails, stalls for longer than the timeout or breaks off."""
        finished = False
        try:
            for chunk in self.model.stream(self.messages(request)):
                finished = finished or bool(chunk.response_metadata.get("finish_reason"))
                if isinstance(chunk.content, str) and chunk.content:
                    yield chunk.content
        except Exception as exc:
            raise self.unavailable(exc) from exc
        if not finished:  # the connection closed before the model said it was done
            raise ModelUnavailable("the model's answer broke off")

    def finish(self, text: str, request: DraftRequest) -> Draft:
        """The model's whole answer as a draft, its markers mapped to the offered sources."""
        if not text.strip():
            raise ModelUnavailable("the model returned an empty answer")
        draft = renumber(text, self.offered(request))
        draft.drafter = self.name
        return draft
