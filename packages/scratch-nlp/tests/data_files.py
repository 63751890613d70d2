"""Where these tests find the shared datasets: `scratch_nn.datasets.data_dir()`, the one resolver
the loaders use ($SCRATCH_DATA_DIR, else the user cache dir). A missing file skips the test that
needs it, naming the file and where it was looked for."""

from pathlib import Path

import pytest
from scratch_nn.datasets import data_dir


def data_file(*parts):
    """data_dir() / parts if that file exists, else skip: data_file("spa-eng", "spa.txt")."""
    path = Path(data_dir(), *parts)
    if not path.is_file():
        pytest.skip(f"{path} not found; set SCRATCH_DATA_DIR to the folder holding {'/'.join(parts)}")
    return path


def data_root(*parts):
    """The data folder, when it holds parts (else skip): what the loaders take as `root`."""
    data_file(*parts)
    return Path(data_dir())
