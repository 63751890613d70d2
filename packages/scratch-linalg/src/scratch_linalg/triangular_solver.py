"""Many solves with one triangular matrix: its diagonal blocks inverted once, then matrix products.

`solve_triangular` recurses down to blocks of a few dozen rows and substitutes there, one
Python-level step per row. When the same T meets many right-hand sides with few columns each (an
interior-point method solves with one Cholesky factor four times an iteration), those per-row steps
cost more than the flops. `TriangularSolver` pays for the diagonal blocks once instead: split a
lower-triangular L (n, n) into row blocks of `BLOCK_ORDER` (the last one shorter), invert every
diagonal block D_i = L_ii at construction, all as one stack (inv_triangular's recursive halving),
and forward substitution by blocks is

    x_i = D_i^-1 (v_i - L_i,<i x_<i),

back substitution for L' x = v its mirror image, x_i = D_i^-T (v_i - (L_>i,i)' x_>i), last block
first: n / BLOCK_ORDER steps per solve, all matrix products. An upper-triangular T is handled as
L = T', a view: T x = v is L' x = v.

Accuracy: a product with a computed D_i^-1 is not backward stable as substitution is; its error
grows with cond(D_i) (Demmel and Higham, Stability of block algorithms with fast level-3 BLAS,
1992). But cond(D_i) <= cond(L), since D_i and D_i^-1 are blocks of L and of L^-1, so the forward
error stays of the order of substitution's bound, eps cond(L) |x|. Where a small residual
T x - v matters more than a small error in x, use solve_triangular.
"""

from typing import NamedTuple

import numpy as np

from ._right_hand_side import row_count
from ._validate import as_float_array, check_finite, matrix_input, result_dtype
from .triangular import TRANSPOSE_CODES
from .triangular_inverse import check_nonsingular_diagonals, invert_lower_stack

BLOCK_ORDER = 64  # rows per diagonal block (measured on scratch-optim's QP benchmark)


class RowBlock(NamedTuple):
    """Rows start:stop of L (block i) and the views of L a solve reads for them."""

    start: int
    stop: int
    diagonal_inverse: np.ndarray  # (..., b, b), D_i^-1
    diagonal_inverse_transposed: np.ndarray  # (..., b, b), D_i^-T
    left: np.ndarray  # (..., b, start), L_i,<i
    below_transposed: np.ndarray  # (..., b, n - stop), (L_>i,i)'


