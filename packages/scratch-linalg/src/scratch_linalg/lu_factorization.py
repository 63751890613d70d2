"""LU factorization with partial pivoting, P^T A = L U, blocked and recursive (LAPACK's dgetrf).

Right-looking and blocked: for each block column of width `BLOCK_COLUMNS`,

    1. factor the tall panel A[j:, j:j+b] = P_panel L_panel U11 (recursively, see below);
    2. apply the panel's row interchanges to the rest of those rows (only rows that moved);
    3. U12 = L11^-1 A12                  (triangular solve, mostly `@`);
    4. A22 <- A22 - L21 U12              (one matrix product: the bulk of the flops).

The panel is factored by Toledo's recursion: factor its left half, swap and solve the right half
against it, update, factor the right half, then swap the left half's lower rows. Below
`LEAF_COLUMNS` columns the classic unblocked elimination takes over: find the largest entry in
the column (partial pivoting: |L| <= 1), swap it up, divide, rank-1 update.

Row interchanges are carried as a permutation `perm` (A_original[perm] = L U), composed with fancy
indexing, and turned into LAPACK's swap list `piv` only at the end.
Cost: 2/3 n^3 flops for n x n (m n^2 - n^3 / 3 for m x n, m >= n).
"""

import numpy as np

from .triangular import solve_triangular_in_place

BLOCK_COLUMNS = 64  # width of the outer block columns
LEAF_COLUMNS = 16  # panels this narrow are eliminated column by column


def lu_in_place(a):
    """Overwrite a (m, n) with L (strictly below the diagonal, unit diagonal implied) and U.

    Returns perm (m,) with a_original[perm] = L @ U. A zero pivot column is left as it is (U gets
    an exact zero on its diagonal), as LAPACK does; callers decide whether that is an error.
    """
    m, n = a.shape
    steps = min(m, n)
    perm = np.arange(m)
    for j in range(0, steps, BLOCK_COLUMNS):
        end = min(j + BLOCK_COLUMNS, steps)
        # subtle: the panel's work is column by column, so give it a column-major copy; in
        # place on the row-major a, every column step would touch one cache line per row.
        panel = np.asfortranarray(a[j:, j:end])  # (m - j, b)
        panel_perm = _factor_panel(panel)  # (m - j,)
        a[j:, j:end] = panel
        _permute_rows(panel_perm, a[j:, :j], a[j:, end:], perm[j:])
        if end < n:
            u12 = a[j:end, end:]  # (b, n - end)
            solve_triangular_in_place(a[j:end, j:end], u12, lower=True, unit_diagonal=True)
            a[end:, end:] -= a[end:, j:end] @ u12  # (m - end, n - end)
    return perm


def _factor_panel(panel):
    """Recursive LU of a tall panel (rows >= columns), in place; returns its row permutation."""
    columns = panel.shape[1]
    if columns <= LEAF_COLUMNS:
        return _factor_panel_unblocked(panel)
    half = columns // 2
    left, right = panel[:, :half], panel[:, half:]  # (rows, half), (rows, columns - half)
    perm = _factor_panel(left)  # (rows,)
    _permute_rows(perm, right)
    solve_triangular_in_place(left[:half], right[:half], lower=True, unit_diagonal=True)
    right[half:] -= left[half:] @ right[:half]  # (rows - half, columns - half)
    lower_perm = _factor_panel(right[half:])  # (rows - half,)
    _permute_rows(lower_perm, left[half:], perm[half:])
    return perm


def _factor_panel_unblocked(panel):
    """Gaussian elimination with partial pivoting, one column at a time (LAPACK's dgetf2)."""
    rows, columns = panel.shape
    perm = list(range(rows))  # subtle: a list: swapping two Python ints beats two numpy writes
    by_column = panel.T  # (columns, rows): row j is column j, contiguous for a column-major panel
    for j in range(columns):
        column = by_column[j]  # (rows,)
        # subtle: argmax takes the first of equal magnitudes, as LAPACK's idamax does.
        pivot = j + int(np.abs(column[j:]).argmax())
        if pivot != j:
            swapped = panel[j].copy()  # (columns,)
            panel[j] = panel[pivot]
            panel[pivot] = swapped
            perm[j], perm[pivot] = perm[pivot], perm[j]
        pivot_value = column[j]
        # subtle: an all-zero column has nothing to eliminate; skip the 0 / 0 (LAPACK does too).
        if pivot_value != 0:
            multipliers = column[j + 1 :]  # (rows - j - 1,): becomes L[j+1:, j]
            multipliers /= pivot_value
            # rank-1 update of the rest, panel[j+1:, j+1:] -= L[j+1:, j] U[j, j+1:]
            by_column[j + 1 :, j + 1 :] -= by_column[j + 1 :, j, None] * multipliers
    return np.array(perm)


def _permute_rows(perm, *blocks):
    """block <- block[perm] for each block, moving only the rows that change (few of many)."""
    moved = np.flatnonzero(perm != np.arange(len(perm)))
    if moved.size:
        source = perm[moved]
        for block in blocks:
            block[moved] = block[source]


def pivots_from_permutation(perm, steps):
    """LAPACK's 0-based swap list: step i swapped row i with row piv[i] (piv[i] >= i).

    Replays the swaps that bring row perm[i] to position i, one step at a time (sequential by
    nature, O(m) Python steps on lists).  [2, 0, 1] -> [2, 2]: swap 0<->2 gives [2, 1, 0], then
    swap 1<->2 gives [2, 0, 1].
    """
    row_at = list(range(len(perm)))  # the original row now at each position
    position_of = list(range(len(perm)))  # the position now holding each original row
    pivots = np.empty(steps, dtype=np.int32)
    for i, wanted in enumerate(perm[:steps].tolist()):
        j = position_of[wanted]
        pivots[i] = j
        displaced = row_at[i]
        row_at[i], row_at[j] = wanted, displaced
        position_of[wanted], position_of[displaced] = i, j
    return pivots


def permutation_from_pivots(pivots, m):
    """The inverse of pivots_from_permutation: apply the swaps in order to 0..m-1."""
    perm = list(range(m))
    for i, j in enumerate(np.asarray(pivots).tolist()):
        perm[i], perm[j] = perm[j], perm[i]
    return np.array(perm, dtype=np.intp)


def permutation_parity_sign(perm):
    """+1 for an even permutation, -1 for an odd one (each transposition flips the sign)."""
    swaps = np.count_nonzero(pivots_from_permutation(perm, len(perm)) != np.arange(len(perm)))
    return -1 if swaps % 2 else 1


def lu_solve_in_place(lu, perm, b, transpose=False):
    """Solve A x = b (or A^T x = b) from A[perm] = L U; b is (n, k) and holds x on return."""
    if transpose:  # A^T = U^T L^T P^T: solve U^T, then L^T, then undo the row permutation
        solve_triangular_in_place(lu.T, b, lower=True)
        solve_triangular_in_place(lu.T, b, lower=False, unit_diagonal=True)
        b[perm] = b.copy()
    else:
        b[:] = b[perm]
        solve_triangular_in_place(lu, b, lower=True, unit_diagonal=True)
        solve_triangular_in_place(lu, b, lower=False)
    return b
