"""Suite files: valid ones load, every kind of mistake names the file and the line."""

from pathlib import Path

import pytest

from copilot.evals.suite import SuiteError, load_suite, load_suites

VALID = """\
suite: demo
thresholds: {min_fact_recall: 0.9, max_violations: 0}
cases:
  - id: price-ivf
    question: how much is ivf
    area: pricing
    sources: [pricing/price-list.md]
    must_include:
      - ["$14,900", "14,900 dollars"]
      - "IVF"
    must_not_include: ["$13,900"]
    verdict: pass
  - id: oos-wifi
    question: wifi password?
    area: out_of_scope
    expect: decline
"""


def write(tmp_path: Path, text: str, name: str = "suite.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_suite_loads_with_groups_and_defaults(tmp_path):
    suite = load_suite(write(tmp_path, VALID))
    ivf, wifi = suite.cases
    assert ivf.must_include == [["$14,900", "14,900 dollars"], ["IVF"]]
    assert ivf.verdict == ["pass"]
    assert ivf.expect == "answer"
    assert wifi.expect == "decline" and wifi.sources == []
    assert suite.thresholds.min_fact_recall == 0.9
    assert suite.thresholds.min_hit_at_3 is None


@pytest.mark.parametrize(
    ("old", "new", "line", "words"),
    [
        ("    area: pricing\n", "    area: pricing\n    colour: red\n", 7, "unknown key 'colour'"),
        ("    area: pricing\n", "    area: billing\n", 6, "cases.0.area"),
        ("thresholds: {min_fact_recall: 0.9", "thresholds: {min_fact_recall: 1.5", 2,
         "min_fact_recall"),
        ("thresholds: {", "thresholds: {max_latency: 3, ", 2, "unknown key 'max_latency'"),
        ("    expect: decline\n", "    expect: maybe\n", 16, "cases.1.expect"),
        ("  - id: oos-wifi\n", "  - id: price-ivf\n", 13, "duplicate case id 'price-ivf'"),
        ("      - \"IVF\"\n", "      - []\n", 10, "must_include"),
        ("    sources: [pricing/price-list.md]\n", "    sources: pricing/price-list.md\n", 7,
         "cases.0.sources"),
        ("    question: wifi password?\n", "    question: wifi: password\n", 14, "invalid YAML"),
    ],
)
def test_mistakes_name_file_and_line(tmp_path, old, new, line, words):
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(SuiteError) as error:
        load_suite(path)
    message = str(error.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert words in message


def test_a_suite_needs_cases(tmp_path):
    with pytest.raises(SuiteError, match=r"suite.yaml:2: cases: List should have at least 1 item"):
        load_suite(write(tmp_path, "suite: empty\ncases: []\n"))


def test_a_list_at_top_level_is_rejected(tmp_path):
    with pytest.raises(SuiteError, match="must be a mapping"):
        load_suite(write(tmp_path, "- id: x\n"))


def test_case_ids_are_unique_across_files(tmp_path):
    write(tmp_path, VALID, "a.yaml")
    write(tmp_path, VALID.replace("suite: demo", "suite: other"), "b.yaml")
    with pytest.raises(SuiteError, match="also used in"):
        load_suites([tmp_path])


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(SuiteError, match="no such suite file"):
        load_suites([tmp_path / "nope.yaml"])


def test_the_shipped_suites_load_and_cover_every_area():
    from copilot.evals.suite import AREAS

    suites = load_suites([Path("evals/suites")])
    cases = [c for s in suites for c in s.cases]
    assert len(cases) >= 120
    assert {c.area for c in cases} == set(AREAS)
    knowledge = Path("knowledge")
    missing = {s for c in cases for s in c.sources if not (knowledge / s).exists()}
    assert not missing, f"suite sources that are not in knowledge/: {missing}"
    archived = {s for c in cases for s in c.sources if s.startswith("archive/")}
    assert not archived, "an archived page is never a correct source"
