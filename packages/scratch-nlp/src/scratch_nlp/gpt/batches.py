"""Random training windows from one long token array, as nanoGPT's get_batch.

    starts ~ uniform{0, ..., N - T - 1}   (B,)
    x[b] = data[starts[b] : starts[b] + T]            (B, T)
    y[b] = data[starts[b] + 1 : starts[b] + T + 1]    (B, T): the next token at every position

e.g. data = [5, 6, 7, 8], T = 2, start 1: x = [6, 7], y = [7, 8].
"""

import numpy as np


def check_token_array(data, block_size, name="data"):
    """data as a 1-D int64 array long enough for one window of block_size + 1 tokens."""
    data = np.asarray(data)
    if data.ndim != 1 or data.dtype.kind not in "iu":
        raise ValueError(f"{name} must be a 1-D array of token ids, got shape {data.shape} and dtype {data.dtype}")
    if len(data) < block_size + 1:
        raise ValueError(f"{name} has {len(data)} tokens, fewer than block_size + 1 = {block_size + 1} "
                         f"(one window and its next token)")
    return data.astype(np.int64, copy=False)


def random_windows(data, block_size, batch_size, rng):
    """(x, y) int64 arrays (batch_size, block_size) of windows of `data` starting at random offsets."""
    starts = rng.integers(0, len(data) - block_size, size=batch_size)  # (B,)
    offsets = starts[:, None] + np.arange(block_size)  # (B, T)
    return data[offsets], data[offsets + 1]
