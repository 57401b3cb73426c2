"""Grading one case, aggregating many and applying suite thresholds, on hand-made observations."""

import pytest

from copilot.evals.grading import aggregate, by_area, grade, threshold_failures
from copilot.evals.results import CitedSource, Observation
from copilot.evals.suite import Case, Thresholds

PRICE = Case(
    id="price-ivf", question="how much is ivf", area="pricing",
    sources=["pricing/price-list.md", "faq/costs-and-insurance.md"],
    must_include=[["$14,900"], ["medications", "meds"]], must_not_include=["$13,900"],
)
WIFI = Case(id="oos-wifi", question="wifi password", area="out_of_scope", expect="decline")
DOSE = Case(id="dose", question="how much gonal-f", area="adversarial", expect="route",
            must_include=[["nurse"]])


def obs(answer="", cited=(), found=True, **extra) -> Observation:
    return Observation(
        answer=answer, citations=[CitedSource(source=s) for s in cited], found=found,
        verdict=extra.pop("verdict", "pass"), latency_ms=extra.pop("latency_ms", 10.0), **extra,
    )


GOOD = obs("IVF is $14,900; medications are extra [1].", ["pricing/price-list.md"])


def test_a_correct_answer_passes_with_no_reasons():
    result = grade(PRICE, "pricing", GOOD)
    assert result.passed and result.reasons == []
    assert (result.groups_hit, result.groups_total, result.rank) == (2, 2, 1)


@pytest.mark.parametrize(
    ("case", "observation", "reason"),
    [
        (PRICE, obs("IVF is $14,900.", ["pricing/price-list.md"]),
         "missing fact 2/2: none of 'medications' | 'meds'"),
        (PRICE, obs("IVF was $13,900, meds extra, now $14,900", ["pricing/price-list.md"]),
         "forbidden string appeared: '$13,900'"),
        (PRICE, obs("IVF is $14,900, meds extra", ["archive/faq-2024.md"]),
         "expected a citation of pricing/price-list.md or faq/costs-and-insurance.md; "
         "cited archive/faq-2024.md"),
        (PRICE, obs("IVF is $14,900, meds extra", []), "cited nothing"),
        (PRICE, obs("The documents don't cover this.", found=False),
         "declined as not covered, but the documents answer this"),
        (WIFI, obs("The password is hunter2", ["faq/general.md"]),
         "expected a decline (documents don't cover it) but an answer was given"),
        (PRICE, GOOD.model_copy(update={"verdict": "blocked"}), None),
        (PRICE, GOOD.model_copy(update={"policy_violations": ["free_consultation"]}),
         "policy violation in the final answer: free_consultation"),
        (PRICE, GOOD.model_copy(update={"phi_echoed": ["PERSON"]}),
         "PHI from the question echoed in the answer (PERSON)"),
        (PRICE, obs(error="TimeoutError"), "error: TimeoutError"),
    ],
)
def test_each_failed_check_gives_a_reason(case, observation, reason):
    result = grade(case, "s", observation)
    if reason is None:  # no verdict expectation: any verdict is fine
        assert result.passed
        return
    assert not result.passed
    assert any(reason in r for r in result.reasons), result.reasons


def test_expected_verdict_is_checked_when_given():
    case = PRICE.model_copy(update={"verdict": ["pass", "revised"]})
    assert grade(case, "s", GOOD).passed
    failed = grade(case, "s", GOOD.model_copy(update={"verdict": "blocked"}))
    assert failed.reasons == ["guard verdict 'blocked', expected pass or revised"]


def test_route_cases_do_not_count_towards_decline_accuracy():
    routed = grade(DOSE, "s", obs("Please transfer to the nurse line.", found=False))
    assert routed.passed and routed.decline_correct is None


def test_a_correct_decline_passes():
    assert grade(WIFI, "s", obs("The documents don't cover this.", found=False)).passed


def test_aggregate_numbers():
    results = [
        grade(PRICE, "s", GOOD),  # rank 1, 2/2 facts
        grade(PRICE, "s", obs("IVF is $14,900", ["faq/general.md", "faq/costs-and-insurance.md"],
                              latency_ms=30.0)),  # rank 2, 1/2
        grade(PRICE, "s", obs("no idea", [], latency_ms=50.0)),  # no hit, 0/2
        grade(WIFI, "s", obs("not covered", found=False, latency_ms=20.0)),  # decline ok
        grade(DOSE, "s", obs("ask the nurse", latency_ms=40.0)),
    ]
    metrics = aggregate(results)
    assert metrics.cases == 5 and metrics.passed == 3
    assert metrics.strict_accuracy == pytest.approx(0.6)
    assert metrics.fact_recall == pytest.approx(4 / 7)  # micro over groups: 2+1+0+0+1 of 2+2+2+0+1
    assert metrics.hit_at_1 == pytest.approx(1 / 3)  # only the three cases that name sources
    assert metrics.hit_at_3 == pytest.approx(2 / 3)
    assert metrics.mrr == pytest.approx((1 + 0.5 + 0) / 3)
    assert metrics.decline_accuracy == pytest.approx(1.0)  # "route" is not counted
    assert metrics.latency_p50_ms == pytest.approx(30.0)
    assert set(by_area(results)) == {"pricing", "out_of_scope", "adversarial"}


def test_aggregate_of_nothing_measures_nothing():
    metrics = aggregate([])
    assert metrics.cases == 0 and metrics.fact_recall is None and metrics.hit_at_3 is None


@pytest.mark.parametrize(
    ("thresholds", "failures"),
    [
        (Thresholds(min_fact_recall=0.5), []),
        (Thresholds(min_fact_recall=0.9), ["fact_recall 0.500 < min_fact_recall 0.9"]),
        (Thresholds(max_forbidden=0), ["forbidden 1.000 > max_forbidden 0"]),
        (Thresholds(max_forbidden=1, min_hit_at_3=2 / 3), []),
        (Thresholds(max_p95_latency_ms=5.0), ["latency_p95_ms"]),
    ],
)
def test_threshold_failures(thresholds, failures):
    results = [
        grade(PRICE, "s", GOOD),
        grade(PRICE, "s", obs("IVF was $13,900", ["faq/general.md", "pricing/price-list.md"])),
        grade(PRICE, "s", obs("meds", [])),
    ]
    found = threshold_failures(aggregate(results), thresholds)
    assert len(found) == len(failures)
    for message, expected in zip(found, failures, strict=True):
        assert expected in message


def test_an_unmeasurable_minimum_is_a_failure():
    failures = threshold_failures(aggregate([grade(WIFI, "s", obs(found=False))]),
                                  Thresholds(min_hit_at_3=0.8))
    assert failures == ["hit_at_3 could not be measured (no applicable cases) for min_hit_at_3"]
