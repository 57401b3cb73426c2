"""The ``openai`` drafter over real HTTP against a scripted OpenAI-compatible server.

The server stands in for the one edge we cannot reach (a hosted model); everything else is real.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.support import free_port


class ScriptedModel:
    """What the fake endpoint answers next, and what it was sent."""

    def __init__(self) -> None:
        self.reply = ""
        self.delay_s = 0.0
        self.requests: list[dict] = []


def make_handler(script: ScriptedModel):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802  (http.server's naming)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            script.requests.append(body)
            time.sleep(script.delay_s)
            payload = json.dumps(
                {
                    "id": "chatcmpl-test",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": body.get("model", "test"),
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": script.reply},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                }
            ).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except BrokenPipeError:  # the client timed out and hung up
                pass

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture(scope="module")
def model_server():
    script = ScriptedModel()
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), make_handler(script))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield script, f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()


@pytest.fixture
def model(model_server):
    script, _ = model_server
    script.reply, script.delay_s = "", 0.0
    script.requests.clear()
    return script


@pytest.fixture(scope="module")
def openai_copilot(runtime, model_server):
    _, url = model_server
    derived = runtime.derive(
        drafter="openai", openai_base_url=url, openai_model="scripted", llm_timeout_s=1.0
    )
    return derived.copilot


def test_a_good_draft_passes_with_its_citations(openai_copilot, model):
    model.reply = (
        "We have two promotional consultations: the $99 promotional virtual consultation "
        "and the $299 promotional in-office consultation with fertility assessment [1]."
    )
    result = openai_copilot.ask("what promos do we have for new patients")
    assert result.drafter == "openai" and result.verdict == "pass"
    assert "$99" in result.answer and "[1]" in result.answer
    assert len(result.citations) == 1
    sent = model.requests[-1]
    assert sent["max_tokens"] > 0  # honoured by llama.cpp, unlike max_completion_tokens
    prompt = " ".join(m["content"] for m in sent["messages"])
    assert "Sources:" in prompt and "[1]" in prompt


def test_a_free_consultation_claim_never_reaches_the_agent(openai_copilot, model, runtime):
    model.reply = (
        "Good news: the first consultation is free [1]. "
        "After that, the in-office visit is $299 [2]."
    )
    result = openai_copilot.ask("is the first consult free")
    assert result.verdict in {"revised", "blocked"}
    assert "free_consultation" in {v.rule for v in result.violations}
    assert "consultation is free" not in result.answer
    assert runtime.checker.check(result.answer).verdict == "pass"


def test_an_invented_price_is_revised_or_blocked(openai_copilot, model, runtime):
    model.reply = "The promotional virtual consultation costs $49 [1]."
    result = openai_copilot.ask("how much is the virtual promo consult")
    assert result.verdict in {"revised", "blocked"}
    assert "price_mismatch" in {v.rule for v in result.violations}
    assert "$49" not in result.answer
    assert runtime.checker.check(result.answer).verdict == "pass"


def test_phi_is_not_sent_to_the_model(openai_copilot, model):
    model.reply = "The promotional virtual consultation is $99 [1]."
    openai_copilot.ask("Maria Delgado dob 04/12/1988 asking about the virtual promo")
    prompt = json.dumps(model.requests[-1])
    assert "Delgado" not in prompt and "1988" not in prompt


def test_a_hanging_endpoint_falls_back_to_the_grounded_drafter(openai_copilot, model):
    model.delay_s = 5.0  # longer than the 1 s timeout
    started = time.perf_counter()
    result = openai_copilot.ask("how much is FET")
    assert time.perf_counter() - started < 4.0
    assert result.drafter == "grounded"
    assert "model endpoint failed" in result.fallback_reason
    assert "$4,200" in result.answer


def test_an_unreachable_endpoint_falls_back_too(runtime):
    derived = runtime.derive(
        drafter="openai", openai_base_url=f"http://127.0.0.1:{free_port()}/v1", llm_timeout_s=1.0
    )
    result = derived.copilot.ask("how much is FET")
    assert result.drafter == "grounded" and result.fallback_reason
    assert result.citations
