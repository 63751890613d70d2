"""CIFAR-10 in its binary version: 32x32 colour images in 10 classes, as fixed-size records.

    images, labels = load_cifar10("train")               # (50000, 3, 32, 32) uint8, (50000,) uint8
    images, labels = read_cifar10_batch("data_batch_1.bin")

One record is 3073 bytes: the label byte (0..9), then the red, green and blue planes, 1024
bytes each (32x32, row-major). A batch file is records back to back, with no header, so the
checks are: a size that is a whole, non-zero number of records, and labels below 10. Images come
back channel-first (N, 3, 32, 32), the layout they are stored in and the one conv layers take.

Files are looked up in <root>/cifar10/cifar-10-batches-bin/ (data_batch_1..5.bin, test_batch.bin:
the layout of the official cifar-10-binary.tar.gz). When that folder is absent, a folder
<root>/cifar10-subset/ holding record files named data_batch_*.bin and test_batch*.bin (e.g. the
first 2000 training records) is read instead. download=True fetches the official archive
(SHA-256 checked) and unpacks the six batch files and batches.meta.txt.
"""

import os
import tarfile
from pathlib import Path

import numpy as np

from .._atomic_write import atomic_write_bytes
from .download import data_dir, ensure_file
from .idx import CorruptDatasetError
from .mnist import check_image_label_pair

CIFAR10_CLASSES = ("airplane", "automobile", "bird", "cat", "deer",
                   "dog", "frog", "horse", "ship", "truck")
IMAGE_SHAPE = (3, 32, 32)
RECORD_BYTES = 1 + 3 * 32 * 32
ARCHIVE_URLS = ("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz",)
ARCHIVE_SHA256 = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd"
ARCHIVE_FOLDER = "cifar-10-batches-bin"
SPLIT_FILES = {"train": tuple(f"data_batch_{i}.bin" for i in range(1, 6)), "test": ("test_batch.bin",)}
SUBSET_PATTERNS = {"train": "data_batch_*.bin", "test": "test_batch*.bin"}


def read_cifar10_batch(path):
    """(images (N, 3, 32, 32) uint8, labels (N,) uint8) from one binary-version batch file."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: no such file")
    payload = np.fromfile(path, dtype=np.uint8)
    if payload.size == 0 or payload.size % RECORD_BYTES:
        raise CorruptDatasetError(f"{path}: {payload.size} bytes is not a whole number of {RECORD_BYTES}-byte "
                                  f"CIFAR-10 records (truncated, or not a CIFAR-10 binary batch)")
    records = payload.reshape(-1, RECORD_BYTES)                  # (N, 3073)
    labels = records[:, 0].copy()                                # (N,)
    images = records[:, 1:].reshape(-1, *IMAGE_SHAPE).copy()     # (N, 3, 32, 32)
    check_image_label_pair(images, labels, path, path, IMAGE_SHAPE)
    return images, labels


def _extract_batches(archive, folder):
    """Unpack the batch files (and batches.meta.txt) from the official archive into `folder`."""
    wanted = {f"{ARCHIVE_FOLDER}/{name}" for names in SPLIT_FILES.values() for name in names}
    wanted.add(f"{ARCHIVE_FOLDER}/batches.meta.txt")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            # subtle: names are matched exactly, and each file is written by us, never by
            # tar.extract, so no member can land outside `folder`.
            members = {member.name: member for member in tar.getmembers() if member.isfile()}
            missing = sorted(wanted - members.keys())
            if missing:
                raise CorruptDatasetError(f"{archive}: the archive lacks {', '.join(missing)}")
            (folder / ARCHIVE_FOLDER).mkdir(parents=True, exist_ok=True)
            for name in sorted(wanted):
                atomic_write_bytes(folder / name, tar.extractfile(members[name]).read())
    except (tarfile.TarError, EOFError, OSError) as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise CorruptDatasetError(f"{archive}: damaged CIFAR-10 archive ({error})") from None


def _batch_files(split, root, download, urls):
    folder = Path(root if root is not None else data_dir()) / "cifar10"
    official = [folder / ARCHIVE_FOLDER / name for name in SPLIT_FILES[split]]
    if all(path.is_file() for path in official):
        return official
    subset = sorted((folder.parent / "cifar10-subset").glob(SUBSET_PATTERNS[split]))
    if subset and not download:
        return subset
    archive = ensure_file(folder / "cifar-10-binary.tar.gz", urls, ARCHIVE_SHA256, download=download)
    _extract_batches(archive, folder)
    return official


def load_cifar10(split="train", *, root=None, download=False, urls=ARCHIVE_URLS):
    """CIFAR-10: (images (N, 3, 32, 32) uint8, labels (N,) uint8); N = 50000 or 10000 officially.

    split: "train" or "test". root: the data folder (default data_dir()). download: fetch and
    unpack the official archive from `urls` when the batch files are missing (see the module doc).
    Class names, in label order: CIFAR10_CLASSES.
    """
    if split not in SPLIT_FILES:
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    parts = [read_cifar10_batch(path) for path in _batch_files(split, root, download, urls)]
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
