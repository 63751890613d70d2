"""load_mnist, load_fashion_mnist, load_cifar10 and read_cifar10_batch.

Real files (skipped with the reason when $SCRATCH_DATA_DIR lacks them) are checked against the
published facts in shared/data/*/SOURCE.md: counts, label histograms, first labels and pixels.
Synthetic folders (written with write_idx / raw records in tmp_path) check the lookup rules
(.gz or raw, the cifar10-subset fallback) and every error: a missing file, images and labels
that disagree, a labels file given where images belong, out-of-range labels, truncated records.
"""

import gzip
import io
import os
import tarfile
from pathlib import Path

import numpy as np
import pytest
from scratch_nn import datasets
from scratch_nn.datasets import CorruptDatasetError, write_idx

DATA = Path(os.environ.get("SCRATCH_DATA_DIR", "/nonexistent"))
needs_mnist = pytest.mark.skipif(not (DATA / "mnist" / "t10k-labels-idx1-ubyte.gz").is_file(),
                                 reason=f"MNIST is not in $SCRATCH_DATA_DIR/mnist ({DATA / 'mnist'})")
needs_cifar_subset = pytest.mark.skipif(not (DATA / "cifar10-subset").is_dir(),
                                        reason=f"no cifar10-subset in $SCRATCH_DATA_DIR ({DATA})")


def synthetic_idx_folder(root, folder, n_train=12, n_test=5, compress=True, seed=0):
    """root/folder/ with the four IDX files of random 28x28 images; returns the arrays written."""
    rng = np.random.default_rng(seed)
    (root / folder).mkdir(parents=True, exist_ok=True)
    arrays = {}
    for split, n, prefix in (("train", n_train, "train"), ("test", n_test, "t10k")):
        images = rng.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        labels = rng.integers(0, 10, n, dtype=np.uint8)
        suffix = ".gz" if compress else ""
        write_idx(root / folder / f"{prefix}-images-idx3-ubyte{suffix}", images)
        write_idx(root / folder / f"{prefix}-labels-idx1-ubyte{suffix}", labels)
        arrays[split] = images, labels
    return arrays


def cifar_records(images, labels):
    """The binary-version bytes: per record, the label byte then the R, G, B planes."""
    return np.concatenate([labels[:, None], images.reshape(len(images), -1)], axis=1).astype(np.uint8).tobytes()


# -- MNIST / Fashion-MNIST on the real files ---------------------------------------------------

@needs_mnist
def test_real_mnist_train_and_test_match_the_published_counts():
    images, labels = datasets.load_mnist("train", root=DATA)
    assert images.shape == (60000, 28, 28) and images.dtype == np.uint8 and labels.dtype == np.uint8
    assert np.bincount(labels).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert labels[:10].tolist() == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]
    images, labels = datasets.load_mnist("test")          # root defaults to $SCRATCH_DATA_DIR
    assert images.shape == (10000, 28, 28)
    assert np.bincount(labels).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


@needs_mnist
def test_raw_uncompressed_files_read_the_same(tmp_path):
    (tmp_path / "mnist").mkdir()
    for name in ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"):
        raw = gzip.decompress((DATA / "mnist" / f"{name}.gz").read_bytes())
        (tmp_path / "mnist" / name).write_bytes(raw)
    ours = datasets.load_mnist("test", root=tmp_path)
    expected = datasets.load_mnist("test", root=DATA)
    for got, want in zip(ours, expected):
        np.testing.assert_array_equal(got, want)


# -- synthetic IDX folders ---------------------------------------------------------------------

@pytest.mark.parametrize("loader, folder", [(datasets.load_mnist, "mnist"),
                                            (datasets.load_fashion_mnist, "fashion-mnist")])
@pytest.mark.parametrize("compress", [True, False])
def test_synthetic_folders_load_exactly(loader, folder, compress, tmp_path):
    written = synthetic_idx_folder(tmp_path, folder, compress=compress)
    for split in ("train", "test"):
        images, labels = loader(split, root=tmp_path)
        np.testing.assert_array_equal(images, written[split][0])
        np.testing.assert_array_equal(labels, written[split][1])


