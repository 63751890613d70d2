"""scratch_nn.save / load: safetensors files that torch reads and writes, atomic, with clear errors.

Tensors must come back EXACTLY (tolerance 0: bytes are copied, dtype and shape kept), in both
directions between scratch_nn and torch (safetensors.torch.save_file / load_file). Models: a
small CNN (Conv2d, BatchNorm2d with its int64 counter, Linear) saved by one library loads into
the other's identical architecture with strict=True and gives the same outputs (float64: 1e-10,
float32: 1e-5, rtol and atol; the layers differ only in summation order).
"""

import os

import numpy as np
import pytest
import safetensors.torch
import scratch_nn as snn
import torch
from parity import numpy_dtype
from scratch_nn.serialization import CorruptFileError, load_metadata

DTYPES = ["float32", "float64", "float16", "int64", "int32", "int16", "int8", "uint8", "bool"]


def sample_state(rng):
    state = {f"{name}.weight": snn.tensor((rng.standard_normal((3, 4)) * 50).astype(name)) for name in DTYPES}
    state["scalar"] = snn.tensor(np.float64(2.5))
    state["empty"] = snn.zeros(0, 3)
    state["transposed_view"] = snn.from_numpy(np.arange(12.0).reshape(3, 4).T)  # not C-contiguous
    state["parameter"] = snn.nn.Parameter(snn.randn(2, 2))
    return state


def assert_same_arrays(ours, expected):
    assert ours.dtype == expected.dtype and ours.shape == expected.shape
    np.testing.assert_array_equal(ours, expected)


def test_round_trip_keeps_every_dtype_shape_and_value(rng, tmp_path):
    state = sample_state(rng)
    path = tmp_path / "state.safetensors"
    snn.save(state, path, metadata={"epoch": "3", "note": "héllo"})
    loaded = snn.load(path)
    assert sorted(loaded) == sorted(state)
    for name, tensor in state.items():
        assert isinstance(loaded[name], snn.Tensor) and not loaded[name].requires_grad
        assert_same_arrays(loaded[name].data, tensor.data)
        assert loaded[name].data.flags.writeable and not np.shares_memory(loaded[name].data, tensor.data)
    assert load_metadata(path) == {"epoch": "3", "note": "héllo"}
    snn.save({"w": snn.ones(2)}, str(path))  # str paths too; no metadata given
    assert load_metadata(path) == {}


def test_torch_reads_our_files_exactly(rng, tmp_path):
    state = sample_state(rng)
    snn.save(state, tmp_path / "ours.safetensors")
    theirs = safetensors.torch.load_file(tmp_path / "ours.safetensors")
    assert sorted(theirs) == sorted(state)
    for name, tensor in state.items():
        assert numpy_dtype(theirs[name].dtype) == tensor.dtype
        assert_same_arrays(theirs[name].numpy(), tensor.data)


def test_we_read_torchs_files_exactly(tmp_path):
    torch.manual_seed(0)
    state = {"f32": torch.randn(3, 5), "f64": torch.randn(2, dtype=torch.float64), "i64": torch.arange(7),
             "u8": torch.randint(0, 255, (4,), dtype=torch.uint8), "b": torch.rand(3) > 0.5,
             "f16": torch.randn(2, 2).half(), "scalar": torch.tensor(1.5)}
    safetensors.torch.save_file(state, tmp_path / "theirs.safetensors", metadata={"format": "pt"})
    ours = snn.load(tmp_path / "theirs.safetensors")
    assert sorted(ours) == sorted(state)
    for name, tensor in state.items():
        assert_same_arrays(ours[name].data, tensor.numpy())
    assert load_metadata(tmp_path / "theirs.safetensors") == {"format": "pt"}


def our_cnn():
    nn = snn.nn
    return nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(),
                         nn.Linear(4 * 5 * 5, 3))


def torch_cnn():
    nn = torch.nn
    return nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(),
                         nn.Linear(4 * 5 * 5, 3))


def train_batchnorm_statistics(model, images):
    model.train()
    model(images)  # updates running_mean, running_var and num_batches_tracked
    model.eval()


@pytest.mark.parametrize("dtype, tolerance", [("float64", 1e-10), ("float32", 1e-5)])
def test_our_model_file_loads_into_torch_and_predicts_the_same(rng, tmp_path, dtype, tolerance):
    images = rng.standard_normal((6, 2, 5, 5)).astype(dtype)
    snn.manual_seed(1)
    ours = our_cnn().to(dtype)
    train_batchnorm_statistics(ours, snn.tensor(images))
    snn.save(ours.state_dict(), tmp_path / "ours.safetensors")
    theirs = torch_cnn().to(getattr(torch, dtype))
    theirs.load_state_dict(safetensors.torch.load_file(tmp_path / "ours.safetensors"), strict=True)
    theirs.eval()
    assert int(theirs[1].num_batches_tracked) == 1
    with snn.no_grad(), torch.no_grad():
        np.testing.assert_allclose(ours(snn.tensor(images)).data, theirs(torch.tensor(images)).numpy(),
                                   rtol=tolerance, atol=tolerance)


@pytest.mark.parametrize("dtype, tolerance", [("float64", 1e-10), ("float32", 1e-5)])
def test_torch_model_file_loads_into_ours_and_predicts_the_same(rng, tmp_path, dtype, tolerance):
    images = rng.standard_normal((6, 2, 5, 5)).astype(dtype)
    torch.manual_seed(2)
    theirs = torch_cnn().to(getattr(torch, dtype))
    with torch.no_grad():
        train_batchnorm_statistics(theirs, torch.tensor(images))
    safetensors.torch.save_file(theirs.state_dict(), tmp_path / "theirs.safetensors")
    ours = our_cnn().to(dtype)
    ours.load_state_dict(snn.load(tmp_path / "theirs.safetensors"), strict=True)
    ours.eval()
    with snn.no_grad(), torch.no_grad():
        np.testing.assert_allclose(ours(snn.tensor(images)).data, theirs(torch.tensor(images)).numpy(),
                                   rtol=tolerance, atol=tolerance)


