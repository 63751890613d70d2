"""GPT: a decoder-only transformer language model on scratch-nn, laid out as nanoGPT's model.py.

    x_0 = wte[idx] + wpe[0..T-1]                    token + position embeddings   (B, T, C)
    x_l = Block_l(x_{l-1}),  l = 1..n_layer          pre-LayerNorm blocks          (B, T, C)
    logits = ln_f(x_L) wte^T                         weight tying: the output layer IS wte  (B, T, V)
    loss = mean_t cross_entropy(logits_t, targets_t) (targets == -1 are ignored)

Initialization as nanoGPT (and GPT-2's paper): weights N(0, 0.02), biases 0, and the two
projections that write into the residual stream (attn.c_proj, mlp.c_proj) N(0, 0.02/sqrt(2 n_layer)),
so the stream's variance does not grow with depth. Parameter names are GPT-2's / nanoGPT's
(transformer.wte, transformer.h.0.attn.c_attn, ..., lm_head), see scratch_nlp.gpt2_import.
"""

import math

import numpy as np
import scratch_nn as snn
import scratch_nn.nn.functional as F
from scratch_nn import nn

from .block import Block
from .config import GPTConfig


def as_index_tensor(idx, name="idx"):
    """A (B, T) int64 Tensor from a Tensor, array or nested list of token ids."""
    if isinstance(idx, snn.Tensor):
        data = idx.data
    else:
        data = np.asarray(idx)
    if data.dtype.kind not in "iu":
        raise TypeError(f"GPT: {name} must hold integer token ids, got dtype {data.dtype}")
    if data.ndim != 2:
        raise ValueError(f"GPT: {name} must have shape (batch, time), got {tuple(data.shape)}")
    return idx if isinstance(idx, snn.Tensor) and data.dtype == np.int64 else snn.from_numpy(data.astype(np.int64))


class GPT(nn.Module):
    def __init__(self, config, seed=None):
        super().__init__()
        if not isinstance(config, GPTConfig):
            raise TypeError(f"GPT: config must be a GPTConfig, got {type(config).__name__}")
        self.config = config
        self.transformer = nn.ModuleDict({
            "wte": nn.Embedding(config.vocab_size, config.n_embd),
            "wpe": nn.Embedding(config.block_size, config.n_embd),
            "drop": nn.Dropout(config.dropout),
            "h": nn.ModuleList([Block(config) for _ in range(config.n_layer)]),
            "ln_f": nn.LayerNorm(config.n_embd, eps=config.layer_norm_eps, bias=config.bias),
        })
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        self.lm_head.weight = self.transformer.wte.weight  # weight tying: one Parameter, two uses
        self.reset_parameters(seed)

    def reset_parameters(self, seed=None):
        """nanoGPT's initialization (see the module doc), drawn from `seed` (the default generator if None)."""
        generator = None if seed is None else snn.Generator().manual_seed(seed)
        residual_std = 0.02 / math.sqrt(2 * self.config.n_layer)
        for name, param in self.named_parameters():
            if name.endswith("c_proj.weight"):
                nn.init.normal_(param, 0.0, residual_std, generator=generator)
            elif name.endswith(".weight") and param.ndim == 2:  # Linear and Embedding
                nn.init.normal_(param, 0.0, 0.02, generator=generator)
            elif ".ln_" in name and name.endswith(".weight"):  # LayerNorm gains
                nn.init.ones_(param)
            else:  # biases
                nn.init.zeros_(param)

    def num_parameters(self, non_embedding=True):
        """Parameter count; the position embedding is left out by default (nanoGPT's convention;
        the token embedding counts because it is also the output layer)."""
        total = sum(param.numel() for param in self.parameters())
        return total - self.transformer.wpe.weight.numel() if non_embedding else total

    def forward(self, idx, targets=None, *, last_position_only=False):
        """idx (B, T) token ids -> (logits, loss).

        logits (B, T, V) (or (B, 1, V) with last_position_only, for generation); loss is the mean
        cross-entropy against targets (B, T) (entries -1 ignored), or None without targets.
        """
        idx = as_index_tensor(idx)
        batch, time = idx.shape
        if time > self.config.block_size:
            raise ValueError(f"GPT: cannot forward a sequence of length {time}, the block size is "
                             f"only {self.config.block_size}")
        if time == 0:
            raise ValueError("GPT: cannot forward an empty sequence (time = 0)")
        positions = snn.arange(time)  # (T,)
        token_embeddings = self.transformer.wte(idx)  # (B, T, C)
        position_embeddings = self.transformer.wpe(positions)  # (T, C)
        x = self.transformer.drop(token_embeddings + position_embeddings)  # (B, T, C)
        for block in self.transformer.h:
            x = block(x)  # (B, T, C)
        x = self.transformer.ln_f(x)  # (B, T, C)
        if last_position_only:
            x = x[:, -1:, :]  # (B, 1, C)
        rows = x.shape[1]
        logits = self.lm_head(x.reshape(batch * rows, -1)).reshape(batch, rows, -1)  # (B, T, V), one GEMM
        if targets is None:
            return logits, None
        targets = as_index_tensor(targets, "targets")
        if targets.shape != (batch, logits.shape[1]):
            raise ValueError(f"GPT: targets must have shape {(batch, logits.shape[1])} like the logits' "
                             f"first two dims, got {targets.shape}")
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1), ignore_index=-1)
        return logits, loss
