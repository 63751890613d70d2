"""read_idx / write_idx on synthetic IDX files, and on the real MNIST files when they are present.

No library ships an IDX reader we can depend on (torchvision is not an oracle here), so the
oracles are: a from-the-spec reference parser written below with struct (independent of
idx.py), the published SHA-256 of the uncompressed MNIST training images (their IDX bytes must
come back exactly) and the published label histograms. Arrays must be equal (tolerance 0).
"""

import gzip
import hashlib
import os
import struct
from pathlib import Path

import numpy as np
import pytest
from scratch_nn.datasets import CorruptDatasetError, read_idx, write_idx
from scratch_nn.datasets.idx import idx_bytes

SHARED_MNIST = Path(os.environ.get("SCRATCH_DATA_DIR", "/nonexistent")) / "mnist"
needs_mnist = pytest.mark.skipif(not (SHARED_MNIST / "train-images-idx3-ubyte.gz").is_file(),
                                 reason=f"MNIST is not in $SCRATCH_DATA_DIR/mnist ({SHARED_MNIST})")
# Published: sha256 of the decompressed train-images-idx3-ubyte (see shared/data/mnist/SOURCE.md).
TRAIN_IMAGES_RAW_SHA256 = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"

DTYPES = ["uint8", "int8", "int16", "int32", "float32", "float64"]


def reference_parse(payload):
    """The IDX spec, read plainly with struct: magic, sizes, then big-endian elements."""
    zero, type_code, ndim = struct.unpack(">HBB", payload[:4])
    assert zero == 0
    sizes = struct.unpack(f">{ndim}I", payload[4:4 + 4 * ndim])
    fmt = {0x08: "B", 0x09: "b", 0x0B: "h", 0x0C: "i", 0x0D: "f", 0x0E: "d"}[type_code]
    count = int(np.prod(sizes))
    values = struct.unpack(f">{count}{fmt}", payload[4 + 4 * ndim:])
    return np.array(values, dtype=np.dtype(fmt)).reshape(sizes)


def sample(dtype, shape, rng):
    if dtype.startswith("float"):
        return rng.standard_normal(shape).astype(dtype)
    info = np.iinfo(dtype)
    return rng.integers(info.min, info.max, size=shape, endpoint=True).astype(dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(7,), (5, 3, 4), (2, 1, 3, 2)])
@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_write_then_read_round_trips_and_matches_the_spec(dtype, shape, suffix, rng, tmp_path):
    array = sample(dtype, shape, rng)
    path = tmp_path / f"data-idx{len(shape)}-ubyte{suffix}"
    write_idx(path, array)
    ours = read_idx(path)
    assert ours.dtype == np.dtype(dtype) and ours.shape == shape and ours.flags.writeable
    np.testing.assert_array_equal(ours, array)
    payload = path.read_bytes()
    if suffix:
        assert payload[:2] == b"\x1f\x8b"
        payload = gzip.decompress(payload)
    expected = reference_parse(payload)
    np.testing.assert_array_equal(ours, expected)


def test_the_magic_numbers_are_mnists(tmp_path):
    assert int.from_bytes(idx_bytes(np.zeros((2, 28, 28), np.uint8))[:4], "big") == 2051
    assert int.from_bytes(idx_bytes(np.zeros(2, np.uint8))[:4], "big") == 2049


# -- corrupt and truncated files ----------------------------------------------------------------

def good_payload():
    return idx_bytes(np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4))


@pytest.mark.parametrize("payload, message", [
    (b"", "too short for an IDX header"),
    (b"\x00\x00", "too short for an IDX header"),
    (b"\x01\x00\x08\x03" + good_payload()[4:], "not an IDX file: magic number"),
    (b"\x00\x00\x07\x03" + good_payload()[4:], "not an IDX file"),      # unknown type code
    (b"\x00\x00\x08\x00", "not an IDX file"),                           # zero dimensions
    (good_payload()[:9], "header announces 3 dimensions"),
    (good_payload()[:-1], r"truncated: the header announces shape \(2, 3, 4\).*only 23 bytes"),
    (good_payload() + b"\x00", "1 unexpected bytes after"),
    (b"PK\x03\x04 a zip file, not IDX", "not an IDX file"),
])
@pytest.mark.parametrize("compress", [False, True])
def test_corrupt_headers_and_truncated_payloads_are_named(payload, message, compress, tmp_path):
    path = tmp_path / "bad-idx3-ubyte"
    path.write_bytes(gzip.compress(payload) if compress else payload)
    with pytest.raises(CorruptDatasetError, match=message) as raised:
        read_idx(path)
    assert str(path) in str(raised.value)


def test_a_truncated_gzip_stream_is_named(tmp_path):
    compressed = gzip.compress(good_payload() * 1)
    path = tmp_path / "cut.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    with pytest.raises(CorruptDatasetError, match="damaged or truncated gzip"):
        read_idx(path)


def test_a_flipped_byte_in_a_gzip_stream_fails_its_crc(tmp_path):
    compressed = bytearray(gzip.compress(good_payload()))
    compressed[-6] ^= 0xFF                       # inside the CRC32 trailer
    path = tmp_path / "flipped.gz"
    path.write_bytes(bytes(compressed))
    with pytest.raises(CorruptDatasetError, match="damaged or truncated gzip"):
        read_idx(path)


def test_missing_file_and_unstorable_arrays(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_idx(tmp_path / "absent.gz")
    with pytest.raises(TypeError, match="IDX stores uint8"):
        write_idx(tmp_path / "x", np.zeros(3, np.int64))
    with pytest.raises(ValueError, match="1 to 255 dimensions"):
        write_idx(tmp_path / "x", np.uint8(3))


def test_write_is_atomic_a_failure_keeps_the_old_file(tmp_path):
    path = tmp_path / "keep-idx1-ubyte"
    write_idx(path, np.arange(3, dtype=np.uint8))
    with pytest.raises(TypeError):
        write_idx(path, np.zeros(3, np.complex64))
    np.testing.assert_array_equal(read_idx(path), [0, 1, 2])


# -- the real files -----------------------------------------------------------------------------

@needs_mnist
def test_real_train_images_decode_to_the_published_bytes():
    images = read_idx(SHARED_MNIST / "train-images-idx3-ubyte.gz")
    assert images.shape == (60000, 28, 28) and images.dtype == np.uint8
    assert hashlib.sha256(idx_bytes(images)).hexdigest() == TRAIN_IMAGES_RAW_SHA256


@needs_mnist
def test_real_test_images_match_the_reference_parser():
    payload = gzip.decompress((SHARED_MNIST / "t10k-images-idx3-ubyte.gz").read_bytes())
    header = struct.unpack(">IIII", payload[:16])
    assert header == (2051, 10000, 28, 28)
    expected = np.frombuffer(payload, dtype=np.uint8, offset=16).reshape(10000, 28, 28)
    np.testing.assert_array_equal(read_idx(SHARED_MNIST / "t10k-images-idx3-ubyte.gz"), expected)