class TriangularSolver:
    """Solve T x = b and T' x = b for one triangular T (..., N, N), as many times as needed.

    T: only its `lower` (or upper, the default as in solve_triangular) triangle is read; a zero on
       its diagonal raises LinAlgError "singular matrix", a non-square T LinAlgError, NaN or inf
       ValueError, all at construction. T is kept by reference: do not write into it afterwards.

    >>> solver = TriangularSolver(np.array([[2.0, 0.0], [1.0, 1.0]]), lower=True)
    >>> solver.solve(np.array([4.0, 3.0]))
    array([2., 1.])
    >>> solver.solve(np.array([4.0, 3.0]), trans=1)
    array([0.5, 3. ])
    """

    def __init__(self, a, lower=False):
        a = matrix_input(a, "a", square=True)
        check_nonsingular_diagonals(a)
        self.shape, self.dtype = a.shape, a.dtype
        # T = L (lower) or T = L' (upper): L is the lower-triangular view both solves read.
        L = a if lower else a.swapaxes(-1, -2)  # (..., n, n)
        self._is_transposed = not lower
        n = a.shape[-1]
        order = max(min(BLOCK_ORDER, n), 1)  # (1 keeps range() valid for n == 0: no blocks)
        spans = [(start, min(start + order, n)) for start in range(0, n, order)]
        # subtle: the blocks are inverted as one stack, so the short last block is padded with I:
        # [[D, 0], [0, I]]^-1 = [[D^-1, 0], [0, I]].
        blocks = np.zeros(a.shape[:-2] + (len(spans), order, order), a.dtype)  # (..., blocks, b, b)
        for index, (start, stop) in enumerate(spans):
            size = stop - start
            blocks[..., index, :size, :size] = L[..., start:stop, start:stop]
            if size < order:
                blocks[..., index, size:, size:] = np.eye(order - size, dtype=a.dtype)
        if blocks.size:  # (n == 0 or an empty batch: nothing to invert)
            blocks = invert_lower_stack(blocks.reshape(-1, order, order)).reshape(blocks.shape)
        # Per block i: its rows, D_i^-1, L_i,<i (for L x = v) and (L_>i,i)' (for L' x = v), all
        # views taken once, since a solve at the sizes this class is for is mostly overhead.
        self._blocks = []
        for index, (start, stop) in enumerate(spans):
            diagonal_inverse = blocks[..., index, : stop - start, : stop - start]  # (..., b, b)
            self._blocks.append(RowBlock(
                start, stop, diagonal_inverse, diagonal_inverse.swapaxes(-1, -2),
                L[..., start:stop, :start],  # (..., b, start)
                L[..., stop:, start:stop].swapaxes(-1, -2),  # (..., b, n - stop)
            ))

    def solve(self, b, trans=0):
        """x with T x = b (trans 0 / 'N') or T' x = b (trans 1 / 'T' / 2 / 'C').

        b: (N,) for one right-hand side, else (..., N, K); batch axes broadcast against T's, as in
           solve_triangular. b is never written.
        Returns x with b's shape (batch axes broadcast) in the common float dtype of T and b.
        """
        transpose = TRANSPOSE_CODES.get(trans)
        if transpose is None:
            raise ValueError(f"trans must be 0, 1, 2, 'N', 'T' or 'C', got {trans!r}")
        b = check_finite(as_float_array(b, "b"), "b")
        n = self.shape[-1]
        if row_count(b) != n:
            raise ValueError(f"shapes of a {self.shape} and b {b.shape} are incompatible")
        dtype = self.dtype if b.dtype == self.dtype else result_dtype(np.empty(0, self.dtype), b)
        vector = b.ndim == 1
        if len(self.shape) == 2 and b.ndim <= 2:
            # one T, b (n,) or (n, k): x[start:stop] is a block of rows either way
            x = b.astype(dtype)  # a copy
            around = ((), ())  # index x[start:stop]
        else:
            columns = b[:, None] if vector else b  # (..., n, k)
            batch = np.broadcast_shapes(self.shape[:-2], columns.shape[:-2])
            x = np.array(np.broadcast_to(columns, batch + columns.shape[-2:]), dtype=dtype)
            around = ((Ellipsis,), (slice(None),))  # index x[..., start:stop, :]
        if transpose == self._is_transposed:  # L x = b
            self._forward(x, around)
        else:  # L' x = b
            self._backward(x, around, n)
        return x[..., 0] if vector and x.ndim > 1 else x

    def _forward(self, x, around):
        """x <- L^-1 x, one row block at a time, first block first:
        x_i = D_i^-1 (x_i - L_i,<i x_<i)."""
        for row_block in self._blocks:
            here = rows(around, row_block.start, row_block.stop)
            before = rows(around, 0, row_block.start)
            x[here] = row_block.diagonal_inverse @ (x[here] - row_block.left @ x[before])

    def _backward(self, x, around, n):
        """x <- L^-T x, one row block at a time, last block first:
        x_i = D_i^-T (x_i - (L_>i,i)' x_>i)."""
        for row_block in reversed(self._blocks):
            here = rows(around, row_block.start, row_block.stop)
            after = rows(around, row_block.stop, n)
            x[here] = row_block.diagonal_inverse_transposed @ (
                x[here] - row_block.below_transposed @ x[after])


def rows(around, start, stop):
    """The index of rows start:stop of x, with `around` = (axes before, axes after) the rows.

    >>> rows(((Ellipsis,), (slice(None),)), 0, 2)
    (Ellipsis, slice(0, 2, None), slice(None, None, None))
    """
    before, after = around
    return (*before, slice(start, stop), *after)
