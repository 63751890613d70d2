"""The two masks of an encoder-decoder, in scratch_nn's (= torch's) convention: True = masked out.

    padding_mask([[5, 7, 0]], pad_id=0)  -> [[False, False, True]]     (B, S): keys that are padding
    causal_mask(3)                       -> [[F, T, T], [F, F, T], [F, F, F]]   (T, T): the future

A padded key gets weight 0 in every query's softmax; the causal mask keeps target position t
from seeing positions > t, so training on whole sentences at once equals decoding token by token.
"""

import numpy as np
from scratch_nn import Tensor


def padding_mask(ids, pad_id):
    """ids (B, S) ints -> bool Tensor (B, S), True where ids == pad_id."""
    ids = ids.data if isinstance(ids, Tensor) else np.asarray(ids)
    if ids.ndim != 2:
        raise ValueError(f"padding_mask expects ids of shape (batch, length), got {ids.shape}")
    return Tensor(ids == pad_id)


def causal_mask(length):
    """bool Tensor (length, length), True above the diagonal (a position may not attend ahead)."""
    if length < 1:
        raise ValueError(f"causal_mask needs length >= 1, got {length}")
    return Tensor(np.triu(np.ones((length, length), dtype=bool), k=1))
