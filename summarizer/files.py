"""Files written for the user: whole or not at all, with the permissions a plain write gives.

A file is written to a temporary file in the same folder and renamed over the target, so
a reader never sees half of it. ``tempfile.mkstemp`` creates that file with mode 0600 (it
is made to be private); renamed as it is, a report the user shares or serves would be
readable by its owner alone. So the file gets the mode ``open()`` would have given it:
``0o666`` less the umask, or the mode of the file it replaces.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

_PROC_STATUS = Path("/proc/self/status")


def current_umask() -> int:
    """The process's umask, read without changing it where the system says it (Linux 4.7+).

    Elsewhere ``os.umask`` is set and restored at once: the only portable way to read it.
    """
    with contextlib.suppress(OSError, ValueError):
        for line in _PROC_STATUS.read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode ``open(path, "w")`` gives a new file: 0o666 less the umask."""
    return 0o666 & ~current_umask()


def write_atomic(path: Path, content: str | bytes, *, fsync: bool = False) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename.

    The result has the mode of the file it replaces, or a new file's mode under the
    umask. ``fsync`` makes the content durable before the rename (results files).
    Raises ``OSError``; the temporary file never stays behind.
    """
    directory = path.parent if str(path.parent) else Path(".")
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = new_file_mode()
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            if fsync:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


__all__ = ["current_umask", "new_file_mode", "write_atomic"]
