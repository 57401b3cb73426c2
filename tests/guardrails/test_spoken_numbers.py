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
    ("nueve cinco cero", "950"), ("one hundred", ""), ("dix huit", "18"), ("dix deux", "102"),
    # a digit said twice or three times in one word before it
    ("six double two", "622"), ("triple oh seven", "0007"), ("double", ""),
    ("double twelve", ""),
])
def test_digit_by_digit(spoken, words, digits):
    assert spoken.digits(words.split()) == digits


@pytest.mark.parametrize(("words", "value"), [
    ("ninety-one", 91), ("one hundred and four", 104), ("hundred two", 102),
    ("noventa y dos", 92), ("five five", None), ("twenty thirty", None),
    ("quatre vingt dix sept", 97), ("soixante dix huit", 78),
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


@pytest.mark.parametrize(("text", "age"), [
    # an age over 89 in words, in the languages agents meet, after its cue or before its years
    ("sa grand-mère a quatre-vingt-dix-sept ans", "quatre-vingt-dix-sept"),
    ("a avó tem noventa e dois anos", "noventa e dois"),
    ("Opa ist zweiundneunzig und kommt mit", "zweiundneunzig"),
    ("la nonna ha novantatré anni", "novantatré"),
    ("дедушке девяносто пять лет", "девяносто пять"),
    ("babcia ma dziewięćdziesiąt dwa lata", "dziewięćdziesiąt dwa"),
    ("dedesi doksan iki yaşında", "doksan iki"),
    ("awoowgeed waa sagaashan iyo shan jir", "sagaashan iyo shan"),
    ("አያቱ ዘጠና ሁለት ዓመቱ ነው", "ዘጠና ሁለት"),
    # Tagalog's "…'t" (and), Haitian Creole's nineties in one word, Hindi's
    ("siyamnapu't anim na taon na ang lola niya", "siyamnapu't anim"),
    ("grann li gen katrevendizuit an", "katrevendizuit"),
    ("उनके दादा छियानवे साल के हैं", "छियानवे"),
    # Portuguese "e um" (one after ninety), Vietnamese "chín mươi" (nine tens) before "tuổi"
    ("o avô dela fez noventa e um anos ontem", "noventa e um"),
    ("ông nội của chị ấy chín mươi lăm tuổi", "chín mươi lăm"),
    # after Spanish "de" (Haitian Creole's two), before Tagalog's "taong gulang" (years old)
    ("vino su bisabuelo, de noventa y cuatro años", "noventa y cuatro"),
    ("siyamnapu't siyam na taong gulang ang lolo niya", "siyamnapu't siyam"),
    # not an age under 90, nor a quantity after the cue
    ("quatre-vingt-cinq ans", None),
    ("Die Wartezeit ist neunzig Minuten", None),
    ("ожидание девяносто минут", None),
    ("li tann katrevendis minit", None),
    ("một cô gái ba mươi tuổi", None),
    ("ela trouxe um exame e um recibo", None),
])
def test_ages_over_89_in_words_of_other_languages(spoken, text, age):
    found = [text[r.start:r.end] for r in spoken.analyze(text) if r.entity_type == "AGE"]
    assert found == ([age] if age else [])


def test_a_phone_read_out_with_doubled_digits_is_one_phone(spoken):
    text = "call her back on seven oh seven, double three one, triple eight nine please"
    found = spoken.analyze(text)
    assert [(r.entity_type, text[r.start:r.end]) for r in found] == [
        ("PHONE", "seven oh seven, double three one, triple eight nine")]
    assert spoken.analyze("double the dose tonight") == []
    assert spoken.quantity(["double", "five"]) is None


def test_a_phone_needs_seven_digits_and_an_age_a_cue(spoken):
    assert spoken.analyze("we need three two one volunteers") == []
    assert spoken.analyze("table ninety-two is free") == []
    assert [r.entity_type for r in spoken.analyze("he is ninety-two years old")] == ["AGE"]


@pytest.mark.parametrize(("text", "number"), [
    # French read in pairs, Russian digit by digit, Korean syllables with no space between them
    ("Rappelez au zéro six, dix-huit, quarante-quatre, zéro neuf, trente et un.",
     "zéro six, dix-huit, quarante-quatre, zéro neuf, trente et un"),
    ("Номер: девять ноль три, пять пять пять, ноль семь восемь два.",
     "девять ноль три, пять пять пять, ноль семь восемь два"),
    ("제 번호는 공일공 삼삼삼삼 칠칠팔팔입니다.", "공일공 삼삼삼삼 칠칠팔팔"),
    # a number of another country's length, read out beside a word that is another
    # language's digit ("hai": Hindi "is", Vietnamese "two")
    ("uska number four zero eight, five five five, zero one nine two hai",
     "four zero eight, five five five, zero one nine two hai"),
])
def test_numbers_read_out_in_other_languages_are_phones(spoken, text, number):
    found = [(r.entity_type, text[r.start:r.end]) for r in spoken.analyze(text)]
    assert found == [("PHONE", number)]


@pytest.mark.parametrize("text", [
    "삼일 후에 다시 전화 주세요.", "Il reste dix places et trente minutes.",
    "Осталось два или три дня.",
])
def test_a_few_number_words_are_no_phone(spoken, text):
    assert spoken.analyze(text) == []


@pytest.mark.parametrize(("text", "digits"), [
    ("八月十六号", "8月16号"),
    ("一九八五年三月二十日", "1985年3月20日"),
    ("十一月三号", "11月3号"),
    ("十十月", "十十月"),  # no number a date has
    ("她说十个人", "她说十个人"),  # a count, before no date mark
])
def test_chinese_date_numbers_read_as_digits(spoken, text, digits):
    assert spoken.date_numbers(text) == digits


@pytest.mark.parametrize(("text", "label", "value"), [
    ("her chart number is K L M two two nine four one", "MRN", "K L M two two nine four one"),
    ("subscriber id: B as in bravo, T, six six one, zero four", "MEMBER_ID",
     "B as in bravo, T, six six one, zero four"),
    ("the patient number is R as in Robert one one eight three nine", "MRN",
     "R as in Robert one one eight three nine"),
])
def test_letters_spelled_before_the_digits_are_part_of_the_identifier(redactor, text, label,
                                                                       value):
    """The identifier's cue comes before its spelled letters, which are redacted with it."""
    found = [(e.label, text[e.start : e.end]) for e in redactor.detect(text)]
    assert found == [(label, value)]


def test_a_single_letter_is_no_spelled_prefix(spoken):
    text = "it's a five five five, zero one two three, four five six number"
    (result,) = spoken.analyze(text)
    assert text[result.start : result.end] == "five five five, zero one two three, four five six"
