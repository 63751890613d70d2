"""The shared data pipeline on every dataset, image loading for predict, the progress bar, and
the optimizer checkpoint round trip.

Fashion-MNIST has no copy in the shared data, so it runs on synthetic IDX files written with
scratch_nn.datasets.write_idx into a temporary $SCRATCH_DATA_DIR; CIFAR-10 runs on the shared
subset (2000 training / 1000 test records) when present.
"""

import io

import numpy as np
import pytest
import scratch_nn as snn
from mnist_trainer.checkpoint import _flatten_optimizer, _unflatten_optimizer
from mnist_trainer.data import Normalization, load_data, split_indices
from mnist_trainer.images import load_image
from mnist_trainer.progress import ProgressBar
from PIL import Image
from scratch_nn.datasets import FASHION_MNIST_CLASSES, write_idx
from support import needs_cifar, needs_mnist


@pytest.fixture
def fashion_data_dir(tmp_path, monkeypatch):
    rng = np.random.default_rng(0)
    folder = tmp_path / "fashion-mnist"
    folder.mkdir()
    for prefix, n in (("train", 400), ("t10k", 100)):
        labels = rng.integers(0, 10, n, dtype=np.uint8)
        # learnable: each class is a bright square at its own place, plus noise
        images = rng.integers(0, 60, (n, 28, 28), dtype=np.uint8)
        for index, label in enumerate(labels):
            row, column = divmod(int(label), 4)
            images[index, 2 + 7 * row: 7 + 7 * row, 2 + 6 * column: 7 + 6 * column] = 250
        write_idx(folder / f"{prefix}-images-idx3-ubyte.gz", images)
        write_idx(folder / f"{prefix}-labels-idx1-ubyte.gz", labels)
    monkeypatch.setenv("SCRATCH_DATA_DIR", str(tmp_path))
    return tmp_path


def test_split_is_seeded_disjoint_and_complete():
    train, val = split_indices(100, 20, seed=3)
    assert len(val) == 20 and len(train) == 80 and not set(train) & set(val)
    assert sorted([*train, *val]) == list(range(100))
    np.testing.assert_array_equal(split_indices(100, 20, seed=3)[1], val)
    assert not np.array_equal(split_indices(100, 20, seed=4)[1], val)


def test_normalization_standardizes_each_channel():
    rng = np.random.default_rng(1)
    images = rng.integers(0, 256, (50, 3, 8, 8), dtype=np.uint8)
    images[:, 1] //= 4                                     # a darker channel
    normalization = Normalization.measure(images)
    standardized = normalization.apply(images)
    assert standardized.dtype == np.float32 and standardized.shape == images.shape
    np.testing.assert_allclose(standardized.mean(axis=(0, 2, 3)), 0, atol=1e-5)
    np.testing.assert_allclose(standardized.std(axis=(0, 2, 3)), 1, atol=1e-4)


@needs_mnist
def test_mnist_pipeline_shapes_and_statistics():
    data = load_data("mnist", limit=1000, val_size=100, seed=0)
    assert data.train_x.shape == (900, 1, 28, 28) and data.val_x.shape == (100, 1, 28, 28)
    assert data.train_y.dtype == np.int64 and data.classes[3] == "3"
    assert abs(float(data.train_x.mean())) < 1e-4 and abs(float(data.train_x.std()) - 1) < 1e-3
    assert 0.12 < data.normalization.mean[0] < 0.14           # MNIST's well-known 0.1307


def test_fashion_mnist_trains_and_predicts_on_synthetic_files(fashion_data_dir, run_cli, tmp_path):
    run = tmp_path / "fashion"
    code, out, _ = run_cli("train", "--dataset", "fashion-mnist", "--epochs", "4", "--val-size", "40",
                           "--out", run)
    assert code == 0 and "fashion-mnist: 360 training, 40 validation" in out
    code, out, _ = run_cli("evaluate", "--run", run, "--no-plots")
    assert code == 0 and "Ankle boot" in out
    accuracy = float(out.split("accuracy ")[1].split("%")[0]) / 100
    assert accuracy >= 0.9                                  # the classes are squares: easy
    label = 9
    picture = np.full((28, 28), 20, np.uint8)
    row, column = divmod(label, 4)
    picture[2 + 7 * row: 7 + 7 * row, 2 + 6 * column: 7 + 6 * column] = 250
    Image.fromarray(picture).save(tmp_path / "boot.png")
    code, out, _ = run_cli("predict", "--run", run, tmp_path / "boot.png")
    assert code == 0 and out.splitlines()[0].endswith(f": {FASHION_MNIST_CLASSES[label]}")