@pytest.fixture
def saved_file(tmp_path, rng):
    path = tmp_path / "model.safetensors"
    snn.save({"a": snn.tensor(rng.standard_normal((4, 4))), "b": snn.arange(10)}, path)
    return path


def test_truncated_files_name_the_path_and_the_problem(saved_file):
    payload = saved_file.read_bytes()
    for cut, problem in [(len(payload) - 5, "truncated: the tensors need"), (40, "header length says"),
                         (5, "fewer than the 8-byte header"), (0, "fewer than the 8-byte header")]:
        saved_file.write_bytes(payload[:cut])
        with pytest.raises(CorruptFileError, match=problem) as caught:
            snn.load(saved_file)
        assert str(saved_file) in str(caught.value) and isinstance(caught.value, ValueError)


def test_corrupt_files_raise(saved_file):
    payload = saved_file.read_bytes()
    header_length = int.from_bytes(payload[:8], "little")
    no_offsets = b'{"a": {"dtype": "F64", "shape": [1]}}'
    corruptions = {
        "not JSON": payload[:8] + b"#" + payload[9:],
        "corrupt safetensors file": payload.replace(b'"F64"', b'"Q64"', 1),  # an unknown dtype
        "does not match the checksum": payload[:-3] + bytes([payload[-3] ^ 0x01]) + payload[-2:],
        "lacks data_offsets": len(no_offsets).to_bytes(8, "little") + no_offsets + payload[8 + header_length:],
    }
    for problem, corrupted in corruptions.items():
        saved_file.write_bytes(corrupted)
        with pytest.raises(CorruptFileError, match=problem):
            snn.load(saved_file)
    saved_file.write_bytes(os.urandom(200))
    with pytest.raises(CorruptFileError, match=str(saved_file.name)):
        snn.load(saved_file)


def test_missing_paths_raise(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.safetensors: no such file"):
        snn.load(tmp_path / "nope.safetensors")
    with pytest.raises(IsADirectoryError, match="is a directory"):
        snn.load(tmp_path)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        snn.save({"a": snn.ones(1)}, tmp_path / "missing_dir" / "a.safetensors")
    with pytest.raises(IsADirectoryError, match="it is a directory"):
        snn.save({"a": snn.ones(1)}, tmp_path)


@pytest.mark.parametrize("state, metadata, error, match", [
    ({"w": np.ones(2)}, None, TypeError, r"state_dict\['w'\] is a ndarray, not a Tensor"),
    ({"w": [1.0, 2.0]}, None, TypeError, r"state_dict\['w'\] is a list"),
    ({3: snn.ones(2)}, None, TypeError, "keys must be strings"),
    ({"__metadata__": snn.ones(2)}, None, ValueError, "reserved"),
    ([("w", snn.ones(2))], None, TypeError, "expects a state_dict"),
    ({"w": snn.ones(2)}, {"epoch": 3}, TypeError, "metadata must map strings to strings"),
    ({"w": snn.ones(2)}, "meta", TypeError, "metadata must be a dict"),
    ({"w": snn.ones(2)}, {"scratch_nn.sha256": "x"}, ValueError, "reserved for the checksum"),
])
def test_bad_values_are_refused_before_writing(tmp_path, state, metadata, error, match):
    with pytest.raises(error, match=match):
        snn.save(state, tmp_path / "x.safetensors", metadata=metadata)
    assert list(tmp_path.iterdir()) == []


def test_saving_a_module_asks_for_its_state_dict(tmp_path):
    with pytest.raises(TypeError, match=r"pass model.state_dict\(\)"):
        snn.save(snn.nn.Linear(2, 2), tmp_path / "x.safetensors")


class FailingHalfway:
    """A file object that writes half of what it is given, then fails (a full disk, a crash)."""

    def __init__(self, file):
        self.file = file

    def write(self, payload):
        self.file.write(payload[:len(payload) // 2])
        self.file.flush()
        raise OSError(28, "No space left on device")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.file.close()


def test_a_write_failing_midway_leaves_the_old_file_intact(saved_file, monkeypatch):
    before = saved_file.read_bytes()
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FailingHalfway(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="No space left"):
        snn.save({"a": snn.zeros(1000, 100)}, saved_file)
    monkeypatch.undo()
    assert saved_file.read_bytes() == before
    assert list(saved_file.parent.iterdir()) == [saved_file]  # the partial temporary file is gone
    assert sorted(snn.load(saved_file)) == ["a", "b"]


def test_a_failure_just_before_the_rename_leaves_the_old_file_intact(saved_file, monkeypatch):
    before = saved_file.read_bytes()

    def interrupted(source, target):
        raise KeyboardInterrupt  # e.g. Ctrl-C between writing and renaming

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        snn.save({"c": snn.ones(3)}, saved_file)
    monkeypatch.undo()
    assert saved_file.read_bytes() == before and list(saved_file.parent.iterdir()) == [saved_file]
    snn.save({"c": snn.ones(3)}, saved_file)
    assert list(snn.load(saved_file)) == ["c"]


def test_new_files_get_the_usual_permissions(tmp_path):
    umask = os.umask(0)
    os.umask(umask)
    snn.save({"a": snn.ones(1)}, tmp_path / "a.safetensors")
    assert (tmp_path / "a.safetensors").stat().st_mode & 0o777 == 0o666 & ~umask
