"""Choosing the next token from logits: greedy, temperature, top-k and top-p (nucleus), seeded.

    p = softmax(logits / temperature)                  temperature < 1 sharpens, > 1 flattens
    top-k: keep the k largest logits (ties with the k-th are kept, as nanoGPT and HF)
    top-p: keep the fewest most likely tokens whose probabilities sum to >= top_p
           (the most likely token is always kept; HF's TopPLogitsWarper, applied after top-k)
    greedy (or temperature == 0): argmax, no randomness

Worked example, logits [2, 1, 0, -1] (p = [.64, .24, .09, .03]): top_k=2 keeps ids {0, 1};
top_p=0.7 keeps {0, 1} (0.64 < 0.7 <= 0.64 + 0.24); top_p=0.5 keeps {0}.
Filtered tokens get logit -inf; the draw is the inverse CDF of one uniform number per row.
"""

import numpy as np


def check_sampling_options(temperature, top_k, top_p):
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not temperature >= 0:
        raise ValueError(f"temperature must be a number >= 0 (0 means greedy), got {temperature!r}")
    if top_k is not None and (isinstance(top_k, bool) or not isinstance(top_k, (int, np.integer)) or top_k < 1):
        raise ValueError(f"top_k must be a positive integer or None, got {top_k!r}")
    if top_p is not None and (isinstance(top_p, bool) or not isinstance(top_p, (int, float)) or not 0 < top_p <= 1):
        raise ValueError(f"top_p must be in (0, 1] or None, got {top_p!r}")


def top_k_filter(logits, top_k):
    """logits (B, V) with everything below each row's k-th largest value set to -inf."""
    if top_k >= logits.shape[-1]:
        return logits
    kth_largest = np.partition(logits, -top_k, axis=-1)[:, -top_k, None]  # (B, 1)
    return np.where(logits < kth_largest, -np.inf, logits)


def top_p_filter(logits, top_p):
    """logits (B, V) keeping, per row, the smallest most-likely set with probability mass >= top_p."""
    order = np.argsort(-logits, axis=-1, kind="stable")  # (B, V): most likely first
    sorted_logits = np.take_along_axis(logits, order, axis=-1)
    probs = np.exp(sorted_logits - sorted_logits[:, :1])
    probs /= probs.sum(axis=-1, keepdims=True)
    mass_before = np.cumsum(probs, axis=-1) - probs  # (B, V): mass of the strictly more likely tokens
    remove_sorted = mass_before >= top_p
    remove_sorted[:, 0] = False  # subtle: the most likely token always stays, even when top_p is tiny
    remove = np.empty_like(remove_sorted)
    np.put_along_axis(remove, order, remove_sorted, axis=-1)
    return np.where(remove, -np.inf, logits)


def next_tokens(logits, rng, temperature=1.0, top_k=None, top_p=None):
    """One token id per row of logits (B, V), drawn with numpy Generator `rng` (int64 array (B,))."""
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim != 2:
        raise ValueError(f"next_tokens: logits must have shape (batch, vocab), got {logits.shape}")
    if not np.all(np.isfinite(logits)):
        raise ValueError("next_tokens: logits contain NaN or inf")
    if temperature == 0:
        return logits.argmax(axis=-1)
    logits = logits / temperature
    if top_k is not None:
        logits = top_k_filter(logits, top_k)
    if top_p is not None and top_p < 1:
        logits = top_p_filter(logits, top_p)
    probs = np.exp(logits - logits.max(axis=-1, keepdims=True))  # (B, V); exp(-inf) = 0
    cumulative = np.cumsum(probs, axis=-1)  # (B, V)
    draws = rng.random(len(logits)) * cumulative[:, -1]  # (B,): uniform in [0, total mass)
    chosen = (cumulative <= draws[:, None]).sum(axis=-1)  # (B,): first index whose CDF exceeds the draw
    return np.minimum(chosen, logits.shape[-1] - 1)
