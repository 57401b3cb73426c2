"""Reports: JUnit XML parses with one testcase per case; the terminal and HTML reports state cases,
gates and targets apart; the interactive HTML report filters, searches and compares in Chromium."""

import xml.etree.ElementTree as ET

import pytest

from copilot.commands.evals import DEFAULT_SUITES
from copilot.evals.reports.html import to_html
from copilot.evals.reports.junit import to_junit
from copilot.evals.reports.status import case_title
from copilot.evals.reports.terminal import print_report
from copilot.evals.suite import load_suites

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def test_junit_xml_parses_with_one_testcase_per_case(small_report):
    root = ET.fromstring(to_junit(small_report))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    names = [tc.get("name") for tc in suite.findall("testcase")]
    assert names[:-1] == [c.id for c in small_report.suites[0].cases]
    assert names[-1] == "thresholds"
    failed = {tc.get("name") for tc in suite.findall("testcase") if tc.find("failure") is not None}
    assert failed == {c.id for c in small_report.all_cases() if not c.passed}
    assert "small-impossible" in failed
    assert int(suite.get("failures")) == len(failed)
    assert int(root.get("tests")) == len(names)
    impossible = suite.find("testcase[@name='small-impossible']/failure")
    assert "ZZZ-a-fact-no-document-states" in impossible.text


def test_a_missed_threshold_is_a_failed_testcase(small_report):
    report = small_report.model_copy(deep=True)
    report.suites[0].threshold_failures = ["fact_recall 0.500 < min_fact_recall 0.9"]
    root = ET.fromstring(to_junit(report))
    gate = root.find("testsuite/testcase[@name='thresholds']/failure")
    assert gate is not None and "min_fact_recall" in gate.text


def test_terminal_report_lists_areas_and_failures(small_report):
    from rich.console import Console

    console = Console(record=True, width=200)
    print_report(small_report, console)
    text = console.export_text()
    assert "initial_consultation" in text and "TOTAL" in text
    assert "small/small-impossible" in text
    assert "ZZZ-a-fact-no-document-states" in text


def test_a_run_with_failed_cases_is_never_summed_up_as_all_met(small_report):
    from rich.console import Console

    report = small_report.model_copy(deep=True)
    report.suites[0].threshold_failures = []  # gates met, cases failed: the misleading mix
    failed = sum(not c.passed for c in report.all_cases())
    assert report.passed and failed
    console = Console(record=True, width=200)
    print_report(report, console)
    text = console.export_text()
    assert "all thresholds met" not in text and "✓ small" not in text
    assert f"! small: {failed} of 5 cases failed · all 2 gates met" in text
    assert f"Result: {failed} of 5 cases failed · all 2 gates met" in text
    assert "product target" in text  # the target (strict accuracy 1.0) has its own state
    html = to_html(report)
    assert "all thresholds met" not in html


def test_each_failed_case_is_titled_by_what_failed(small_report):
    impossible = next(c for c in small_report.all_cases() if c.id == "small-impossible")
    title = case_title(impossible)
    assert title.startswith("Missing fact") and "ZZZ-a-fact-no-document-states" in title
    assert "verdict" not in title


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_report(chromium, path, html):
    path.write_text(html, encoding="utf-8")
    requests: list[str] = []
    page = chromium.new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    return page, requests


