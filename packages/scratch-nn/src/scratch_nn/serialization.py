"""save / load a state_dict as a safetensors file: scratch_nn's torch.save / torch.load for weights.

    scratch_nn.save(model.state_dict(), "model.safetensors", metadata={"epochs": "3"})
    model.load_state_dict(scratch_nn.load("model.safetensors"))
    scratch_nn.serialization.load_metadata("model.safetensors")   # {"epochs": "3"}

The format (https://github.com/huggingface/safetensors), with no pickle, so loading runs no code:

    8 bytes      N, the header length (unsigned little-endian)
    N bytes      JSON: {name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...,
                        "__metadata__": {str: str}}
    the rest     every tensor's raw little-endian bytes, at its offsets

torch reads our files with safetensors.torch.load_file and we read its save_file output, so
weights move between the two libraries. Encoding and decoding go through safetensors' NumPy API.

Integrity: safetensors has no checksum, so save adds one to the metadata, "scratch_nn.sha256" =
SHA-256 over (name, dtype, shape, bytes) of every tensor in name order; load verifies it when
present (files written by other tools have none) and load_metadata leaves it out. The header
itself is checked first (length, JSON, offsets against the file size) so that a truncated or
corrupt file fails with a message that names the path and what is wrong.

Writes are atomic (see _atomic_write.py): a failed save leaves the previous file intact.
`atomic_write_bytes(path, payload)` is public here for the other packages and apps that write
files (tokenizers, checkpoints' JSON, plots), so every write in the project goes one way.
"""

import collections.abc
import hashlib
import json
import os

import numpy as np
import safetensors
import safetensors.numpy

from ._atomic_write import atomic_write_bytes
from .tensor import Tensor

CHECKSUM_KEY = "scratch_nn.sha256"
_HEADER_LENGTH_BYTES = 8


class CorruptFileError(ValueError):
    """The file is not a valid safetensors file (truncated, corrupt header, checksum mismatch)."""


def _digest(arrays):
    """SHA-256 over every tensor's name, dtype, shape and little-endian bytes, in name order."""
    hasher = hashlib.sha256()
    for name in sorted(arrays):
        array = arrays[name]
        little_endian = np.require(array, dtype=array.dtype.newbyteorder("<"), requirements="C")
        hasher.update(json.dumps([name, little_endian.dtype.str, list(array.shape)]).encode())
        hasher.update(little_endian.data)
    return hasher.hexdigest()


def _arrays_to_save(state_dict):
    """{name: C-contiguous numpy array}, after checking the names and that every value is a Tensor."""
    if not isinstance(state_dict, collections.abc.Mapping):
        hint = " (pass model.state_dict())" if hasattr(state_dict, "state_dict") else ""
        raise TypeError(f"save expects a state_dict (a mapping of names to Tensors), got "
                        f"{type(state_dict).__name__}{hint}")
    arrays = {}
    for name, value in state_dict.items():
        if not isinstance(name, str):
            raise TypeError(f"save: state_dict keys must be strings, got {name!r}")
        if name == "__metadata__":
            raise ValueError("save: '__metadata__' is reserved by the safetensors format; rename that entry")
        if not isinstance(value, Tensor):
            raise TypeError(f"save: state_dict[{name!r}] is a {type(value).__name__}, not a Tensor; "
                            f"only tensors can be saved (wrap arrays with scratch_nn.from_numpy)")
        # subtle: safetensors copies raw memory from the data pointer, so a transposed or sliced
        # view must be made contiguous first or its bytes would be saved in the wrong order
        # (np.require, not np.ascontiguousarray, which turns a 0-d array into shape (1,)).
        arrays[name] = np.require(value.data, requirements="C")
    return arrays


def _metadata_to_save(metadata):
    if metadata is None:
        return {}
    if not isinstance(metadata, collections.abc.Mapping):
        raise TypeError(f"save: metadata must be a dict of strings, got {type(metadata).__name__}")
    for key, value in metadata.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError(f"save: metadata must map strings to strings, got {key!r}: {value!r}")
    if CHECKSUM_KEY in metadata:
        raise ValueError(f"save: the metadata key {CHECKSUM_KEY!r} is reserved for the checksum")
    return dict(metadata)


