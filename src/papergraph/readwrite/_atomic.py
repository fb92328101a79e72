"""Write a file so that a crash or Ctrl-C never leaves it half-written."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; builds into one folder are then not kept apart
    fcntl = None  # type: ignore[assignment]
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["atomic_open", "writing_into", "FolderBusyError", "LOCK_NAME"]

#: The lock file a build holds in its output folder while it writes there.
LOCK_NAME = ".papergraph.lock"


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", *, encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_open(target) as f:
    ...     _ = f.write("hello")
    >>> target.read_text()
    'hello'
    """
    path = Path(path)
    if "b" in mode:
        encoding = None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # newline="" keeps output byte-identical across platforms.
        kwargs: dict[str, Any] = {} if encoding is None else {"encoding": encoding, "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


class FolderBusyError(OSError):
    """Another process holds the lock of the output folder."""


@contextlib.contextmanager
def writing_into(folder: str | os.PathLike, filenames: Iterator[str] | list[str]) -> Iterator[Path]:
    """Hold the lock of ``folder`` while writing into it, and remove stale temporary files first.

    Two builds into one folder would otherwise interleave their files; the second one fails
    with :class:`FolderBusyError` instead. The lock is an advisory ``flock`` on
    :data:`LOCK_NAME`, released by the system however the holder ends (even by SIGKILL), so a
    killed build never leaves the folder locked; the file is removed when the build ends.
    Holding the lock, the temporary files that killed builds left behind for ``filenames``
    (``.<name>.*.tmp``) are surely stale, and go.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / ".graph.gexf.x1y2.tmp").write_text("left by a killed build")
    >>> with writing_into(folder, ["graph.gexf"]):
    ...     sorted(path.name for path in folder.iterdir())
    ['.papergraph.lock']
    >>> sorted(folder.iterdir())
    []
    """
    folder = Path(folder)
    lock_path = folder / LOCK_NAME
    with open(lock_path, "a") as lock:
        if fcntl is not None:
            try:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise FolderBusyError(f"another papergraph build is writing into {str(folder)!r}") from None
            # The holder before us removes the file as it lets go: a lock taken on that removed
            # file guards nothing.
            if not lock_path.exists() or os.stat(lock_path).st_ino != os.fstat(lock.fileno()).st_ino:
                raise FolderBusyError(f"another papergraph build was writing into {str(folder)!r}")
        try:
            for name in filenames:
                for stale in folder.glob(f".{glob.escape(name)}.*.tmp"):
                    with contextlib.suppress(FileNotFoundError):
                        stale.unlink()
            yield folder
        finally:
            with contextlib.suppress(FileNotFoundError):
                lock_path.unlink()
