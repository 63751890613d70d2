"""Kernel columns K(X, x_k) on demand, for the SMO solver, within a memory budget (libsvm's cache).

SMO touches two kernel columns per step and, near the end, the same few columns again and again,
while most of the (n, n) matrix is never looked at (the samples far from the margin). So, as
libsvm, a column is computed when first asked for (one matrix-vector product X @ x_k and the
elementwise kernel) and kept in a least-recently-used cache of as many columns as fit in
`cache_bytes` (scikit-learn's cache_size, 200 MB by default: 5000 columns of 5000 samples).
"""

from collections import OrderedDict

from ._kernels import squared_row_norms


class KernelColumns:
    """Columns of K = kernel(X, X) for X (n_samples, n_features)."""

    def __init__(self, X, kernel, cache_bytes):
        self.X, self.kernel = X, kernel
        n_samples = X.shape[0]
        self.diagonal = kernel.diagonal(X)  # (n_samples,)
        self.squared_norms = squared_row_norms(X) if kernel.name == "rbf" else None  # (n_samples,)
        self.capacity = max(2, int(cache_bytes // (8 * n_samples)))  # two columns per step at least
        self.cached = OrderedDict()  # sample index -> (n_samples,) column

    def column(self, k):
        """K(X, x_k): (n_samples,)."""
        column = self.cached.get(k)
        if column is not None:
            self.cached.move_to_end(k)
            return column
        squared_norm_k = None if self.squared_norms is None else self.squared_norms[k]
        column = self.kernel.from_inner_products(
            self.X @ self.X[k], self.squared_norms, squared_norm_k
        )
        self.cached[k] = column
        if len(self.cached) > self.capacity:
            self.cached.popitem(last=False)
        return column

    def full(self):
        """The whole (n_samples, n_samples) matrix, made exactly symmetric (for a dense QP)."""
        matrix = self.kernel(self.X, self.X)
        # subtle: BLAS need not round <x_i, x_j> and <x_j, x_i> the same way; a QP wants P = P'.
        return 0.5 * (matrix + matrix.T)
