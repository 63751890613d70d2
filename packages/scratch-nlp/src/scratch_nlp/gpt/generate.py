"""generate: extend token sequences one token at a time with a GPT (as nanoGPT's generate).

    for each new token:  context = idx[:, -block_size:]                 (B, <= block_size)
                         logits = model(context)[:, -1, :]              (B, V)
                         idx = append(idx, next_tokens(logits, ...))    (B, T + 1)

No key/value cache: each step reruns the (cropped) context, which keeps the model one forward.
Runs in eval mode under no_grad and restores the model's training mode afterwards.
"""

import numpy as np
import scratch_nn as snn

from .sampling import check_sampling_options, next_tokens


def generate(model, idx, max_new_tokens, *, temperature=1.0, top_k=None, top_p=None, greedy=False,
             seed=None, stop_token=None):
    """idx (B, T) token ids -> int64 array (B, T + max_new_tokens) (fewer if every row hit stop_token).

    greedy=True (or temperature=0) takes the argmax; otherwise samples with temperature, top_k and
    top_p (see sampling.py) from numpy's Generator seeded with `seed` (same seed, same text).
    """
    check_sampling_options(temperature, top_k, top_p)
    if isinstance(max_new_tokens, bool) or not isinstance(max_new_tokens, (int, np.integer)) or max_new_tokens < 0:
        raise ValueError(f"generate: max_new_tokens must be an integer >= 0, got {max_new_tokens!r}")
    tokens = np.array(idx.data if isinstance(idx, snn.Tensor) else idx)
    if tokens.ndim != 2 or tokens.shape[1] == 0 or tokens.dtype.kind not in "iu":
        raise ValueError(f"generate: idx must be a (batch, time) array of token ids with time >= 1, "
                         f"got shape {tokens.shape} and dtype {tokens.dtype}")
    tokens = tokens.astype(np.int64)
    rng = np.random.default_rng(seed)
    block_size = model.config.block_size
    was_training = model.training
    model.eval()
    finished = np.zeros(len(tokens), dtype=bool)
    try:
        with snn.no_grad():
            for _ in range(max_new_tokens):
                context = tokens[:, -block_size:]  # (B, <= block_size)
                logits, _ = model(context, last_position_only=True)  # (B, 1, V)
                choice = next_tokens(logits.data[:, -1, :], rng, 0 if greedy else temperature, top_k, top_p)
                if stop_token is not None:
                    choice = np.where(finished, stop_token, choice)
                    finished |= choice == stop_token
                tokens = np.concatenate([tokens, choice[:, None]], axis=1)  # (B, T + 1)
                if stop_token is not None and finished.all():
                    break
    finally:
        model.train(was_training)
    return tokens
