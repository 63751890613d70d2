"""What the test files share: where the data is and the skip markers for tests that need it."""

import os
from pathlib import Path

import pytest

DATA = Path(os.environ.get("SCRATCH_DATA_DIR", "/nonexistent"))
HAS_MNIST = all((DATA / "mnist" / name).is_file() for name in (
    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"))
needs_mnist = pytest.mark.skipif(not HAS_MNIST, reason=f"the MNIST files are not in $SCRATCH_DATA_DIR/mnist ({DATA})")
needs_cifar = pytest.mark.skipif(not (DATA / "cifar10-subset").is_dir(),
                                 reason=f"no cifar10-subset in $SCRATCH_DATA_DIR ({DATA})")
