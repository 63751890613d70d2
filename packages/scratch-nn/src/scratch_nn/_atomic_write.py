"""Atomic file writes: a reader sees the old file or the new one, never a torn mix.

    atomic_write_bytes("model.safetensors", payload)

How: write everything to a fresh temporary file in the SAME directory (a rename is only atomic
within one filesystem), flush it to disk (fsync), then os.replace it over the target in one step.
If anything fails before the rename (disk full, an exception midway, a crash), the target still
holds its previous content and the temporary file is removed (after a crash a hidden
`.name.<random>.tmp` may remain; the target is intact either way).
"""

import os
import secrets


def _fsync_directory(directory):
    """Make the rename itself durable (POSIX); some filesystems refuse, which is harmless here."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    try:
        descriptor = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def atomic_write_bytes(path, payload):
    """Replace the file at `path` with `payload` (bytes), atomically (see the module docstring)."""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise FileNotFoundError(f"cannot write {path}: directory {directory} does not exist")
    if os.path.isdir(path):
        raise IsADirectoryError(f"cannot write {path}: it is a directory")
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{secrets.token_hex(8)}.tmp")
    # subtle: mode 0o666 filtered by the umask, so the new file gets the usual permissions
    # (tempfile.mkstemp would leave it readable by its owner only).
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(payload)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise
    _fsync_directory(directory)
