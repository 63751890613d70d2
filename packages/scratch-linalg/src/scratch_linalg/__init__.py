"""scratch-linalg: dense linear algebra from scratch over NumPy.

The counterpart of `numpy.linalg` (same names, signatures and return conventions) plus
`lu` / `lu_factor` / `lu_solve` / `cg` as in `scipy.linalg` / `scipy.sparse.linalg`, and two
additions: `inv_triangular` (LAPACK's ?trtri, batched) and `TriangularSolver` (many solves with one
triangular matrix). Every algorithm is written here over NumPy arrays; the only primitive borrowed
is `@`, the BLAS matrix product, and the factorizations are blocked so that most of their flops go
through it.

    >>> import numpy as np, scratch_linalg as sla
    >>> a = np.array([[3.0, 1.0], [1.0, 2.0]])
    >>> sla.solve(a, np.array([9.0, 8.0]))
    array([2., 3.])
"""

from types import ModuleType as _ModuleType

from .errors import LinAlgError

# -- triangular solves, LU, Cholesky, solve/inv, det/slogdet --
from .cholesky import cholesky
from .det import SlogdetResult, det, slogdet
from .lu import LinAlgWarning, lu, lu_factor, lu_solve
from .solve import inv, solve
from .triangular import solve_triangular
from .triangular_inverse import inv_triangular
from .triangular_solver import TriangularSolver
# -- QR, Hessenberg, eig --
from .eig import EigResult, eig, eigvals
from .hessenberg import hessenberg
from .qr import QRResult, qr
# -- eigh, svd --
from .eigh import EighResult, eigh, eigvalsh
from .svd import SVDResult, svd
# -- matmul, norm, cg, lstsq, pinv, matrix_rank, cond --
from .cg import cg
from .cond import cond
from .lstsq import lstsq
from .matmul import matmul
from .matrix_rank import matrix_rank
from .norm import norm
from .pinv import pinv

__all__ = [
    name
    for name, value in globals().items()
    if not name.startswith("_") and not isinstance(value, _ModuleType)
]
