"""Right-hand sides of A x = b as numpy 2 reads them, shared by solve, lu_solve, solve_triangular.

b is one vector when b.ndim == 1, and otherwise a stack of (N, K) matrices (..., N, K) whose
batch axes broadcast against A's. The solvers work on an (N, K) block of columns either way:

    b (N,)   -> columns (N, 1) -> x (N,)        b (N, K) -> columns (N, K) -> x (N, K)
"""


def core_ndim(b):
    """How many trailing axes of b form one right-hand side: 1 (a vector) or 2 (a matrix)."""
    return 1 if b.ndim == 1 else 2


def row_count(b):
    """N, the length of each right-hand side (None for a 0-d b, which is never valid)."""
    if b.ndim == 0:
        return None
    return b.shape[-core_ndim(b)]


def solve_on_columns(solve_in_place, rhs):
    """Run solve_in_place on a fresh (N, K) copy of one right-hand side; return x in rhs's shape."""
    columns = (rhs[:, None] if rhs.ndim == 1 else rhs).copy()  # (n, k); b itself is never written
    solve_in_place(columns)
    return columns[:, 0] if rhs.ndim == 1 else columns
