"""Writes the second clinic's knowledge base (Cedar Valley Reproductive Health, invented) into a
folder: the committed HTML, TXT and Markdown documents plus a PDF made with fpdf2 and a Word file
made with python-docx. Used by the tests and by ``benchmarks/bench_qa_dev.py``."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCUMENTS = HERE / "documents"
QUESTIONS = HERE / "questions.jsonl"

INSURANCE_TITLE = "Insurance and Prior Authorization"
INSURANCE = [
    (
        "Plans we bill",
        [
            "Cedar Valley bills Meridian Health, Summit Blue and the state employee plan directly.",
            "Other plans are self-pay; the billing office gives the patient a receipt with"
            " codes to "
            "submit to her plan.",
        ],
    ),
    (
        "Prior authorization",
        [
            "IVF and IUI cycles need prior authorization from the health plan before medication "
            "starts.",
            "The billing office requests it after the initial consultation; a decision takes about "
            "5 business days.",
            "Coordinators do not promise coverage: only the plan's written authorization"
            " confirms it.",
        ],
    ),
    (
        "Billing office",
        [
            "Reach the billing office on the main line (555) 014-2000, press 2, Monday through "
            "Friday 8:30 AM to 4:30 PM.",
        ],
    ),
]

POLICIES_TITLE = "Scheduling and Cancellation Policy"
POLICIES = [
    (
        "Cancellations",
        [
            "Patients cancel or move a visit at least 48 hours ahead.",
            "A visit cancelled with less than 48 hours' notice, or missed, carries a $50 fee.",
            "The fee is waived once per patient for illness or a family emergency.",
        ],
    ),
    (
        "Booking new patients",
        [
            "New patients start with the $75 telehealth intro visit or the $325 initial physician "
            "consultation.",
            "The intake form in CedarLink must be finished 3 days before the first visit.",
        ],
    ),
]


def _pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title(INSURANCE_TITLE)
    pdf.set_creation_date(datetime(2026, 6, 1, tzinfo=UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 10, INSURANCE_TITLE, new_x="LMARGIN", new_y="NEXT")
    for heading, lines in INSURANCE:
        pdf.set_font("Helvetica", "B", 13)
        pdf.multi_cell(0, 9, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        for line in lines:
            pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = POLICIES_TITLE
    document.core_properties.modified = datetime(2026, 2, 10, tzinfo=UTC)
    document.add_heading(POLICIES_TITLE, level=1)
    for heading, lines in POLICIES:
        document.add_heading(heading, level=2)
        for line in lines:
            document.add_paragraph(line)
    document.save(str(path))


def build(target: Path) -> Path:
    """Write every document of the second clinic into ``target`` (created) and return it."""
    target.mkdir(parents=True, exist_ok=True)
    for path in DOCUMENTS.iterdir():
        shutil.copy(path, target / path.name)
    _pdf(target / "insurance-and-authorization.pdf")
    _docx(target / "scheduling-policy.docx")
    return target
