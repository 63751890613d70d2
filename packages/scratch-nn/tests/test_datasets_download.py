"""download_file and data_dir, and the readers' download=True, against a local HTTP server.

The server (http.server on 127.0.0.1, in a thread) serves a temporary folder holding copies of
the real files from $SCRATCH_DATA_DIR (made in tmp_path at test time) and corrupted / truncated
copies, so the checksum and header errors are exercised exactly as a bad mirror would cause them.
"""

import functools
import gzip
import hashlib
import http.server
import io
import os
import shutil
import socket
import tarfile
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
    def log_message(self, format, *args):
        pass


@pytest.fixture
def http_folder(tmp_path):
    """(folder, base_url): a folder served over HTTP on 127.0.0.1 for the test's duration."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
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


# -- ensure_file and the readers' download=True -----------------------------------------------

def test_ensure_file_trusts_an_existing_copy_and_needs_no_network(tmp_path):
    path = tmp_path / "here.gz"
    path.write_bytes(b"local")
    assert datasets.ensure_file(path, [_closed_port_url()], "0" * 64, download=True) == path


def test_ensure_file_falls_back_to_the_next_mirror(http_folder, tmp_path):
    folder, url = http_folder
    (folder / "f.bin").write_bytes(b"payload")
    digest = hashlib.sha256(b"payload").hexdigest()
    path = datasets.ensure_file(tmp_path / "f.bin", [_closed_port_url(), url + "f.bin"], digest, download=True)
    assert path.read_bytes() == b"payload"


def test_ensure_file_reports_every_failed_mirror(http_folder, tmp_path):
    _, url = http_folder
    dead = _closed_port_url()
    with pytest.raises(DownloadError) as raised:
        datasets.ensure_file(tmp_path / "f.bin", [dead, url + "f.bin"], "0" * 64, download=True, timeout=2.0)
    message = str(raised.value)
    assert dead in message and "HTTP 404" in message and str(tmp_path / "f.bin") in message


@needs_mnist
def test_load_mnist_downloads_the_real_files_from_a_mirror(http_folder, tmp_path):
    folder, url = http_folder
    for name in MNIST_FILES:
        shutil.copyfile(SHARED_MNIST / name, folder / name)
    root = tmp_path / "data"
    images, labels = datasets.load_mnist("test", root=root, download=True, mirrors=[url])
    assert images.shape == (10000, 28, 28) and labels[:5].tolist() == [7, 2, 1, 0, 4]
    assert sorted(p.name for p in (root / "mnist").iterdir()) == ["t10k-images-idx3-ubyte.gz",
                                                                 "t10k-labels-idx1-ubyte.gz"]
    expected = datasets.load_mnist("test", root=SHARED_MNIST.parent)
    np.testing.assert_array_equal(images, expected[0])


@needs_mnist
@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_corrupted_mirror_copy_is_rejected_by_its_sha256(damage, http_folder, tmp_path):
    folder, url = http_folder
    payload = bytearray((SHARED_MNIST / "t10k-labels-idx1-ubyte.gz").read_bytes())
    if damage == "truncate":
        payload = payload[:-100]
    else:
        payload[len(payload) // 2] ^= 0x01
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(bytes(payload))
    shutil.copyfile(SHARED_MNIST / "t10k-images-idx3-ubyte.gz", folder / "t10k-images-idx3-ubyte.gz")
    root = tmp_path / "data"
    with pytest.raises(DownloadError, match="its SHA-256 is .* expected f7ae60f9"):
        datasets.load_mnist("test", root=root, download=True, mirrors=[url])
    assert not (root / "mnist" / "t10k-labels-idx1-ubyte.gz").exists()


@needs_mnist
def test_a_truncated_copy_fetched_without_a_hash_fails_on_its_header(http_folder, tmp_path):
    folder, url = http_folder
    raw = gzip.decompress((SHARED_MNIST / "t10k-labels-idx1-ubyte.gz").read_bytes())
    (folder / "t10k-labels-idx1-ubyte").write_bytes(raw[:5000])
    path = download_file(url + "t10k-labels-idx1-ubyte", tmp_path / "t10k-labels-idx1-ubyte")
    with pytest.raises(datasets.CorruptDatasetError, match=r"shape \(10000,\).*only 4992 bytes"):
        datasets.read_idx(path)


def test_load_fashion_mnist_downloads_synthetic_files(http_folder, tmp_path, monkeypatch):
    folder, url = http_folder
    rng = np.random.default_rng(3)
    hashes = {}
    for images_name, labels_name in datasets.mnist.SPLIT_FILES.values():
        datasets.write_idx(folder / images_name, rng.integers(0, 256, (6, 28, 28), dtype=np.uint8))
        datasets.write_idx(folder / labels_name, rng.integers(0, 10, 6, dtype=np.uint8))
        hashes[images_name] = datasets.sha256_of_file(folder / images_name)
        hashes[labels_name] = datasets.sha256_of_file(folder / labels_name)
    # the real hashes would (rightly) reject synthetic files; the published ones are checked below
    monkeypatch.setattr(datasets.mnist, "FASHION_MNIST_SHA256", hashes)
    images, labels = datasets.load_fashion_mnist("train", root=tmp_path, download=True, mirrors=[url])
    np.testing.assert_array_equal(images, datasets.read_idx(folder / "train-images-idx3-ubyte.gz"))
    np.testing.assert_array_equal(labels, datasets.read_idx(folder / "train-labels-idx1-ubyte.gz"))


def test_the_published_hashes_are_well_formed_and_distinct():
    for table in (datasets.mnist.MNIST_SHA256, datasets.mnist.FASHION_MNIST_SHA256):
        assert sorted(table) == sorted(name for pair in datasets.mnist.SPLIT_FILES.values() for name in pair)
    values = [*datasets.mnist.MNIST_SHA256.values(), *datasets.mnist.FASHION_MNIST_SHA256.values(),
              datasets.cifar10.ARCHIVE_SHA256]
    assert len(set(values)) == len(values) and all(len(v) == 64 and int(v, 16) >= 0 for v in values)


@needs_mnist
def test_the_mnist_table_matches_the_shared_copies():
    for name, digest in datasets.mnist.MNIST_SHA256.items():
        assert datasets.sha256_of_file(SHARED_MNIST / name) == digest


def test_load_cifar10_downloads_and_unpacks_the_archive(http_folder, tmp_path, monkeypatch):
    folder, url = http_folder
    rng = np.random.default_rng(4)
    with tarfile.open(folder / "cifar-10-binary.tar.gz", "w:gz") as tar:
        names = [f"data_batch_{i}.bin" for i in range(1, 6)] + ["test_batch.bin", "batches.meta.txt"]
        for name in names:
            if name.endswith(".bin"):
                labels = rng.integers(0, 10, (2, 1), dtype=np.uint8)
                payload = np.concatenate([labels, rng.integers(0, 256, (2, 3072), dtype=np.uint8)], 1).tobytes()
            else:
                payload = "\n".join(datasets.CIFAR10_CLASSES).encode()
            info = tarfile.TarInfo(f"cifar-10-batches-bin/{name}")
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    monkeypatch.setattr(datasets.cifar10, "ARCHIVE_SHA256", datasets.sha256_of_file(folder / "cifar-10-binary.tar.gz"))
    images, labels = datasets.load_cifar10("train", root=tmp_path, download=True,
                                           urls=[url + "cifar-10-binary.tar.gz"])
    assert images.shape == (10, 3, 32, 32) and labels.shape == (10,)
    assert (tmp_path / "cifar10" / "cifar-10-batches-bin" / "batches.meta.txt").is_file()
    images, labels = datasets.load_cifar10("test", root=tmp_path)           # now offline: on disk
    assert images.shape == (2, 3, 32, 32)
