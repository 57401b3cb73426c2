"""Document bombs from the adversarial pass (issue 14), each loaded in a fresh process the way an
upload is validated (loader + chunk count, default limits): outcome, seconds, and how far the
process's peak memory grew over what the imports had already taken.

Before the limits (the issue's figures): the 354-byte alias bomb took 41.5 s and 4.8 GB; a 1 MB
.docx with a 1 GB zero-filled image peaked at 1.95 GB; 335 KB with 1M paragraphs was still
loading after 10 minutes. Targets: alias bomb refused < 1 s and < 50 MB; docx bombs < 200 MB.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROBE = """
import resource, sys, time
from pathlib import Path
from copilot.knowledge.bounds import LoadError
from copilot.knowledge.indexer import document_chunks
from copilot.knowledge.loaders import load_document
from copilot.settings import Settings
settings = Settings(_env_file=None)
path = Path(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
try:
    chunks = document_chunks(load_document(path, path.parent, settings.max_file_bytes()),
                             settings)
    outcome = f"accepted, {len(chunks)} chunks"
except LoadError as error:
    outcome = "refused: " + str(error)[:90]
seconds = time.perf_counter() - started
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(f"{seconds:.3f}\\t{before / 1024:.0f}\\t{grown:.0f}\\t{outcome}")
"""


def alias_bomb(path: Path) -> Path:
    lines = ["n0: &n0 [" + ", ".join(["lol"] * 9) + "]"]
    lines += [f"n{i}: &n{i} [" + ", ".join([f"*n{i - 1}"] * 9) + "]" for i in range(1, 9)]
    path.write_text("---\n" + "\n".join(lines) + "\ntitle: *n8\n---\n# Parking\n\nLevel P2.\n")
    return path


def docx(path: Path, paragraphs: int, image_bytes: int = 0) -> Path:
    body = "<w:p><w:r><w:t>Call the desk.</w:t></w:r></w:p>" * paragraphs
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
        if image_bytes:
            with archive.open("word/media/image1.png", "w", force_zip64=True) as image:
                zeros = b"\0" * (1 << 20)
                for _ in range(image_bytes >> 20):
                    image.write(zeros)
    return path


def word_document(path: Path, paragraphs: int) -> Path:
    """A real Word document (python-docx) of short paragraphs: legitimate, only long."""
    from docx import Document

    document = Document()
    for n in range(paragraphs):
        document.add_paragraph(f"Step {n}: call the front desk and confirm the visit.")
    document.save(path)
    return path


def probe(path: Path) -> tuple[float, float, float, str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(path)], cwd=REPO, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(done.stderr[-2000:])
    seconds, imports, grown, outcome = done.stdout.strip().split("\t", 3)
    return float(seconds), float(imports), float(grown), outcome


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cases = [
            ("alias bomb (.md front matter)", alias_bomb(root / "alias.md")),
            ("1 GB zero image (.docx)", docx(root / "image.docx", 3, 1 << 30)),
            ("10k paragraphs (python-docx)", word_document(root / "ten-thousand.docx", 10_000)),
            ("1M paragraphs (.docx)", docx(root / "million.docx", 1_000_000)),
        ]
        print(f"{'case':30} {'file':>9} {'seconds':>8} {'imports MB':>10} {'peak +MB':>9}  outcome")
        for name, path in cases:
            seconds, imports, grown, outcome = probe(path)
            size = f"{path.stat().st_size / 1000:.0f} KB"
            print(f"{name:30} {size:>9} {seconds:8.3f} {imports:10.0f} {grown:9.0f}  {outcome}")


if __name__ == "__main__":
    main()
