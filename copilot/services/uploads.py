"""Content owners' document changes: validate an upload fully, then apply it atomically.

Order matters: the name is checked, the bytes are staged outside the knowledge folder and checked
by content (magic bytes, then the real loader), and the staged file is handed to an index job
(``<data_dir>/uploads/job-<id>/new/``). The job applies the change under the index lock: a file
is moved into place with a rename, and the version it replaces (or deletes) is kept in the job's
folder until the index run succeeds, so a failed or interrupted job can be rolled back. Deleted
documents end up in ``<data_dir>/deleted/`` rather than destroyed.
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from copilot.knowledge.bounds import DocumentLimits, LimitExceeded, LoadError
from copilot.knowledge.indexer import document_chunks
from copilot.knowledge.loaders import SUPPORTED_SUFFIXES, UnsupportedFile, load_document
from copilot.settings import Settings

_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}$")
_MAX_DEPTH = 4
_BINARY_MAGIC = {
    b"%PDF-": "a PDF",
    b"PK\x03\x04": "a ZIP/Office file",
    b"\x7fELF": "a program",
    b"MZ": "a Windows program",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
}
_REQUIRED_MAGIC = {".pdf": (b"%PDF-", "a PDF"), ".docx": (b"PK\x03\x04", "a Word document")}
_COPY_CHUNK = 1 << 20
_STAGING = "uploads"
_JOB_PREFIX = "job-"
_NEW = "new"
_PREVIOUS = "previous"
_LOCK = ".lock"
_UNLOCKED_GRACE_S = 60  # a staging folder is locked a moment after it is made


class UploadRejected(Exception):
    """An upload or delete that cannot be done; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def safe_relative_path(raw: str) -> PurePosixPath:
    """A knowledge-folder path from user input, refusing traversal, absolute and hidden paths."""
    if not raw or "\x00" in raw or "\\" in raw:
        raise UploadRejected(400, "the path is empty or contains a backslash or NUL byte")
    if raw.startswith("/"):
        raise UploadRejected(400, f"the path {raw!r} must be relative to the knowledge folder")
    parts = [part for part in raw.split("/") if part not in ("", ".")]
    if any(part == ".." for part in parts):
        raise UploadRejected(400, f"the path {raw!r} leaves the knowledge folder ('..')")
    if not parts or len(parts) > _MAX_DEPTH:
        raise UploadRejected(400, f"the path {raw!r} must have 1 to {_MAX_DEPTH} parts")
    for part in parts:
        if not _SEGMENT.match(part):
            raise UploadRejected(
                400,
                f"the path part {part!r} may use only letters, digits, '.', '_', '-' and spaces, "
                "and must not start with a dot",
            )
    return PurePosixPath(*parts)


def check_suffix(relative: PurePosixPath) -> str:
    """The lower-case file suffix, if it is one the indexer reads."""
    suffix = relative.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(SUPPORTED_SUFFIXES)
        raise UploadRejected(415, f"file type {suffix or '(none)'!r} is not accepted ({allowed})")
    return suffix


def check_magic(suffix: str, head: bytes) -> None:
    """Refuse content whose first bytes contradict the file type (e.g. a program named .md)."""
    if suffix in _REQUIRED_MAGIC:
        magic, what = _REQUIRED_MAGIC[suffix]
        if not head.startswith(magic):
            raise UploadRejected(415, f"the file is named {suffix} but its content is not {what}")
        return
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise UploadRejected(415, f"the file is named {suffix} but its content is {what}")


@contextmanager
def staging_area(data_dir: Path) -> Iterator[Path]:
    """A private folder under ``<data_dir>/uploads`` for one upload, locked while in use and
    removed afterwards; a killed server's leftovers are removed by :func:`clean_staging`."""
    root = data_dir / _STAGING
    root.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="upload-", dir=root))
    try:
        with (path / _LOCK).open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def clean_staging(data_dir: Path, keep_jobs: frozenset[str] = frozenset()) -> int:
    """Remove staged uploads nobody is working on (their process died) and the folders of jobs
    other than ``keep_jobs`` (ids of jobs still pending); returns how many."""
    removed = 0
    for path in (data_dir / _STAGING).glob(f"{_JOB_PREFIX}*"):
        if path.name.removeprefix(_JOB_PREFIX) not in keep_jobs:
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    for path in (data_dir / _STAGING).glob("upload-*"):
        lock_path = path / _LOCK
        if not lock_path.exists():
            if time.time() - path.stat().st_mtime > _UNLOCKED_GRACE_S:
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
            continue
        with lock_path.open("a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # an upload in another process is using it
            shutil.rmtree(path, ignore_errors=True)
            removed += 1
    return removed


def job_folder(data_dir: Path, job_id: str) -> Path:
    """Where a job keeps its staged file and the version it replaces."""
    return data_dir / _STAGING / f"{_JOB_PREFIX}{job_id}"


def hand_over(staged: Path, job_dir: Path, relative: PurePosixPath) -> None:
    """Move a validated staged file into its job's folder (same file system: a rename)."""
    target = job_dir / _NEW / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, target)


def stage(chunks: Iterable[bytes], dest: Path, max_bytes: int) -> int:
    """Copy an upload's chunks to ``dest``, stopping with 413 once it exceeds ``max_bytes``."""
    size = 0
    with dest.open("wb") as out:
        for chunk in chunks:
            size += len(chunk)
            if size > max_bytes:
                raise UploadRejected(
                    413, f"the file is larger than the {max_bytes / 1_000_000:.1f} MB limit"
                )
            out.write(chunk)
    if size == 0:
        raise UploadRejected(400, "the file is empty")
    return size


