"""The indexer over real files, the real model and a real embedded Chroma."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from copilot.knowledge.indexer import IndexLocked, index_lock
from copilot.knowledge.model import ARCHIVED, SUPERSEDED
from copilot.knowledge.store import ChunkStore
from tests.support import KNOWLEDGE, REPO


def chunks_by_source(store: ChunkStore) -> dict[str, set[tuple[str, str]]]:
    _, chunks = store.chunks()
    grouped: dict[str, set[tuple[str, str]]] = {}
    for c in chunks:
        grouped.setdefault(c.source, set()).add((c.id, c.text))
    return grouped


def test_full_index_of_the_knowledge_base(runtime):
    files = [p for p in KNOWLEDGE.rglob("*") if p.is_file()]
    report = runtime.store.last_report()
    assert report.documents == len(files)
    assert report.failed == [] and report.skipped == []
    sources = {s.path: s for s in runtime.store.list_sources()}
    assert set(sources) == {p.relative_to(KNOWLEDGE).as_posix() for p in files}
    assert sources["archive/faq-2024.md"].status == ARCHIVED
    assert sources["updates/2025-03-03.md"].status == SUPERSEDED
    assert sources["updates/2025-03-03.md"].superseded_by == "updates/2025-08-13.md"
    assert sources["schedules/doctor-schedule-2025-09.pdf"].status == "current"
    assert all(s.chunks > 0 for s in sources.values())


def test_search_finds_the_promotional_price(runtime):
    embedding = runtime.embedder.embed_query("promotional virtual consultation price")
    ids = [i for i, _ in runtime.store.query(embedding, 5)]
    assert any(i.startswith(("pricing/", "updates/2025-08-13")) for i in ids[:3]), ids


def test_pdf_chunks_keep_their_page(runtime):
    _, chunks = runtime.store.chunks()
    pdf = [c for c in chunks if c.source.endswith(".pdf")]
    assert pdf and all(c.page and c.page >= 1 for c in pdf)


def test_rerun_embeds_nothing(small_kb, make_indexer):
    indexer, embedder = make_indexer(small_kb)
    first = indexer.run()
    assert first.added == 6 and embedder.embedded == first.chunks
    before = chunks_by_source(indexer.store)
    second = indexer.run()
    assert (second.added, second.updated, second.removed) == (0, 0, 0)
    assert second.unchanged == 6
    assert embedder.embedded == first.chunks  # nothing embedded again
    assert chunks_by_source(indexer.store) == before


def test_editing_one_file_replaces_only_its_chunks(small_kb, make_indexer):
    indexer, embedder = make_indexer(small_kb)
    indexer.run()
    before = chunks_by_source(indexer.store)
    embedded_before = embedder.embedded
    edited = small_kb / "pricing/price-list.md"
    edited.write_text(edited.read_text() + "\n\n## Parking\n\nValidated parking in garage B.\n")
    report = indexer.run()
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 1, 0, 5)
    after = chunks_by_source(indexer.store)
    assert embedder.embedded - embedded_before == len(after["pricing/price-list.md"])
    assert any("garage B" in text for _, text in after["pricing/price-list.md"])
    for source in before:
        if source != "pricing/price-list.md":
            assert after[source] == before[source], source


def test_a_memo_replacing_one_line_supersedes_that_line_alone(small_kb, make_indexer):
    """Added later, a memo that replaces one row of the unchanged price list: the list is
    chunked again with that row as its superseded older version; the rest stays current, and
    a run after that changes nothing."""
    indexer, _ = make_indexer(small_kb)
    indexer.run()
    (small_kb / "updates/2025-11-20.md").write_text(textwrap.dedent("""\
        ---
        title: Semen Analysis Fee Change
        category: updates
        owner: Billing
        last_updated: 2025-11-20
        ---
        # Semen analysis fee

        From December 1 the semen analysis is $230.
        This replaces the Semen analysis row of the [price list](../pricing/price-list.md).
        """))
    report = indexer.run()
    assert (report.added, report.updated) == (1, 1)
    _, chunks = indexer.store.chunks()
    listed = [c for c in chunks if c.source == "pricing/price-list.md"]
    old = [c for c in listed if "| Semen analysis | $200" in c.text]
    assert len(old) == 1 and (old[0].status, old[0].superseded_by) == (
        SUPERSEDED, "updates/2025-11-20.md")
    assert "Self-pay price" in old[0].text  # the row under its table's header
    rest = [c for c in listed if c is not old[0]]
    assert rest and all(c.status == "current" for c in rest)
    assert any("$350" in c.text for c in rest)  # the row before it, still current
    again = indexer.run()
    assert (again.added, again.updated, again.removed) == (0, 0, 0)


def test_an_index_from_before_replaced_parts_were_stored_is_not_chunked_again():
    """A manifest without the "replaced" field (an index built before it existed) matches a
    document no part of which is replaced; once a part is, the document is chunked again."""
    from copilot.knowledge.indexer import Scan, plan_changes
    from copilot.knowledge.model import Document, Page

    doc = Document("fees.md", "Fees", "pricing", "Billing", "2025-01-02", "h1", [Page("# Fees")])
    manifest = {"fees.md": {"content_hash": "h1", "status": "current", "superseded_by": ""}}
    plan = plan_changes(Scan(documents=[doc]), manifest)
    assert (plan.unchanged, plan.updated, plan.to_embed) == (1, 0, [])
    doc.replaced_parts = {("sperm", "wash"): "memo.md"}
    plan = plan_changes(Scan(documents=[doc]), manifest)
    assert (plan.unchanged, plan.updated, plan.to_embed) == (0, 1, [doc])


def test_deleting_a_file_removes_its_chunks(small_kb, make_indexer):
    indexer, _ = make_indexer(small_kb)
    indexer.run()
    (small_kb / "pricing/price-list.md").unlink()
    report = indexer.run()
    assert report.removed == 1
    assert "pricing/price-list.md" not in chunks_by_source(indexer.store)


def test_rebuild_embeds_everything_again(small_kb, make_indexer):
    indexer, embedder = make_indexer(small_kb)
    first = indexer.run()
    report = indexer.run(rebuild=True)
    assert report.added == 6 and embedder.embedded == 2 * first.chunks


BAD_FILES = {
    "corrupt.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF-broken",
    "empty.md": b"",
    "picture.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(200),
    "latin1.md": "---\ntitle: Caf\xe9\n---\n\n# Caf\xe9 hours\n".encode("latin-1"),
    "broken-front-matter.md": b"---\ntitle: [unclosed\nowner: x\n---\n\n# Body\n\nText.\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_reported_and_the_rest_indexed(small_kb, make_indexer, name):
    indexer, _ = make_indexer(small_kb)
    indexer.run()
    (small_kb / name).write_bytes(BAD_FILES[name])
    report = indexer.run()
    assert [f.path for f in report.failed] == [name]
    assert report.failed[0].error and "\n" not in report.failed[0].error
    assert set(chunks_by_source(indexer.store)) == set(
        p.relative_to(small_kb).as_posix() for p in small_kb.rglob("*") if p.name != name
    ) - {p.relative_to(small_kb).as_posix() for p in small_kb.rglob("*") if p.is_dir()}


def test_encrypted_and_oversized_files_are_reported(small_kb, make_indexer):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(small_kb / "schedules/doctor-schedule-2025-09.pdf").pages:
        writer.add_page(page)
    writer.encrypt("secret-password")
    with open(small_kb / "locked.pdf", "wb") as handle:
        writer.write(handle)
    (small_kb / "huge.md").write_text("# Big\n\n" + "word " * 300_000)
    indexer, _ = make_indexer(small_kb, max_file_mb=1.0)
    report = indexer.run()
    failed = {f.path: f.error for f in report.failed}
    assert set(failed) == {"locked.pdf", "huge.md"}
    assert "encrypt" in failed["locked.pdf"].lower()
    assert "MB" in failed["huge.md"] or "bytes" in failed["huge.md"]
    assert report.added == 6


def test_unknown_file_types_are_skipped_with_a_reason(small_kb, make_indexer):
    (small_kb / "notes.xlsx").write_bytes(b"PK\x03\x04not really a spreadsheet")
    indexer, _ = make_indexer(small_kb)
    report = indexer.run()
    assert [s.path for s in report.skipped] == ["notes.xlsx"]
    assert report.skipped[0].reason
    assert report.failed == []


def test_a_previously_indexed_file_that_breaks_keeps_its_chunks(small_kb, make_indexer):
    indexer, _ = make_indexer(small_kb)
    indexer.run()
    before = chunks_by_source(indexer.store)["pricing/price-list.md"]
    (small_kb / "pricing/price-list.md").write_bytes(b"")
    report = indexer.run()
    assert [f.path for f in report.failed] == ["pricing/price-list.md"]
    assert chunks_by_source(indexer.store)["pricing/price-list.md"] == before


def test_a_run_that_fails_half_way_leaves_the_previous_index(small_kb, make_indexer):
    indexer, embedder = make_indexer(small_kb)
    indexer.run()
    before = chunks_by_source(indexer.store)

    def explode(texts, progress=None):
        raise RuntimeError("embedding backend crashed")

    embedder.embed_documents = explode
    (small_kb / "pricing/new.md").write_text("# New page\n\nSomething new.\n")
    with pytest.raises(RuntimeError):
        indexer.run()
    assert chunks_by_source(indexer.store) == before
    assert indexer.store.ready()


def test_a_second_concurrent_run_is_refused(small_kb, make_indexer):
    indexer, _ = make_indexer(small_kb)
    with index_lock(indexer.settings.data_dir), pytest.raises(IndexLocked, match="in progress"):
        indexer.run()


KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    import copilot
    from pathlib import Path
    from copilot.runtime import Runtime
    from tests.support import make_settings
    settings = make_settings(Path(sys.argv[1]), knowledge_dir=Path(sys.argv[2]),
                             embedding_batch_size=4)
    def die(done, total):
        os.kill(os.getpid(), signal.SIGKILL)   # killed after the first batch is embedded
    Runtime.from_settings(settings).indexer.run(progress=die)
    """
)


