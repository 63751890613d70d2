"""Dropout: zero entries with probability p while training (scaling the rest by 1 / (1 - p));
the identity in evaluation mode (model.eval()). See ops/dropout.py."""

from .. import functional as F
from ..module import Module


class Dropout(Module):
    """`inplace` is accepted for torch's signature; the result is always a new tensor."""

    def __init__(self, p=0.5, inplace=False):
        super().__init__()
        if isinstance(p, bool) or not isinstance(p, (int, float)) or not 0.0 <= p <= 1.0:
            raise ValueError(f"dropout probability has to be between 0 and 1, but got {p!r}")
        self.p = p
        self.inplace = inplace

    def forward(self, input):  # noqa: A002 - torch's argument name
        return F.dropout(input, self.p, self.training)

    def extra_repr(self):
        return f"p={self.p}, inplace={self.inplace}"
