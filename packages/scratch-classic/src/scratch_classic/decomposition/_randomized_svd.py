"""Randomized truncated SVD (Halko, Martinsson & Tropp 2011), as scikit-learn's randomized_svd.

To approximate the top n_components singular triplets of M (m, n):

    1. range finder: Q = orthonormal basis of M (M^T M)^q Omega, Omega (n, n_components +
       n_oversamples) standard normal; each of the q power iterations multiplies by M then M^T,
       re-normalizing the block between products (LU or QR) so it does not collapse onto the
       top singular vector in floating point;
    2. B = Q^T M is small ((l, n)); its exact SVD B = U_B S V^T (scratch_linalg) gives
       M ~ (Q U_B) S V^T.

A wide M (m < n) is handled through M^T, as scikit-learn's transpose="auto" does. n_iter="auto"
is 7 power iterations when n_components < 0.1 min(m, n), else 4; normalizer "auto" is none for
n_iter <= 2, else LU.
"""

import scratch_linalg as sla

NORMALIZERS = ("auto", "QR", "LU", "none")


def _normalize(block, normalizer):
    if normalizer == "QR":
        return sla.qr(block, mode="reduced").Q
    if normalizer == "LU":
        return sla.lu(block, permute_l=True)[0]  # P L: a well-conditioned basis of the same span
    return block


def randomized_range_finder(M, size, n_iter, normalizer, rng):
    """Orthonormal Q (m, size) whose span approximates the top of M's range."""
    if normalizer == "auto":
        normalizer = "none" if n_iter <= 2 else "LU"
    Q = rng.standard_normal((M.shape[1], size))  # (n, size)
    for _ in range(n_iter):
        Q = _normalize(M @ Q, normalizer)  # (m, size)
        Q = _normalize(M.T @ Q, normalizer)  # (n, size)
    return sla.qr(M @ Q, mode="reduced").Q  # (m, size)


def randomized_svd(
    M, n_components, *, n_oversamples=10, n_iter="auto", power_iteration_normalizer="auto", rng
):
    """(U (m, n_components), S (n_components,), Vt (n_components, n)), S descending; signs as they come."""
    if n_iter == "auto":
        n_iter = 7 if n_components < 0.1 * min(M.shape) else 4
    transpose = M.shape[0] < M.shape[1]
    if transpose:
        M = M.T
    Q = randomized_range_finder(
        M, n_components + n_oversamples, n_iter, power_iteration_normalizer, rng
    )
    B = Q.T @ M  # (size, n)
    U_small, S, Vt = sla.svd(B, full_matrices=False)
    U = Q @ U_small  # (m, size)
    if transpose:
        return Vt[:n_components].T, S[:n_components], U[:, :n_components].T
    return U[:, :n_components], S[:n_components], Vt[:n_components]
