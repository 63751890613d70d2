"""A pre-LayerNorm transformer block and its MLP, as GPT-2's (and nanoGPT's).

    x = x + attn(ln_1(x))          the residual stream is never normalized itself,
    x = x + mlp(ln_2(x))           each branch reads a normalized copy and adds back

    mlp(x) = dropout(gelu(x W_fc + b_fc) W_proj + b_proj)      C -> 4C -> C
"""

import scratch_nn.nn.functional as F
from scratch_nn import nn

from .attention import CausalSelfAttention


class MLP(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.gelu_approximate = config.gelu_approximate
        self.c_fc = nn.Linear(config.n_embd, 4 * config.n_embd, bias=config.bias)
        self.c_proj = nn.Linear(4 * config.n_embd, config.n_embd, bias=config.bias)
        self.dropout = nn.Dropout(config.dropout)

    def forward(self, x):  # (B, T, C)
        rows = x.reshape(-1, x.shape[-1])  # (B*T, C): one GEMM per layer (see attention.py)
        hidden = F.gelu(self.c_fc(rows), approximate=self.gelu_approximate)  # (B*T, 4C)
        return self.dropout(self.c_proj(hidden)).reshape(x.shape)  # (B, T, C)


class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.ln_1 = nn.LayerNorm(config.n_embd, eps=config.layer_norm_eps, bias=config.bias)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = nn.LayerNorm(config.n_embd, eps=config.layer_norm_eps, bias=config.bias)
        self.mlp = MLP(config)

    def forward(self, x):  # (B, T, C)
        x = x + self.attn(self.ln_1(x))  # (B, T, C)
        return x + self.mlp(self.ln_2(x))  # (B, T, C)
