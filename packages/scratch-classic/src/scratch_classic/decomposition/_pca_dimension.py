"""n_components="mle": Minka's Bayesian choice of the PCA dimension (NIPS 2000), as scikit-learn's.

For each candidate rank r in [1, d - 1], with eigenvalues l_1 >= ... >= l_d of the covariance and
v = mean of the d - r discarded ones, the evidence log p(D | r) is (Minka's eq. 30, Laplace
approximation):

    pu = -r log 2 + sum_{i=1..r} [lgamma((d - i + 1) / 2) - log(pi) (d - i + 1) / 2]
    pl = -(n / 2) sum_{i<=r} log l_i          pv = -(n (d - r) / 2) log v
    pp = log(2 pi) (m + r) / 2,  m = d r - r (r + 1) / 2
    pa = sum_{i<=r, j>i} [log((l_i - l_j)(1/l'_j - 1/l'_i)) + log n],  l'_j = v for j > r
    log p = pu + pl + pv + pp - pa / 2 - r log(n) / 2

and the chosen dimension is the argmax. Ranks whose eigenvalue l_r is below 1e-15 score -inf.
"""

import math

import numpy as np

_TINY = 1e-15


def assess_dimension(spectrum, rank, n_samples):
    """log-evidence of rank `rank` for the eigenvalues `spectrum` (descending) of n_samples points."""
    n_features = spectrum.shape[0]
    if not 1 <= rank < n_features:
        raise ValueError("the tested rank should be in [1, n_features - 1]")
    if spectrum[rank - 1] < _TINY:
        return -np.inf
    dims = n_features - np.arange(1, rank + 1) + 1  # (rank,): d - i + 1
    pu = (
        -rank * math.log(2.0)
        + sum(math.lgamma(dim / 2.0) for dim in dims)
        - math.log(math.pi) * dims.sum() / 2.0
    )
    pl = -np.log(spectrum[:rank]).sum() * n_samples / 2.0
    v = max(_TINY, spectrum[rank:].sum() / (n_features - rank))
    pv = -math.log(v) * n_samples * (n_features - rank) / 2.0
    m = n_features * rank - rank * (rank + 1.0) / 2.0
    pp = math.log(2.0 * math.pi) * (m + rank) / 2.0
    adjusted = spectrum.copy()
    adjusted[rank:] = v  # (d,)
    i = np.arange(rank)[:, None]  # (rank, 1)
    j = np.arange(n_features)[None, :]  # (1, d)
    products = (spectrum[i] - spectrum[j]) * (1.0 / adjusted[j] - 1.0 / adjusted[i])  # (rank, d)
    with np.errstate(divide="ignore", invalid="ignore"):  # only the kept pairs j > i count
        pa = np.sum((np.log(products) + math.log(n_samples))[j > i])  # pairs i < rank, j > i
    return pu + pl + pv + pp - pa / 2.0 - rank * math.log(n_samples) / 2.0


def infer_dimension(spectrum, n_samples):
    """argmax over r in [1, d - 1] of the log-evidence (0 is never chosen)."""
    log_evidence = np.full(spectrum.shape[0], -np.inf)
    for rank in range(1, spectrum.shape[0]):
        log_evidence[rank] = assess_dimension(spectrum, rank, n_samples)
    return int(np.argmax(log_evidence))
