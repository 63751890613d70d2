"""dropout(input, p=0.5, training=True, *, generator=None), as torch.nn.functional.dropout
(plus an optional generator for a reproducible mask)."""

from ...ops.dropout import dropout

__all__ = ["dropout"]
