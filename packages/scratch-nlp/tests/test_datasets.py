"""scratch_nlp.datasets: readers of the published files, splits, checksummed downloads.

Real-data tests read SCRATCH_DATA_DIR (default /work/shared/data) and skip, naming the reason,
when the files are absent; downloads are tested offline through file:// URLs.
"""

import hashlib
import os
from pathlib import Path

import pytest
from scratch_nlp.datasets import (
    ChecksumError,
    DatasetNotFoundError,
    data_dir,
    download,
    load_tiny_shakespeare,
    split_text,
)


def shared_root(*parts):
    """The data root holding `parts`, or skip with why."""
    roots = [os.environ["SCRATCH_DATA_DIR"]] if os.environ.get("SCRATCH_DATA_DIR") else ["/work/shared/data"]
    for root in roots:
        if Path(root, *parts).is_file():
            return Path(root)
    pytest.skip(f"{'/'.join(parts)} not found under {roots}; set SCRATCH_DATA_DIR to the shared data folder")


def test_data_dir_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SCRATCH_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path
    monkeypatch.delenv("SCRATCH_DATA_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert data_dir() == tmp_path / "cache" / "scratch" / "data"


def test_tiny_shakespeare_is_the_published_file():
    text = load_tiny_shakespeare(shared_root("tinyshakespeare", "input.txt"))
    assert len(text) == 1_115_394
    assert text.startswith("First Citizen:\nBefore we proceed any further, hear me speak.")
    assert len(set(text)) == 65


def test_tiny_shakespeare_missing_says_what_to_do(tmp_path):
    with pytest.raises(DatasetNotFoundError, match="SCRATCH_DATA_DIR.*download=True"):
        load_tiny_shakespeare(tmp_path)


def test_tiny_shakespeare_edited_copy_fails_its_checksum(tmp_path):
    (tmp_path / "tinyshakespeare").mkdir()
    (tmp_path / "tinyshakespeare" / "input.txt").write_text("First Citizen:\n")
    with pytest.raises(ChecksumError, match="SHA-256"):
        load_tiny_shakespeare(tmp_path)
    assert load_tiny_shakespeare(tmp_path, verify=False) == "First Citizen:\n"


def test_split_text_is_contiguous():
    assert split_text("abcdefghij", 0.9) == ("abcdefghi", "j")
    assert split_text("ab", 0.01) == ("a", "b")
    with pytest.raises(ValueError, match="train_fraction"):
        split_text("abc", 1.0)
    with pytest.raises(ValueError, match="at least 2"):
        split_text("a")


def test_download_checks_the_sha256_and_is_atomic(tmp_path):
    source = tmp_path / "source.txt"
    source.write_bytes(b"hello\n")
    good = hashlib.sha256(b"hello\n").hexdigest()
    target = tmp_path / "out" / "copy.txt"
    download(source.as_uri(), target, good)
    assert target.read_bytes() == b"hello\n"
    with pytest.raises(ChecksumError, match="does not match"):
        download(source.as_uri(), tmp_path / "bad.txt", "0" * 64)
    assert not (tmp_path / "bad.txt").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_download_offline_error_names_the_url(tmp_path):
    with pytest.raises(DatasetNotFoundError, match="offline"):
        download((tmp_path / "absent.txt").as_uri(), tmp_path / "x.txt")
