"""Approved scripts through the real claims policy: findings name file, line and rule."""

from pathlib import Path

import pytest

from copilot.evals.scripts_check import (
    check_script,
    check_scripts,
    checker_for_knowledge,
    script_files,
    spoken_passages,
)

SCRIPTS = Path("knowledge/scripts")

BAD_SCRIPT = """\
---
title: Script - Test
category: scripts
---

# Script - Test

## Script

> "Good news, the first consultation is free for you."

**Terms**

> "Our IVF cycle is $12,345 all inclusive."

| Say | Never say |
|---|---|
| "our $99 promotional virtual consultation" | "free consultation" |

## Don't

- Don't say "it's a complimentary consult".
"""


@pytest.fixture(scope="module")
def checker():
    return checker_for_knowledge(Path("knowledge"), 20_000_000)


def test_passages_skip_counter_examples_and_callers_words():
    passages = [p.text for p in spoken_passages(BAD_SCRIPT)]
    assert "Good news, the first consultation is free for you." in passages
    assert "our $99 promotional virtual consultation" in passages
    assert "free consultation" not in passages  # "Never say" column
    assert not any("complimentary" in p for p in passages)  # under "Don't"


def test_a_bad_script_is_reported_with_file_line_and_rule(tmp_path, checker):
    path = tmp_path / "bad.md"
    path.write_text(BAD_SCRIPT, encoding="utf-8")
    findings = check_script(path, checker)
    lines = {(f.line, f.rule) for f in findings}
    assert {line for line, _ in lines} == {10, 14}, findings
    assert all(f.file == str(path) for f in findings)
    free = [f for f in findings if f.line == 10]
    price = [f for f in findings if f.line == 14]
    assert free and price
    assert any("12,345" in f.text for f in price)
    assert all(f.rule and f.message for f in findings)


def test_passages_keep_file_line_numbers_after_the_front_matter():
    lines = {p.text: p.line for p in spoken_passages(BAD_SCRIPT)}
    assert lines["Good news, the first consultation is free for you."] == 10
    assert BAD_SCRIPT.split("\n")[10 - 1].startswith("> \"Good news")


def test_the_clinics_approved_scripts_are_checked(checker):
    files = script_files(SCRIPTS)
    assert len(files) == 8
    findings = check_scripts(files, checker, root=SCRIPTS.parent)
    # Every approved script passes the policy: findings here are real problems for QA.
    assert findings == [], "\n".join(f"{f.file}:{f.line} [{f.rule}] {f.text}" for f in findings)


@pytest.mark.parametrize(("draft", "flagged"), [
    # a total of a service and the one its clause adds: the price of the row naming both (the
    # price sheet's add-on row names the added one alone)
    ("An IUI cycle runs $950, and once you add the monitoring package it's $1,400 altogether.",
     False),
    ("An IUI cycle runs $950, and once you add the monitoring package it's $1,500 altogether.",
     True),
    # an offer's regular price, given in the sentence after the offer's, without the offer
    ("The in-office promotional assessment is $299; without the promotion that same visit "
     "costs $700.", False),
    ("The in-office promotional assessment is $299; without the promotion that same visit "
     "costs $900.", True),
])
def test_prices_are_read_against_every_current_document(checker, draft, flagged):
    rules = [v.rule for v in checker.check(draft).violations]
    assert ("price_mismatch" in rules) is flagged


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="scripts folder not found"):
        script_files(tmp_path / "nope")