def test_fashion_mnist_class_names():
    assert len(datasets.FASHION_MNIST_CLASSES) == 10
    assert datasets.FASHION_MNIST_CLASSES[0] == "T-shirt/top" and datasets.FASHION_MNIST_CLASSES[9] == "Ankle boot"


def test_a_missing_file_says_where_it_belongs_and_how_to_fetch_it(tmp_path):
    with pytest.raises(FileNotFoundError) as raised:
        datasets.load_fashion_mnist("train", root=tmp_path)
    message = str(raised.value)
    assert str(tmp_path / "fashion-mnist" / "train-images-idx3-ubyte.gz") in message
    assert "download=True" in message and "http" in message


def test_an_unknown_split_is_refused(tmp_path):
    with pytest.raises(ValueError, match="split must be 'train' or 'test'"):
        datasets.load_mnist("validation", root=tmp_path)
    with pytest.raises(ValueError, match="split must be 'train' or 'test'"):
        datasets.load_cifar10("val", root=tmp_path)


def test_image_and_label_counts_must_agree(tmp_path):
    synthetic_idx_folder(tmp_path, "mnist")
    write_idx(tmp_path / "mnist" / "t10k-labels-idx1-ubyte.gz", np.zeros(4, np.uint8))
    with pytest.raises(CorruptDatasetError, match="holds 5 images but .* holds 4 labels"):
        datasets.load_mnist("test", root=tmp_path)


def test_a_labels_file_in_place_of_images_is_named(tmp_path):
    synthetic_idx_folder(tmp_path, "mnist")
    write_idx(tmp_path / "mnist" / "t10k-images-idx3-ubyte.gz", np.zeros(5, np.uint8))
    with pytest.raises(CorruptDatasetError, match=r"expected 3-D images \(count, rows, columns\), got shape \(5,\)"):
        datasets.load_mnist("test", root=tmp_path)


def test_images_of_the_wrong_size_are_named(tmp_path):
    synthetic_idx_folder(tmp_path, "mnist")
    write_idx(tmp_path / "mnist" / "t10k-images-idx3-ubyte.gz", np.zeros((5, 32, 32), np.uint8))
    with pytest.raises(CorruptDatasetError, match=r"shape \(N, 28, 28\), got uint8 \(5, 32, 32\)"):
        datasets.load_mnist("test", root=tmp_path)


def test_out_of_range_labels_are_named(tmp_path):
    synthetic_idx_folder(tmp_path, "mnist")
    write_idx(tmp_path / "mnist" / "t10k-labels-idx1-ubyte.gz", np.array([1, 2, 10, 3, 4], np.uint8))
    with pytest.raises(CorruptDatasetError, match="label 10 is out of range 0..9"):
        datasets.load_mnist("test", root=tmp_path)


def test_a_truncated_real_format_file_is_named(tmp_path):
    synthetic_idx_folder(tmp_path, "mnist")
    path = tmp_path / "mnist" / "t10k-images-idx3-ubyte.gz"
    raw = gzip.decompress(path.read_bytes())
    path.write_bytes(gzip.compress(raw[:-100]))
    with pytest.raises(CorruptDatasetError, match="truncated"):
        datasets.load_mnist("test", root=tmp_path)


# -- CIFAR-10 ----------------------------------------------------------------------------------

@needs_cifar_subset
def test_real_cifar_subset_matches_the_published_first_records():
    images, labels = datasets.load_cifar10("train", root=DATA)
    assert images.shape == (2000, 3, 32, 32) and images.dtype == np.uint8
    assert labels[:10].tolist() == [6, 9, 9, 4, 1, 1, 2, 7, 8, 3]
    pixels = images[0].transpose(1, 2, 0)                       # (32, 32, 3), as Keras prints x_train[0]
    assert pixels[0, :3].tolist() == [[59, 62, 63], [43, 46, 45], [50, 48, 43]]
    assert pixels[0, -3:].tolist() == [[158, 132, 108], [152, 125, 102], [148, 124, 103]]
    assert pixels[1, :3].tolist() == [[16, 20, 20], [0, 0, 0], [18, 8, 0]]
    images, labels = datasets.load_cifar10("test", root=DATA)
    assert images.shape == (1000, 3, 32, 32)
    assert labels[:10].tolist() == [3, 8, 8, 0, 6, 6, 1, 6, 3, 1]
    assert images[0, :, 0, 0].tolist() == [158, 112, 49]


