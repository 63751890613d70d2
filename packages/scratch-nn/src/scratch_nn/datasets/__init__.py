"""scratch_nn.datasets: readers for published dataset formats, returning NumPy arrays.

    from scratch_nn import datasets
    images, labels = datasets.load_mnist("train")          # (60000, 28, 28) uint8, (60000,) uint8

    download.py   data_dir() ($SCRATCH_DATA_DIR, else the user cache dir), download_file (atomic,
                  SHA-256 checked, fails fast offline), ensure_file (local copy or mirrors)
    idx.py        the IDX format: read_idx / write_idx (gzip or raw), header checks
    mnist.py      load_mnist, load_fashion_mnist (four IDX files each)
    cifar10.py    load_cifar10, read_cifar10_batch (binary-version records)
"""

from .cifar10 import CIFAR10_CLASSES, load_cifar10, read_cifar10_batch
from .download import (
           DATA_DIR_VARIABLE,
           DownloadError,
           data_dir,
           download_file,
           ensure_file,
           sha256_of_file,
)
from .idx import CorruptDatasetError, read_idx, write_idx
from .mnist import FASHION_MNIST_CLASSES, MNIST_CLASSES, load_fashion_mnist, load_mnist

__all__ = ["CIFAR10_CLASSES", "DATA_DIR_VARIABLE", "FASHION_MNIST_CLASSES", "MNIST_CLASSES",
           "CorruptDatasetError", "DownloadError", "data_dir", "download_file", "ensure_file",
           "load_cifar10", "load_fashion_mnist", "load_mnist", "read_cifar10_batch", "read_idx",
           "sha256_of_file", "write_idx"]
