"""Supersession: a newer document that says it replaces an older one retires it; mentions do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from copilot.knowledge.loaders import load_document
from copilot.knowledge.model import Document, Page
from copilot.knowledge.supersession import load_words, mark_superseded, split_replaced

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def doc(source: str, last_updated: str, text: str, title: str = "", status: str = "current"):
    return Document(
        source=source,
        title=title or Path(source).stem.replace("-", " ").title(),
        category=source.split("/")[0],
        owner="Operations",
        last_updated=last_updated,
        content_hash=source,
        pages=[Page(text)],
        status=status,
    )


def old_flyer(**overrides) -> Document:
    fields = {
        "source": "promos/spring-flyer.md",
        "last_updated": "2025-03-03",
        "text": "# Spring flyer\n\nBook the $150 phone consultation.",
        "title": "Spring Phone Consultation Flyer",
    } | overrides
    return doc(**fields)


@pytest.fixture(scope="module")
def real_documents() -> dict[str, Document]:
    docs = [load_document(p, KNOWLEDGE, 20_000_000) for p in sorted(KNOWLEDGE.rglob("*"))
            if p.is_file()]  # fmt: skip
    mark_superseded(docs)
    return {d.source: d for d in docs}


def test_real_march_promotion_is_superseded_by_the_august_update(real_documents):
    march = real_documents["updates/2025-03-03.md"]

    assert (march.status, march.superseded_by) == ("superseded", "updates/2025-08-13.md")


@pytest.mark.parametrize(
    "source",
    [
        "schedules/doctor-schedule-2025-09.pdf",  # changed for one block by the Oct 2 update only
        "updates/2025-08-13.md",  # named as the replacer in later documents
        "updates/2025-10-02.md",
        "pricing/price-sheet-2025.pdf",
        "pricing/price-list.md",
    ],
)
def test_real_documents_that_are_only_mentioned_stay_current(real_documents, source):
    assert (real_documents[source].status, real_documents[source].superseded_by) == ("current", "")


def test_real_archive_stays_archived_and_nothing_else_changes(real_documents):
    statuses = {source: d.status for source, d in real_documents.items() if d.status != "current"}

    assert statuses == {"archive/faq-2024.md": "archived", "updates/2025-03-03.md": "superseded"}


RETIRING = [
    ("link after replaces", "This update replaces the [spring flyer](../promos/spring-flyer.md)."),
    ("link after supersedes", "It supersedes [the old one](/promos/spring-flyer.md#top) entirely."),
    ("path written out", "This page replaces promos/spring-flyer.md for all agents."),
    ("title", "This notice supersedes the Spring Phone Consultation Flyer."),
    ("date", "**This update replaces the Mar 3, 2025 promotion.** Do not offer it."),
    ("date, other format", "It replaces the offer of March 3rd, 2025."),
    ("passive", "The [spring flyer](../promos/spring-flyer.md) was replaced on Aug 13."),
    ("discontinued", "The $150 call (Mar 3, 2025) is discontinued. Do not offer it."),
    ("retired", "The [spring flyer](../promos/spring-flyer.md) is retired."),
    ("no longer valid", "Prices in the Spring Phone Consultation Flyer are no longer valid."),
]


@pytest.mark.parametrize(("case", "sentence"), RETIRING, ids=[c[0] for c in RETIRING])
def test_newer_document_that_retires_an_older_one_supersedes_it(case, sentence):
    flyer = old_flyer()
    update = doc("updates/2025-08-13.md", "2025-08-13", f"# Update\n\n{sentence}")

    mark_superseded([flyer, update])

    assert (flyer.status, flyer.superseded_by) == ("superseded", "updates/2025-08-13.md")
    assert update.status == "current"


KEPT = [
    ("only linked", "See the [spring flyer](../promos/spring-flyer.md) for history."),
    (
        "changes, not replaces",
        "This update changes the [spring flyer](../promos/spring-flyer.md). "
        "Everything else in the Mar 3, 2025 flyer stays the same.",
    ),
    ("negated", "This update does not replace the [spring flyer](../promos/spring-flyer.md)."),
    ("never", "The Spring Phone Consultation Flyer was never discontinued."),
    (
        "linked doc is the replacer",
        "Since the [spring flyer](../promos/spring-flyer.md), which replaced the winter leaflet.",
    ),
    ("passive names the replacer", "The winter leaflet was replaced by promos/spring-flyer.md."),
    ("other sentence", "The old leaflet is discontinued. See the Mar 3, 2025 flyer."),
    ("other clause", "The old leaflet is retired; the Mar 3, 2025 flyer still applies."),
    ("table cell retired", "| Code | NP-PHONE-150 (retired) |\n| Old | Mar 3, 2025 |"),
]


@pytest.mark.parametrize(("case", "text"), KEPT, ids=[c[0] for c in KEPT])
def test_mentions_that_do_not_retire_keep_the_document_current(case, text):
    flyer = old_flyer()
    update = doc("updates/2025-08-13.md", "2025-08-13", f"# Update\n\n{text}")

    mark_superseded([flyer, update])

    assert (flyer.status, flyer.superseded_by) == ("current", "")


def test_an_older_document_cannot_supersede_a_newer_one():
    flyer = old_flyer(last_updated="2025-09-01")
    update = doc(
        "updates/2025-08-13.md", "2025-08-13", "It replaces the Spring Phone Consultation Flyer."
    )

    mark_superseded([flyer, update])

    assert flyer.status == "current"


def test_same_day_documents_do_not_supersede_each_other():
    flyer = old_flyer(last_updated="2025-08-13")
    update = doc(
        "updates/2025-08-13.md", "2025-08-13", "It replaces the Spring Phone Consultation Flyer."
    )

    mark_superseded([flyer, update])

    assert flyer.status == "current"


def test_archived_documents_stay_archived_and_never_supersede():
    archived = old_flyer(source="archive/spring-flyer.md", status="archived")
    old_current = doc("faq/hours.md", "2024-01-01", "# Hours", title="Clinic Hours Winter Edition")
    archived_writer = doc(
        "archive/notes.md", "2025-09-01", "This replaces faq/hours.md.", status="archived"
    )
    update = doc("updates/2025-08-13.md", "2025-08-13", "This replaces archive/spring-flyer.md.")

    mark_superseded([archived, old_current, archived_writer, update])

    assert (archived.status, archived.superseded_by) == ("archived", "")
    assert old_current.status == "current"


def test_a_date_shared_by_several_documents_needs_a_matching_word():
    flyer = old_flyer()
    hours = doc("faq/hours.md", "2025-03-03", "# Hours", title="Clinic Hours")
    vague = doc("updates/a.md", "2025-08-13", "This replaces the Mar 3, 2025 material.")
    specific = doc("updates/b.md", "2025-09-01", "This replaces the Mar 3, 2025 flyer.")

    mark_superseded([flyer, hours, vague])
    assert flyer.status == hours.status == "current"

    mark_superseded([flyer, hours, vague, specific])
    assert (flyer.status, flyer.superseded_by) == ("superseded", "updates/b.md")
    assert hours.status == "current"


def test_the_earliest_retiring_document_is_recorded_and_marking_is_idempotent():
    flyer = old_flyer()
    later = doc("quick/policies.md", "2025-10-02", "The Mar 3, 2025 flyer is discontinued.")
    first = doc("updates/2025-08-13.md", "2025-08-13", "This replaces the Mar 3, 2025 flyer.")
    docs = [later, flyer, first]

    mark_superseded(docs)
    mark_superseded(docs)

    assert (flyer.status, flyer.superseded_by) == ("superseded", "updates/2025-08-13.md")


def test_a_stale_mark_is_cleared_when_the_replacing_text_is_gone():
    flyer = old_flyer()
    update = doc("updates/2025-08-13.md", "2025-08-13", "This replaces the Mar 3, 2025 flyer.")
    mark_superseded([flyer, update])

    update.pages = [Page("# Update\n\nNothing retired today.")]
    mark_superseded([flyer, update])

    assert (flyer.status, flyer.superseded_by) == ("current", "")


LAB_TABLE = """# Lab Fee Table

