"""Loading knowledge files: every format, every kind of bad input, and the real knowledge folder."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import numpy as np
import pytest
from fpdf import FPDF
from matplotlib import image as mpl_image
from pypdf import PdfReader, PdfWriter

from copilot.knowledge.loaders import (
    SUPPORTED_SUFFIXES,
    LoadError,
    UnsupportedFile,
    load_document,
)

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
LIMIT = 1_000_000
SECRET = "Jane Roe DOB 01/02/1980"  # synthetic PHI: must never appear in an error message


def text_pdf(pages: list[list[str]] | None = None, title: str = "Holiday Coverage Sheet") -> bytes:
    """A real PDF made with fpdf2: a big bold title, a section heading, prose and a table."""
    pdf = FPDF()
    pdf.set_title(title)
    pdf.set_author("Synthetic Operations")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(0, 5, "Effective March 3, 2025. " + "Agents answer holiday calls politely. " * 6)
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 10, "Coverage table", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    with pdf.table() as table:
        for cells in [
            ("Date", "Team", "Phone"),
            ("Nov 27", "Answering service", "(555) 010-0199"),
            ("Dec 25", "On-call nurse", "(555) 010-0140"),
        ]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    for lines in pages or [["Escalation", "Call the supervisor for anything else."]]:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 13)
        pdf.cell(0, 10, lines[0], new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(0, 5, " ".join(lines[1:]))
    return bytes(pdf.output())


def encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=user_password, owner_password="owner-only", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def image_only_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 80, 60, style="F")
    return bytes(pdf.output())


def png_bytes() -> bytes:
    out = io.BytesIO()
    mpl_image.imsave(out, np.zeros((8, 8)), format="png")
    return out.getvalue()


def write(root: Path, relative: str, content: bytes | str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# -- bad input --------------------------------------------------------------------------------

BAD_FILES = [
    ("empty.md", b"", "file is empty"),
    ("blank.md", b"  \n\n\t \n", "only whitespace"),
    ("picture.md", png_bytes(), "binary content"),
    ("picture.txt", png_bytes(), "binary content"),
    ("controls.html", bytes(range(1, 9)) * 300, "binary content"),
    ("latin1.md", f"# Café\n\n{SECRET} año".encode("latin-1"), "invalid UTF-8 at byte"),
    (
        "broken-yaml.md",
        f"---\ntitle: Hours\nowner: [Call Center\n---\n\n# Hours\n{SECRET}\n",
        "broken YAML front matter on line",
    ),
    (
        "unclosed.md",
        f"---\ntitle: Hours\nowner: Ops\n\n# Hours\n{SECRET}\n",
        "front matter opened with '---' on line 1 is never closed",
    ),
    ("list-front.md", "---\n- a\n- b\n---\n\n# Hours\n", "not a set of 'key: value' lines"),
    ("only-front.md", "---\ntitle: Hours\n---\n\n", "front matter but no text"),
    ("truncated.pdf", text_pdf()[:1500], "corrupt or truncated PDF"),
    ("encrypted.pdf", encrypted_pdf("secret"), "encrypted PDF"),
    ("scanned.pdf", image_only_pdf(), "no extractable text"),
    ("renamed.pdf", png_bytes(), "not a PDF"),
    ("empty.pdf", b"", "file is empty"),
    ("script-only.html", "<html><script>var a = 1;</script></html>", "no visible text"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file_raises_one_line_reason_without_content(tmp_path, name, content, reason):
    path = write(tmp_path, f"docs/{name}", content)

    with pytest.raises(LoadError) as caught:
        load_document(path, tmp_path, LIMIT)

    message = str(caught.value)
    assert reason in message
    assert "\n" not in message and "Traceback" not in message
    assert SECRET not in message and "Jane" not in message


@pytest.mark.parametrize(
    ("front_matter", "line"),
    [
        ("title: Hours\nowner: Ops\nlast_updated: [2025\n", 4),
        ("title: Hours\nowner: Ops: extra\nlast_updated: 2025-01-01\n", 3),
        ("title: Hours\n\tcategory: faq\n", 3),
    ],
)
def test_broken_front_matter_names_the_line_in_the_file(tmp_path, front_matter, line):
    path = write(tmp_path, "faq.md", f"---\n{front_matter}---\n\n# Hours\n")

    with pytest.raises(LoadError, match=rf"on line {line}:"):
        load_document(path, tmp_path, LIMIT)


@pytest.mark.parametrize(
    ("size", "limit", "expected"),
    [
        (3_000_000, 2_000_000, "file is 3.0 MB, over the 2.0 MB limit"),
        (2_048, 1_000, "file is 2,048 bytes, over the 1,000 bytes limit"),
    ],
)
def test_file_over_the_size_limit_says_size_and_limit(tmp_path, size, limit, expected):
    path = write(tmp_path, "big.md", "# Big\n\n" + "x" * (size - 7))

    with pytest.raises(LoadError) as caught:
        load_document(path, tmp_path, limit)

    assert str(caught.value) == expected


def test_file_exactly_at_the_limit_loads(tmp_path):
    path = write(tmp_path, "edge.md", "# Edge\n\n" + "y" * 92)

    assert load_document(path, tmp_path, 100).title == "Edge"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("sheet.xlsx", "unsupported file type '.xlsx'"),
        ("photo.PNG", "unsupported file type '.png'"),
        ("Makefile", "unsupported file type without an extension"),
    ],
)
def test_unknown_types_are_unsupported_not_errors(tmp_path, name, expected):
    path = write(tmp_path, name, "hello")

    with pytest.raises(UnsupportedFile) as caught:
        load_document(path, tmp_path, LIMIT)

    assert str(caught.value).startswith(expected)
    assert ".md" in str(caught.value)


def test_supported_suffixes_cover_every_format():
    assert set(SUPPORTED_SUFFIXES) == {
        ".md", ".markdown", ".pdf", ".html", ".htm", ".txt", ".docx", ".csv"
    }


# -- Markdown ---------------------------------------------------------------------------------

FRONT_MATTER = """---
title: Promotional Consultations
category: pricing
owner: Billing & Insurance
last_updated: {date}
---

