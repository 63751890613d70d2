"""Deterministic signs for singular vectors (scikit-learn's svd_flip, u_based_decision=False).

An SVD is unique only up to the sign of each pair (u_i, v_i): flipping both leaves
U diag(S) V^T unchanged. The convention: in each row of Vt, the entry of largest magnitude is
made positive (the first such entry on ties), and the matching column of U flips with it.

    svd_flip(None, [[0.1, -0.9], [0.8, 0.2]]) -> (None, [[-0.1, 0.9], [0.8, 0.2]])
"""

import numpy as np


def svd_flip(U, Vt):
    """(U * signs, Vt * signs[:, None]) with each row of Vt's largest-magnitude entry positive.

    U (n, r) may be None; new arrays are returned, the inputs are not modified.
    """
    Vt = np.asarray(Vt, dtype=np.float64)
    largest = np.argmax(np.abs(Vt), axis=1)  # (r,)
    signs = np.sign(Vt[np.arange(Vt.shape[0]), largest])  # (r,)
    signs[signs == 0] = 1.0  # subtle: an all-zero row keeps its sign
    return (None if U is None else U * signs[None, :]), Vt * signs[:, None]
