"""k-means++ seeding, greedy as scikit-learn's (Arthur & Vassilvitskii 2007, with local trials).

    1. the first centre is a data point drawn with probability w_i / sum w;
    2. with D(x) the squared distance from x to its closest centre so far and the potential
       phi = sum_i w_i D(x_i), draw n_local_trials candidates with probability w_i D(x_i) / phi;
    3. keep the candidate whose addition leaves the smallest potential; repeat 2-3 until k centres.

n_local_trials defaults to 2 + floor(log k). Each round measures the few candidates against
every point with one product (||x||^2 - 2 x.c + ||c||^2, clipped at 0).

Deviation from scikit-learn: the random draws come from a NumPy Generator (scikit-learn uses a
legacy RandomState), so the same seed picks different, equally distributed, centres.
"""

import numbers

import numpy as np

from ..utils.validation import check_array, check_random_state, check_sample_weight


def _squared_distances_to(points, X, X_squared_norms):
    """||p - x||^2 for each of a few points against every row of X: (n_points, n_samples)."""
    distances = points @ X.T  # (n_points, n)
    distances *= -2.0
    distances += X_squared_norms[None, :]
    distances += np.einsum("ij,ij->i", points, points)[:, None]
    np.maximum(distances, 0.0, out=distances)
    return distances


def kmeans_plusplus_seeds(
    X, n_clusters, sample_weight, rng, X_squared_norms=None, n_local_trials=None
):
    """The seeding on validated inputs: (centers (k, d), indices (k,)) of the chosen rows of X."""
    n_samples, n_features = X.shape
    if X_squared_norms is None:
        X_squared_norms = np.einsum("ij,ij->i", X, X)  # (n,)
    if n_local_trials is None:
        n_local_trials = 2 + int(np.log(n_clusters))
    centers = np.empty((n_clusters, n_features))  # (k, d)
    indices = np.full(n_clusters, -1, dtype=np.intp)
    first = rng.choice(n_samples, p=sample_weight / sample_weight.sum())
    centers[0], indices[0] = X[first], first
    closest = _squared_distances_to(X[first][None, :], X, X_squared_norms)[0]  # (n,)
    potential = closest @ sample_weight
    for c in range(1, n_clusters):  # inherently sequential: each centre depends on the last
        targets = rng.uniform(size=n_local_trials) * potential  # (trials,)
        candidates = np.searchsorted(np.cumsum(sample_weight * closest), targets)
        # subtle: rounding in the cumulative sum can put a target past the last entry
        np.clip(candidates, None, n_samples - 1, out=candidates)
        trial_closest = _squared_distances_to(X[candidates], X, X_squared_norms)  # (trials, n)
        np.minimum(trial_closest, closest[None, :], out=trial_closest)
        trial_potentials = trial_closest @ sample_weight  # (trials,)
        best = int(np.argmin(trial_potentials))
        potential, closest = trial_potentials[best], trial_closest[best]
        centers[c], indices[c] = X[candidates[best]], candidates[best]
    return centers, indices


def kmeans_plusplus(
    X,
    n_clusters,
    *,
    sample_weight=None,
    x_squared_norms=None,
    random_state=None,
    n_local_trials=None,
):
    """Pick n_clusters seeds from the rows of X by greedy k-means++ (sklearn.cluster.kmeans_plusplus).

    Returns (centers (n_clusters, n_features), indices (n_clusters,)) with centers = X[indices].
    """
    X = check_array(X)
    if (
        not isinstance(n_clusters, numbers.Integral)
        or isinstance(n_clusters, bool)
        or n_clusters < 1
    ):
        raise ValueError(f"n_clusters must be an integer >= 1, got {n_clusters!r}.")
    if X.shape[0] < n_clusters:
        raise ValueError(f"n_samples={X.shape[0]} should be >= n_clusters={n_clusters}.")
    if n_local_trials is not None and (
        not isinstance(n_local_trials, numbers.Integral) or n_local_trials < 1
    ):
        raise ValueError(f"n_local_trials must be None or an integer >= 1, got {n_local_trials!r}.")
    weights = check_sample_weight(sample_weight, X.shape[0])
    if x_squared_norms is None:
        x_squared_norms = np.einsum("ij,ij->i", X, X)
    else:
        x_squared_norms = check_array(x_squared_norms, name="x_squared_norms", ensure_2d=False)
        if x_squared_norms.shape != (X.shape[0],):
            raise ValueError(
                f"x_squared_norms should have shape ({X.shape[0]},), got {x_squared_norms.shape}."
            )
    rng = check_random_state(random_state)
    return kmeans_plusplus_seeds(X, n_clusters, weights, rng, x_squared_norms, n_local_trials)