# Promotional Consultations (page heading)

Two offers for new patients.
"""


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("date: 2025-03-02\n", "2025-03-02"),
        ("revised: March 2, 2025\n", "2025-03-02"),
        ("effective_date: '2025-03-02'\n", "2025-03-02"),
        ("Last-Reviewed: 03/02/2025\n", "2025-03-02"),
        ("date: 2025-02-20\neffective: 2025-03-02\n", "2025-03-02"),  # the later one
        ("last_updated: 2025-01-05\neffective: 2025-03-02\n", "2025-01-05"),  # named outright
        ("expires: 2025-03-02\nnext_review: 2026-03-02\n", ""),  # no date of this version
        ("date: when we get to it\n", ""),
    ],
)
def test_a_front_matter_date_under_another_name_dates_the_document(tmp_path, fields, expected):
    raw = f"---\ntitle: Lab hours\n{fields}---\n\n# Lab hours\n\nOpen at 7 AM.\n"
    doc = load_document(write(tmp_path, "hours.md", raw.encode()), tmp_path, LIMIT)
    assert doc.last_updated == expected


def test_a_long_front_matter_date_is_refused_with_the_limit(tmp_path):
    raw = f"---\ntitle: Lab hours\nrevised: '{'2025' * 200}'\n---\n\n# Lab hours\n"
    limit = "front matter 'revised' is 800 characters, over the limit of 300 characters"
    with pytest.raises(LoadError, match=limit):
        load_document(write(tmp_path, "hours.md", raw.encode()), tmp_path, LIMIT)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2025-08-13", "2025-08-13"),
        ("'2025-08-13'", "2025-08-13"),
        ("Aug 13, 2025", "2025-08-13"),
        ("August 13 2025", "2025-08-13"),
        ("08/13/2025", "2025-08-13"),
        ("2025-08-13 09:30:00", "2025-08-13"),
        ("sometime in autumn", "sometime in autumn"),
        ("", ""),
    ],
)
def test_markdown_front_matter_and_date_normalisation(tmp_path, date, expected):
    raw = FRONT_MATTER.format(date=date).encode()
    path = write(tmp_path, "pricing/promo.md", raw)

    doc = load_document(path, tmp_path, LIMIT)

    assert (doc.title, doc.category, doc.owner) == (
        "Promotional Consultations",
        "pricing",
        "Billing & Insurance",
    )
    assert doc.last_updated == expected
    assert doc.source == "pricing/promo.md"
    assert doc.content_hash == hashlib.sha256(raw).hexdigest()
    assert doc.status == "current"
    assert len(doc.pages) == 1 and doc.pages[0].number is None
    assert "owner:" not in doc.pages[0].text and doc.pages[0].text.startswith("# Promotional")


@pytest.mark.parametrize(
    ("relative", "text", "title", "category"),
    [
        ("faq/hours.md", "Intro line.\n\n# Clinic Hours\n\nOpen weekdays.", "Clinic Hours", "faq"),
        ("faq/hours.md", "Open weekdays.\n\n## Not a title\n", "hours", "faq"),
        ("top-level.md", "# Welcome\n\nHello.", "Welcome", ""),
        ("a/b/deep.markdown", "---\ntitle: Deep\n---\nText.", "Deep", "a"),
        ("crlf.md", "---\r\ntitle: Windows\r\n---\r\n\r\nBody.\r\n", "Windows", ""),
        ("bom.md", "\ufeff---\ntitle: With BOM\n---\nBody.", "With BOM", ""),
    ],
)
def test_markdown_fallbacks_for_title_and_category(tmp_path, relative, text, title, category):
    doc = load_document(write(tmp_path, relative, text), tmp_path, LIMIT)

    assert (doc.title, doc.category) == (title, category)
    assert "---" not in doc.pages[0].text


@pytest.mark.parametrize(
    ("relative", "category", "status"),
    [
        ("archive/faq-2024.md", "faq", "archived"),
        ("old/Archived/prices.md", "pricing", "archived"),
        ("faq/prices.md", "archive", "archived"),
        ("faq/prices.md", "Archived", "archived"),
        ("faq/archive-policy.md", "faq", "current"),
        ("archives-2024/prices.md", "pricing", "current"),
        ("faq/prices.md", "archiving", "current"),
    ],
)
def test_archived_status_from_folder_or_category(tmp_path, relative, category, status):
    path = write(tmp_path, relative, f"---\ncategory: {category}\n---\n\n# Prices\n\nText.")

    assert load_document(path, tmp_path, LIMIT).status == status


@pytest.mark.parametrize(
    ("name", "text", "status"),
    [
        ("faq-2022.txt", "####################\n# ARCHIVED - DO NOT USE #\n####################\n"
                         "OLD PATIENT FAQ\n\nThe consult is $250.", "archived"),
        ("faq-2022.md", "# Patient FAQ (2022)\n\n> Archived: kept for reference only.\n\nText.",
         "archived"),
        # a banner opening with another word for it, and a notice besides
        ("fees-2021.txt", "=====\n== OBSOLETE PRICE SHEET: withdrawn in 2023, no longer valid ==\n"
                          "=====\n\nIUI $400.", "archived"),
        ("fees-2020.md", "# Fees 2020\n\n**Expired** - out of date since the 2022 list.\n\nIUI.",
         "archived"),
        ("guide-v1.txt", "Obsolete since 03/2024 - left on the team drive as an audit reference "
                         "copy\n\nIUI $400.", "archived"),
        # naming archives is no notice: a records policy, or the word far down the page
        ("records.md", "# Records\n\nArchived charts are kept for seven years.\n", "current"),
        # ... nor a line about something else retired, nor the banner word alone
        ("phones.md", "# Phones\n\nThe old fax line is retired; do not use it.\n", "current"),
        ("lines.md", "# Lines\n\nRetired: the 2019 line.\n\nCall 555-0100.\n", "current"),
        ("faq.md", "# FAQ\n\n" + "Line.\n\n" * 6 + "Archived - do not use.\n", "current"),
    ],
)
def test_a_document_whose_opening_lines_say_it_is_archived_is_archived(tmp_path, name, text,
                                                                        status):
    path = write(tmp_path, f"faq/{name}", text)

    assert load_document(path, tmp_path, LIMIT).status == status


# -- HTML and plain text ------------------------------------------------------------------------

HTML_PAGE = """<!doctype html>
<html><head>
  <title>Clinic Hours &amp; Locations</title>
  <meta name="last_updated" content="Sep 2, 2025">
  <meta name="author" content="Patient Services">
  <style>body { color: red }</style>
  <script>trackVisitor("should never be indexed");</script>
