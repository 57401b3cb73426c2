"""Runtime.from_settings refuses what the settings alone cannot check: an unregistered drafter."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from copilot.runtime import Runtime
from copilot.settings import Settings


def test_the_runtime_refuses_a_drafter_nobody_registered(tmp_path):
    with pytest.raises(ValidationError) as caught:
        Runtime.from_settings(Settings(_env_file=None, data_dir=tmp_path, drafter="gpt9"))
    assert "unknown drafter 'gpt9'; available: grounded, openai" in str(caught.value)
    assert not any(tmp_path.iterdir())  # refused before anything was opened
