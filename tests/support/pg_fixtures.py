"""A throwaway Postgres cluster for the shared-state tests: real binaries, never a mock.

``pg_cluster`` (session) runs Debian's ``initdb`` and ``pg_ctl`` (found under
/usr/lib/postgresql/*/bin, or on PATH) in a temporary folder on a free port, as the
``postgres`` user when the tests run as root (initdb refuses root), and stops and deletes
it when the session ends; ``pg_url`` is a fresh, upgraded database per test module.

Without the binaries the tests skip and say what to install, except in CI (CI=true),
where a missing Postgres is a failure: CI installs it (.ci/run).
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import re
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.service_fixtures import free_port

INSTALL_HINT = "install Debian's postgresql package (apt-get install postgresql)"


def find_pg_bin() -> Path | None:
    """The newest /usr/lib/postgresql/N/bin with initdb, else initdb's folder on PATH."""

    def version(path: str) -> int:
        found = re.search(r"/postgresql/(\d+)/", path)
        return int(found.group(1)) if found else 0

    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True):
        if (Path(folder) / "initdb").is_file():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PgCluster:
    """initdb + pg_ctl in ``root``; ``url(db)`` connects over TCP on 127.0.0.1."""

    def __init__(self, bindir: Path, root: Path) -> None:
        self.bindir = bindir
        self.root = root
        self.data = root / "data"
        self.log = root / "postgres.log"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0  # initdb and postgres refuse to run as root
        self.running = False
        self.extra_options = ""  # more server options, e.g. for the benchmark

    def _run(self, *args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
                f"\n{self.log.read_text(errors='replace') if self.log.exists() else ''}"
            )
        return result

    def init(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
            "--locale=C", "--no-sync",
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            f"-c max_connections=200 {self.extra_options}"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "start")
        self.running = True

    def stop(self, mode: str = "fast") -> None:
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")
            self.running = False

    def restart(self) -> None:
        self.stop("fast")
        self.start()

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bindir = find_pg_bin()
    if bindir is None:
        message = f"Postgres binaries not found: {INSTALL_HINT}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must run these tests)")
        pytest.skip(message)
    cluster = PgCluster(bindir, Path(tempfile.mkdtemp(prefix="summarizer-pg-")))
    os.chmod(cluster.root, 0o755)
    atexit.register(cluster.destroy)  # even when the session dies before its teardown
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        cluster.destroy()


@pytest.fixture(scope="module")
def pg_url(pg_cluster: PgCluster, request: pytest.FixtureRequest) -> str:
    """A fresh database for this test module, upgraded to the code's schema."""
    from summarizer.service.pg_store import upgrade_database

    module = request.module.__name__.rpartition(".")[2].lower()
    url = pg_cluster.create_database(f"{module[:40]}_{secrets.token_hex(4)}")
    upgrade_database(url)
    return url
