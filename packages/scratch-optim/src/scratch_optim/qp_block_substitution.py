"""Solves with one lower-triangular L and many right-hand sides: L's diagonal blocks inverted once.

Split L (n, n) into row blocks of `BLOCK_ORDER` (the last one shorter). Forward substitution by
blocks is

    x_i = D_i^-1 (v_i - L_i,<i x_<i),      D_i = L_ii, the i-th diagonal block,

and back substitution for L' x = v the mirror image, x_i = D_i^-T (v_i - (L_>i,i)' x_>i), last block
first. A triangular solve is sequential, one Python-level step per row (scratch_linalg's
substitution), which at the QP's sizes costs more than its flops; every QP iteration solves with
the same L four times (two directions, each through L and L'). So `BlockSubstitution` inverts
the diagonal blocks once, by one scratch_linalg triangular solve each against I (n row steps in
all, the cost of a single solve), and each solve after that takes n / BLOCK_ORDER steps, all
matrix products.

Accuracy: a product with a computed D_i^-1 is not backward stable as substitution is; its error
grows with cond(D_i) (Demmel and Higham, Stability of block algorithms with fast level-3 BLAS,
1992). Here cond(D_i) <= cond(L), since D_i and D_i^-1 are blocks of L and of L^-1, so the
forward error stays of the order of substitution's bound, eps cond(L) |x|, which is all an
interior-point direction needs: the method recomputes its residuals from the iterates at every
step. The tests hold the QP's directions to a dense solve, and its results and iteration counts to
cvxopt's (which uses substitution).
"""

import numpy as np
import scratch_linalg as sla

BLOCK_ORDER = 64  # rows per diagonal block (measured on the QP benchmark: 32-128 within 10%)


class BlockSubstitution:
    """Solve L x = v and L' x = v for a lower-triangular L (n, n), as many times as needed."""

    def __init__(self, lower):
        self.lower = lower
        n = lower.shape[0]
        self.blocks = []  # (start, stop, D^-1 (stop - start, stop - start))
        for start in range(0, n, BLOCK_ORDER):
            stop = min(start + BLOCK_ORDER, n)
            identity = np.eye(stop - start)
            diagonal_inverse = sla.solve_triangular(lower[start:stop, start:stop], identity,
                                                    lower=True)
            self.blocks.append((start, stop, diagonal_inverse))

    def solve(self, v):
        """L^-1 v for v (n,) or (n, k)."""
        x = np.array(v, dtype=np.float64)  # (n,) or (n, k), a copy
        for start, stop, diagonal_inverse in self.blocks:
            x[start:stop] = diagonal_inverse @ (
                x[start:stop] - self.lower[start:stop, :start] @ x[:start])
        return x

    def solve_transposed(self, v):
        """L^-T v for v (n,) or (n, k)."""
        x = np.array(v, dtype=np.float64)  # (n,) or (n, k), a copy
        for start, stop, diagonal_inverse in reversed(self.blocks):
            x[start:stop] = diagonal_inverse.T @ (
                x[start:stop] - self.lower[stop:, start:stop].T @ x[stop:])
        return x
