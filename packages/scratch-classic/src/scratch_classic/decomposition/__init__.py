"""Matrix decomposition, as sklearn.decomposition: PCA and truncated SVD (over scratch_linalg).

- `PCA`: principal axes of the centred data by full SVD, covariance eigh or randomized SVD;
- `TruncatedSVD`: top singular directions of the uncentred data (randomized or exact).
"""

from ._pca import PCA
from ._truncated_svd import TruncatedSVD

__all__ = ["PCA", "TruncatedSVD"]
