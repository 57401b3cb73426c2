"""The lexicon: general words of the configured languages, names of every Faker locale."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def lexicon(redactor):
    return redactor.lexicon


@pytest.mark.parametrize("word", ["rechnung", "versicherung", "domanda", "chiedo"])
def test_a_minor_languages_frequent_word_is_a_foreign_word(lexicon, word):
    assert lexicon.kind(word) == "foreign"
    assert lexicon.is_minor(word)


@pytest.mark.parametrize("word", ["pregunta", "bonjour", "cảm"])
def test_a_word_of_a_main_language_is_not_minor(lexicon, word):
    assert not lexicon.is_minor(word)


@pytest.mark.parametrize("word", ["li", "mai"])
def test_an_unmixed_languages_commonest_word_leaves_a_name_a_name(lexicon, word):
    # frequent in Italian, a Chinese or Vietnamese name in Faker: still a name
    assert lexicon.kind(word) == "name"


@pytest.mark.parametrize(("word", "meant"), [
    ("acupunture", "acupuncture"),  # a letter left out
    ("chiropracter", "chiropractor"),  # one replaced
    ("embyro", "embryo"),  # two swapped
    ("acupuncture", None),  # a word the lexicon knows mistypes nothing
    ("qzvxkt", None),  # nothing is one edit away
    ("cuánto", None),  # another language's letters
])
def test_a_typo_is_one_edit_from_the_word_it_mistypes(lexicon, word, meant):
    assert lexicon.mistyped(word) == meant
