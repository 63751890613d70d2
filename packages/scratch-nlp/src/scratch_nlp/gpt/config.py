"""GPTConfig: the shape of a decoder-only transformer, as nanoGPT's (plus GPT-2's two knobs).

The defaults are GPT-2 small (124M): 12 layers, 12 heads, 768 dims, 1024 positions, GPT-2's
50257 BPE tokens, biases on, the tanh-approximated GELU ("gelu_new") and LayerNorm eps 1e-5.
nanoGPT's Shakespeare models turn biases off and use the exact GELU; both are one field here.
"""

import json
from dataclasses import asdict, dataclass

from .._json_files import dataclass_from_dict

GELU_APPROXIMATIONS = ("tanh", "none")  # "tanh" is GPT-2's gelu_new, "none" the exact erf GELU


@dataclass(frozen=True)
class GPTConfig:
    vocab_size: int = 50257     # rows of the token embedding (and of the tied output layer)
    block_size: int = 1024      # longest context: rows of the position embedding
    n_layer: int = 12           # transformer blocks
    n_head: int = 12            # attention heads per block; n_embd must be a multiple
    n_embd: int = 768           # width of the residual stream
    dropout: float = 0.0        # on embeddings, attention weights and residual branches (training only)
    bias: bool = True           # biases in Linear and LayerNorm layers (GPT-2: True, nanoGPT: False)
    gelu_approximate: str = "tanh"  # "tanh" (GPT-2) or "none" (exact, nanoGPT's nn.GELU())
    layer_norm_eps: float = 1e-5

    def __post_init__(self):
        for name in ("vocab_size", "block_size", "n_layer", "n_head", "n_embd"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"GPTConfig: {name} must be a positive integer, got {value!r}")
        if self.n_embd % self.n_head:
            raise ValueError(f"GPTConfig: n_embd ({self.n_embd}) must be a multiple of n_head ({self.n_head})")
        if isinstance(self.dropout, bool) or not isinstance(self.dropout, (int, float)) or not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"GPTConfig: dropout must be in [0, 1), got {self.dropout!r}")
        if not isinstance(self.bias, bool):
            raise TypeError(f"GPTConfig: bias must be True or False, got {self.bias!r}")
        if self.gelu_approximate not in GELU_APPROXIMATIONS:
            raise ValueError(f"GPTConfig: gelu_approximate must be one of {GELU_APPROXIMATIONS}, "
                             f"got {self.gelu_approximate!r}")
        if not isinstance(self.layer_norm_eps, (int, float)) or not self.layer_norm_eps > 0:
            raise ValueError(f"GPTConfig: layer_norm_eps must be a positive number, got {self.layer_norm_eps!r}")

    @property
    def head_size(self):
        return self.n_embd // self.n_head

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        """A config from a dict (e.g. read from JSON); unknown keys are an error, missing ones default."""
        return dataclass_from_dict(cls, data)

    def to_json(self):
        return json.dumps(self.to_dict(), indent=2)
