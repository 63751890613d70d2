"""The kernels of libsvm (as scikit-learn names them) and the rule that picks gamma.

    linear   K(x, z) = <x, z>
    poly     K(x, z) = (gamma <x, z> + coef0)^degree
    rbf      K(x, z) = exp(-gamma ||x - z||^2)
    sigmoid  K(x, z) = tanh(gamma <x, z> + coef0)

Every kernel is one matrix product A @ B' (BLAS) plus elementwise work. For rbf the distances
come from ||x - z||^2 = ||x||^2 - 2 <x, z> + ||z||^2, so no (n_a, n_b, n_features) tensor is built.

gamma: "scale" = 1 / (n_features * X.var()) (1 when X is constant), "auto" = 1 / n_features,
or a non-negative float, as scikit-learn's SVC / SVR.
"""

import numbers

import numpy as np

KERNELS = ("linear", "poly", "rbf", "sigmoid")


def resolve_gamma(gamma, X):
    """The numeric gamma for training data X (n_samples, n_features)."""
    if isinstance(gamma, str):
        if gamma == "scale":
            variance = X.var()
            # subtle: constant X has zero variance; scikit-learn falls back to gamma = 1 then.
            return 1.0 / (X.shape[1] * variance) if variance != 0 else 1.0
        if gamma == "auto":
            return 1.0 / X.shape[1]
        raise ValueError(
            f"When 'gamma' is a string, it should be either 'scale' or 'auto'. Got {gamma!r} instead."
        )
    if not isinstance(gamma, numbers.Real) or isinstance(gamma, bool) or gamma < 0:
        raise ValueError(f"gamma must be 'scale', 'auto' or a non-negative float, got {gamma!r}.")
    return float(gamma)


class Kernel:
    """One kernel function with its hyper-parameters fixed: `kernel(A, B)` -> (n_a, n_b) matrix."""

    def __init__(self, name, gamma=1.0, degree=3, coef0=0.0):
        if name not in KERNELS:
            raise ValueError(f"kernel must be one of {KERNELS}, got {name!r}.")
        self.name, self.gamma, self.degree, self.coef0 = name, gamma, degree, coef0

    def __call__(self, A, B):
        """K(a_i, b_j) for the rows of A (n_a, n_features) and B (n_b, n_features)."""
        if self.name != "rbf":
            return self.from_inner_products(A @ B.T)
        return self.from_inner_products(
            A @ B.T, squared_row_norms(A)[:, None], squared_row_norms(B)[None, :]
        )

    def from_inner_products(self, inner, squared_norm_a=None, squared_norm_b=None):
        """The kernel from inner products `inner` (overwritten), e.g. A @ B' (n_a, n_b) or X @ x_k (n,).

        rbf also needs the squared norms ||a||^2, ||b||^2, each broadcastable against `inner`.
        """
        if self.name == "linear":
            return inner
        if self.name == "poly":
            inner *= self.gamma
            inner += self.coef0
            return inner**self.degree
        if self.name == "sigmoid":
            inner *= self.gamma
            inner += self.coef0
            return np.tanh(inner, out=inner)
        inner *= -2.0
        inner += squared_norm_a
        inner += squared_norm_b  # now ||a - b||^2
        # subtle: cancellation in ||a||^2 - 2<a,b> + ||b||^2 can leave tiny negatives; a distance is >= 0.
        np.maximum(inner, 0.0, out=inner)
        inner *= -self.gamma
        return np.exp(inner, out=inner)

    def diagonal(self, A):
        """K(a_i, a_i) for each row of A: (n_a,), without forming the (n_a, n_a) matrix."""
        if self.name == "rbf":
            return np.ones(A.shape[0])
        squared_norm = squared_row_norms(A)  # (n_a,)
        if self.name == "linear":
            return squared_norm
        if self.name == "poly":
            return (self.gamma * squared_norm + self.coef0) ** self.degree
        return np.tanh(self.gamma * squared_norm + self.coef0)


def squared_row_norms(A):
    """||a_i||^2 for each row of A: (n_a,)."""
    return np.einsum("ij,ij->i", A, A)
