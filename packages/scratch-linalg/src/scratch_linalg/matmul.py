"""Blocked matrix product C = A B, with numpy's `matmul` semantics.

The math is C[i, j] = sum_k A[i, k] B[k, j]: 2 m k n flops for (m, k) @ (k, n).

The loops run over square tiles of side `block_size` in the i-k-j order:

    for each row block I of A and C:
        for each inner block K:
            A_IK = A[I, K]                      # loaded once, reused across the whole j loop
            for each column block J of B and C:
                C[I, J] += A_IK @ B[K, J]

Why this order: the tile A_IK stays in cache while the j loop streams the row panel B[K, :]
past it, and C[I, :] is the only output that is written during one i step. The naive i-j-k
order over elements reads a whole column of B (stride n) for every single output; tiling turns
those O(m n k) scattered reads into O(m n k / block_size) reads of contiguous tiles. Each tile
product itself goes through `@` (BLAS), so the flops run at BLAS speed and the Python loop only
pays ceil(m/b) * ceil(k/b) * ceil(n/b) tile dispatches.

numpy's rules, kept here:
- a 1-D `a` is promoted to a row (1, k), a 1-D `b` to a column (k, 1), and the added axis is
  removed from the result;
- leading axes are batch axes and broadcast against each other; every tile product broadcasts
  over them for free, so a batch costs no extra Python loop;
- scalars and mismatched inner dimensions raise ValueError with numpy's wording.
"""

import numpy as np

from ._validate import as_float_array, result_dtype

_SIGNATURE = "(n?,k),(k,m?)->(n?,m?)"


def matmul(a, b, block_size=64):
    """Matrix product of two arrays, computed tile by tile (numpy.matmul semantics).

    a: (..., m, k) or (k,);  b: (..., k, n) or (k,)  ->  (..., m, n), with the 1-D axes dropped.
    block_size: side of the square tiles the loops walk over.
    """
    a = as_float_array(a, "a")
    b = as_float_array(b, "b")
    for position, operand in enumerate((a, b)):
        if operand.ndim == 0:
            raise ValueError(
                f"matmul: Input operand {position} does not have enough dimensions (has 0, "
                f"gufunc core with signature {_SIGNATURE} requires 1)"
            )
    if block_size < 1:
        raise ValueError(f"block_size must be a positive integer (got {block_size})")
    a_was_vector, b_was_vector = a.ndim == 1, b.ndim == 1
    a_matrix = a[np.newaxis, :] if a_was_vector else a  # (..., m, k)
    b_matrix = b[:, np.newaxis] if b_was_vector else b  # (..., k, n)
    if a_matrix.shape[-1] != b_matrix.shape[-2]:
        raise ValueError(
            f"matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
            f"signature {_SIGNATURE} (size {b_matrix.shape[-2]} is different from "
            f"{a_matrix.shape[-1]})"
        )
    try:
        batch_shape = np.broadcast_shapes(a_matrix.shape[:-2], b_matrix.shape[:-2])
    except ValueError:
        raise ValueError(
            f"matmul: operands could not be broadcast together: batch shapes "
            f"{a_matrix.shape[:-2]} and {b_matrix.shape[:-2]} (from {a.shape} and {b.shape})"
        ) from None

    product = _blocked_product(a_matrix, b_matrix, batch_shape, block_size, result_dtype(a, b))
    if a_was_vector:
        product = product[..., 0, :]  # (..., n)
    if b_was_vector:
        product = product[..., 0]  # (..., m) or ()
    return product


def _blocked_product(a, b, batch_shape, block_size, dtype):
    """C = A B over tiles in i-k-j order; a: (..., m, k), b: (..., k, n) -> (*batch, m, n)."""
    m, inner, n = a.shape[-2], a.shape[-1], b.shape[-1]
    a = a.astype(dtype, copy=False)
    b = b.astype(dtype, copy=False)
    # subtle: zeros, not empty: when inner == 0 no tile is ever added and C is the zero matrix.
    product = np.zeros(batch_shape + (m, n), dtype=dtype)  # (..., m, n)
    for row in range(0, m, block_size):
        row_end = min(row + block_size, m)
        for mid in range(0, inner, block_size):
            mid_end = min(mid + block_size, inner)
            a_tile = a[..., row:row_end, mid:mid_end]  # (..., bi, bk)
            for col in range(0, n, block_size):
                col_end = min(col + block_size, n)
                product[..., row:row_end, col:col_end] += a_tile @ b[..., mid:mid_end, col:col_end]
    return product
