"""The mean next-token loss over a whole token array, and so its perplexity exp(loss).

    windows: x = ids[s : s + T], y = ids[s + 1 : s + T + 1] for s = 0, T, 2T, ... (s + T < N)
    loss = mean over every predicted token of -log p(y_t | x_<=t)

Non-overlapping windows cover the text once (each prediction sees between 1 and T tokens of
context), deterministically: the same model and text always give the same figure.
"""

import numpy as np
import scratch_nn as snn


def mean_loss(model, ids, batch_size=32):
    """(mean loss, number of predicted tokens) of `model` over `ids` (1-D int array)."""
    block = model.config.block_size
    starts = np.arange(0, len(ids) - block, block)  # (W,)
    if len(starts) == 0:
        raise ValueError(f"need more than block size = {block} tokens to evaluate, got {len(ids)}")
    offsets = starts[:, None] + np.arange(block)  # (W, T)
    total, count = 0.0, 0
    model.eval()
    with snn.no_grad():
        for first in range(0, len(starts), batch_size):
            rows = offsets[first:first + batch_size]  # (B, T)
            _, loss = model(ids[rows], ids[rows + 1])
            total += loss.item() * rows.size
            count += rows.size
    return total / count, count
