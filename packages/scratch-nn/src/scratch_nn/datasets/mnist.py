"""MNIST and Fashion-MNIST: 28x28 grayscale images in 10 classes, stored as four IDX files each.

    images, labels = load_mnist("train")                  # (60000, 28, 28) uint8, (60000,) uint8
    images, labels = load_fashion_mnist("test", download=True)

Files are looked up in <root>/mnist/ and <root>/fashion-mnist/ (root defaults to data_dir()),
under their published names, gzip-compressed (train-images-idx3-ubyte.gz) or raw
(train-images-idx3-ubyte). download=True fetches a missing file from the canonical mirrors and
checks its published SHA-256. The two datasets differ only in their files, so one reader
(_load_idx_pair) serves both; it checks what each header promises: images are 3-D uint8 (magic
2051) of 28x28, labels 1-D uint8 (magic 2049) in 0..9, as many labels as images.
"""

from pathlib import Path

import numpy as np

from .download import data_dir, ensure_file
from .idx import CorruptDatasetError, read_idx

IMAGE_SIZE = 28
MNIST_CLASSES = tuple(str(digit) for digit in range(10))
FASHION_MNIST_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                         "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")

# torchvision's mirror first (LeCun's page often refuses scripted downloads), then the original.
MNIST_MIRRORS = ("https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/")
FASHION_MNIST_MIRRORS = ("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                         "https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/")

# split -> (images file, labels file); the same names for both datasets.
SPLIT_FILES = {"train": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
               "test": ("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")}
# Published SHA-256 of each .gz file (MNIST: the TFDS/Keras lists, matching torchvision's MD5s;
# Fashion-MNIST: the same lists, matching the MD5s in zalandoresearch/fashion-mnist's README).
MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz": "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
    "train-labels-idx1-ubyte.gz": "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    "t10k-images-idx3-ubyte.gz": "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
    "t10k-labels-idx1-ubyte.gz": "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
}
FASHION_MNIST_SHA256 = {
    "train-images-idx3-ubyte.gz": "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
    "train-labels-idx1-ubyte.gz": "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
    "t10k-images-idx3-ubyte.gz": "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
    "t10k-labels-idx1-ubyte.gz": "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
}


def _locate(folder, gz_name, mirrors, hashes, download):
    """The .gz file, else its raw twin, else the .gz fetched from the mirrors (download=True)."""
    raw = folder / gz_name.removesuffix(".gz")
    if not (folder / gz_name).is_file() and raw.is_file():
        return raw
    return ensure_file(folder / gz_name, [mirror + gz_name for mirror in mirrors], hashes[gz_name],
                       download=download)


def check_image_label_pair(images, labels, images_path, labels_path, image_shape, n_classes=10):
    """Raise CorruptDatasetError unless images (N, *image_shape) uint8 and labels (N,) in range agree."""
    if images.dtype != np.uint8 or images.shape[1:] != image_shape:
        raise CorruptDatasetError(f"{images_path}: expected uint8 images of shape (N, {', '.join(map(str, image_shape))}), "
                                  f"got {images.dtype} {images.shape}")
    if labels.dtype != np.uint8 or labels.ndim != 1:
        raise CorruptDatasetError(f"{labels_path}: expected a 1-D uint8 array of labels, got {labels.dtype} {labels.shape}")
    if len(images) != len(labels):
        raise CorruptDatasetError(f"{images_path} holds {len(images)} images but {labels_path} holds "
                                  f"{len(labels)} labels; the two files do not belong together")
    if labels.size and labels.max() >= n_classes:
        raise CorruptDatasetError(f"{labels_path}: label {int(labels.max())} is out of range 0..{n_classes - 1}")


def _load_idx_pair(dataset_folder, split, root, download, mirrors, hashes):
    if split not in SPLIT_FILES:
        raise ValueError(f"split must be 'train' or 'test', got {split!r}")
    folder = Path(root if root is not None else data_dir()) / dataset_folder
    images_name, labels_name = SPLIT_FILES[split]
    images_path = _locate(folder, images_name, mirrors, hashes, download)
    labels_path = _locate(folder, labels_name, mirrors, hashes, download)
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3:
        raise CorruptDatasetError(f"{images_path}: expected 3-D images (count, rows, columns), got shape {images.shape}")
    check_image_label_pair(images, labels, images_path, labels_path, (IMAGE_SIZE, IMAGE_SIZE))
    return images, labels


def load_mnist(split="train", *, root=None, download=False, mirrors=MNIST_MIRRORS):
    """MNIST handwritten digits: (images (N, 28, 28) uint8, labels (N,) uint8); N = 60000 or 10000.

    split: "train" or "test". root: the data folder (default data_dir()); files in root/mnist/.
    download: fetch missing files from `mirrors` (base URLs tried in order), SHA-256 checked.
    """
    return _load_idx_pair("mnist", split, root, download, mirrors, MNIST_SHA256)


def load_fashion_mnist(split="train", *, root=None, download=False, mirrors=FASHION_MNIST_MIRRORS):
    """Fashion-MNIST (Zalando): the same layout as load_mnist, files in root/fashion-mnist/.

    Classes, in label order: FASHION_MNIST_CLASSES (T-shirt/top, Trouser, ..., Ankle boot).
    """
    return _load_idx_pair("fashion-mnist", split, root, download, mirrors, FASHION_MNIST_SHA256)
