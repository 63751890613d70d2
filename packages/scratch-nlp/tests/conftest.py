import os
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings

# In CI, hypothesis replays the same examples on every run (derandomize), so a red build is
# always reproducible; locally it keeps exploring new examples.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Shared test helpers (gpt2_twins.py) are plain modules the test files import; with
# --import-mode=importlib the tests folder is not on sys.path by itself.
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def rng():
    return np.random.default_rng(20261121)
