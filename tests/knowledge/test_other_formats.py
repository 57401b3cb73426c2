"""Word and CSV documents, and another clinic's knowledge base in those formats, end to end."""

from __future__ import annotations

import docx
import pytest

from copilot.knowledge.loaders import LoadError, load_document


def write_docx(path, title="Lakeside Fertility Price List"):
    document = docx.Document()
    document.add_heading(title, level=0)
    document.add_paragraph("Effective March 1, 2026. These prices replace all earlier lists.")
    document.add_heading("Consultations", level=1)
    table = document.add_table(rows=3, cols=2)
    for row, (service, price) in zip(
        table.rows, [("Service", "Price"), ("Initial consultation", "$180"),
                     ("Follow-up visit", "$120")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = service, price
    document.add_paragraph("Paid at booking.", style="List Bullet")
    document.save(path)


def test_a_word_document_keeps_headings_tables_lists_and_its_date(tmp_path):
    write_docx(tmp_path / "prices.docx")
    doc = load_document(tmp_path / "prices.docx", tmp_path, 1_000_000)
    text = doc.pages[0].text
    assert doc.title == "Lakeside Fertility Price List"
    assert doc.last_updated == "2026-03-01"
    assert "## Consultations" in text
    assert "| Initial consultation | $180 |" in text
    assert "- Paid at booking." in text


def test_a_csv_becomes_one_table(tmp_path):
    (tmp_path / "doctor-hours.csv").write_text(
        "Physician,Day,Hours\nDr. Ana Ortiz,Monday,8:00 AM - 2:00 PM\n"
    )
    doc = load_document(tmp_path / "doctor-hours.csv", tmp_path, 1_000_000)
    assert doc.title == "Doctor hours"
    assert "| Dr. Ana Ortiz | Monday | 8:00 AM - 2:00 PM |" in doc.pages[0].text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("renamed.docx", b"# just markdown\n", "not a Word document"),
        ("damaged.docx", b"PK\x03\x04" + bytes(300), "damaged Word document"),
        ("header-only.csv", b"Service,Price\n", "header row and at least one data row"),
    ],
)
def test_bad_word_and_csv_files_get_a_reason(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(LoadError, match=reason):
        load_document(tmp_path / name, tmp_path, 1_000_000)


def test_another_clinics_documents_answer_with_their_own_prices(tmp_path, runtime):
    kb = tmp_path / "lakeside"
    kb.mkdir()
    write_docx(kb / "price-list.docx")
    (kb / "doctor-hours.csv").write_text(
        "Physician,Day,Hours\nDr. Ana Ortiz,Monday,8:00 AM - 2:00 PM\n"
        "Dr. Ben Lowe,Thursday,1:00 PM - 6:00 PM\n"
    )
    (kb / "faq.html").write_text(
        "<html><head><title>Lakeside FAQ</title></head><body><h1>FAQ</h1>"
        "<h2>Is parking free?</h2><p>Yes, parking in garage C is validated.</p></body></html>"
    )
    other = runtime.derive(knowledge_dir=kb, data_dir=tmp_path / "data")
    report = other.indexer.run()
    assert report.failed == [] and report.added == 3

    answer = other.copilot.ask("how much is the initial consult")
    assert "$180" in answer.answer
    assert [c.source for c in answer.citations][:1] == ["price-list.docx"]

    hours = other.copilot.ask("dr lowe thursday hours")
    assert "1:00 PM" in hours.answer

    wrong = other.checker.check("The initial consultation is $150.")
    assert [v.rule for v in wrong.violations] == ["price_mismatch"]
    assert other.checker.check("The initial consultation is $180.").verdict == "pass"
