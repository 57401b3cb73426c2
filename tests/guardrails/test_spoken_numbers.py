"""Numbers said in words (``guardrails/recognizers/spoken.py``): read digit by digit, as one
quantity, and as a year."""

from __future__ import annotations

import pytest

from guardrails.recognizers import SpokenNumbers, phi_config


@pytest.fixture(scope="module")
def spoken() -> SpokenNumbers:
    return SpokenNumbers(phi_config()["spoken"], "US")


@pytest.mark.parametrize(("words", "digits"), [
    ("four oh eight", "408"), ("fifty five", "55"), ("twelve", "12"),
    ("nueve cinco cero", "950"), ("one hundred", ""),
])
def test_digit_by_digit(spoken, words, digits):
    assert spoken.digits(words.split()) == digits


@pytest.mark.parametrize(("words", "value"), [
    ("ninety-one", 91), ("one hundred and four", 104), ("hundred two", 102),
    ("noventa y dos", 92), ("five five", None), ("twenty thirty", None),
])
def test_one_quantity(spoken, words, value):
    assert spoken.quantity(words.replace("-", " ").split()) == value


@pytest.mark.parametrize(("phrase", "year"), [
    ("nineteen eighty seven", "1987"), ("eighty nine", "89"), ("two thousand five", "2005"),
    ("two thousand and twelve", "2012"), ("nineteen oh four", "1904"), ("twenty twenty", "2020"),
    ("five", None),
])
def test_spoken_year(spoken, phrase, year):
    assert spoken.year(phrase) == year


def test_a_phone_needs_seven_digits_and_an_age_a_cue(spoken):
    assert spoken.analyze("we need three two one volunteers") == []
    assert spoken.analyze("table ninety-two is free") == []
    assert [r.entity_type for r in spoken.analyze("he is ninety-two years old")] == ["AGE"]
