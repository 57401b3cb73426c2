"""Server-sent events of a model drafter over real HTTP: the app served by uvicorn, the model by
the fake OpenAI-compatible server streaming slowly. The first guarded sentence must reach the
client while the model is still holding the rest of its answer."""

from __future__ import annotations

import json

import httpx
import pytest

from copilot.web import create_app
from tests.fake_model import Reply, fake_model_server
from tests.web.conftest import serving


@pytest.fixture(scope="module")
def llm_app(server):
    with fake_model_server() as (model, url):
        derived = server.rt.derive(
            drafter="openai", openai_base_url=url, openai_model="scripted", llm_timeout_s=5.0
        )
        with serving(create_app(derived)) as app_url:
            yield model, app_url
        model.assert_scripted()


def events(response: httpx.Response):
    buffer = ""
    for text in response.iter_text():
        buffer += text
        while "\n\n" in buffer:
            block, buffer = buffer.split("\n\n", 1)
            fields = dict(line.split(": ", 1) for line in block.splitlines())
            yield fields["event"], json.loads(fields["data"])


def test_the_first_guarded_sentence_reaches_the_client_before_the_model_finishes(
    llm_app, server
):
    model, url = llm_app
    model.scripts["how much is FET"] = Reply(
        "A frozen embryo transfer costs $4,200 per transfer [1]. "
        "PGT-A on the transferred embryo is also $4,200 [1]. "
        "Medications are not included [1].",
        hold_after=10,
        piece_delay_s=0.01,
    )
    headers = {"Authorization": f"Bearer {server.tokens['agent']}"}
    seen = []
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client, client.stream(
        "POST", "/api/ask/stream", json={"question": "how much is FET"}
    ) as response:
        assert response.status_code == 200
        for kind, data in events(response):
            if not seen:
                assert kind == "sentence"
                assert not model.finished.is_set()  # the model still holds the rest
                model.release.set()
            seen.append((kind, data))
    texts = [data["text"] for kind, data in seen if kind == "sentence"]
    assert texts[0] == "A frozen embryo transfer costs $4,200 per transfer. [1]"
    assert len(texts) == 2 and texts[1].startswith("Medications are not included. [")
    kind, final = seen[-1]
    assert kind == "final" and model.finished.is_set()
    assert final["result"]["verdict"] == "revised" and final["result"]["citations"]
    assert "PGT-A" not in final["result"]["answer"]


def test_a_model_that_breaks_off_is_withdrawn_and_the_documents_answer_streams(llm_app, server):
    model, url = llm_app
    model.reset()
    model.scripts["how much is FET"] = Reply(
        "A frozen embryo transfer costs $4,200 per transfer [1]. Medications are not included [1].",
        break_after=10,
    )
    headers = {"Authorization": f"Bearer {server.tokens['agent']}"}
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client, client.stream(
        "POST", "/api/ask/stream", json={"question": "how much is FET"}
    ) as response:
        seen = list(events(response))
    kinds = [kind for kind, _ in seen]
    assert kinds[:2] == ["sentence", "restart"] and kinds[-1] == "final"
    assert len(kinds) > 3 and set(kinds[2:-1]) == {"sentence"}  # the documents, one by one
    result = seen[-1][1]["result"]
    assert result["drafter"] == "grounded" and result["fallback_reason"]
