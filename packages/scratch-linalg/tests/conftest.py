"""Shared test fixtures: seeded generators and matrices with a chosen condition number or rank.

The matrices are built as U diag(s) V^T from random orthogonal U, V (numpy's QR: test side only),
so a test can ask for exactly the conditioning it wants to probe.
"""

import os

import numpy as np
import pytest
from hypothesis import settings

# In CI, hypothesis replays the same examples on every run (derandomize), so a red build is
# always reproducible; locally it keeps exploring new examples.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


class MatrixFactory:
    def __init__(self, rng):
        self.rng = rng

    def orthogonal(self, n):
        q, r = np.linalg.qr(self.rng.standard_normal((n, n)))
        return q * np.sign(np.diag(r))

    def general(self, m, n=None, dtype=np.float64):
        n = m if n is None else n
        return self.rng.standard_normal((m, n)).astype(dtype)

    def with_singular_values(self, s, m=None, n=None, dtype=np.float64):
        """An (m, n) matrix whose singular values are exactly `s` (padded with zeros)."""
        k = len(s)
        m = k if m is None else m
        n = k if n is None else n
        sigma = np.zeros((m, n))
        sigma[np.arange(k), np.arange(k)] = s
        return (self.orthogonal(m) @ sigma @ self.orthogonal(n).T).astype(dtype)

    def conditioned(self, n, cond, dtype=np.float64):
        """A square matrix with 2-norm condition number `cond` (log-spaced singular values)."""
        return self.with_singular_values(np.logspace(0, -np.log10(cond), n), dtype=dtype)

    def rank_deficient(self, m, n, rank, dtype=np.float64):
        s = np.concatenate([self.rng.uniform(1, 2, rank), np.zeros(min(m, n) - rank)])
        return self.with_singular_values(s, m, n, dtype=dtype)

    def spd(self, n, cond=10.0, dtype=np.float64):
        """A symmetric positive definite matrix with condition number `cond`."""
        q = self.orthogonal(n)
        eigenvalues = np.logspace(0, -np.log10(cond), n)
        a = (q * eigenvalues) @ q.T
        return ((a + a.T) / 2).astype(dtype)

    def symmetric(self, n, dtype=np.float64):
        a = self.rng.standard_normal((n, n))
        return ((a + a.T) / 2).astype(dtype)


@pytest.fixture
def rng():
    return np.random.default_rng(20261121)


@pytest.fixture
def matrices(rng):
    return MatrixFactory(rng)
