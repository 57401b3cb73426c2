"""Chunking follows document structure: headings, FAQ pairs, whole tables, overlap, tiny merges."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from copilot.knowledge.chunking import TABLE_SLACK, chunk_document
from copilot.knowledge.loaders import load_document
from copilot.knowledge.model import Document, Page

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
REAL_FILES = sorted(p for p in KNOWLEDGE.rglob("*") if p.is_file())


def document(*pages: str, numbered: bool = False, **fields) -> Document:
    values = {
        "source": "faq/sample.md",
        "title": "Sample",
        "category": "faq",
        "owner": "Call Center Operations",
        "last_updated": "2025-10-02",
        "content_hash": "abc123",
    } | fields
    return Document(
        pages=[Page(text, i + 1 if numbered else None) for i, text in enumerate(pages)], **values
    )


def tokens(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def sentences(count: int, topic: str) -> str:
    return " ".join(f"Sentence {n} explains the {topic} rule in detail." for n in range(count))


def table(rows: int, width: int = 40) -> str:
    lines = ["| Service | Price |", "|---|---|"]
    lines += [f"| Service number {n} {'x' * width} | ${n}00 |" for n in range(rows)]
    return "\n".join(lines)


# -- properties on every real document ------------------------------------------------------------


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.relative_to(KNOWLEDGE).as_posix())
def test_real_documents_chunk_with_sections_sizes_and_full_coverage(path):
    doc = load_document(path, KNOWLEDGE, 20_000_000)

    chunks = chunk_document(doc, size=1200, overlap=200)

    assert [c.id for c in chunks] == [f"{doc.source}#{n}" for n in range(len(chunks))]
    for chunk in chunks:
        assert chunk.section
        assert chunk.text.startswith("#")
        whole_table = any(line.startswith("|") for line in chunk.text.splitlines())
        assert len(chunk.text) <= (1200 * TABLE_SLACK if whole_table else 1200)
        assert (chunk.title, chunk.category, chunk.owner, chunk.last_updated) == (
            doc.title,
            doc.category,
            doc.owner,
            doc.last_updated,
        )
        assert (chunk.content_hash, chunk.status, chunk.source) == (
            doc.content_hash,
            doc.status,
            doc.source,
        )
        assert "last_updated:" not in chunk.text
    for page in doc.pages:
        on_page = [c for c in chunks if c.page == page.number]
        covered = tokens("\n".join(c.text for c in on_page))
        assert not tokens(page.text) - covered, "text of the page is missing from its chunks"


def test_real_pdf_chunks_keep_page_numbers_and_section_paths():
    doc = load_document(KNOWLEDGE / "pricing/price-sheet-2025.pdf", KNOWLEDGE, 20_000_000)

    chunks = chunk_document(doc)

    assert {c.page for c in chunks} == {1, 2}
    treatment = next(c for c in chunks if "| IVF cycle (one egg retrieval) | $14,900 |" in c.text)
    assert treatment.page == 1
    assert treatment.section == "Harbor Point Fertility — Self-Pay Price Sheet 2025 > Treatment"
    carrot = next(c for c in chunks if "| Carrot |" in c.text)
    assert carrot.page == 2 and carrot.section.endswith("Using insurance or a fertility benefit")


def test_chunking_is_deterministic():
    doc = load_document(KNOWLEDGE / "faq/general.md", KNOWLEDGE, 20_000_000)

    assert chunk_document(doc) == chunk_document(doc)


# -- headings and sections --------------------------------------------------------------------


def test_chunk_starts_with_its_heading_lines_and_carries_the_path():
    doc = document(
        "# Promotional Consultations\n\nIntro about offers. " + sentences(8, "intro")
        + "\n\n## Eligibility\n\n" + sentences(10, "eligibility")
        + "\n\n## Booking\n\n" + sentences(10, "booking")
    )  # fmt: skip

    chunks = chunk_document(doc)

    eligibility = next(c for c in chunks if "eligibility rule" in c.text)
    assert eligibility.section == "Promotional Consultations > Eligibility"
    assert eligibility.text.startswith("# Promotional Consultations\n\n## Eligibility\n\n")
    assert "booking rule" not in eligibility.text


def test_text_before_any_heading_gets_the_document_title_as_heading():
    doc = document(
        "Archived - do not use.\n\n# Old FAQ\n\n" + sentences(12, "old"), title="FAQ 2024"
    )

    first = chunk_document(doc)[0]

    assert first.text.startswith("# FAQ 2024\n\nArchived - do not use.")
    assert first.section


def test_hash_lines_inside_code_fences_are_not_headings():
    doc = document("# Macros\n\n```\n# not a heading\nPRESS 4\n```\n\n" + sentences(3, "macro"))

    chunks = chunk_document(doc)

    assert [c.section for c in chunks] == ["Macros"]
    assert "# not a heading\nPRESS 4" in chunks[0].text


# -- FAQ question with its answer ---------------------------------------------------------------

FAQ_STYLES = {
    "heading": "### {q}\n\n**Answer:**\n\n> {a}\n\n**Agent notes:** {n}",
    "bold line": "**{q}**\n\n{a}\n\n{n}",
    "bold Q prefix": "**Q: {q}**\n\n{a}\n\n{n}",
    "Q line": "Q: {q}\n\n{a}\n\n{n}",
}
QUESTIONS = [
    ("Is the first consultation free?", "No. We offer two promotional consultations."),
    ("Do you take Kaiser?", "Kaiser is not in network; self-pay prices apply."),
    ("Can my partner join?", "Yes, partners may join any consultation."),
    ("Where do I park?", "San Mateo has a garage; Palo Alto has street parking."),
]


@pytest.mark.parametrize("style", FAQ_STYLES, ids=list(FAQ_STYLES))
def test_faq_question_stays_with_its_answer(style):
    filler = " ".join(f"Note {n} about this answer." for n in range(12))
    body = "\n\n".join(FAQ_STYLES[style].format(q=q, a=a, n=filler) for q, a in QUESTIONS)
    doc = document(f"# FAQ – General\n\nStandard answers.\n\n{body}")

    chunks = chunk_document(doc, size=600, overlap=100)

    for question, answer in QUESTIONS:
        holding = [c for c in chunks if answer in c.text]
        assert holding and all(question in c.text for c in holding)
        assert any(c.section == f"FAQ – General > {question}" for c in holding)


def test_long_faq_answer_repeats_the_question_in_every_piece():
    doc = document("# FAQ\n\n### Can I get a refund?\n\n" + sentences(40, "refund"))

    chunks = chunk_document(doc, size=500, overlap=100)

    assert len(chunks) > 3
    assert all(c.text.startswith("# FAQ\n\n### Can I get a refund?\n\n") for c in chunks)
    assert all(c.section == "FAQ > Can I get a refund?" for c in chunks)


@pytest.mark.parametrize(
    "line",
    ["**Answer:**", "**Important: read this first.**", "**Why we ask** for your date of birth."],
)
def test_bold_lines_that_are_not_questions_do_not_open_sections(line):
    doc = document(f"# Script\n\n{line}\n\nSay hello.")

    assert [c.section for c in chunk_document(doc)] == ["Script"]


# -- tables -------------------------------------------------------------------------------------


def test_table_is_never_split_when_it_fits():
    doc = document("# Prices\n\n" + sentences(14, "pricing") + "\n\n" + table(12) + "\n\nAfter.")

    chunks = chunk_document(doc, size=1200, overlap=200)

    holding = [c for c in chunks if "| Service | Price |" in c.text]
    assert len(holding) == 1
    assert table(12) in holding[0].text


def test_table_slightly_over_size_stays_whole():
    big = table(22)
    assert 1200 < len(big) + 20 <= 1200 * TABLE_SLACK
    doc = document(f"# Prices\n\n{big}")

    chunks = chunk_document(doc, size=1200)

    assert len(chunks) == 1 and big in chunks[0].text


def test_huge_table_is_split_by_rows_with_the_header_repeated():
    huge = table(80)
    doc = document(f"# Prices\n\n## Treatments\n\n{huge}")

    chunks = chunk_document(doc, size=1200, overlap=200)

    assert len(chunks) > 3
    rows = [line for c in chunks for line in c.text.splitlines() if line.startswith("| Service n")]
    assert rows == huge.splitlines()[2:]
    for chunk in chunks:
        assert (
            "# Prices\n\n## Treatments\n\n| Service | Price |\n|---|---|\n| Service n" in chunk.text
        )
        assert len(chunk.text) <= 1200


# -- long sections and overlap ------------------------------------------------------------------


@pytest.mark.parametrize(("size", "overlap"), [(400, 80), (800, 150), (1200, 200)])
def test_long_section_splits_at_sentences_with_overlap(size, overlap):
    text = sentences(60, "cancellation")
    doc = document(f"# SOP\n\n## Cancellations\n\n{text}")

    chunks = chunk_document(doc, size=size, overlap=overlap)

    assert len(chunks) > 1
    for chunk in chunks:
        assert len(chunk.text) <= size
        body = chunk.text.split("\n\n", 2)[2]
        assert body.startswith("Sentence ") and body.endswith("detail.")
        assert chunk.section == "SOP > Cancellations"
    for before, after in zip(chunks, chunks[1:], strict=False):
        first_sentence = after.text.split("\n\n", 2)[2].split(". ")[0]
        assert first_sentence in before.text, "consecutive pieces should overlap"


def test_zero_overlap_repeats_nothing():
    doc = document("# SOP\n\n" + sentences(60, "voicemail"))

    chunks = chunk_document(doc, size=400, overlap=0)

    bodies = [c.text.split("\n\n", 1)[1] for c in chunks]
    assert tokens(" ".join(bodies)) == tokens(sentences(60, "voicemail"))


def test_a_single_giant_word_run_is_cut_to_size():
    doc = document("# Notes\n\n" + " ".join(["supercalifragilistic"] * 200))

    assert all(len(c.text) <= 500 for c in chunk_document(doc, size=500, overlap=50))


# -- tiny sections ------------------------------------------------------------------------------


def test_tiny_sibling_sections_merge_into_one_chunk():
    doc = document(
        "# Contacts\n\n## Billing\n\nExt 130.\n\n"
        "## Nurse line\n\nExt 140.\n\n## Records\n\nExt 170."
    )

    chunks = chunk_document(doc)

    assert len(chunks) == 1
    assert chunks[0].section == "Contacts"
    assert "## Billing\n\nExt 130.\n\n## Nurse line\n\nExt 140.\n\n## Records" in chunks[0].text


def test_tiny_sections_under_different_parents_do_not_merge():
    doc = document("# Billing\n\n## Fax\n\nExt 150.\n\n# Nursing\n\n## Line\n\nExt 140.")

    chunks = chunk_document(doc)

    assert [c.section for c in chunks] == ["Billing > Fax", "Nursing > Line"]


def test_sections_of_normal_size_are_not_merged():
    doc = document(f"# SOP\n\n## One\n\n{sentences(9, 'one')}\n\n## Two\n\n{sentences(9, 'two')}")

    assert [c.section for c in chunk_document(doc)] == ["SOP > One", "SOP > Two"]


# -- pages and metadata -------------------------------------------------------------------------


def test_pdf_pages_never_share_a_chunk_and_headings_carry_over():
    doc = document(
        "# Price Sheet\n\n## Treatment\n\n| Item | Price |\n|---|---|\n| IUI | $950 |",
        "Continued text on page two about treatment.",
        numbered=True,
        source="pricing/sheet.pdf",
    )

    chunks = chunk_document(doc)

    assert [c.page for c in chunks] == [1, 2]
    assert chunks[1].section == "Price Sheet > Treatment"
    assert chunks[1].text.startswith("# Price Sheet\n\n## Treatment\n\nContinued")


def test_document_status_is_copied_into_chunks():
    doc = document(
        "# Promo\n\nOld offer.", status="superseded", superseded_by="updates/2025-08-13.md"
    )

    chunk = chunk_document(doc)[0]

    assert (chunk.status, chunk.superseded_by) == ("superseded", "updates/2025-08-13.md")
