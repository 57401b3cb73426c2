"""Replays of the document bombs: each is refused before the costly step (building the YAML's
values, parsing the Word body), with a status and a message that name the limit, and without the
server's memory growing by more than the issue allows. No assert reads a clock: a spy on the costly
step shows it never ran (and, on a harmless document, that it does run where the spy looks)."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document as open_docx

from copilot.knowledge import docx_text, loaders
from copilot.knowledge.bounds import LimitExceeded
from copilot.knowledge.indexer import document_chunks
from copilot.knowledge.loaders import LoadError, load_document
from tests.security.conftest import peak_memory_growth
from tests.support import make_settings

MB = 1_000_000


def alias_bomb(levels: int = 9, width: int = 9) -> bytes:
    """Front matter whose title expands to width**levels items through nested YAML aliases."""
    lines = ["n0: &n0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"n{level}: &n{level} [" + ", ".join([f"*n{level - 1}"] * width) + "]")
    lines.append(f"title: *n{levels - 1}")
    return ("---\n" + "\n".join(lines) + "\n---\n# Parking\n\nPark on level P2.\n").encode()


def docx(body_paragraphs: int, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal Word archive written directly (python-docx would take minutes for 1M
    paragraphs): a body of ``body_paragraphs`` short paragraphs plus ``extra`` members."""
    paragraph = "<w:p><w:r><w:t>Call.</w:t></w:r></w:p>"
    body = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{paragraph * body_paragraphs}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def six_long_sections() -> str:
    """Six sections of about 1,000 characters: six chunks at the default chunk size."""
    sentence = "Call the front desk about parking, hours and forms before the visit. "
    return "".join(f"## Part {n}\n\n{sentence * 15}\n\n" for n in range(6))


def upload(server, name: str, content: bytes, **form):
    with server.client("content_owner") as client:
        files = {"file": (name, io.BytesIO(content), "application/octet-stream")}
        return client.post("/api/documents", files=files, data=form)


def measured_upload(server, name: str, content: bytes):
    with peak_memory_growth() as growth:
        response = upload(server, name, content)
    return response, growth[0]


