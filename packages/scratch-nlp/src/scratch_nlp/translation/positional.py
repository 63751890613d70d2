"""Sinusoidal positional encodings ("Attention Is All You Need", section 3.5).

    PE[pos, 2i]   = sin(pos / 10000^(2i / d))
    PE[pos, 2i+1] = cos(pos / 10000^(2i / d))

Each pair of dims is a rotation at its own frequency, so PE[pos + k] is a linear function of
PE[pos]: attention can read relative offsets. Nothing is learned; the table is a buffer.
"""

import numpy as np


def sinusoidal_positional_encoding(length, d_model, dtype=np.float32):
    """The (length, d_model) table; d_model may be odd (the last cos column is dropped)."""
    if length < 1 or d_model < 1:
        raise ValueError(f"length and d_model must be positive, got {length} and {d_model}")
    positions = np.arange(length, dtype=np.float64)[:, None]  # (L, 1)
    frequencies = np.exp(-np.log(10000.0) * np.arange(0, d_model, 2, dtype=np.float64) / d_model)  # (ceil(d/2),)
    angles = positions * frequencies  # (L, ceil(d/2))
    table = np.empty((length, d_model), dtype=np.float64)
    table[:, 0::2] = np.sin(angles)
    table[:, 1::2] = np.cos(angles[:, : d_model // 2])
    return table.astype(dtype)
