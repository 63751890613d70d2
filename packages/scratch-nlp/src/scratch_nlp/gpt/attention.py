"""CausalSelfAttention: multi-head self-attention where position t sees positions <= t only.

    q, k, v = split(x W_attn + b_attn)                     x (B, T, C) -> three (B, T, C)
    head h:  y_h = softmax(q_h k_h^T / sqrt(hs) + M) v_h    M = 0 on and below the diagonal, -inf above
    y = concat_h(y_h) W_proj + b_proj                       (B, T, C)

Named as nanoGPT and GPT-2 name it (c_attn holds the query, key and value projections stacked,
c_proj the output projection), so GPT-2's state_dict maps onto it one to one (GPT-2 stores these
as Conv1D, whose weight is the transpose of a Linear's). The attention itself is scratch-nn's
fused scaled_dot_product_attention (one autograd node for scores, softmax, dropout and values).
"""

import scratch_nn.nn.functional as F
from scratch_nn import nn


class CausalSelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.n_head = config.n_head
        self.n_embd = config.n_embd
        self.dropout = config.dropout
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd, bias=config.bias)  # q, k, v for all heads
        self.c_proj = nn.Linear(config.n_embd, config.n_embd, bias=config.bias)
        self.resid_dropout = nn.Dropout(config.dropout)

    def forward(self, x):
        batch, time, channels = x.shape  # (B, T, C)
        head_size = channels // self.n_head
        # subtle: the projections see (B*T, C) rows: one GEMM each (numpy runs a (B, T, C) @ (C, D)
        # product as B separate GEMMs, about twice slower at GPT sizes)
        qkv = self.c_attn(x.reshape(batch * time, channels))  # (B*T, 3C)
        q, k, v = qkv.reshape(batch, time, 3 * channels).split(self.n_embd, dim=2)  # each (B, T, C)
        q = q.view(batch, time, self.n_head, head_size).transpose(1, 2)  # (B, nh, T, hs)
        k = k.view(batch, time, self.n_head, head_size).transpose(1, 2)  # (B, nh, T, hs)
        v = v.view(batch, time, self.n_head, head_size).transpose(1, 2)  # (B, nh, T, hs)
        dropout_p = self.dropout if self.training else 0.0
        y = F.scaled_dot_product_attention(q, k, v, dropout_p=dropout_p, is_causal=True)  # (B, nh, T, hs)
        y = y.transpose(1, 2).reshape(batch * time, channels)  # (B*T, C): heads side by side
        return self.resid_dropout(self.c_proj(y)).reshape(batch, time, channels)  # (B, T, C)
