"""The IDX file format (MNIST, Fashion-MNIST): read_idx and write_idx, gzip-compressed or raw.

    images = read_idx("train-images-idx3-ubyte.gz")      # (60000, 28, 28) uint8
    write_idx("tiny-labels-idx1-ubyte", np.array([3, 1, 4], dtype=np.uint8))

The layout (http://yann.lecun.com/exdb/mnist/), every integer big-endian:

    bytes 0-1   0x00 0x00
    byte  2     the element type: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64
    byte  3     the number of dimensions d (images: 3, labels: 1)
    4 * d       each dimension's size as uint32 (images: count, rows, columns)
    the rest    the elements, row-major, exactly prod(sizes) of them

So the magic number of MNIST images is 0x00000803 = 2051 and of labels 0x00000801 = 2049.
read_idx checks each part and raises CorruptDatasetError (a ValueError) naming the file and what
is wrong: a bad magic, a header or payload shorter than announced (a truncated download), extra
bytes after the data, or a damaged gzip stream.
"""

import gzip
import os
import zlib

import numpy as np

from .._atomic_write import atomic_write_bytes

_GZIP_MAGIC = b"\x1f\x8b"
# element type code -> big-endian numpy dtype
IDX_DTYPES = {0x08: np.dtype("u1"), 0x09: np.dtype("i1"), 0x0B: np.dtype(">i2"),
              0x0C: np.dtype(">i4"), 0x0D: np.dtype(">f4"), 0x0E: np.dtype(">f8")}


class CorruptDatasetError(ValueError):
    """A dataset file is truncated, has a wrong header or does not hold what its name promises."""


def _file_bytes(path):
    """The file's content, decompressed when it starts with the gzip magic."""
    with open(path, "rb") as file:
        payload = file.read()
    if not payload.startswith(_GZIP_MAGIC):
        return payload
    try:
        return gzip.decompress(payload)
    except (EOFError, OSError, zlib.error) as error:     # BadGzipFile is an OSError
        raise CorruptDatasetError(f"{path}: damaged or truncated gzip stream ({error})") from None


def parse_idx(payload, name="<bytes>"):
    """The array held by IDX `payload` (bytes), after checking the header against the length."""
    if len(payload) < 4:
        raise CorruptDatasetError(f"{name}: truncated: {len(payload)} bytes, too short for an IDX header")
    zero_high, zero_low, type_code, ndim = payload[:4]
    if zero_high or zero_low or type_code not in IDX_DTYPES or ndim == 0:
        magic = int.from_bytes(payload[:4], "big")
        raise CorruptDatasetError(f"{name}: not an IDX file: magic number {magic} (0x{magic:08x}); "
                                  f"expected 0x0000TTDD with a known type TT and DD >= 1 dimensions")
    header_bytes = 4 + 4 * ndim
    if len(payload) < header_bytes:
        raise CorruptDatasetError(f"{name}: truncated: the header announces {ndim} dimensions but the "
                                  f"file ends after {len(payload)} bytes")
    shape = tuple(int(size) for size in np.frombuffer(payload, dtype=">u4", count=ndim, offset=4))
    dtype = IDX_DTYPES[type_code]
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    found = len(payload) - header_bytes
    if found < expected:
        raise CorruptDatasetError(f"{name}: truncated: the header announces shape {shape} ({expected} bytes "
                                  f"of {dtype.name}) but only {found} bytes follow")
    if found > expected:
        raise CorruptDatasetError(f"{name}: corrupt: {found - expected} unexpected bytes after the "
                                  f"{shape} array the header announces")
    array = np.frombuffer(payload, dtype=dtype, offset=header_bytes).reshape(shape)
    return array.astype(dtype.newbyteorder("="))          # native byte order, writable


def read_idx(path):
    """The array stored in the IDX file at `path` (gzip or raw), in native byte order."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: no such file")
    return parse_idx(_file_bytes(path), name=path)


def idx_bytes(array):
    """The IDX encoding of `array` (a dtype listed in IDX_DTYPES, at most 255 dimensions)."""
    array = np.asarray(array)
    codes = {dtype.newbyteorder("="): code for code, dtype in IDX_DTYPES.items()}
    native = array.dtype.newbyteorder("=")
    if native not in codes:
        raise TypeError(f"IDX stores uint8, int8, int16, int32, float32 or float64, not {array.dtype}")
    if not 1 <= array.ndim <= 255:
        raise ValueError(f"IDX stores arrays of 1 to 255 dimensions, got {array.ndim}")
    header = bytes([0, 0, codes[native], array.ndim]) + np.asarray(array.shape, dtype=">u4").tobytes()
    return header + np.ascontiguousarray(array, dtype=IDX_DTYPES[codes[native]]).tobytes()


def write_idx(path, array, compress=None):
    """Write `array` to `path` in IDX format, atomically; gzip it when compress (default: path ends in .gz)."""
    path = os.fspath(path)
    payload = idx_bytes(array)
    if compress if compress is not None else path.endswith(".gz"):
        payload = gzip.compress(payload, mtime=0)
    atomic_write_bytes(path, payload)