def test_cifar_batches_round_trip_and_concatenate_in_order(tmp_path):
    rng = np.random.default_rng(1)
    folder = tmp_path / "cifar10" / "cifar-10-batches-bin"
    folder.mkdir(parents=True)
    written = []
    for name in [f"data_batch_{i}.bin" for i in range(1, 6)] + ["test_batch.bin"]:
        images = rng.integers(0, 256, (3, 3, 32, 32), dtype=np.uint8)
        labels = rng.integers(0, 10, 3, dtype=np.uint8)
        (folder / name).write_bytes(cifar_records(images, labels))
        written.append((images, labels))
    images, labels = datasets.load_cifar10("train", root=tmp_path)
    np.testing.assert_array_equal(images, np.concatenate([w[0] for w in written[:5]]))
    np.testing.assert_array_equal(labels, np.concatenate([w[1] for w in written[:5]]))
    images, labels = datasets.load_cifar10("test", root=tmp_path)
    np.testing.assert_array_equal(images, written[5][0])


def test_the_official_folder_wins_over_the_subset(tmp_path):
    subset = tmp_path / "cifar10-subset"
    subset.mkdir()
    (subset / "test_batch_first2.bin").write_bytes(cifar_records(np.zeros((2, 3, 32, 32), np.uint8), np.array([1, 2])))
    assert datasets.load_cifar10("test", root=tmp_path)[1].tolist() == [1, 2]
    official = tmp_path / "cifar10" / "cifar-10-batches-bin"
    official.mkdir(parents=True)
    (official / "test_batch.bin").write_bytes(cifar_records(np.zeros((1, 3, 32, 32), np.uint8), np.array([7])))
    assert datasets.load_cifar10("test", root=tmp_path)[1].tolist() == [7]


@pytest.mark.parametrize("cut", [1, 3072, 3074])
def test_a_cifar_file_that_is_not_whole_records_is_named(cut, tmp_path):
    path = tmp_path / "batch.bin"
    payload = cifar_records(np.zeros((2, 3, 32, 32), np.uint8), np.array([1, 2]))
    path.write_bytes(payload[:cut] if cut < len(payload) else payload + b"\x00" * (cut - 3073 + 1))
    with pytest.raises(CorruptDatasetError, match="not a whole number of 3073-byte"):
        datasets.read_cifar10_batch(path)


def test_cifar_labels_out_of_range_and_empty_files(tmp_path):
    path = tmp_path / "batch.bin"
    path.write_bytes(cifar_records(np.zeros((1, 3, 32, 32), np.uint8), np.array([12])))
    with pytest.raises(CorruptDatasetError, match="label 12 is out of range"):
        datasets.read_cifar10_batch(path)
    path.write_bytes(b"")
    with pytest.raises(CorruptDatasetError, match="0 bytes"):
        datasets.read_cifar10_batch(path)


def test_missing_cifar_says_how_to_get_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="cifar-10-binary.tar.gz not found. Pass download=True"):
        datasets.load_cifar10("train", root=tmp_path)


def test_a_damaged_cifar_archive_is_named(tmp_path):
    (tmp_path / "cifar10").mkdir()
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo("cifar-10-batches-bin/test_batch.bin")
        info.size = 3
        tar.addfile(info, io.BytesIO(b"abc"))
    archive = tmp_path / "cifar10" / "cifar-10-binary.tar.gz"
    archive.write_bytes(buffer.getvalue())
    with pytest.raises(CorruptDatasetError, match="the archive lacks .*data_batch_1.bin"):
        datasets.load_cifar10("train", root=tmp_path)
    archive.write_bytes(buffer.getvalue()[:40])
    with pytest.raises(CorruptDatasetError, match="damaged CIFAR-10 archive"):
        datasets.load_cifar10("train", root=tmp_path)
