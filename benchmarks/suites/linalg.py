"""scratch-linalg beside numpy.linalg / scipy.linalg (LAPACK) on the same random matrices."""

import numpy as np
import scipy.linalg
from harness import Case

import scratch_linalg as ours

TITLE = "scratch-linalg vs numpy.linalg / scipy.linalg (LAPACK)"
PEER = "LAPACK"
NOTES = """Targets from the issue: LU, Cholesky, QR and solve within 3x of LAPACK at n = 1024;
eigh and svd within 10x at n = 512. Inputs: float64 standard-normal matrices (SPD for Cholesky,
symmetric for eigh); solve has 1 right-hand side; QR is mode='reduced' (Q and R); svd computes
U, S, Vh with full_matrices=False."""

SIZES = (256, 512, 1024, 2048)


def cases(quick=False):
    rng = np.random.default_rng(0)
    for n in SIZES[:1] if quick else SIZES:
        yield from cases_at_size(n, rng)


def cases_at_size(n, rng):
    a = rng.standard_normal((n, n))  # (n, n)
    b = rng.standard_normal(n)  # (n,)
    spd = a @ a.T + n * np.eye(n)
    symmetric = (a + a.T) / 2
    size = f"n={n}"
    factor_target = 3.0 if n == 1024 else None
    spectral_target = 10.0 if n == 512 else None
    spectral_repeats = 2 if n >= 1024 else None
    return [
        Case("lu_factor", size, lambda: ours.lu_factor(a), lambda: scipy.linalg.lu_factor(a), factor_target),
        Case("cholesky", size, lambda: ours.cholesky(spd), lambda: np.linalg.cholesky(spd), factor_target),
        Case("qr", size, lambda: ours.qr(a), lambda: np.linalg.qr(a), factor_target),
        Case("solve", size, lambda: ours.solve(a, b), lambda: np.linalg.solve(a, b), factor_target),
        Case(
            "eigh", size, lambda: ours.eigh(symmetric), lambda: np.linalg.eigh(symmetric),
            spectral_target, spectral_repeats,
        ),
        Case(
            "svd", size,
            lambda: ours.svd(a, full_matrices=False),
            lambda: np.linalg.svd(a, full_matrices=False),
            spectral_target, spectral_repeats,
        ),
    ]
