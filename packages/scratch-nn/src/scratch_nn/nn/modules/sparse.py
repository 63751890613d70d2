"""Embedding: a lookup table of num_embeddings vectors of size embedding_dim (see functional/embedding.py).

weight ~ N(0, 1) initially, as torch, with the padding_idx row (if any) set to zeros; that row
never receives a gradient. Embedding.from_pretrained wraps an existing table (frozen by default).
"""

import numpy as np

from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..functional.embedding import embedding_padding_idx
from ..module import Module
from ..parameter import Parameter
from ._factory import check_size, empty_parameter, parameter_dtype


class Embedding(Module):
    """integer input (*) -> (*, embedding_dim)."""

    def __init__(self, num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
                 scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, device=None, dtype=None):
        super().__init__()
        self.num_embeddings = check_size(num_embeddings, "num_embeddings")
        self.embedding_dim = check_size(embedding_dim, "embedding_dim")
        self.padding_idx = embedding_padding_idx(padding_idx, num_embeddings)
        self.max_norm = max_norm
        self.norm_type = norm_type
        self.scale_grad_by_freq = scale_grad_by_freq
        if sparse:
            raise ValueError("Embedding: sparse gradients are not supported by scratch_nn; use sparse=False")
        self.sparse = sparse
        if _weight is None:
            self.weight = empty_parameter((num_embeddings, embedding_dim), parameter_dtype(dtype, device))
            self.reset_parameters()
        else:
            table = _weight.data if isinstance(_weight, Tensor) else np.asarray(_weight)
            if table.shape != (num_embeddings, embedding_dim):
                raise ValueError(f"Shape of weight {table.shape} does not match num_embeddings and embedding_dim "
                                 f"({num_embeddings}, {embedding_dim})")
            self.weight = Parameter(table, requires_grad=not _freeze)

    def reset_parameters(self):
        init.normal_(self.weight)
        if self.padding_idx is not None:
            self.weight.data[self.padding_idx] = 0

    def forward(self, input):  # noqa: A002 - torch's argument name
        return F.embedding(input, self.weight, self.padding_idx, self.max_norm, self.norm_type,
                           self.scale_grad_by_freq, self.sparse)

    @classmethod
    def from_pretrained(cls, embeddings, freeze=True, padding_idx=None, max_norm=None, norm_type=2.0,
                        scale_grad_by_freq=False, sparse=False):
        """An Embedding whose table is `embeddings` (2-D; shared, not copied), frozen unless freeze=False."""
        if getattr(embeddings, "ndim", None) != 2:
            raise ValueError(f"Embeddings parameter is expected to be 2-dimensional, got shape "
                             f"{getattr(embeddings, 'shape', None)}")
        rows, dim = embeddings.shape
        return cls(rows, dim, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse,
                   _weight=embeddings, _freeze=freeze)

    def extra_repr(self):
        text = f"{self.num_embeddings}, {self.embedding_dim}"
        if self.padding_idx is not None:
            text += f", padding_idx={self.padding_idx}"
        if self.max_norm is not None:
            text += f", max_norm={self.max_norm}"
        if self.norm_type != 2:
            text += f", norm_type={self.norm_type}"
        if self.scale_grad_by_freq:
            text += f", scale_grad_by_freq={self.scale_grad_by_freq}"
        return text
