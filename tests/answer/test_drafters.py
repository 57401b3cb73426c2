"""The drafter registry: a drafter registers by name and gets only the settings it declares."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from copilot.answer.drafters import DRAFTERS, Components, create, register
from copilot.answer.drafters.grounded import GroundedDrafter
from copilot.answer.vocabulary import Vocabulary
from copilot.settings import Settings


@pytest.fixture
def registry():
    """The registry, restored after the test (a test's drafter does not stay registered)."""
    saved = dict(DRAFTERS)
    yield DRAFTERS
    DRAFTERS.clear()
    DRAFTERS.update(saved)


def test_a_drafter_gets_only_the_settings_it_declares(registry):
    @register
    class Echo:
        name = "echo"

        class Options(BaseModel):
            max_answer_words: int

        def __init__(self, options, components):
            self.options, self.components = options, components

        @classmethod
        def from_settings(cls, options, components):
            return cls(options, components)

    settings = Settings(_env_file=None, max_answer_words=77, openai_api_key="sk-secret")
    components = Components(policy_rules=("rule",))
    drafter = create("echo", settings, components)
    assert drafter.options.model_dump() == {"max_answer_words": 77}  # no key, no endpoint
    assert drafter.components is components


def test_a_drafter_declaring_a_setting_that_does_not_exist_is_refused(registry):
    @register
    class Misspelt:
        name = "misspelt"

        class Options(BaseModel):
            max_words: int = 1

        @classmethod
        def from_settings(cls, options, components):  # pragma: no cover (never reached)
            return cls()

    refused = "'misspelt' declares settings that do not exist: max_words"
    with pytest.raises(ValueError, match=refused):
        create("misspelt", Settings(_env_file=None), Components())


def test_the_grounded_drafter_reads_its_word_budget_from_settings():
    vocabulary = Vocabulary.load()
    drafter = create("grounded", Settings(_env_file=None, max_answer_words=90),
                     Components(vocabulary=vocabulary))
    assert isinstance(drafter, GroundedDrafter)
    assert (drafter.max_words, drafter.vocabulary) == (90, vocabulary)
