"""The KKT system of the QP interior-point method, factored once per iteration, solved twice.

With the nonnegative-orthant scaling W = diag(sqrt(s / z)) each Newton step solves

    [ P   A'   G'  ] [dx]   [bx]
    [ A   0    0   ] [dy] = [by]
    [ G   0   -W^2 ] [dz]   [bz]

Eliminating dz = W^-2 (G dx - bz) leaves, with H = P + G' W^-2 G (an (n, n) matrix),

    H dx + A' dy = bx + G' W^-2 bz,     A dx = by.

As cvxopt's 'chol2' solver does, add A'(A dx - by) = 0 to the first row so the matrix
K = H + A'A is positive definite whenever [P; A; G] has full column rank (even if P is
singular), then Cholesky K = L L' and eliminate dx through the (p, p) Schur complement
S = A K^-1 A' (Cholesky too):

    S dy = A K^-1 r - by,   dx = K^-1 (r - A' dy),   r = bx + G' W^-2 bz + A' by.

Applying K^-1 = L^-T L^-1 takes two triangular solves, and an iteration applies it twice (the
predictor, then the corrector that depends on it). A triangular solve is sequential, one Python step
per row, so at small n the solves cost more than the factorization. Up to `INVERSE_MAX_ORDER` the
solver therefore forms L^-1 once per factorization (one triangular solve against I: about one
solve's worth of row steps) and applies it by matrix-vector products; beyond that, the n^3 flops of
forming L^-1 cost more than the four solves they replace. A product with a computed L^-1 is not
backward stable as substitution is, but its forward error is bounded alike, by a multiple of
eps |L^-1| |L| |L^-1| |v| (Higham, Accuracy and Stability of Numerical Algorithms, 14.2), and an
interior-point method only needs directions that accurate: the residuals are recomputed from the
iterates at every step. (The tests hold the results to cvxopt's, which uses substitution.)

Everything goes through scratch_linalg (cholesky, solve_triangular); a failed factorization raises
scratch_linalg.LinAlgError, which the solver reports as a singular KKT matrix.
"""

import numpy as np
import scratch_linalg as sla

# The crossover measured on the QP benchmark's matrices (forming L^-1 against four vector solves).
INVERSE_MAX_ORDER = 256


class KKTSolver:
    """Factor the KKT matrix for the scaling `w_inverse_squared` = z / s (m,); then `solve`."""

    def __init__(self, P, G, A, w_inverse_squared):
        self.G, self.A, self.w_inverse_squared = G, A, w_inverse_squared
        scaled_G = np.sqrt(w_inverse_squared)[:, None] * G  # (m, n), W^-1 G
        # subtle: X.T @ X of one buffer lets NumPy call BLAS syrk (half the flops of a product).
        K = scaled_G.T @ scaled_G  # (n, n)
        K += P  # in place: no second (n, n) temporary
        if A.shape[0]:  # without equalities A'A is an (n, n) block of zeros: skip forming it
            K += A.T @ A
        self.lower = sla.cholesky(K)  # (n, n), K = L L'
        n = K.shape[0]
        self.lower_inverse = (
            sla.solve_triangular(self.lower, np.eye(n), lower=True) if n <= INVERSE_MAX_ORDER
            else None)  # (n, n), L^-1
        if A.shape[0]:
            self.half_schur = self._solve_lower(A.T)  # (n, p), L^-1 A'
            # S = A K^-1 A' = half_schur' half_schur
            self.schur_lower = sla.cholesky(self.half_schur.T @ self.half_schur)  # (p, p)

    def solve(self, bx, by, bz):
        """The Newton direction (dx (n,), dy (p,), dz (m,)) for the right-hand side above."""
        G, A = self.G, self.A
        rhs = bx + G.T @ (self.w_inverse_squared * bz) + A.T @ by  # (n,)
        half_rhs = self._solve_lower(rhs)  # (n,), L^-1 rhs
        if A.shape[0]:
            # S dy = A K^-1 rhs - by, with A K^-1 rhs = half_schur' L^-1 rhs
            schur_rhs = self.half_schur.T @ half_rhs - by  # (p,)
            dy = sla.solve_triangular(
                self.schur_lower, sla.solve_triangular(self.schur_lower, schur_rhs, lower=True),
                lower=True, trans=1)  # (p,)
            half_rhs = half_rhs - self.half_schur @ dy  # L^-1 (rhs - A' dy)
        else:
            dy = np.zeros(0)
        dx = self._solve_lower_transposed(half_rhs)  # (n,)
        dz = self.w_inverse_squared * (G @ dx - bz)  # (m,)
        return dx, dy, dz

    def _solve_lower(self, v):
        """L^-1 v for v (n,) or (n, k)."""
        if self.lower_inverse is not None:
            return self.lower_inverse @ v
        return sla.solve_triangular(self.lower, v, lower=True)

    def _solve_lower_transposed(self, v):
        """L^-T v for v (n,)."""
        if self.lower_inverse is not None:
            return self.lower_inverse.T @ v
        return sla.solve_triangular(self.lower, v, lower=True, trans=1)
