"""Where datasets live, and fetching them once on an online machine.

    data_dir()                              # $SCRATCH_DATA_DIR, else ~/.cache/scratch/data
    dataset_file("tinyshakespeare", "input.txt", download=fetch, sha256="86c4...")

A reader asks for a file of a dataset folder; when it is missing and `download` is off the
error says where we looked and how to get the file (set SCRATCH_DATA_DIR, or pass
download=True on a machine that is online). A download goes to a temporary file in the
destination folder, is checked against its published SHA-256, and only then renamed into place,
so an interrupted or corrupt transfer never leaves a file that looks complete.
"""

import hashlib
import os
import secrets
import urllib.error
import urllib.request
from pathlib import Path

DATA_DIR_VARIABLE = "SCRATCH_DATA_DIR"


class DatasetNotFoundError(FileNotFoundError):
    """A dataset file is not on disk (and was not downloaded)."""


class ChecksumError(ValueError):
    """A file's SHA-256 is not the published one (a corrupt or truncated download)."""


def data_dir():
    """The root of all datasets: $SCRATCH_DATA_DIR if set, else ~/.cache/scratch/data."""
    configured = os.environ.get(DATA_DIR_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "scratch" / "data"


def sha256_of(path):
    """Hex SHA-256 of a file's bytes, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(url, destination, sha256=None, timeout=60):
    """Fetch `url` to `destination` atomically; if `sha256` is given the bytes must match it."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    temporary = destination.with_name(f".{destination.name}.{secrets.token_hex(8)}.part")
    try:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response, open(temporary, "wb") as file:
                for block in iter(lambda: response.read(1 << 20), b""):
                    file.write(block)
        except (urllib.error.URLError, OSError) as error:
            raise DatasetNotFoundError(
                f"could not download {url} ({error}); this machine looks offline. Download it on a machine "
                f"that is online and copy it to {destination}, or point {DATA_DIR_VARIABLE} at a folder "
                f"that already holds the data") from error
        if sha256 is not None:
            found = sha256_of(temporary)
            if found != sha256:
                raise ChecksumError(f"{url}: SHA-256 {found} does not match the published {sha256}; "
                                    f"the download is corrupt or the file changed upstream")
        os.replace(temporary, destination)
    finally:
        temporary.unlink(missing_ok=True)
    return destination


def dataset_file(folder, name, root=None, fetch=None, download_requested=False):
    """Path of `root/folder/name` (root defaults to data_dir()).

    When the file is missing: with download_requested, `fetch(path)` is called to create it;
    otherwise DatasetNotFoundError says where we looked and what to do.
    """
    root = data_dir() if root is None else Path(root)
    path = root / folder / name
    if path.is_file():
        return path
    if download_requested and fetch is not None:
        fetch(path)
        return path
    raise DatasetNotFoundError(
        f"{path} not found. Set {DATA_DIR_VARIABLE} to a folder that holds {folder}/{name}, or call the "
        f"loader with download=True on a machine that is online")
