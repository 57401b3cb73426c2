"""The shared normaliser: obfuscations undone before matching, offsets kept to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guardrails.deobfuscate import correction, segment
from guardrails.text import normalize

FOLDED = [
    ("F.R.E.E. intro call", "free intro call"),
    ("f r e e consult", "free consult"),
    ("f-r-e-e consult", "free consult"),
    ("#FreeConsultFriday", " free consult friday"),
    ("#freeconsultation", " free consultation"),
    ("\U0001d41f\U0001d42b\U0001d41e\U0001d41e consult", "free consult"),  # mathematical bold
    ("\u24d5\u24e1\u24d4\u24d4", "free"),  # circled letters
    ("\uff46\uff52\uff45\uff45", "free"),  # fullwidth
    ("\u0192ree", "free"),  # f with hook
    ("c0n$ultation", "consultation"),
    ("consulation", "consultation"),
    ("garantee", "guarantee"),
    ("comp\u00adlimentary", "complimentary"),  # soft hyphen
    # Accents and combining marks on a policy word read as its bare letters.
    ("c\u0332o\u0332n\u0332s\u0332u\u0332l\u0332t\u0332", "consult"),  # combining low line
    ("g\u00fc\u00e1r\u00e1nt\u00e9\u00e9", "guarantee"),  # precomposed accents
    ("co\u0301mplime\u0301ntary visit", "complimentary visit"),  # combining acute
    # Symbols read by their Unicode name.
    ("\U0001F193 intro visit", "free intro visit"),  # SQUARED FREE
    ("a\U0001F193visit", "a free visit"),  # set apart from the letters beside it
    ("\U0001F155\U0001F161\U0001F154\U0001F154 visit", "free visit"),  # negative circled
    ("\U0001F1EB\U0001F1F7\U0001F1EA\U0001F1EA visit", "free visit"),  # regional indicators
    # A negation typed without its apostrophe reads as the contraction.
    ("we cant promise", "we can't promise"),
    ("she doesnt feel well", "she doesn't feel well"),
    ("it wont stop", "it won't stop"),
    ("Isnt that extra", "isn't that extra"),
    # digits of other scripts, and the Arabic decimal separator, read as 0-9 and "."
    ("\u06f3\u06f8\u066b\u06f4 \u062f\u0631\u062c\u0647",  # Persian
     "38.4 \u062f\u0631\u062c\u0647"),
    ("\u0967\u0966\u0968 \u0921\u093f\u0917\u094d\u0930\u0940",  # Devanagari
     "102 \u0921\u093f\u0917\u094d\u0930\u0940"),
    ("$\u0669\u0669", "$99"),  # Arabic-Indic
]
UNCHANGED = ["the fee is $99", "US$99", "u.s. e.g. a.m.", "i'm free on tue", "tree", "fred",
             "первая консультация бесплатная", "免费咨询", "tư vấn miễn phí",
             # marked words that are real words of a language the agents write, or no policy word
             "evaluación gratuita", "évaluation gratuite", "un café à emporter", "se\u0301ance",
             "visit 😀 us",
             # words ending in "nt" that are no negation
             "the front desk", "she went in", "a recent event", "paint", "want", "aunt",
             # a digit opening a time, an ordinal or a unit is no letter
             "it's 7pm now", "her 3rd cycle", "the 1st visit", "5mg at night", "up 4lb"]


@pytest.mark.parametrize(("raw", "folded"), FOLDED, ids=[f[1] for f in FOLDED])
def test_obfuscations_are_undone_with_offsets(raw, folded):
    norm = normalize(raw)
    assert norm.text == folded
    start, end = norm.span(0, len(norm.text))
    assert (start, end) == (0, len(raw))


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_text_and_other_scripts_are_left_alone(text):
    assert normalize(text).text == text.lower()


def test_a_word_of_look_alikes_inside_latin_text_folds_but_cyrillic_words_stay():
    assert normalize("a fr\u0435\u0435 consult").text == "a free consult"
    assert normalize("\u0431\u0435\u0441\u043f\u043b\u0430\u0442\u043d\u043e").text \
        == "\u0431\u0435\u0441\u043f\u043b\u0430\u0442\u043d\u043e"
    # a word of look-alikes alone is the script's own word in text written mostly in that script
    assert normalize("по 150 мг утром").text == "по 150 мг утром"
    assert normalize("мг").text == "mr"


def test_an_offset_inside_a_rewritten_word_maps_into_it():
    raw = "book the c.o.n.s.u.l.t today"
    norm = normalize(raw)
    start = norm.text.index("consult")
    begin, end = norm.span(start, start + len("consult"))
    assert raw[begin:end] == "c.o.n.s.u.l.t"


def test_segmenting_needs_common_words_and_real_words_are_not_corrected():
    assert segment("freeconsult") == ["free", "consult"]
    assert segment("xqzvbnmw") == ["xqzvbnmw"]
    # a run of letters longer than any run-together phrase is left whole (its segmentation
    # copied a growing list at each of its letters: seconds for a spaced-out 10,000 letters)
    assert segment("freeconsult" * 10) == ["freeconsult" * 10]
    assert correction("fee") is None
    assert correction("consultaton") == "consultation"


@given(st.text(alphabet=st.sampled_from(list("aZ $0-.’“”—–…éÉ\u200bсо") + ["\u0192"]),
               max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_plain_text_shortcut_folds_as_the_full_fold_does(text):
    """Text whose only non-ASCII characters fold to themselves skips the per-character fold:
    the result must be the same as folding each character."""
    from guardrails.text import _fold_characters, _folding, _normalize

    chars, positions = _fold_characters(text, _folding())
    shortcut = _normalize(text)
    assert (list(shortcut.text), list(shortcut.origin)) == _deobfuscated(text, chars, positions)


def _deobfuscated(text: str, chars: list[str], positions: list[int]):
    from guardrails.deobfuscate import deobfuscate
    from guardrails.text import _folding, _inside_word

    leet = _folding().leet
    for index, char in enumerate(chars):
        if char in leet and _inside_word(chars, index, leet):
            chars[index] = leet[char]
    folded, origin = deobfuscate(text, "".join(chars), positions)
    return list(folded), list(origin)


def test_a_statement_is_folded_once_however_often_it_is_checked():
    text = "The consultation fee is $99 \u2014 paid at booking."
    assert normalize(text) is normalize(text)



def test_a_draft_is_folded_once_for_every_rule_that_reads_it():
    from guardrails.text import DRAFT_LENGTH, REMEMBERED_LENGTH, _normalize

    draft = " ".join(["The first visit costs $99 \u2014 paid when she books."] * 20)
    assert REMEMBERED_LENGTH < len(draft) <= DRAFT_LENGTH
    assert normalize(draft) is normalize(draft)
    assert normalize(draft) == _normalize(draft)
    longer = draft * 10  # a long note is folded each time, never kept
    assert len(longer) > DRAFT_LENGTH and normalize(longer) is not normalize(longer)
