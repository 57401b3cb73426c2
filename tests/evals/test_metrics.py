"""Metric functions on hand-made inputs: matching, ranks (ties, empty citations), percentiles."""

import pytest

from copilot.evals import metrics as m


@pytest.mark.parametrize(
    ("text", "needle", "found"),
    [
        ("The virtual consult is $99.", "$99", True),
        ("The package is $990 in total.", "$99", False),  # hard negative: longer number
        ("Donor egg IVF from $99,000", "$99", False),  # hard negative: thousands
        ("Fri 9:00 AM – 12:00 PM", "9:00 AM-12:00 PM", True),  # en dash vs hyphen
        ("Dr. Bell’s block", "Dr. Bell's block", True),  # curly apostrophe
        ("NEVER double-book", "never double-book", True),
        ("nurse line, option 4", "option 4", True),
        ("option 40 of the menu", "option 4", False),  # hard negative: digit follows
        ("the nurses", "nurse", False),  # whole words only
        ("email callcenter@harborpoint-fertility.example", "callcenter@", True),
        ("anything", "   ", False),
    ],
)
def test_contains(text, needle, found):
    assert m.contains(text, needle) is found


def test_groups_pass_on_any_alternative():
    answer = "Our virtual consult is 99 dollars; the in-office one is $299."
    assert m.groups_hit([["$99", "99 dollars"], ["$299"], ["$350"]], answer) == [True, True, False]


def test_forbidden_found_lists_only_present_strings():
    answer = "The first consultation is free."
    assert m.forbidden_found(["is free", "complimentary"], answer) == ["is free"]


@pytest.mark.parametrize(
    ("expected", "cited", "rank"),
    [
        (["a.md"], ["a.md", "b.md"], 1),
        (["b.md"], ["a.md", "b.md"], 2),
        (["b.md"], ["a.md", "a.md", "a.md", "b.md"], 2),  # same file cited thrice ranks once
        (["a.md", "b.md"], ["c.md", "b.md", "a.md"], 2),  # tie of two expected: the first counts
        (["a.md"], [], None),  # no citations at all
        (["a.md"], ["c.md", "d.md"], None),
        (["scripts/"], ["faq/x.md", "scripts/voicemail.md"], 2),  # folder prefix
        (["scripts/voicemail.md"], ["scripts/voicemail.md.bak"], None),
    ],
)
def test_first_hit_rank(expected, cited, rank):
    assert m.first_hit_rank(expected, cited) == rank


@pytest.mark.parametrize(
    ("rank", "k", "hit", "rr"),
    [(1, 1, True, 1.0), (2, 1, False, 0.5), (3, 3, True, 1 / 3), (4, 3, False, 0.25),
     (None, 5, False, 0.0)],
)
def test_hit_at_and_reciprocal_rank(rank, k, hit, rr):
    assert m.hit_at(rank, k) is hit
    assert m.reciprocal_rank(rank) == pytest.approx(rr)


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([], 50, None),
        ([7.0], 95, 7.0),
        ([10, 20, 30, 40], 50, 25.0),
        ([5, 5, 5, 5, 100], 50, 5.0),  # ties
        ([5, 5, 5, 5, 100], 95, 81.0),
        ([3, 1, 2], 0, 1.0),
        ([3, 1, 2], 100, 3.0),
    ],
)
def test_percentile(values, q, expected):
    assert m.percentile(values, q) == (None if expected is None else pytest.approx(expected))


def test_ratio_of_nothing_is_none():
    assert m.ratio(0, 0) is None
    assert m.ratio(1, 4) == 0.25


def test_phi_echoes_reports_labels_of_repeated_spans():
    question = "Jane Roe DOB 03/14/1981 asks about IVF"
    spans = [("PERSON", 0, 8), ("DATE_OF_BIRTH", 13, 23), ("X", 24, 26)]
    assert m.phi_echoes(question, spans, "Hello Jane Roe, IVF is $14,900.") == ["PERSON"]
    assert m.phi_echoes(question, spans, "IVF is $14,900.") == []
    # two-letter spans are ignored: "as" appears in ordinary text
    assert m.phi_echoes(question, spans, "as listed") == []
