"""Reports: JUnit XML parses with one testcase per case; the HTML report renders in Chromium."""

import xml.etree.ElementTree as ET

import pytest

from copilot.evals.reports.html import to_html
from copilot.evals.reports.junit import to_junit
from copilot.evals.reports.terminal import print_report

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


@pytest.fixture(scope="module")
def html_page(small_report, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    path = tmp_path_factory.mktemp("html") / "eval.html"
    path.write_text(to_html(small_report), encoding="utf-8")
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        yield page, requests
        browser.close()


def test_html_report_shows_both_charts(html_page):
    page, _ = html_page
    for chart in ("#chart-areas svg", "#chart-latency svg"):
        box = page.locator(chart).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 100, chart
    assert "Scores per area" in page.locator("#chart-areas").inner_text()
    assert page.locator("#chart-areas svg path, #chart-areas svg rect").count() > 5


def test_html_report_shows_every_failed_case_with_reasons(small_report, html_page):
    page, _ = html_page
    failed = [c for c in small_report.all_cases() if not c.passed]
    assert page.locator("section.failed-case").count() == len(failed)
    section = page.locator("#case-small-impossible")
    assert "ZZZ-a-fact-no-document-states" in section.inner_text()
    assert section.locator("ol.citations li").count() >= 1
    assert "$14,900" in section.locator("pre").inner_text()


def test_html_report_is_self_contained(html_page):
    _, requests = html_page
    assert all(url.startswith("file://") for url in requests), requests
