"""Settings refuse inconsistent values when they are read, naming the variables and the limit."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from copilot.settings import Settings


def refused(**values) -> str:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, **values)
    return str(caught.value)


def test_the_chunk_overlap_must_be_less_than_the_chunk_size():
    message = refused(chunk_size=400, chunk_overlap=400)
    assert "COPILOT_CHUNK_OVERLAP (400) must be less than COPILOT_CHUNK_SIZE (400)" in message
    assert Settings(_env_file=None, chunk_size=400, chunk_overlap=399).chunk_overlap == 399


@pytest.mark.parametrize(("field", "value"), [("chunk_size", 99), ("chunk_overlap", -1)])
def test_chunk_limits(field, value):
    assert field in refused(**{field: value})


def test_more_than_one_worker_needs_a_chroma_server():
    assert "COPILOT_CHROMA_URL" in refused(workers=2)
    assert Settings(_env_file=None, workers=2, chroma_url="http://127.0.0.1:8001").workers == 2


def test_the_openai_drafter_needs_a_base_url():
    assert "COPILOT_OPENAI_BASE_URL" in refused(drafter="openai")
    url = "http://127.0.0.1:9/v1"
    assert Settings(_env_file=None, drafter="openai", openai_base_url=url).drafter == "openai"


def test_rules_apply_to_the_environment_too(monkeypatch):
    monkeypatch.setenv("COPILOT_CHUNK_SIZE", "300")
    monkeypatch.setenv("COPILOT_CHUNK_OVERLAP", "500")
    assert "must be less than COPILOT_CHUNK_SIZE (300)" in refused()



@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [("index_jobs_kept", 0, "greater than or equal to 1"),
     ("index_jobs_kept_days", -1, "greater than or equal to 0")],
)
def test_index_job_retention_limits(field, value, limit):
    message = refused(**{field: value})
    assert field in message and limit in message
