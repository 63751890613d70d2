"""Clustering, as sklearn.cluster: k-means (Lloyd and mini-batch) and DBSCAN.

- `KMeans`: Lloyd's algorithm from k-means++ (or random, or given) seeds, best of n_init runs;
- `MiniBatchKMeans`: k-means by random mini-batches with running-mean centre updates;
- `DBSCAN`: density-based clusters, border points and noise from eps-neighbourhoods;
- `kmeans_plusplus`: the greedy k-means++ seeding on its own.
"""

from ._dbscan import DBSCAN
from ._kmeans import KMeans
from ._kmeans_plusplus import kmeans_plusplus
from ._minibatch_kmeans import MiniBatchKMeans

__all__ = ["DBSCAN", "KMeans", "MiniBatchKMeans", "kmeans_plusplus"]
