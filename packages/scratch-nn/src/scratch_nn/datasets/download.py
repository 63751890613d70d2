"""Where datasets live and how they arrive: data_dir() and download_file().

    data_dir()                         # $SCRATCH_DATA_DIR, else the user's cache dir + "/scratch"
    download_file("https://host/train.gz", data_dir() / "mnist" / "train.gz", sha256="440f...")
    ensure_file(path, urls=[mirror_1 + name, mirror_2 + name], sha256="440f...", download=True)

download_file streams the URL into a temporary file beside the destination, hashing as it goes,
and renames it over the destination only when the SHA-256 matches (os.replace: a reader never
sees a torn file, and a failed or corrupt download leaves nothing behind). When the machine is
offline it fails fast (a short connect timeout) with a DownloadError that names the URL and the
path where a copy fetched by hand should be put. Every reader in this package and other packages'
readers (e.g. scratch-nlp's corpora) fetch through it, so the rules live in one place.
"""

import hashlib
import os
import secrets
import sys
import urllib.error
import urllib.request
from pathlib import Path

DATA_DIR_VARIABLE = "SCRATCH_DATA_DIR"
CONNECT_TIMEOUT_SECONDS = 10.0
_CHUNK_BYTES = 1 << 20


class DownloadError(OSError):
    """A file could not be fetched (offline, HTTP error) or arrived with the wrong SHA-256."""


def data_dir():
    """The folder datasets are read from and downloaded to, as a Path (not created here).

    $SCRATCH_DATA_DIR when it is set, else the platform's user cache folder + "scratch":
    $XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows.
    """
    configured = os.environ.get(DATA_DIR_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    if sys.platform == "win32":
        cache = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        cache = Path.home() / "Library" / "Caches"
    else:
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "scratch"


def sha256_of_file(path):
    """Hex SHA-256 of the file's bytes, read in 1 MiB chunks."""
    hasher = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(_CHUNK_BYTES), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def _check_sha256_argument(sha256):
    if sha256 is None:
        return None
    if not isinstance(sha256, str) or len(sha256) != 64 or any(c not in "0123456789abcdefABCDEF" for c in sha256):
        raise ValueError(f"sha256 must be 64 hexadecimal characters, got {sha256!r}")
    return sha256.lower()


def _offline_message(url, destination, reason):
    return (f"could not download {url}: {reason}.\n"
            f"If this machine is offline, fetch that file on one that is online and put it at\n"
            f"    {destination}\n"
            f"(or point ${DATA_DIR_VARIABLE} at a folder that holds it).")


def download_file(url, destination, sha256=None, *, timeout=CONNECT_TIMEOUT_SECONDS):
    """Fetch `url` into `destination` (a path), atomically, checking its SHA-256; returns the Path.

    sha256: the expected hex digest (None skips the check: use only for files with no published
    hash). The parent folders are created. An existing destination is replaced only by a download
    that matched the hash. Raises DownloadError (an OSError) when the server cannot be reached,
    answers an HTTP error or the bytes do not match; the message names the URL and destination.
    """
    expected = _check_sha256_argument(sha256)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.parent / f".{destination.name}.{secrets.token_hex(8)}.part"
    hasher = hashlib.sha256()
    try:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response, open(temporary, "xb") as file:
                for chunk in iter(lambda: response.read(_CHUNK_BYTES), b""):
                    hasher.update(chunk)
                    file.write(chunk)
                file.flush()
                os.fsync(file.fileno())
        except urllib.error.HTTPError as error:
            raise DownloadError(_offline_message(url, destination, f"HTTP {error.code} {error.reason}")) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            raise DownloadError(_offline_message(url, destination, f"cannot reach the server ({reason})")) from None
        actual = hasher.hexdigest()
        if expected is not None and actual != expected:
            raise DownloadError(f"downloaded {url} but its SHA-256 is {actual}, expected {expected}: "
                                f"the file is corrupt or was changed upstream; {destination} was not written")
        os.replace(temporary, destination)
    finally:
        temporary.unlink(missing_ok=True)
    return destination


def ensure_file(path, urls, sha256=None, *, download=False, timeout=CONNECT_TIMEOUT_SECONDS):
    """`path` as a Path when the file exists; else fetch it from the first of `urls` that works.

    download=False and a missing file: FileNotFoundError saying where the file belongs, where it
    is published and that download=True fetches it. download=True: each URL (mirrors of one
    file) is tried in turn; DownloadError when none gives the file with the right SHA-256.
    An existing file is trusted (readers validate its content), so local copies need no network.
    """
    path = Path(path)
    if path.is_file():
        return path
    urls = list(urls)
    if not download:
        raise FileNotFoundError(f"{path} not found. Pass download=True to fetch it from {urls[0]}, or put "
                                f"a copy there yourself (${DATA_DIR_VARIABLE} sets the data folder).")
    failures = []
    for url in urls:
        try:
            return download_file(url, path, sha256, timeout=timeout)
        except DownloadError as error:
            failures.append(str(error).splitlines()[0])
    raise DownloadError(f"could not download {path.name} from any mirror:\n  " + "\n  ".join(failures)
                        + f"\nIf this machine is offline, fetch it elsewhere and put it at\n    {path}")
