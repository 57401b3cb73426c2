"""Document text reaches API JSON as plain text: markup stripped at load time, links kept only for
http, https, mailto and tel (whatever their case, blanks or character references)."""

from __future__ import annotations

import io

import pytest

from copilot.knowledge.loaders import load_document
from copilot.knowledge.plain_text import link_scheme, plain, safe_target
from tests.support import wait_for_job

MB = 1_000_000
HOSTILE_HTML = b"""<html><head><title>Fees <b>2026</b></title></head><body>
<h1>Fee schedule</h1>
<p>See <a href="jAvAsCrIpT:alert(1)">the form</a>, <a href="data:text/html,hi">the sheet</a>,
<a href=" JaVaScRiPt:alert(2)">the map</a> and <a href="HTTPS://clinic.example.org/fees">fees</a>.
Call <a href="tel:+15550100">the desk</a>. &lt;script&gt;alert(3)&lt;/script&gt;
&lt;img src=x onerror=alert(4)&gt;</p>
</body></html>"""


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("https://clinic.example.org", True),
        ("HTTP://clinic.example.org", True),
        ("MailTo:desk@example.org", True),
        ("tel:+15550100", True),
        ("../faq/general.md", True),
        ("#parking", True),
        ("jAvAsCrIpT:alert(1)", False),
        (" java\tscript:alert(1)", False),
        ("javascript&#58;alert(1)", False),
        ("DATA:text/html,hi", False),
        ("vbscript:msgbox", False),
        ("file:///etc/passwd", False),
    ],
)
def test_only_relative_and_the_four_safe_schemes_are_kept(target, safe):
    assert safe_target(target) is safe


def test_the_scheme_is_read_the_way_a_browser_reads_it():
    assert link_scheme("  JaVa\nScript:x") == "javascript"
    assert link_scheme("faq/general.md") == ""


def test_markdown_documents_lose_markup_and_unsafe_links(tmp_path):
    text = (
        "# Parking <em>today</em>\n\n"
        "[form](jAvAsCrIpT:alert(1)) [map](https://maps.example.org) ![x](data:image/png;base64,AA)"
        " <script>alert(2)</script><img src=x onerror=alert(3)> <!-- hidden --> age <42\n"
    )
    (tmp_path / "parking.md").write_text(text)
    document = load_document(tmp_path / "parking.md", tmp_path, MB)
    body = document.pages[0].text
    assert document.title == "Parking today"
    assert "<" not in body.replace("<42", "")
    assert "alert" not in body and "data:" not in body and "javascript" not in body.lower()
    assert "[map](https://maps.example.org)" in body and "form" in body
    assert "age <42" in body


def test_html_pages_lose_unsafe_links_whatever_their_case(tmp_path):
    (tmp_path / "fees.html").write_bytes(HOSTILE_HTML)
    document = load_document(tmp_path / "fees.html", tmp_path, MB)
    body = document.pages[0].text
    assert document.title == "Fees 2026"
    assert "javascript" not in body.lower() and "data:" not in body and "<" not in body
    assert "alert(3)" not in body and "onerror" not in body
    assert "[fees](HTTPS://clinic.example.org/fees)" in body
    assert "[the desk](tel:+15550100)" in body
    assert "the form" in body and "the sheet" in body and "the map" in body


def test_plain_text_is_left_alone():
    text = "Ages 35 to <42: two cycles. A < B and 3 > 2. [FAQ](faq/general.md)"
    assert plain(text) == text


def test_uploaded_html_reaches_the_api_as_plain_text(secure_server):
    with secure_server.client("content_owner") as client:
        files = {"file": ("fees.html", io.BytesIO(HOSTILE_HTML), "text/html")}
        response = client.post("/api/documents", files=files, data={"path": "web/fees.html"})
        assert wait_for_job(client, response)["state"] == "done"
        sources = client.get("/api/sources").json()
    fees = next(s for s in sources if s["path"] == "web/fees.html")
    assert fees["title"] == "Fees 2026"
    stored = secure_server.rt.store.stored_chunks(["web/fees.html"])
    assert stored
    for item in stored:
        assert "javascript" not in item.chunk.text.lower()
        assert "<" not in item.chunk.text
