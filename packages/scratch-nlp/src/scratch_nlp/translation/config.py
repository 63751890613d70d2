"""Seq2SeqConfig: the shape of a translation Transformer, saved as config.json beside its weights."""

import json
from dataclasses import asdict, dataclass

from .._json_files import dataclass_from_dict


@dataclass(frozen=True)
class Seq2SeqConfig:
    vocab_size: int  # the shared (source + target) BPE vocabulary, special tokens included
    d_model: int = 256  # width of every token vector
    nhead: int = 4  # attention heads; d_model % nhead == 0
    num_encoder_layers: int = 3
    num_decoder_layers: int = 3
    dim_feedforward: int = 1024  # hidden width of each position-wise MLP
    dropout: float = 0.1
    max_length: int = 64  # tokens per sequence, <s> and </s> included (size of the positional table)
    pad_id: int = 0
    bos_id: int = 1
    eos_id: int = 2
    norm_first: bool = True  # pre-norm layers (stabler with a short warmup than torch's post-norm default)

    def __post_init__(self):
        for name in ("vocab_size", "d_model", "nhead", "num_encoder_layers", "num_decoder_layers",
                     "dim_feedforward", "max_length"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"Seq2SeqConfig.{name} must be a positive int, got {value!r}")
        if self.d_model % self.nhead:
            raise ValueError(f"d_model ({self.d_model}) must be divisible by nhead ({self.nhead})")
        if not 0.0 <= self.dropout < 1.0:
            raise ValueError(f"dropout must be in [0, 1), got {self.dropout!r}")
        if self.max_length < 3:
            raise ValueError(f"max_length must leave room for <s>, one token and </s>, got {self.max_length}")
        specials = (self.pad_id, self.bos_id, self.eos_id)
        if len(set(specials)) != 3 or not all(0 <= i < self.vocab_size for i in specials):
            raise ValueError(f"pad/bos/eos ids {specials} must be distinct and below vocab_size {self.vocab_size}")

    def to_json(self):
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_dict(cls, values):
        """A config from a dict (e.g. parsed config.json); unknown or missing keys are named."""
        if isinstance(values, dict) and "vocab_size" not in values:
            raise ValueError("Seq2SeqConfig needs vocab_size")
        return dataclass_from_dict(cls, values)
