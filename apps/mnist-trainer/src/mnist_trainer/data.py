"""The data pipeline every model shares: load a dataset, split off validation, normalize.

    data = load_data("mnist", limit=2000, val_size=200, seed=0)
    data.train_x                 # (1800, 1, 28, 28) float32, standardized per channel
    data.train_y                 # (1800,) int64

Steps, the same for the MLP, the CNN, ridge and logistic regression:
  1. read the published files through scratch_nn.datasets (uint8 images, channel-first);
  2. keep the first `limit` training images (a quick run), then move a seeded random
     `val_size` of them to the validation set (the test set is never touched in training);
  3. x -> (x / 255 - mean_c) / std_c with each channel's mean and std measured on the training
     part; the statistics are stored with the run, so evaluate and predict normalize alike.
The classic models see the same arrays flattened to (N, C*H*W).
"""

from dataclasses import dataclass

import numpy as np
from scratch_nn import datasets

# name -> (loader, class names, image shape (C, H, W))
DATASETS = {
    "mnist": (datasets.load_mnist, datasets.MNIST_CLASSES, (1, 28, 28)),
    "fashion-mnist": (datasets.load_fashion_mnist, datasets.FASHION_MNIST_CLASSES, (1, 28, 28)),
    "cifar10": (datasets.load_cifar10, datasets.CIFAR10_CLASSES, (3, 32, 32)),
}


@dataclass
class Normalization:
    """Per-channel statistics of x / 255 on the training images."""

    mean: list
    std: list

    @classmethod
    def measure(cls, images):                          # images: (N, C, H, W) uint8
        scaled = images.astype(np.float64) / 255.0
        return cls(mean=scaled.mean(axis=(0, 2, 3)).tolist(), std=scaled.std(axis=(0, 2, 3)).tolist())

    def apply(self, images):
        """(N, C, H, W) uint8 (or floats in 0..255) -> standardized float32 of the same shape."""
        mean = np.asarray(self.mean, np.float32)[None, :, None, None]   # (1, C, 1, 1)
        std = np.asarray(self.std, np.float32)[None, :, None, None]
        return (np.asarray(images, np.float32) / np.float32(255.0) - mean) / std


@dataclass
class Data:
    train_x: np.ndarray
    train_y: np.ndarray
    val_x: np.ndarray
    val_y: np.ndarray
    classes: tuple
    normalization: Normalization


def channel_first(images, shape):
    """MNIST's (N, 28, 28) becomes (N, 1, 28, 28); CIFAR-10 already is (N, 3, 32, 32)."""
    return images.reshape(len(images), *shape)


def load_images(dataset, split, download=False):
    """(images (N, C, H, W) uint8, labels (N,) int64, class names) of one split."""
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; choose one of {', '.join(DATASETS)}")
    loader, classes, shape = DATASETS[dataset]
    try:
        images, labels = loader(split, download=download)
    except FileNotFoundError as error:
        raise FileNotFoundError(str(error).replace("Pass download=True", "Add --download")) from None
    return channel_first(images, shape), labels.astype(np.int64), classes


def split_indices(n, val_size, seed):
    """(train indices, validation indices): a seeded permutation of range(n), val_size held out."""
    if not 0 <= val_size < n:
        raise ValueError(f"--val-size must be between 0 and {n - 1} (the training images used), got {val_size}")
    order = np.random.default_rng(seed).permutation(n)
    return np.sort(order[val_size:]), np.sort(order[:val_size])


def load_data(dataset, *, limit=None, val_size=5000, seed=0, download=False):
    """The training and validation arrays of `dataset`, normalized (see the module docstring)."""
    images, labels, classes = load_images(dataset, "train", download)
    if limit is not None:
        if limit < 2:
            raise ValueError(f"--limit must be at least 2 images, got {limit}")
        images, labels = images[:limit], labels[:limit]
    train, val = split_indices(len(images), val_size, seed)
    normalization = Normalization.measure(images[train])
    return Data(normalization.apply(images[train]), labels[train], normalization.apply(images[val]),
                labels[val], classes, normalization)
