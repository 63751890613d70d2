"""download_file and data_dir, and the readers' download=True, against a local HTTP server.

The server (http.server on 127.0.0.1, in a thread) serves a temporary folder holding copies of
the real files from $SCRATCH_DATA_DIR (made in tmp_path at test time) and corrupted / truncated
copies, so the checksum and header errors are exercised exactly as a bad mirror would cause them.
"""

import functools
import gzip
import hashlib
import http.server
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from scratch_nn import datasets
from scratch_nn.datasets import DownloadError, data_dir, download_file

SHARED_MNIST = Path(os.environ.get("SCRATCH_DATA_DIR", "/nonexistent")) / "mnist"
MNIST_FILES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
               "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
needs_mnist = pytest.mark.skipif(
    not all((SHARED_MNIST / name).is_file() for name in MNIST_FILES),
    reason=f"the MNIST files are not in $SCRATCH_DATA_DIR/mnist ({SHARED_MNIST})")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (http.server's signature)
        pass


@pytest.fixture
def http_folder(tmp_path):
    """(folder, base_url): a folder served over HTTP on 127.0.0.1 for the test's duration."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield folder, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _closed_port_url():
    with socket.socket() as probe:          # bind, read the port, close: nothing listens there now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/file.gz"


# -- data_dir ---------------------------------------------------------------------------------

def test_data_dir_follows_the_environment_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("SCRATCH_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path


def test_data_dir_defaults_to_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("SCRATCH_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr("sys.platform", "linux")
    assert data_dir() == tmp_path / "scratch"


# -- download_file ----------------------------------------------------------------------------

def test_download_writes_the_file_when_the_hash_matches(http_folder, tmp_path):
    folder, url = http_folder
    payload = os.urandom(3 * (1 << 20) + 17)          # several chunks
    (folder / "blob.bin").write_bytes(payload)
    target = tmp_path / "out" / "deeper" / "blob.bin"  # parents are created
    result = download_file(url + "blob.bin", target, sha256=hashlib.sha256(payload).hexdigest())
    assert result == target
    assert target.read_bytes() == payload
    assert [p.name for p in target.parent.iterdir()] == ["blob.bin"]   # no temporary left


def test_a_hash_mismatch_leaves_nothing_and_keeps_the_old_file(http_folder, tmp_path):
    folder, url = http_folder
    (folder / "blob.bin").write_bytes(b"tampered bytes")
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "blob.bin"
    target.write_bytes(b"the previous good copy")
    with pytest.raises(DownloadError, match="SHA-256 .* expected " + "0" * 64):
        download_file(url + "blob.bin", target, sha256="0" * 64)
    assert target.read_bytes() == b"the previous good copy"
    assert [p.name for p in target.parent.iterdir()] == ["blob.bin"]


def test_http_404_names_the_url_and_the_destination(http_folder, tmp_path):
    _, url = http_folder
    target = tmp_path / "missing.gz"
    with pytest.raises(DownloadError) as raised:
        download_file(url + "missing.gz", target, sha256="a" * 64)
    assert "HTTP 404" in str(raised.value)
    assert url + "missing.gz" in str(raised.value) and str(target) in str(raised.value)
    assert not target.exists()


def test_offline_fails_fast_and_says_where_to_put_the_file(tmp_path):
    url, target = _closed_port_url(), tmp_path / "data" / "file.gz"
    start = time.perf_counter()
    with pytest.raises(DownloadError) as raised:
        download_file(url, target, sha256="a" * 64, timeout=2.0)
    assert time.perf_counter() - start < 5.0
    message = str(raised.value)
    assert url in message and str(target) in message and "offline" in message
    assert not target.exists() and list(target.parent.iterdir()) == []


@pytest.mark.parametrize("bad", ["abc", "g" * 64, 123])
def test_a_malformed_sha256_argument_is_refused(bad, tmp_path):
    with pytest.raises(ValueError, match="sha256 must be 64 hexadecimal"):
        download_file("http://127.0.0.1:9/x", tmp_path / "x", sha256=bad)


def test_download_without_a_hash_still_writes_atomically(http_folder, tmp_path):
    folder, url = http_folder
    (folder / "notes.txt").write_bytes(b"hello")
    assert download_file(url + "notes.txt", tmp_path / "notes.txt").read_bytes() == b"hello"


def test_the_hash_helper_matches_hashlib(tmp_path):
    payload = os.urandom(5000)
    (tmp_path / "f").write_bytes(payload)
    assert datasets.sha256_of_file(tmp_path / "f") == hashlib.sha256(payload).hexdigest()
