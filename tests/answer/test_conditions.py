"""The durations and times of day a question gives and the conditions statements set on them
(the shipped words of ``copilot/data/retrieval.yaml``)."""

from __future__ import annotations

import pytest

from copilot.answer.conditions import Conditions
from copilot.answer.vocabulary import Vocabulary


@pytest.fixture(scope="module")
def conditions() -> Conditions:
    return Vocabulary.load().conditions


@pytest.mark.parametrize(("question", "hours"), [
    ("her scan is 9 hours from now, can she still move it", [9]),
    ("the lab kit went out three working days ago", [72]),
    ("transfer got pushed, start is 2wks away", [336]),
    ("a 36-hour window for the trigger shot?", [36]),
    ("she paid the deposit 4 months back", [2880]),
    # no duration: a clock time, a price, a cycle day, an always-open line, an age
    ("she's on day 8 of stims, call at 3:30, the $45 fee, the 24/7 line, she is 39", []),
])
def test_a_question_gives_durations_in_hours(conditions, question, hours):
    assert conditions.given(question)["duration"] == hours


@pytest.mark.parametrize(("question", "minutes"), [
    ("she left the voicemail at 4:10 pm", [16 * 60 + 10]),
    ("caller rang at 7am and again at 12:30 P.M.", [7 * 60, 12 * 60 + 30]),
    ("is it too late to call at noon", [12 * 60]),
    ("12 am feed, day 3 of 10, a 2:1 ratio", [0]),
])
def test_a_question_gives_times_of_day_in_minutes(conditions, question, minutes):
    assert conditions.given(question)["clock"] == minutes


@pytest.mark.parametrize(("statement", "relation", "hours"), [
    ("Changes made with fewer than 48 hours' notice carry a $90 fee.", "<", 48),
    ("With 72 hours' notice or more, the deposit moves to the new date.", ">=", 72),
    ("If there is still no reply after business day 3, page the team lead.", ">", 72),
    ("Cancel at least two days before to keep the payment.", ">=", 48),
    ("Results are back by day 10 of the cycle.", "<=", 240),
    ("Refill requests received after 2:30 p.m. are filled the next day.", ">", 14 * 60 + 30),
    ("Calls before noon get a same-day reply.", "<", 12 * 60),
])
def test_a_statement_sets_a_condition_said_with_a_comparison(conditions, statement, relation,
                                                              hours):
    [condition] = conditions.conditions(statement)
    assert (condition.relation, condition.value) == (relation, hours)


@pytest.mark.parametrize("statement", [
    "Results are usually back in 3 to 5 business days.",  # states a time; no condition
    "Replies go out by noon the next business day.",  # a promise
    "Records requests are filled within 10 business days.",  # a deadline, a promise
    "The evening line opens at 6:00 PM, 24/7 on weekends.",  # a time, said without a comparison
    "Storage is $600 for over 12 embryos.",  # no unit of time
])
def test_a_statement_without_a_comparison_sets_none(conditions, statement):
    assert conditions.conditions(statement) == []


LATE = "Changes made with fewer than 48 hours' notice carry a $90 fee."
EARLY = "With 48 hours' notice or more, there is no fee."
PLAIN = "Call the scheduling line to change a visit."


@pytest.mark.parametrize(("question", "verdicts"), [
    ("her visit is one day away, can she change it", [True, False, None]),
    ("her visit is a week out, 7 days, can she change it", [False, True, None]),
    ("her visit is coming up, can she change it", [None, None, None]),  # no duration asked
])
def test_the_branch_a_case_falls_in(conditions, question, verdicts):
    assert conditions.branches(question, [LATE, EARLY, PLAIN]) == verdicts


def test_the_branch_a_time_of_day_falls_in(conditions):
    early = "Messages left before 1:30 p.m. are answered the same afternoon."
    late = "Messages left after 1:30 p.m. are answered the next morning."
    assert conditions.branches("pt left a msg at 2:05pm, when will she hear back",
                               [early, late]) == [False, True]
    assert conditions.branches("pt left a msg at 11 am, when will she hear back",
                               [early, late]) == [True, False]
    # a duration asked weighs no time of day
    assert conditions.branches("pt left a msg 3 hours ago", [early, late]) == [None, None]


def test_a_condition_without_its_opposite_is_no_branch(conditions):
    """The rule a case breaks ("at least 72 hours' notice") still answers it, and another
    rule's condition ("24 hours" for another kind of visit) is not its case's."""
    procedure = "Procedures need at least 72 hours' notice; a late cancellation costs $300."
    follow_up = "Follow-up visits need at least 24 hours' notice."
    assert conditions.branches("she cancels her procedure 2 days before",
                               [procedure, follow_up]) == [None, None]


def test_no_section_reads_nothing():
    empty = Conditions.load(None)
    assert empty.given("in 5 hours at 3 pm") == {}
    assert empty.conditions("with less than 24 hours' notice") == []