def test_a_run_killed_mid_way_leaves_a_usable_index(small_kb, make_indexer):
    indexer, _ = make_indexer(small_kb)
    indexer.run()
    before = chunks_by_source(indexer.store)
    (small_kb / "pricing/extra.md").write_text("# Extra\n\n" + "More text here. " * 400)
    killed = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(indexer.settings.data_dir), str(small_kb)],
        cwd=REPO,
        capture_output=True,
    )
    assert killed.returncode == -9, killed.stderr.decode()[-2000:]
    fresh = ChunkStore.from_settings(indexer.settings)
    assert chunks_by_source(fresh) == before and fresh.ready()
    assert len(fresh.generations()) == 2  # the serving one and the half-written orphan
    report = indexer.run()  # the next run repairs: adds the new file, drops the orphan
    assert report.added == 1
    assert "pricing/extra.md" in chunks_by_source(indexer.store)
    kept = fresh.generations()
    assert len(kept) == 2 and indexer.store.active_name() in kept  # serving + previous


def test_batches_respect_both_the_item_and_the_text_budget():
    from copilot.knowledge.indexer import batches
    from copilot.knowledge.model import Chunk

    def chunk(n: int, length: int) -> Chunk:
        return Chunk(id=f"d#{n}", text="x" * length, source="d", title="", category="",
                     owner="", last_updated="", section="", page=None, content_hash="")

    chunks = [chunk(i, 100) for i in range(5)] + [chunk(5 + i, 900) for i in range(3)]
    sizes = [[len(c.text) for c in b] for b in batches(chunks, max_items=3, max_chars=1000)]
    assert sizes == [[100, 100, 100], [100, 100], [900], [900], [900]]
    assert [c.id for b in batches(chunks, 3, 1000) for c in b] == [c.id for c in chunks]
    assert list(batches([], 3, 1000)) == []
