"""A fake OpenAI-compatible chat endpoint over real HTTP: the one edge the tests cannot reach.

Replies are scripted per question (matched in the agent's question of the prompt), answered whole
or streamed piece by piece (``"stream": true``), slowly, held until the test releases them, or cut
off mid-stream. A request with no script is answered 500 and recorded: ``FakeModel.unscripted``
makes the test that caused it fail (``assert_scripted``), so nothing passes by falling back.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from tests.support import free_port

_QUESTION = re.compile(r"Agent's question:\s*(.*?)\s*Answer:\s*$", re.DOTALL)


@dataclass
class Reply:
    """One scripted answer. ``pieces`` are the streamed tokens (default: word by word)."""

    text: str
    delay_s: float = 0.0  # before the first byte
    piece_delay_s: float = 0.0  # between streamed pieces
    hold_after: int | None = None  # stream this many pieces, then wait for ``release``
    break_after: int | None = None  # stream this many pieces, then drop the connection

    @property
    def pieces(self) -> list[str]:
        return re.findall(r"\S+\s*", self.text)


@dataclass
class FakeModel:
    """What the endpoint answers and what it was asked."""

    scripts: dict[str, Reply] = field(default_factory=dict)
    responder: Callable[[str, str], Reply] | None = None  # (question, prompt) -> reply, if set
    requests: list[dict] = field(default_factory=list)
    unscripted: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)
    finished: threading.Event = field(default_factory=threading.Event)  # last piece sent

    def reset(self) -> None:
        self.scripts.clear()
        self.responder = None
        self.requests.clear()
        self.unscripted.clear()
        self.release.clear()
        self.finished.clear()

    def reply_for(self, body: dict) -> Reply | None:
        prompt = body["messages"][-1]["content"]
        found = _QUESTION.search(prompt)
        question = found.group(1) if found else ""
        for needle, reply in self.scripts.items():
            if needle.lower() in question.lower():
                return reply
        if self.responder is not None:
            return self.responder(question, prompt)
        self.unscripted.append(question)
        return None

    def assert_scripted(self) -> None:
        assert not self.unscripted, f"the fake model was asked unscripted: {self.unscripted}"


def _chunk(body: dict, delta: dict, finish: str | None = None) -> bytes:
    payload = {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(payload)}\n\n".encode()


def _handler(model: FakeModel):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802  (http.server's naming)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            model.requests.append(body)
            reply = model.reply_for(body)
            try:
                if reply is None:
                    self._send(500, b'{"error": {"message": "no script for this question"}}')
                    return
                time.sleep(reply.delay_s)
                if body.get("stream"):
                    self._stream(body, reply)
                else:  # (finished before the reply is out: the client cannot see it unset)
                    model.finished.set()
                    self._send(200, json.dumps(_completion(body, reply.text)).encode())
            except (BrokenPipeError, ConnectionResetError):  # the client gave up
                pass

        def _send(self, status: int, payload: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def _stream(self, body: dict, reply: Reply) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self._write(_chunk(body, {"role": "assistant", "content": ""}))
            for index, piece in enumerate(reply.pieces):
                if index == reply.break_after:
                    self.wfile.write(b"data: {\"choices\": [")  # cut off mid-event
                    self.wfile.flush()
                    self.connection.shutdown(2)
                    return
                if index == reply.hold_after:
                    assert model.release.wait(timeout=60), "the test never released the model"
                time.sleep(reply.piece_delay_s)
                self._write(_chunk(body, {"content": piece}))
            # every piece is out; set before the end is sent, or a client that has read the
            # whole stream could still see it unset (a full run under load once did)
            model.finished.set()
            self._write(_chunk(body, {}, "stop"))
            self._write(b"data: [DONE]\n\n")

        def _write(self, data: bytes) -> None:
            self.wfile.write(data)
            self.wfile.flush()

        def log_message(self, *args):
            pass

    return Handler


def _completion(body: dict, text: str) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body.get("model", "fake"),
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": text},
             "finish_reason": "stop"}
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


@contextmanager
def fake_model_server() -> Iterator[tuple[FakeModel, str]]:
    """A running fake endpoint: yields the script and its base URL (``.../v1``)."""
    model = FakeModel()
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _handler(model))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield model, f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        model.release.set()
        server.shutdown()


def model_copilot(runtime, model_server, timeout_s: float):
    """A Copilot of ``runtime`` that drafts with the fake model server (``openai`` drafter)."""
    _, url = model_server
    derived = runtime.derive(
        drafter="openai", openai_base_url=url, openai_model="scripted", llm_timeout_s=timeout_s
    )
    return derived.copilot
