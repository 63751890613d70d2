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

Applying K^-1 = L^-T L^-1 takes a solve with L and one with L'; an iteration does it twice (the
predictor, then the corrector that depends on it), all with one L, so the solves go through
scratch_linalg.TriangularSolver (L's diagonal blocks inverted once, then matrix products).

The factorizations go through scratch_linalg (cholesky, TriangularSolver, solve_triangular); a
failed factorization raises scratch_linalg.LinAlgError, which the solver reports as a singular KKT
matrix.
"""

import numpy as np
import scratch_linalg as sla


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
        self.factor = sla.TriangularSolver(sla.cholesky(K), lower=True)  # K = L L'
        if A.shape[0]:
            self.half_schur = self.factor.solve(A.T)  # (n, p), L^-1 A'
            # S = A K^-1 A' = half_schur' half_schur
            self.schur_lower = sla.cholesky(self.half_schur.T @ self.half_schur)  # (p, p)

    def solve(self, bx, by, bz):
        """The Newton direction (dx (n,), dy (p,), dz (m,)) for the right-hand side above."""
        G, A = self.G, self.A
        rhs = bx + G.T @ (self.w_inverse_squared * bz) + A.T @ by  # (n,)
        half_rhs = self.factor.solve(rhs)  # (n,), L^-1 rhs
        if A.shape[0]:
            # S dy = A K^-1 rhs - by, with A K^-1 rhs = half_schur' L^-1 rhs
            schur_rhs = self.half_schur.T @ half_rhs - by  # (p,)
            dy = sla.solve_triangular(
                self.schur_lower, sla.solve_triangular(self.schur_lower, schur_rhs, lower=True),
                lower=True, trans=1)  # (p,)
            half_rhs = half_rhs - self.half_schur @ dy  # L^-1 (rhs - A' dy)
        else:
            dy = np.zeros(0)
        dx = self.factor.solve(half_rhs, trans=1)  # (n,), L^-T
        dz = self.w_inverse_squared * (G @ dx - bz)  # (m,)
        return dx, dy, dz
