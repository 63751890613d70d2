"""Solves with one lower-triangular L and many right-hand sides: L's diagonal blocks inverted once.

Split L (n, n) into row blocks of `BLOCK_ORDER` (the last one shorter). Forward substitution by
blocks is

    x_i = D_i^-1 (v_i - L_i,<i x_<i),      D_i = L_ii, the i-th diagonal block,

and back substitution for L' x = v the mirror image, x_i = D_i^-T (v_i - (L_>i,i)' x_>i), last block
first: n / BLOCK_ORDER steps, all matrix products. A plain triangular solve (scratch_linalg's
substitution) takes one Python-level step per row, which at the QP's sizes costs more than its
flops, and every QP iteration solves with the same L four times (two directions, each through L
and L'). So `BlockSubstitution` forms the D_i^-1 once per factorization, all together, by
recursive halving (the block method of LAPACK's dtrtri):

    [A  0]^-1   [     A^-1         0  ]
    [B  C]    = [-C^-1 B A^-1    C^-1 ]

with the A and C halves of every block inverted as one stack of matrices half the size, down to
1 x 1 (a reciprocal): log2(BLOCK_ORDER) batched products instead of n substitution steps.

Accuracy: the inverses are as accurate as triangular inversion by substitution (Du Croz and Higham,
Stability of methods for matrix inversion, 1992). A product with a computed D_i^-1 is not
backward stable as substitution is; its error grows with cond(D_i) (Demmel and Higham, Stability
of block algorithms with fast level-3 BLAS, 1992). Here cond(D_i) <= cond(L), since D_i and D_i^-1
are blocks of L and of L^-1, so the forward error stays of the order of substitution's bound,
eps cond(L) |x|, which is all an interior-point direction needs: the method recomputes its
residuals from the iterates at every step. The tests hold these solves to scipy's, the QP's
directions to a dense solve, and its results and iteration counts to cvxopt's (which substitutes).
"""

import numpy as np

BLOCK_ORDER = 64  # rows per diagonal block, a power of two (measured on the QP benchmark)


class BlockSubstitution:
    """Solve L x = v and L' x = v for a lower-triangular L (n, n) with a nonzero diagonal (as a
    Cholesky factor has), as many times as needed."""

    def __init__(self, lower):
        self.lower = lower
        n = lower.shape[0]
        # subtle: the halving needs a power-of-two order, so blocks are BLOCK_ORDER rows, or the
        # next power of two above n when n is smaller; the short last block is padded with I.
        order = min(BLOCK_ORDER, 1 << max(n - 1, 0).bit_length())
        self.spans = [(start, min(start + order, n)) for start in range(0, n, order)]
        diagonal_blocks = np.zeros((len(self.spans), order, order))  # (blocks, order, order)
        for block, (start, stop) in zip(diagonal_blocks, self.spans, strict=True):
            size = stop - start
            block[:size, :size] = lower[start:stop, start:stop]
            block[size:, size:] = np.eye(order - size)  # [[D, 0], [0, I]]^-1 = [[D^-1, 0], [0, I]]
        self.diagonal_inverses = [inverse[: stop - start, : stop - start] for inverse, (start, stop)
                                  in zip(invert_lower_triangular(diagonal_blocks), self.spans,
                                         strict=True)]

    def solve(self, v):
        """L^-1 v for v (n,) or (n, k)."""
        x = np.array(v, dtype=np.float64)  # (n,) or (n, k), a copy
        for (start, stop), diagonal_inverse in zip(self.spans, self.diagonal_inverses):
            x[start:stop] = diagonal_inverse @ (
                x[start:stop] - self.lower[start:stop, :start] @ x[:start])
        return x

    def solve_transposed(self, v):
        """L^-T v for v (n,) or (n, k)."""
        x = np.array(v, dtype=np.float64)  # (n,) or (n, k), a copy
        for (start, stop), diagonal_inverse in zip(reversed(self.spans),
                                                   reversed(self.diagonal_inverses)):
            x[start:stop] = diagonal_inverse.T @ (
                x[start:stop] - self.lower[stop:, start:stop].T @ x[stop:])
        return x


def invert_lower_triangular(T):
    """The inverses of a stack of lower-triangular matrices T (count, b, b), b a power of two, by
    the recursive halving above; reads only T's lower triangles (its diagonals must be nonzero).

    >>> invert_lower_triangular(np.array([[[2.0, 0.0], [1.0, 1.0]]]))
    array([[[ 0.5,  0. ],
            [-0.5,  1. ]]])
    """
    count, order = T.shape[0], T.shape[-1]
    if order == 1:
        return 1.0 / T
    half = order // 2
    # A and C of every matrix in one stack: (2 count, half, half)
    halves = invert_lower_triangular(np.concatenate([T[:, :half, :half], T[:, half:, half:]]))
    A_inverse, C_inverse = halves[:count], halves[count:]  # (count, half, half) each
    inverse = np.zeros_like(T)  # (count, b, b)
    inverse[:, :half, :half] = A_inverse
    inverse[:, half:, half:] = C_inverse
    inverse[:, half:, :half] = -C_inverse @ T[:, half:, :half] @ A_inverse
    return inverse
