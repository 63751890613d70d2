"""Seq2SeqTransformer: an encoder-decoder Transformer for translation over scratch_nn.nn.Transformer.

    model = Seq2SeqTransformer(Seq2SeqConfig(vocab_size=10_000))
    logits, loss = model(src, tgt_in, tgt_out)     # src (B, S), tgt_in/out (B, T) token ids

One vocabulary serves both languages, so one embedding matrix E (V, d) is shared three ways
(Press & Wolf 2017): it embeds source tokens, embeds target tokens, and its transpose projects
the decoder's output to logits:

    x = E[src] * sqrt(d) + PE[:S]                     (B, S, d)   dropout, then the encoder
    y = E[tgt_in] * sqrt(d) + PE[:T]                  (B, T, d)   dropout, then the decoder
    logits = decoder(y, encoder(x)) @ E^T             (B, T, V)

Masks: the encoder's self-attention and the decoder's cross-attention ignore source padding
(key_padding_mask); the decoder's self-attention is causal. Target padding needs no mask: it
only ever comes after a sentence's last token, where the causal mask already hides it, and the
loss ignores it (ignore_index = pad). loss = mean label-smoothed cross-entropy over real tokens.
"""

import math

import numpy as np
import scratch_nn as snn
from scratch_nn import Tensor, nn

from .config import Seq2SeqConfig
from .masks import causal_mask, padding_mask
from .positional import sinusoidal_positional_encoding


class Seq2SeqTransformer(nn.Module):
    def __init__(self, config):
        super().__init__()
        if not isinstance(config, Seq2SeqConfig):
            raise TypeError(f"Seq2SeqTransformer needs a Seq2SeqConfig, got {type(config).__name__}")
        self.config = config
        d = config.d_model
        self.transformer = nn.Transformer(d, config.nhead, config.num_encoder_layers, config.num_decoder_layers,
                                          config.dim_feedforward, config.dropout, batch_first=True,
                                          norm_first=config.norm_first)
        self.embedding = nn.Embedding(config.vocab_size, d, padding_idx=config.pad_id)
        with snn.no_grad():  # N(0, 1/d): after the sqrt(d) scale the token vectors have unit size
            self.embedding.weight.normal_(0.0, d ** -0.5)
            self.embedding.weight[config.pad_id] = 0.0
        self.dropout = nn.Dropout(config.dropout)
        self.register_buffer("positional_encoding",
                             Tensor(sinusoidal_positional_encoding(config.max_length, d)), persistent=False)

    def _check_ids(self, ids, name):
        if not isinstance(ids, Tensor) or ids.ndim != 2 or ids.dtype.kind not in "iu":
            raise ValueError(f"{name} must be an integer Tensor of shape (batch, length), got "
                             f"{getattr(ids, 'shape', type(ids).__name__)}")
        if ids.shape[1] > self.config.max_length:
            raise ValueError(f"{name} has {ids.shape[1]} tokens; this model handles at most max_length = "
                             f"{self.config.max_length}")
        if ids.data.size and (ids.data.min() < 0 or ids.data.max() >= self.config.vocab_size):
            raise ValueError(f"{name} holds ids outside [0, {self.config.vocab_size})")

    def embed(self, ids):
        """ids (B, L) -> (B, L, d): scaled shared embedding plus positions, then dropout."""
        length = ids.shape[1]
        x = self.embedding(ids) * math.sqrt(self.config.d_model)  # (B, L, d)
        return self.dropout(x + self.positional_encoding[:length])  # (B, L, d)

    def encode(self, src):
        """src (B, S) -> (memory (B, S, d), source padding mask (B, S))."""
        self._check_ids(src, "src")
        source_padding = padding_mask(src, self.config.pad_id)  # (B, S)
        memory = self.transformer.encoder(self.embed(src), src_key_padding_mask=source_padding)  # (B, S, d)
        return memory, source_padding

    def decode_hidden(self, tgt_in, memory, source_padding):
        """tgt_in (B, T), memory (B, S, d) -> decoder states (B, T, d), before the output projection."""
        self._check_ids(tgt_in, "tgt_in")
        length = tgt_in.shape[1]
        return self.transformer.decoder(self.embed(tgt_in), memory, tgt_mask=causal_mask(length), tgt_is_causal=True,
                                        memory_key_padding_mask=source_padding)  # (B, T, d)

    def project(self, hidden):
        """(..., d) -> (..., V) logits through the shared embedding's transpose."""
        return hidden @ self.embedding.weight.T

    def forward(self, src, tgt_in, tgt_out=None, label_smoothing=0.0):
        """(logits (B, T, V), loss or None): loss is label-smoothed cross-entropy over non-pad targets."""
        memory, source_padding = self.encode(src)
        hidden = self.decode_hidden(tgt_in, memory, source_padding)  # (B, T, d)
        batch, length, width = hidden.shape
        logits = self.project(hidden.reshape(batch * length, width))  # (B T, V)
        loss = None
        if tgt_out is not None:
            if tuple(tgt_out.shape) != (batch, length):
                raise ValueError(f"tgt_out {tuple(tgt_out.shape)} must have the shape of tgt_in {(batch, length)}")
            loss = nn.functional.cross_entropy(logits, tgt_out.reshape(-1), ignore_index=self.config.pad_id,
                                               label_smoothing=label_smoothing)
        return logits.reshape(batch, length, -1), loss

    def num_parameters(self):
        return sum(int(np.prod(p.shape)) for p in self.parameters())
