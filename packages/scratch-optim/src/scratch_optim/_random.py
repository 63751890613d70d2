"""One place that turns a `random_state` argument into a NumPy Generator.

    None -> a fresh Generator seeded from the OS;  int -> np.random.default_rng(int);
    np.random.Generator -> itself (so consecutive calls continue one stream).
"""

import numbers

import numpy as np


def check_random_state(random_state):
    """Return a np.random.Generator for `random_state` (None, an int or a Generator)."""
    if random_state is None or isinstance(random_state, numbers.Integral):
        return np.random.default_rng(random_state)
    if isinstance(random_state, np.random.Generator):
        return random_state
    raise ValueError(
        f"random_state must be None, an int or a numpy.random.Generator, got {random_state!r}"
    )