@pytest.fixture(scope="module")
def html_page(small_report, chromium, tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "eval.html"
    page, requests = open_report(chromium, path, to_html(small_report))
    yield page, requests
    page.close()


def test_html_report_shows_both_charts(html_page):
    page, _ = html_page
    for chart in ("#chart-areas svg", "#chart-latency svg"):
        box = page.locator(chart).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, chart
    assert "Scores per area" in page.locator("#chart-areas").inner_text()
    assert page.locator("#chart-areas svg path, #chart-areas svg rect").count() > 5


@pytest.mark.parametrize("width", [1280, 800, 420])
def test_html_report_chart_labels_are_whole_at_any_width(html_page, width):
    page, _ = html_page
    page.set_viewport_size({"width": width, "height": 900})
    for chart in ("#chart-areas", "#chart-latency"):
        svg = page.locator(f"{chart} svg").bounding_box()
        labels = page.locator(f"{chart} svg text")
        assert labels.count() > 5, chart
        left, right = svg["x"] - 1, svg["x"] + svg["width"] + 1
        top, bottom = svg["y"] - 1, svg["y"] + svg["height"] + 1
        for label in labels.all():
            box, text = label.bounding_box(), label.text_content()
            if not box or not text.strip():
                continue
            inside = left <= box["x"] and box["x"] + box["width"] <= right
            inside &= top <= box["y"] and box["y"] + box["height"] <= bottom
            assert inside, f"{chart} label {text!r} cut off at {width}px"
        assert svg["x"] + svg["width"] <= width, f"{chart} wider than the page at {width}px"
    page.set_viewport_size({"width": 1280, "height": 720})


def test_html_report_states_cases_gates_and_targets_apart(small_report, html_page):
    page, _ = html_page
    failed = sum(not c.passed for c in small_report.all_cases())
    assert page.locator("#state-cases").inner_text() == f"{failed} of 5 cases failed"
    assert "state-warn" in page.locator("#state-cases").get_attribute("class")
    gates = page.locator("#state-gates")
    if small_report.passed:
        assert gates.inner_text() == "gates: all 2 gates met"
        assert "state-ok" in gates.get_attribute("class")
    else:
        assert gates.inner_text().endswith("missed") and "state-bad" in gates.get_attribute("class")
    assert page.locator("#state-targets").inner_text().startswith("targets: ")


def test_html_report_has_every_case_with_answer_citations_and_checks(small_report, html_page):
    page, _ = html_page
    page.select_option("#f-outcome", "")
    assert page.locator("#cases .case:visible").count() == len(small_report.all_cases()) == 5
    section = page.locator("#case-small-impossible")
    assert "Missing fact" in section.locator(".case-title").inner_text()
    section.locator("summary").click()
    assert "ZZZ-a-fact-no-document-states" in section.locator(".reasons").inner_text()
    assert section.locator("ol.citations li").count() >= 1
    assert "$14,900" in section.locator("pre.answer").inner_text()
    assert section.locator(".checks li.bad").count() >= 1
    passed = page.locator("#cases .case:not(.failed)").first
    passed.locator("summary").click()
    assert passed.locator(".checks li").count() >= 4
    assert passed.locator(".checks li.bad").count() == 0


def test_html_report_filters_by_outcome_area_suite_and_search(small_report, html_page):
    page, _ = html_page
    visible = page.locator("#cases .case:visible")
    failed = [c.id for c in small_report.all_cases() if not c.passed]
    page.select_option("#f-outcome", "failed")  # also what the page opens with
    assert sorted(i.removeprefix("case-") for i in visible.evaluate_all("l => l.map(e => e.id)")) \
        == sorted(failed)
    page.select_option("#f-outcome", "")
    page.select_option("#f-area", "out_of_scope")
    assert visible.evaluate_all("l => l.map(e => e.id)") == ["case-small-wifi"]
    page.select_option("#f-area", "")
    page.select_option("#f-suite", "small")
    assert visible.count() == 5
    page.fill("#f-search", "wifi lobby")
    assert visible.evaluate_all("l => l.map(e => e.id)") == ["case-small-wifi"]
    assert page.locator("#shown").inner_text() == "Showing 1 of 5 cases"
    page.fill("#f-search", "no case says this")
    assert visible.count() == 0 and page.locator("#no-match").is_visible()
    page.fill("#f-search", "")


def test_html_report_compares_with_a_previous_run(small_report, chromium, tmp_path):
    before = small_report.model_copy(deep=True)
    target = next(c for c in before.all_cases() if not c.passed)
    target.passed, target.reasons = True, []
    page, _ = open_report(chromium, tmp_path / "eval.html", to_html(small_report, previous=before))
    assert "1 regression" in page.locator("#changes-summary").inner_text()
    page.select_option("#f-outcome", "changed")
    ids = page.locator("#cases .case:visible").evaluate_all("l => l.map(e => e.id)")
    assert ids == [f"case-{target.id}"]
    assert page.locator(f"#case-{target.id} .change-regression").inner_text() == "regression"
    page.close()


def test_html_report_is_self_contained(html_page):
    _, requests = html_page
    assert all(url.startswith("file://") for url in requests), requests


def test_html_report_for_as_many_cases_as_the_shipped_suites_stays_under_2_mb(small_report):
    shipped = sum(len(s.cases) for s in load_suites([DEFAULT_SUITES]))
    assert shipped > 100
    report = small_report.model_copy(deep=True)
    cases = report.suites[0].cases
    report.suites[0].cases = [
        cases[n % len(cases)].model_copy(update={"id": f"{cases[n % len(cases)].id}-{n}"})
        for n in range(shipped)
    ]
    html = to_html(report, previous=small_report).encode()
    assert len(html) < 2_000_000, f"{len(html):,} bytes for {shipped} cases"
