"""The pure upload rules: safe paths, accepted types, magic bytes (no server needed)."""

import pytest

from copilot.services.uploads import UploadRejected, check_magic, check_suffix, safe_relative_path


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("faq/parking.md", "faq/parking.md"),
        ("./faq//parking.md", "faq/parking.md"),
        ("Price Sheet 2026.pdf", "Price Sheet 2026.pdf"),
    ],
)
def test_safe_paths_are_normalised(raw, expected):
    assert safe_relative_path(raw).as_posix() == expected


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "/etc/passwd",
        "../x.md",
        "faq/../../x.md",
        "faq/.env",
        ".git/config",
        "a\\b.md",
        "faq/x\x00.md",
        "a/b/c/d/e.md",
        "faq/-rf.md",
        "faq/$(rm).md",
    ],
)
def test_unsafe_paths_are_refused_with_400(raw):
    with pytest.raises(UploadRejected) as err:
        safe_relative_path(raw)
    assert err.value.status == 400 and err.value.message


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("a.md", True),
        ("a.MARKDOWN", True),
        ("a.pdf", True),
        ("a.htm", True),
        ("a.txt", True),
        ("a.docx", True),
        ("a.csv", True),
        ("a.xlsx", False),
        ("a", False),
        ("a.md.exe", False),
        ("a.svg", False),
    ],
)
def test_only_indexable_types_are_accepted(name, ok):
    if ok:
        assert check_suffix(safe_relative_path(name)).startswith(".")
    else:
        with pytest.raises(UploadRejected) as err:
            check_suffix(safe_relative_path(name))
        assert err.value.status == 415


@pytest.mark.parametrize(
    ("suffix", "head", "ok"),
    [
        (".pdf", b"%PDF-1.7\n", True),
        (".pdf", b"<html>", False),
        (".md", b"# Title\n", True),
        (".md", b"%PDF-1.4", False),
        (".txt", b"\x7fELF", False),
        (".html", b"GIF89a", False),
        (".html", b"<!doctype html>", True),
        (".docx", b"PK\x03\x04\x14\x00", True),
        (".docx", b"# not a zip", False),
        (".csv", b"Service,Price\n", True),
        (".csv", b"PK\x03\x04", False),
    ],
)
def test_content_must_match_the_type(suffix, head, ok):
    if ok:
        check_magic(suffix, head)
    else:
        with pytest.raises(UploadRejected, match="content"):
            check_magic(suffix, head)
