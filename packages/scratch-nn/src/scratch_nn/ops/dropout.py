"""Dropout: zero each entry with probability p while training, and scale the rest by 1 / (1 - p).

    out = x * mask / (1 - p),   mask_i ~ Bernoulli(1 - p)     so E[out] = x
    backward: g * mask / (1 - p)

In evaluation (training=False) or with p = 0 it is the identity; with p = 1 every entry is 0.
The mask is drawn from `generator` (default: the default generator, see scratch_nn.manual_seed),
so a seed reproduces it; torch's masks for the same seed differ (another random stream).
"""

import numpy as np

from ..autograd import record
from ..random import numpy_generator


def dropout(x, p=0.5, training=True, *, generator=None):
    """Randomly zero entries of x with probability p (training only), keeping the expected value."""
    if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p!r}")
    if x.data.dtype.kind != "f":
        raise TypeError(f"dropout: needs a floating point tensor, got dtype {x.dtype}")
    if not training or p == 0.0:
        return x
    if p == 1.0:
        scaled_mask = np.zeros(x.shape, dtype=x.data.dtype)
    else:
        draws = numpy_generator(generator).random(x.shape, dtype=np.float32 if x.dtype == np.float32 else np.float64)
        scaled_mask = (draws >= p).astype(x.data.dtype)  # (...) 1 keeps, 0 drops
        scaled_mask *= 1.0 / (1.0 - p)
    out = x.data * scaled_mask

    def backward(grad):  # the same mask and scale
        return (grad * scaled_mask,)

    return record(out, (x,), backward, "MulBackward0")