def validate_staged(staged_root: Path, relative: PurePosixPath, settings: Settings) -> None:
    """Check a staged file by content with the indexer's own loader and chunker: 413 naming the
    limit for a document over one, 422 with the reason for a broken one."""
    path = staged_root / relative
    with path.open("rb") as handle:
        check_magic(relative.suffix.lower(), handle.read(16))
    limits = DocumentLimits.from_settings(settings)
    try:
        document = load_document(path, staged_root, settings.max_file_bytes(), limits)
        document_chunks(document, settings)
    except LimitExceeded as error:
        raise UploadRejected(413, f"{relative}: {error}") from None
    except (LoadError, UnsupportedFile) as error:
        raise UploadRejected(422, f"{relative}: {error}") from None


def check_destination(knowledge_dir: Path, relative: PurePosixPath, replace: bool) -> bool:
    """Whether an upload to ``relative`` replaces a document (409 when it may not go there).

    Names are unique regardless of case: a path whose file or folder exists under another case
    is refused, as is a path running through an existing file, a path that is a folder, and an
    existing document unless ``replace``.
    """
    current, shown = knowledge_dir, PurePosixPath()
    for depth, part in enumerate(relative.parts):
        if current.is_dir():
            names = (entry.name for entry in current.iterdir())
            spelled = next((name for name in names if name.lower() == part.lower()), "")
            if spelled and spelled != part:
                raise UploadRejected(
                    409,
                    f"{shown / spelled} already exists and names are case-insensitive; "
                    f"use that spelling",
                )
        current, shown = current / part, shown / part
        if depth < len(relative.parts) - 1 and current.exists() and not current.is_dir():
            raise UploadRejected(409, f"{shown} is a document, so nothing can go inside it")
    if current.is_dir():
        raise UploadRejected(409, f"{relative} is a folder; give the document a file name")
    if current.exists() and not replace:
        raise UploadRejected(409, f"{relative} exists; send replace=true to replace it")
    return current.exists()


def install(staged: Path, knowledge_dir: Path, relative: PurePosixPath) -> Path:
    """Move a validated file into the knowledge folder atomically (temp file, fsync, rename);
    409 when the folder changed under the upload so that the path no longer fits."""
    target = knowledge_dir / relative
    _ensure_inside(knowledge_dir, target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        message = f"part of {relative.parent} is a document, not a folder"
        raise UploadRejected(409, message) from None
    if target.is_dir():
        raise UploadRejected(409, f"{relative} is a folder; give the document a file name")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out, staged.open("rb") as src:
            shutil.copyfileobj(src, out, _COPY_CHUNK)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def check_deletable(knowledge_dir: Path, relative: PurePosixPath) -> None:
    """404 unless ``relative`` is a document in the knowledge folder."""
    target = knowledge_dir / relative
    _ensure_inside(knowledge_dir, target)
    if not target.is_file():
        raise UploadRejected(404, f"no document at {relative}")


def apply_upload(
    job_dir: Path, knowledge_dir: Path, relative: PurePosixPath, replace: bool
) -> bool:
    """Put a job's staged file in place (checking the destination again: the folder may have
    changed since the upload was accepted); the replaced version is kept for a rollback.
    Returns whether a document was replaced."""
    existed = check_destination(knowledge_dir, relative, replace)
    if existed:
        kept = job_dir / _PREVIOUS / relative
        kept.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(knowledge_dir / relative, kept)
    install(job_dir / _NEW / relative, knowledge_dir, relative)
    return existed


def apply_delete(job_dir: Path, knowledge_dir: Path, relative: PurePosixPath) -> None:
    """Move a document out of the knowledge folder into the job's folder (kept for a rollback)."""
    check_deletable(knowledge_dir, relative)
    kept = job_dir / _PREVIOUS / relative
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(knowledge_dir / relative, kept)


def keep_deleted(job_dir: Path, relative: PurePosixPath, trash_dir: Path) -> Path | None:
    """After a delete was indexed: move the removed document to ``trash_dir`` (nothing stored
    is lost); returns where it went."""
    removed = job_dir / _PREVIOUS / relative
    if not removed.is_file():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept = trash_dir / stamp / relative
    kept.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(removed, kept)
    return kept


def roll_back(job_dir: Path, knowledge_dir: Path, relative: PurePosixPath) -> bool:
    """Undo what a job did to the knowledge folder: restore the version it replaced or deleted,
    or remove the file it added. Returns whether the folder changed."""
    previous, new = job_dir / _PREVIOUS / relative, job_dir / _NEW / relative
    target = knowledge_dir / relative
    if previous.is_file():
        install(previous, knowledge_dir, relative)
        return True
    if new.is_file() and target.is_file() and _same_bytes(new, target):
        target.unlink()
        for folder in target.parents:  # folders the upload made, now empty
            if folder == knowledge_dir or not folder.is_relative_to(knowledge_dir):
                break
            try:
                folder.rmdir()
            except OSError:
                break
        return True
    return False


def _same_bytes(one: Path, other: Path) -> bool:
    if one.stat().st_size != other.stat().st_size:
        return False
    with one.open("rb") as a, other.open("rb") as b:
        while block := a.read(_COPY_CHUNK):
            if block != b.read(_COPY_CHUNK):
                return False
    return True


def _ensure_inside(root: Path, target: Path) -> None:
    root_real = root.resolve()
    if not target.resolve().is_relative_to(root_real) or target.is_symlink():
        raise UploadRejected(400, "the path leaves the knowledge folder")
