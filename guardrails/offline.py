"""Nothing may download at run time: the one list of environment settings that keep every library
that could try (Hugging Face, spaCy's tldextract, Chroma's telemetry) offline and quiet.

``guardrails`` applies it on import, before any such library loads, and so ``copilot`` (which
imports ``guardrails`` first); a test or benchmark that starts a process passes ``OFFLINE`` on.
A value already set in the environment wins.
"""

from __future__ import annotations

import os

OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
}


def pin_offline() -> None:
    """Set each of ``OFFLINE`` unless the environment already has it."""
    for name, value in OFFLINE.items():
        os.environ.setdefault(name, value)