@needs_cifar
@pytest.mark.parametrize("model", ["mlp", "cnn"])
def test_cifar10_runs_through_the_same_pipeline(model, run_cli, tmp_path):
    run = tmp_path / model
    code, out, _ = run_cli("train", "--dataset", "cifar10", "--model", model, "--limit", "200", "--epochs", "1",
                           "--out", run)
    assert code == 0 and "cifar10: 180 training, 20 validation" in out
    code, out, _ = run_cli("evaluate", "--run", run, "--limit", "100")
    assert code == 0 and "airplane" in out and "(100 images)" in out
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (50, 70, 3), dtype=np.uint8)).save(tmp_path / "x.png")
    code, out, _ = run_cli("predict", "--run", run, tmp_path / "x.png")
    assert code == 0 and len(out.splitlines()) == 11


# -- predict's image loading -------------------------------------------------------------------

def test_load_image_resizes_any_shape_and_mode(tmp_path):
    for mode, size in (("L", (28, 28)), ("RGB", (100, 40)), ("RGBA", (33, 90)), ("P", (64, 64))):
        Image.new(mode, size).save(tmp_path / f"{mode}.png")
        assert load_image(tmp_path / f"{mode}.png", (1, 28, 28)).shape == (1, 1, 28, 28)
        assert load_image(tmp_path / f"{mode}.png", (3, 32, 32)).shape == (1, 3, 32, 32)


def test_load_image_inverts_light_backgrounds_only_when_asked_or_auto(tmp_path):
    picture = np.full((28, 28), 255, np.uint8)
    picture[10:18, 12:16] = 0                                # a dark stroke on white paper
    Image.fromarray(picture).save(tmp_path / "paper.png")
    auto = load_image(tmp_path / "paper.png", (1, 28, 28))[0, 0]
    assert auto[0, 0] == 0 and auto[14, 14] == 255           # now MNIST-like: light on black
    kept = load_image(tmp_path / "paper.png", (1, 28, 28), invert="no")[0, 0]
    np.testing.assert_array_equal(kept, picture)
    dark = 255 - picture
    Image.fromarray(dark).save(tmp_path / "dark.png")
    np.testing.assert_array_equal(load_image(tmp_path / "dark.png", (1, 28, 28))[0, 0], dark)
    with pytest.raises(ValueError, match="invert must be one of"):
        load_image(tmp_path / "dark.png", (1, 28, 28), invert="maybe")


def test_load_image_keeps_the_aspect_ratio_by_padding(tmp_path):
    picture = np.zeros((20, 80), np.uint8)
    picture[:, 30:50] = 255                                   # a bar in the middle of a wide image
    Image.fromarray(picture).save(tmp_path / "wide.png")
    loaded = load_image(tmp_path / "wide.png", (1, 28, 28))[0, 0]
    assert loaded[:8].max() < 30 and loaded[-8:].max() < 30   # padding above and below
    assert loaded[14, 14] > 200


# -- progress bar and optimizer state ----------------------------------------------------------

class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_draws_on_a_terminal_and_stays_silent_in_logs():
    terminal = FakeTerminal()
    bar = ProgressBar(10, "epoch 1/2", batch_size=32, stream=terminal, min_interval=0)
    bar.update(5, loss=0.5, accuracy=0.75, images_per_second=320.0)
    bar.close()
    text = terminal.getvalue()
    assert "epoch 1/2 [############------------]  5/10 loss 0.5000 acc 75.00%" in text
    assert "320 img/s" in text and "ETA   0s" in text and text.endswith("\r\033[K")
    log = io.StringIO()
    quiet = ProgressBar(10, "epoch 1/2", stream=log, min_interval=0)
    quiet.update(5, loss=0.5, accuracy=0.75, images_per_second=320.0)
    quiet.close()
    assert log.getvalue() == ""


def test_optimizer_state_survives_the_flattened_checkpoint_layout():
    model = snn.nn.Sequential(snn.nn.Linear(4, 3), snn.nn.ReLU(), snn.nn.Linear(3, 2))
    optimizer = snn.optim.Adam(model.parameters(), lr=0.01)
    for _ in range(3):
        loss = model(snn.randn(5, 4)).sum()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    state = optimizer.state_dict()
    restored = _unflatten_optimizer(*_flatten_optimizer(state))
    assert restored["param_groups"][0]["lr"] == 0.01 and restored["param_groups"][0]["params"] == [0, 1, 2, 3]
    assert sorted(restored["state"]) == sorted(state["state"])
    for index, entries in state["state"].items():
        for name, value in entries.items():
            np.testing.assert_array_equal(restored["state"][index][name].numpy(), value.numpy())
    fresh = snn.optim.Adam(model.parameters(), lr=0.5)
    fresh.load_state_dict(restored)
    assert fresh.param_groups[0]["lr"] == 0.01
