"""A PDF's title comes from its metadata only when that names the document; a browser-printed
or converted PDF ("about:blank", "Untitled", its file name, an address, nothing) takes the first
heading of its first page, else the first line."""

from __future__ import annotations

import pytest
from fpdf import FPDF

from copilot.knowledge.loaders import load_document
from copilot.knowledge.pdf_text import pdf_title


def a_pdf(path, metadata_title: str | None, heading: str | None, body: str) -> None:
    pdf = FPDF()
    if metadata_title is not None:
        pdf.set_title(metadata_title)
    pdf.add_page()
    if heading:
        pdf.set_font("helvetica", "B", 20)
        pdf.cell(0, 12, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, body)
    pdf.output(str(path))


BODY = "Hand the patient the consent form before the scan and keep the signed copy in the chart."


@pytest.mark.parametrize(
    "junk",
    ["about:blank", "Untitled", "untitled document", "", "  ", "consent-2026.pdf",
     "consent-2026", "Microsoft Word - consent_v3.docx", "https://intranet.example.org/forms/7"],
)
def test_a_junk_metadata_title_gives_way_to_the_first_heading(tmp_path, junk):
    a_pdf(tmp_path / "consent-2026.pdf", junk, "Scan Consent Checklist", BODY)
    document = load_document(tmp_path / "consent-2026.pdf", tmp_path, 10_000_000)
    assert document.title == "Scan Consent Checklist"


def test_without_a_heading_the_first_line_is_the_title(tmp_path):
    a_pdf(tmp_path / "notes.pdf", "about:blank", None, "Front desk notes\n" + BODY)
    assert load_document(tmp_path / "notes.pdf", tmp_path, 10_000_000).title == "Front desk notes"


def test_a_real_metadata_title_is_kept(tmp_path):
    a_pdf(tmp_path / "c.pdf", "Consent Procedures 2026", "Scan Consent Checklist", BODY)
    assert load_document(tmp_path / "c.pdf", tmp_path, 10_000_000).title == (
        "Consent Procedures 2026"
    )


def test_the_rule_alone():
    page = "| a | b |\n\n# Parking\n\nText"
    assert pdf_title("Parking and Arrival", page, "x.pdf") == "Parking and Arrival"
    assert pdf_title("ABOUT:BLANK", page, "x.pdf") == "Parking"
    assert pdf_title("X", "Plain first line\nmore", "x.pdf") == "Plain first line"
    assert pdf_title("", "", "x.pdf") == ""
