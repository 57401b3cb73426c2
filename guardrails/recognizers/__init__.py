"""Our recognizers, configured from ``phi.yaml``: one per kind of identifier, recall first."""

from __future__ import annotations

from guardrails.recognizers.config import phi_config
from guardrails.recognizers.cued import CuedPatternRecognizer
from guardrails.recognizers.dates import DateRecognizer
from guardrails.recognizers.han_names import HanNameRecognizer
from guardrails.recognizers.identifiers import IdentifierRecognizer
from guardrails.recognizers.names import NameRecognizer
from guardrails.recognizers.replies import Replies
from guardrails.recognizers.spoken import SpokenNumbers

__all__ = ["CuedPatternRecognizer", "DateRecognizer", "HanNameRecognizer",
           "IdentifierRecognizer", "NameRecognizer", "Replies", "SpokenNumbers", "phi_config"]
