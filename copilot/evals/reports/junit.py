"""JUnit XML for CI: one <testsuite> per eval suite, one <testcase> per case, plus one
"thresholds" testcase per suite that fails when a gate is missed."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from copilot.evals.results import RunReport


def to_junit(report: RunReport) -> str:
    """The report as a JUnit XML document (UTF-8 text)."""
    root = ET.Element("testsuites", name="copilot-evals", time=f"{report.seconds:.3f}")
    total_tests = total_failures = 0
    for suite in report.suites:
        failures = sum(not c.passed for c in suite.cases) + bool(suite.threshold_failures)
        tests = len(suite.cases) + 1
        seconds = sum(c.observation.latency_ms for c in suite.cases) / 1000
        node = ET.SubElement(
            root, "testsuite", name=suite.name, tests=str(tests), failures=str(failures),
            errors="0", time=f"{seconds:.3f}", timestamp=report.started_at,
        )
        for case in suite.cases:
            testcase = ET.SubElement(
                node, "testcase", classname=f"evals.{suite.name}.{case.area}", name=case.id,
                time=f"{case.observation.latency_ms / 1000:.3f}",
            )
            if not case.passed:
                failure = ET.SubElement(
                    testcase, "failure", message=case.reasons[0][:200], type="EvalFailure"
                )
                failure.text = "\n".join(case.reasons)
        gate = ET.SubElement(
            node, "testcase", classname=f"evals.{suite.name}", name="thresholds", time="0"
        )
        if suite.threshold_failures:
            failure = ET.SubElement(
                gate, "failure", message="threshold missed", type="ThresholdMissed"
            )
            failure.text = "\n".join(suite.threshold_failures)
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True)