Revised March 2, 2024.

## Andrology

| Test | Price | Notes |
| --- | --- | --- |
| Semen analysis | $140 | Main lab |
| Sperm wash | $210 | Same day |

## Billing rules

4.1 Lab fees are billed on the day of the test.
4.2 A repeat test within 30 days is billed at $90.
"""


def lab_table() -> Document:
    return doc("fees/lab-fee-table.md", "2024-03-02", LAB_TABLE, title="Lab Fee Table")


PARTS = [
    ("a table's line", "This replaces the Sperm Wash line of the Lab Fee Table (March 2, 2024).",
     ("sperm", "wash")),
    ("a numbered clause", "This replaces the fee amount in section 4.2 of the Lab Fee Table.",
     ("4.2",)),
    ("passive", "Effective today, the sperm wash row of the Lab Fee Table is replaced.",
     ("sperm", "wash")),
]


@pytest.mark.parametrize(("case", "sentence", "part"), PARTS, ids=[c[0] for c in PARTS])
def test_a_document_that_replaces_a_part_of_another_leaves_the_rest_current(case, sentence, part):
    table = lab_table()
    text = f"Lab memo\n\nFrom Feb 1 the fee is $240. {sentence}"
    memo = doc("memos/lab-memo.txt", "2025-01-15", text)

    mark_superseded([table, memo])

    assert (table.status, table.superseded_by) == ("current", "")
    assert table.replaced_parts == {part: "memos/lab-memo.txt"}


def test_a_part_named_by_nothing_else_retires_no_line():
    table = lab_table()
    memo = doc("memos/lab-memo.txt", "2025-01-15", "This replaces the entry in the Lab Fee Table.")

    mark_superseded([table, memo])

    assert (table.status, table.replaced_parts) == ("current", {})


def test_the_lines_of_a_replaced_part_become_its_older_version():
    parts = {("sperm", "wash"): "memo.txt", ("4.2",): "memo.txt"}
    kept, replaced = split_replaced(LAB_TABLE, parts)

    assert "$210" not in kept and "$90" not in kept
    assert "| Semen analysis | $140 | Main lab |" in kept and "4.1 Lab fees" in kept
    # each line under its headings (and its table's header): a row still reads as a row
    assert replaced == {"memo.txt": "# Lab Fee Table\n## Andrology\n| Test | Price | Notes |\n"
                        "| --- | --- | --- |\n| Sperm wash | $210 | Same day |\n\n"
                        "# Lab Fee Table\n## Billing rules\n"
                        "4.2 A repeat test within 30 days is billed at $90."}
    assert split_replaced(LAB_TABLE, {}) == (LAB_TABLE, {})


def test_vocabulary_comes_from_yaml():
    words = load_words()

    assert "replaces" in words.replace_verbs and "discontinued" in words.retired_states
    assert "not" in words.negations


def test_the_vocabulary_file_refuses_an_unknown_key(tmp_path):
    from copilot.knowledge.supersession import WORDS_FILE
    from guardrails.data import DataFileError

    path = tmp_path / "supersession.yaml"
    path.write_text(WORDS_FILE.read_text(encoding="utf-8") + "\nretired_verbs: [sunset]\n")
    with pytest.raises(DataFileError, match="unknown key 'retired_verbs'"):
        load_words(path)
