"""Flatten (merge dims start_dim..end_dim into one) and Unflatten (split one dim into several).

    Flatten()(x of shape (N, C, H, W))            -> (N, C * H * W)
    Unflatten(1, (C, H, W))(x of shape (N, CHW))  -> (N, C, H, W)     (one entry may be -1)
"""

from ...ops._dims import normalize_dim
from ..module import Module


class Flatten(Module):
    def __init__(self, start_dim=1, end_dim=-1):
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input):  # noqa: A002 - torch's argument name
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self):
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Unflatten(Module):
    def __init__(self, dim, unflattened_size):
        super().__init__()
        if not isinstance(dim, int) or isinstance(dim, bool):
            raise TypeError(f"Unflatten: dim must be an int, got {dim!r}")
        if not isinstance(unflattened_size, (tuple, list)) or not all(isinstance(n, int) for n in unflattened_size):
            raise TypeError(f"Unflatten: unflattened_size must be a tuple of ints, got {unflattened_size!r}")
        self.dim = dim
        self.unflattened_size = unflattened_size

    def forward(self, input):  # noqa: A002
        dim = normalize_dim(self.dim, input.ndim)
        sizes = list(self.unflattened_size)
        known = 1
        for n in sizes:
            known *= n if n != -1 else 1
        if sizes.count(-1) > 1 or (sizes.count(-1) == 0 and known != input.shape[dim]) \
                or (sizes.count(-1) == 1 and input.shape[dim] % known):
            raise ValueError(f"unflattened_size {tuple(sizes)} must multiply to the size of dim {self.dim}, "
                             f"which is {input.shape[dim]} in input of shape {input.shape}")
        return input.reshape(input.shape[:dim] + tuple(sizes) + input.shape[dim + 1:])

    def extra_repr(self):
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"