</head><body>
  <nav><a href="/">Home</a> | <a href="/menu">Menu link text</a></nav>
  <h1>Hours</h1>
  <p>The Call Center is open <strong>Monday to Friday</strong>. See the
     <a href="../faq/general.md">general FAQ</a>.</p>
  <h2>Locations</h2>
  <ul><li>San Mateo</li><li>Palo Alto</li></ul>
  <h3>Parking</h3>
  <table>
    <tr><th>Office</th><th>Parking</th></tr>
    <tr><td>San Mateo</td><td>Garage, validated</td></tr>
    <tr><td>Palo Alto</td><td>Street, 2 hours</td></tr>
  </table>
  <blockquote>"We validate parking."</blockquote>
</body></html>"""


def test_html_becomes_markdown_like_text_with_metadata(tmp_path):
    doc = load_document(write(tmp_path, "patient-resources/hours.html", HTML_PAGE), tmp_path, LIMIT)
    text = doc.pages[0].text

    assert doc.title == "Clinic Hours & Locations"
    assert doc.last_updated == "2025-09-02"
    assert doc.owner == "Patient Services"
    assert doc.category == "patient-resources"
    assert "# Hours" in text and "## Locations" in text and "### Parking" in text
    assert "- San Mateo\n- Palo Alto" in text
    assert "| Office | Parking |\n| --- | --- |\n| San Mateo | Garage, validated |" in text
    assert "[general FAQ](../faq/general.md)" in text
    assert '> "We validate parking."' in text
    for dropped in ("trackVisitor", "color: red", "Menu link text"):
        assert dropped not in text


def test_html_without_title_uses_first_heading(tmp_path):
    doc = load_document(write(tmp_path, "x.htm", "<h1>Fees</h1><p>See list.</p>"), tmp_path, LIMIT)

    assert doc.title == "Fees"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n\nAfter-hours checklist\n\n1. Check voicemail.\n", "After-hours checklist"),
        ("Hours: weekdays 8 to 6.", "Hours: weekdays 8 to 6."),
    ],
)
def test_plain_text_title_is_first_line(tmp_path, text, title):
    doc = load_document(write(tmp_path, "notes/checklist.txt", text), tmp_path, LIMIT)

    assert doc.title == title
    assert doc.pages[0].text == text.strip()
    assert doc.category == "notes"


@pytest.mark.parametrize(("name", "content"), [
    ("memos/fees-change.md", "# Fee change memo\n\n**Effective:** Monday, June 1, 2026\n\n"
     "The laser session is now $210.\n"),
    ("memos/fees-change.html", "<html><body><h1>Fee change memo</h1><p>Updated June 1, 2026</p>"
     "<p>The laser session is now $210.</p></body></html>"),
    ("memos/fees-change.txt", "FEE CHANGE MEMO\nRevised: June 1, 2026\n\n"
     "The laser session is now $210.\n"),
    # a month and year alone: the first of the month
    ("memos/fees-sheet.txt", "LASER FEE SHEET\nClinical policy LP-2. Revised June 2026.\n\n"
     "The laser session is $210.\n"),
])
def test_a_document_without_a_date_field_is_dated_by_its_opening_lines(tmp_path, name, content):
    """No front matter or meta date: an opening line saying 'effective', 'updated' or 'revised'
    dates it (as a PDF's first page does), so recency can tell it from older documents."""
    doc = load_document(write(tmp_path, name, content), tmp_path, LIMIT)
    assert doc.last_updated == "2026-06-01"


# -- PDF ----------------------------------------------------------------------------------------


def test_a_pdf_is_dated_by_its_first_page_before_its_file_date(tmp_path):
    """A PDF exported today from a policy revised long ago is as old as its text says."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, "Laser Policy\nPolicy LP-2. Approved by the medical director. "
                   "Revised April 2025.\nA laser session is $180.")
    doc = load_document(write(tmp_path, "policies/laser.pdf", bytes(pdf.output())), tmp_path,
                        LIMIT)
    assert doc.last_updated == "2025-04-01"



def test_pdf_pages_headings_tables_and_metadata(tmp_path):
    raw = text_pdf(pages=[["Escalation", "Call the supervisor."], ["Contacts", "Main line."]])
    doc = load_document(write(tmp_path, "schedules/holidays.pdf", raw), tmp_path, LIMIT)

    assert [page.number for page in doc.pages] == [1, 2, 3]
    first = doc.pages[0].text
    assert first.startswith("# Holiday Coverage Sheet")
    assert "## Coverage table" in first
    assert "| Date | Team | Phone |" in first
    assert "| Nov 27 | Answering service | (555) 010-0199 |" in first
    assert doc.pages[2].text.startswith("## Contacts")
    assert (doc.title, doc.owner, doc.category) == (
        "Holiday Coverage Sheet",
        "Synthetic Operations",
        "schedules",
    )
    assert doc.last_updated == "2025-03-03"
    assert doc.content_hash == hashlib.sha256(raw).hexdigest()


def test_pdf_table_set_without_blank_lines_between_rows(tmp_path):
    """Rows on consecutive lines (no gap between them): one row per line that fills its first
    column and another; a line filling only the first column continues the cell above."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    rows = [("Courier", "Pick-up", "Fee"), ("Dry shipper, local", "Same day", "$380"),
            ("Dry shipper, out of", "Two days", "$720"), ("state", "", ""),
            ("Returned shipper", "n/a", "$40")]
    for cells in rows:
        for cell, width in zip(cells, (70, 50, 30), strict=True):
            pdf.cell(width, 5, cell)
        pdf.ln(5)
    doc = load_document(write(tmp_path, "fees/shipping.pdf", pdf.output()), tmp_path, LIMIT)

    text = doc.pages[0].text
    assert "| Courier | Pick-up | Fee |" in text
    assert "| Dry shipper, local | Same day | $380 |" in text
    assert "| Dry shipper, out of state | Two days | $720 |" in text
    assert "| Returned shipper | n/a | $40 |" in text