def spy(monkeypatch, owner, name: str) -> list[tuple]:
    """The arguments of every call of ``owner.name`` from now on; the call still runs."""
    real, calls = getattr(owner, name), []

    def recorded(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


def test_the_yaml_alias_bomb_is_refused_before_any_value_is_built(
    secure_server, monkeypatch, tmp_path
):
    built = spy(monkeypatch, loaders._YAML_LOADER, "construct_document")  # (loader, node)

    def keys() -> list[set[str]]:
        return [{key.value for key, _ in node.value} for _, node in built]

    (tmp_path / "plain.md").write_text("---\nn0: [lol]\ntitle: Parking\n---\n# Parking\n\nP2.\n")
    load_document(tmp_path / "plain.md", tmp_path, MB)
    assert {"n0", "title"} in keys()  # front matter within the limits is built where the spy is

    bomb = alias_bomb()
    assert len(bomb) < 600
    response, growth = measured_upload(secure_server, "bomb/alias.md", bomb)
    assert response.status_code == 422, response.text
    assert "anchor or alias" in response.json()["detail"]
    assert not any("n8" in built_keys for built_keys in keys())  # refused from parse events
    assert growth < 50 * MB
    assert not (secure_server.settings.knowledge_dir / "bomb").exists()


def test_a_docx_holding_a_huge_zero_filled_image_is_refused_before_it_is_inflated(secure_server):
    bomb = docx(3, {"word/media/image1.png": b"\0" * 300 * MB})
    assert len(bomb) < 1 * MB
    response, growth = measured_upload(secure_server, "bomb/image.docx", bomb)
    assert response.status_code == 413, response.text
    assert "COPILOT_MAX_UNZIPPED_MB" in response.json()["detail"]
    assert growth < 200 * MB


def test_a_docx_with_a_million_paragraphs_is_refused_by_counting_not_parsing(
    secure_server, monkeypatch, tmp_path
):
    parsed = spy(monkeypatch, docx_text, "open_docx")
    small = open_docx()
    small.add_paragraph("Call the front desk about parking.")
    small.save(tmp_path / "small.docx")
    load_document(tmp_path / "small.docx", tmp_path, MB)
    assert len(parsed) == 1  # python-docx parses a document within the limits, where the spy is

    bomb = docx(1_000_000)
    assert len(bomb) < 1 * MB
    response, growth = measured_upload(secure_server, "bomb/paragraphs.docx", bomb)
    assert response.status_code == 413, response.text
    detail = response.json()["detail"]
    assert "paragraph count is 1,000,000" in detail and "COPILOT_MAX_DOCUMENT_PARAGRAPHS" in detail
    assert len(parsed) == 1  # the body was counted as it streamed, never handed to python-docx
    assert growth < 200 * MB


def test_a_docx_with_too_many_members_is_refused(tmp_path):
    many = {f"word/media/i{n}.png": b"x" for n in range(1_100)}
    (tmp_path / "many.docx").write_bytes(docx(2, many))
    with pytest.raises(LimitExceeded, match="number of files inside the .docx is 1,102"):
        load_document(tmp_path / "many.docx", tmp_path, 10 * MB)


def test_a_document_over_the_paragraph_limit_is_refused_in_any_format(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\n" + "Call back tomorrow.\n\n" * 10_001)
    with pytest.raises(LimitExceeded, match="paragraph count is 10,002"):
        load_document(path, tmp_path, 10 * MB)


def test_front_matter_fields_are_capped_and_single_valued(tmp_path):
    long_title = "Parking " * 50
    (tmp_path / "long.md").write_text(f"---\ntitle: {long_title}\n---\n# Parking\n\nLevel P2.\n")
    expected = "front matter 'title' is 399 characters, over the limit of 300 characters"
    with pytest.raises(LimitExceeded, match=expected):
        load_document(tmp_path / "long.md", tmp_path, MB)
    (tmp_path / "list.md").write_text("---\ntitle: [a, b]\n---\n# Parking\n\nLevel P2.\n")
    with pytest.raises(LoadError, match="'title' must be a single value"):
        load_document(tmp_path / "list.md", tmp_path, MB)


def test_a_title_taken_from_a_long_heading_is_cut_to_300_characters(tmp_path):
    (tmp_path / "heading.md").write_text("# " + "Parking and arrival " * 40 + "\n\nLevel P2.\n")
    document = load_document(tmp_path / "heading.md", tmp_path, MB)
    assert len(document.title) == 300
    assert document.title.startswith("Parking and arrival")


def test_front_matter_over_its_length_limit_is_refused_before_it_is_parsed(tmp_path):
    front = "\n".join(f"note{n}: {'x' * 90}" for n in range(100))
    (tmp_path / "big.md").write_text(f"---\n{front}\n---\n# Parking\n\nLevel P2.\n")
    with pytest.raises(LimitExceeded, match="COPILOT_MAX_FRONT_MATTER_CHARS"):
        load_document(tmp_path / "big.md", tmp_path, MB)


def test_a_document_over_the_chunk_limit_is_refused_and_names_the_setting(tmp_path):
    settings = make_settings(tmp_path, max_document_chunks=3)
    path = tmp_path / "long.md"
    path.write_text(six_long_sections())
    document = load_document(path, tmp_path, MB)
    with pytest.raises(LimitExceeded, match="chunk count is 6, over the limit of 3 "
                                            r"\(COPILOT_MAX_DOCUMENT_CHUNKS\)"):
        document_chunks(document, settings)


def test_the_indexer_lists_a_document_over_a_limit_as_failed_and_indexes_the_rest(tmp_path):
    from copilot.runtime import Runtime

    knowledge = tmp_path / "knowledge"
    knowledge.mkdir()
    (knowledge / "ok.md").write_text("# Hours\n\nThe desk opens at 8 am.\n")
    (knowledge / "long.md").write_text(six_long_sections())
    settings = make_settings(tmp_path / "data", knowledge_dir=knowledge, max_document_chunks=3)
    report = Runtime.from_settings(settings).indexer.run()
    assert [f.path for f in report.failed] == ["long.md"]
    assert "COPILOT_MAX_DOCUMENT_CHUNKS" in report.failed[0].error
    assert report.documents == 1
