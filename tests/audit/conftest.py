"""Audit stores on both supported backends: a SQLite file and a throwaway PostgreSQL server.

The PostgreSQL server is started from the Debian binaries when they are installed (as the
``postgres`` user when running as root); without them the PostgreSQL cases are skipped.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

from copilot.audit import AuditStore


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


@pytest.fixture(scope="session")
def postgres_url():
    """A SQLAlchemy URL of a private PostgreSQL server for this test session."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    pytest.importorskip("psycopg")
    root = tempfile.mkdtemp(prefix="copilot-pg-")
    run_as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if run_as:
        shutil.chown(root, "postgres")
    data, port = os.path.join(root, "data"), _free_port()
    subprocess.run(
        [*run_as, f"{bindir}/initdb", "-D", data, "--auth=trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        [*run_as, f"{bindir}/postgres", "-D", data, "-p", str(port), "-k", root, "-h", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail("PostgreSQL did not start within 30 s")
    time.sleep(0.5)
    yield url
    server.terminate()
    server.wait(timeout=30)
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A fresh, empty AuditStore on each backend."""
    if request.param == "sqlite":
        audit = AuditStore.from_url(f"sqlite:///{tmp_path / 'audit.db'}")
    else:
        url = request.getfixturevalue("postgres_url")
        audit = AuditStore.from_url(url)
        from copilot.audit.models import Base

        Base.metadata.drop_all(audit.engine)
        Base.metadata.create_all(audit.engine)
    yield audit
    audit.close()