def save(state_dict, path, metadata=None):
    """Write `state_dict` ({name: Tensor}) to `path` as safetensors, atomically.

    metadata: optional {str: str} stored in the header (read back with load_metadata).
    Tensors that share memory are each written in full (torch's save_file refuses them instead).
    """
    arrays = _arrays_to_save(state_dict)
    header_metadata = _metadata_to_save(metadata)
    header_metadata[CHECKSUM_KEY] = _digest(arrays)
    atomic_write_bytes(path, safetensors.numpy.save(arrays, metadata=header_metadata))


def _read(path):
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file")
    if os.path.isdir(path):
        raise IsADirectoryError(f"{path}: is a directory, not a safetensors file")
    with open(path, "rb") as file:
        return path, file.read()


def _parse_header(path, payload):
    """The JSON header, after checking that the file holds all the bytes it announces."""
    if len(payload) < _HEADER_LENGTH_BYTES:
        raise CorruptFileError(f"{path}: truncated or not a safetensors file: {len(payload)} bytes, "
                               f"fewer than the 8-byte header length")
    header_length = int.from_bytes(payload[:_HEADER_LENGTH_BYTES], "little")
    available = len(payload) - _HEADER_LENGTH_BYTES
    if header_length > available:
        raise CorruptFileError(f"{path}: truncated or not a safetensors file: the header length says "
                               f"{header_length} bytes but only {available} follow")
    try:
        header = json.loads(payload[_HEADER_LENGTH_BYTES:_HEADER_LENGTH_BYTES + header_length])
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorruptFileError(f"{path}: corrupt safetensors header (not JSON): {error}") from None
    if not isinstance(header, dict):
        raise CorruptFileError(f"{path}: corrupt safetensors header: expected a JSON object")
    data_bytes = available - header_length
    try:
        data_end = max((entry["data_offsets"][1] for name, entry in header.items() if name != "__metadata__"),
                       default=0)
    except (TypeError, KeyError, IndexError):
        raise CorruptFileError(f"{path}: corrupt safetensors header: a tensor entry lacks data_offsets") from None
    if not isinstance(data_end, int) or data_end > data_bytes:
        raise CorruptFileError(f"{path}: truncated: the tensors need {data_end} bytes of data but the "
                               f"file holds {data_bytes}")
    return header


def _metadata_of(path, header):
    metadata = header.get("__metadata__") or {}
    if not isinstance(metadata, dict):
        raise CorruptFileError(f"{path}: corrupt safetensors header: __metadata__ is not a JSON object")
    return metadata


def load(path):
    """{name: Tensor} from the safetensors file at `path` (written by us or by torch).

    Raises FileNotFoundError for a missing file and CorruptFileError (a ValueError) naming the
    path and the problem for a truncated or corrupt one, or one whose checksum does not match.
    """
    path, payload = _read(path)
    header = _parse_header(path, payload)
    try:
        arrays = safetensors.numpy.load(payload)
    except (safetensors.SafetensorError, ValueError, TypeError) as error:
        raise CorruptFileError(f"{path}: corrupt safetensors file: {error}") from None
    expected = _metadata_of(path, header).get(CHECKSUM_KEY)
    if expected is not None and _digest(arrays) != expected:
        raise CorruptFileError(f"{path}: corrupt: the tensor data does not match the checksum saved with it")
    # subtle: arrays decoded from bytes are read-only; copy those so optimizers can update in place
    return {name: Tensor(array if array.flags.writeable else array.copy()) for name, array in arrays.items()}


def load_metadata(path):
    """The {str: str} metadata saved with the file (without scratch_nn's checksum entry)."""
    path, payload = _read(path)
    metadata = _metadata_of(path, _parse_header(path, payload))
    return {key: value for key, value in metadata.items() if key != CHECKSUM_KEY}
