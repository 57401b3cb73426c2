"""Text helpers of guardrails.text: the regex a list of phrases becomes."""

from __future__ import annotations

import random
import re

from guardrails.text import alternation, prefix_tree

PHRASES = ["jan", "janv", "janvier", "june", "juni", "jun", "ju", "julho", "mar", "march",
           "marzo", "tháng ba", "tháng mười", "tháng mười hai", "sept.", "set", "x+y"]


def test_a_prefix_tree_shares_beginnings():
    assert prefix_tree(["jan", "june", "july"]) == "j(?:an|u(?:ne|ly))"
    assert prefix_tree(["ab", "abc", "b"]) == "(?:ab(?:c)?|b)"


def test_a_prefix_tree_matches_what_the_alternation_matches():
    """The same spans on text made of the phrases, their pieces and case variants: the
    longest phrase wins, a shorter one matches where the longer does not go on."""
    ends = ["", r"(?!\w)"]  # (with no end, the first alternative that matches is the match)
    flat = [re.compile(rf"\b(?:{alternation(PHRASES)}){end}", re.IGNORECASE) for end in ends]
    tree = [re.compile(rf"\b(?:{prefix_tree(PHRASES)}){end}", re.IGNORECASE) for end in ends]
    pieces = PHRASES + ["ja", "junio", "MARCH", "Tháng", "mười", "and", "x", "+", ".", " "]
    rng = random.Random(7)
    for _ in range(400):
        text = " ".join(rng.choice(pieces) for _ in range(30))
        for ours, theirs in zip(tree, flat, strict=True):
            assert [m.span() for m in ours.finditer(text)] == \
                [m.span() for m in theirs.finditer(text)], text