@pytest.mark.parametrize(("markers", "items"), [
    (("1.", "2.", "3."), ("1. Bring", "2. Arrive", "3. Fast")),
    (("-", "-", "-"), ("- Bring", "- Arrive", "- Fast")),
])
def test_a_pdf_list_set_in_two_columns_is_a_list(tmp_path, markers, items):
    """Each item's marker in a narrow cell and its text beside it: a list, not a table whose
    first item would head its columns."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    texts = ["Bring the photo ID used at booking.", "Arrive 40 minutes before the procedure.",
             "Fast from midnight; water is fine until two hours before."]
    for marker, text in zip(markers, texts, strict=True):
        pdf.cell(8, 6, marker)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    doc = load_document(write(tmp_path, "prep/retrieval.pdf", pdf.output()), tmp_path, LIMIT)

    lines = doc.pages[0].text.splitlines()
    assert [line.split(" ", 2)[:2] for line in lines] == [i.split(" ") for i in items]
    assert "|" not in doc.pages[0].text


def test_pdf_encrypted_with_empty_password_opens(tmp_path):
    doc = load_document(write(tmp_path, "open.pdf", encrypted_pdf("")), tmp_path, LIMIT)

    assert "Answering service" in doc.pages[0].text


def test_pdf_prose_is_reflowed_into_paragraphs(tmp_path):
    doc = load_document(write(tmp_path, "sheet.pdf", text_pdf()), tmp_path, LIMIT)

    paragraph = next(p for p in doc.pages[0].text.split("\n\n") if p.startswith("Effective"))
    assert "\n" not in paragraph
    assert paragraph.count("Agents answer holiday calls politely.") == 6


# -- the real knowledge folder ------------------------------------------------------------------

REAL_FILES = sorted(p for p in KNOWLEDGE.rglob("*") if p.is_file())


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.relative_to(KNOWLEDGE).as_posix())
def test_every_real_knowledge_file_loads(path):
    doc = load_document(path, KNOWLEDGE, 20_000_000)

    assert doc.source == path.relative_to(KNOWLEDGE).as_posix()
    assert doc.title and doc.category and doc.pages
    assert len(doc.last_updated) == 10 and doc.last_updated[4] == "-"
    assert all(page.text.strip() for page in doc.pages)
    assert doc.status == ("archived" if doc.source.startswith("archive/") else "current")


@pytest.mark.parametrize(
    ("relative", "pages", "row"),
    [
        (
            "pricing/price-sheet-2025.pdf",
            [1, 2],
            "| Promotional Virtual Consultation | 30-minute video visit with a physician; "
            "review of your prior records. No labs or ultrasound included. "
            "| $99 (regularly $400) |",
        ),
        (
            "schedules/doctor-schedule-2025-09.pdf",
            [1, 2],
            "| Friday | Virtual (video) | 1:00 PM – 5:00 PM |",
        ),
        (
            "patient-resources/insurance-verification-form.pdf",
            [1],
            "## 6. Authorization",
        ),
    ],
)
def test_real_pdfs_keep_page_numbers_and_readable_tables(relative, pages, row):
    doc = load_document(KNOWLEDGE / relative, KNOWLEDGE, 20_000_000)
    text = "\n".join(page.text for page in doc.pages)

    assert [page.number for page in doc.pages] == pages
    assert row in text
    assert "Page 1 of" not in text
    assert not [line for line in text.splitlines() if re.search(r"[^|\s] {2,}[^|\s]", line)]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # a memo's header line, a chat export's line, a wiki page's footer
        ("memo.txt", "Subject: Locker keys\nFrom: Desk lead\nDate: Mar 9, 2026\n\nKeys at desk.",
         "2026-03-09"),
        ("chat.txt", "Chat export - desk channel\nExported 04/22/2026 10:05 AM\n\n"
                     "[4/20/2026 9:00 AM] Sam Lee: keys at the desk", "2026-04-22"),
        ("wiki.html", "<html><body><h1>Lockers</h1>" + "<p>Keys are at the desk.</p>" * 200
                      + "<footer><p>This page was last edited on 5 May 2026, at 09:14.</p>"
                        "</footer></body></html>", "2026-05-05"),
        # a date that dates nothing: a holiday named in the text
        ("hours.txt", "Desk hours\n\nClosed on July 4, 2026.", ""),
    ],
)
def test_a_document_is_dated_by_its_header_export_or_footer_line(tmp_path, name, text, expected):
    doc = load_document(write(tmp_path, name, text.encode()), tmp_path, LIMIT)
    assert doc.last_updated == expected
