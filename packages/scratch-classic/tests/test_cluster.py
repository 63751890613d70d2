"""KMeans, MiniBatchKMeans, DBSCAN and kmeans_plusplus against sklearn.cluster.

From the same initial centres KMeans is deterministic, so ours and scikit-learn's must take the
same Lloyd steps: identical labels and iteration counts, centres and inertia equal to rounding.
Randomized seeding cannot match draw for draw (our Generator vs scikit-learn's RandomState), so
k-means++ and MiniBatchKMeans are compared on the quality they reach.
"""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scratch_classic.cluster import DBSCAN, KMeans, MiniBatchKMeans, kmeans_plusplus
from scratch_classic.cluster._components import component_roots
from scratch_classic.exceptions import ConvergenceWarning, NotFittedError
from sklearn import cluster as sk_cluster
from sklearn.datasets import make_blobs
from threadpoolctl import threadpool_limits

# Centres are means of the same points summed in a different order (BLAS vs a Cython loop),
# carried through a few iterations: rounding only, values ~10.
CENTER_TOL = 1e-8
# Inertia: a sum of ~1e3 squared distances of size ~10, relative rounding.
INERTIA_RTOL = 1e-10
# Distances to centres: the expansion ||x||^2 - 2x.c + ||c||^2 on both sides, values ~10.
DISTANCE_TOL = 1e-8


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    # scikit-learn's k-means runs OpenMP threads; on a small shared machine their start-up and
    # spinning cost far more than these small fits, so both libraries run single-threaded here
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def blobs():
    X, _ = make_blobs(n_samples=600, n_features=4, centers=5, cluster_std=2.0, random_state=0)
    return X


def _assert_same_kmeans(ours, theirs):
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    assert ours.n_iter_ == theirs.n_iter_
    np.testing.assert_allclose(
        ours.cluster_centers_, theirs.cluster_centers_, rtol=0, atol=CENTER_TOL
    )
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=INERTIA_RTOL)


@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("tol", [1e-4, 0.0, 1e-1])
def test_kmeans_from_the_same_init_matches_sklearn(blobs, weighted, tol):
    rng = np.random.default_rng(0)
    weights = rng.uniform(0.2, 3.0, len(blobs)) if weighted else None
    init = blobs[[3, 50, 100, 7, 400]]
    ours = KMeans(5, init=init, tol=tol).fit(blobs, sample_weight=weights)
    theirs = sk_cluster.KMeans(5, init=init, n_init=1, tol=tol).fit(blobs, sample_weight=weights)
    _assert_same_kmeans(ours, theirs)
    queries = rng.normal(0.0, 6.0, (50, 4))
    np.testing.assert_array_equal(ours.predict(queries), theirs.predict(queries))
    np.testing.assert_allclose(
        ours.transform(queries), theirs.transform(queries), atol=DISTANCE_TOL
    )
    assert ours.score(queries) == pytest.approx(theirs.score(queries), rel=INERTIA_RTOL)
    query_weights = rng.uniform(0.5, 2.0, 50)
    assert ours.score(queries, sample_weight=query_weights) == pytest.approx(
        theirs.score(queries, sample_weight=query_weights), rel=INERTIA_RTOL
    )


def test_kmeans_stopped_by_max_iter_matches_sklearn(blobs):
    # max_iter=2 stops before convergence: the final extra E-step must relabel as sklearn's does
    init = blobs[:5]
    ours = KMeans(5, init=init, max_iter=2, tol=0.0).fit(blobs)
    theirs = sk_cluster.KMeans(5, init=init, n_init=1, max_iter=2, tol=0.0).fit(blobs)
    _assert_same_kmeans(ours, theirs)
    assert ours.n_iter_ == 2


def test_empty_clusters_are_relocated_like_sklearn(blobs):
    # two centres far from every point start empty and must take the farthest points
    init = np.vstack([blobs[[0, 1, 2]], [[500.0, 500.0, 500.0, 500.0], [-500.0, 0.0, 0.0, 0.0]]])
    ours = KMeans(5, init=init).fit(blobs)
    theirs = sk_cluster.KMeans(5, init=init, n_init=1).fit(blobs)
    _assert_same_kmeans(ours, theirs)
    assert len(np.unique(ours.labels_)) == 5


def test_more_clusters_than_distinct_points_warns_like_sklearn():
    X = np.repeat(np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0]]), 4, axis=0)  # 3 distinct points
    init = np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0], [9.0, 9.0]])
    with pytest.warns(ConvergenceWarning, match=r"Number of distinct clusters \(3\)"):
        ours = KMeans(4, init=init).fit(X)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = sk_cluster.KMeans(4, init=init, n_init=1).fit(X)
    _assert_same_kmeans(ours, theirs)


@pytest.mark.parametrize("init", ["k-means++", "random"])
def test_seeded_kmeans_finds_sklearn_optimum_on_separated_blobs(init):
    # Well separated blobs: any decent seeding + Lloyd reaches the same global optimum, so
    # the inertia agrees to rounding even though the random draws differ (the reference is
    # scikit-learn's best of 10 k-means++ runs).
    X, _ = make_blobs(
        n_samples=500,
        n_features=3,
        centers=6,
        cluster_std=0.3,
        center_box=(-20, 20),
        random_state=3,
    )
    ours = KMeans(6, init=init, n_init=10, random_state=0).fit(X)
    theirs = sk_cluster.KMeans(6, init="k-means++", n_init=10, random_state=0).fit(X)
    assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=1e-9)
    assert ours.score(X) == pytest.approx(-ours.inertia_, rel=1e-12)


def test_kmeans_plusplus_quality_is_comparable_to_sklearn(blobs):
    # Overlapping blobs: seedings differ run to run; compare the mean inertia of 10 runs (5 %).
    ours = np.mean([KMeans(8, random_state=seed).fit(blobs).inertia_ for seed in range(10)])
    theirs = np.mean(
        [sk_cluster.KMeans(8, random_state=seed).fit(blobs).inertia_ for seed in range(10)]
    )
    assert ours == pytest.approx(theirs, rel=0.05)


def test_kmeans_plusplus_function(blobs):
    centers, indices = kmeans_plusplus(blobs, 6, random_state=0)
    np.testing.assert_array_equal(centers, blobs[indices])
    assert len(np.unique(indices)) == 6

    def potential(seeds):
        return np.min(((blobs[:, None, :] - seeds[None, :, :]) ** 2).sum(axis=2), axis=1).sum()

    ours = np.mean([potential(kmeans_plusplus(blobs, 6, random_state=s)[0]) for s in range(30)])
    theirs = np.mean(
        [potential(sk_cluster.kmeans_plusplus(blobs, 6, random_state=s)[0]) for s in range(30)]
    )
    assert ours == pytest.approx(theirs, rel=0.15)  # a mean of 30 random seedings: ~5 % spread
    # a zero weight is never drawn
    weights = np.ones(len(blobs))
    weights[blobs[:, 0] > 0] = 0.0
    _, picked = kmeans_plusplus(blobs, 6, sample_weight=weights, random_state=1)
    assert (blobs[picked, 0] <= 0).all()


def test_callable_init_and_n_init_auto(blobs):
    def first_rows(X, n_clusters, random_state):
        # subtle: a copy, since scikit-learn runs Lloyd in place on the array the callable returns
        return X[:n_clusters].copy()

    ours = KMeans(5, init=first_rows).fit(blobs)
    _assert_same_kmeans(ours, sk_cluster.KMeans(5, init=first_rows, n_init=1).fit(blobs))
    with pytest.warns(RuntimeWarning, match="performing only one init"):
        KMeans(5, init=blobs[:5], n_init=3).fit(blobs)


def test_fit_predict_and_fit_transform(blobs):
    model = KMeans(4, random_state=0)
    labels = model.fit_predict(blobs)
    np.testing.assert_array_equal(labels, model.labels_)
    np.testing.assert_array_equal(labels, model.predict(blobs))
    distances = KMeans(4, random_state=0).fit_transform(blobs)
    np.testing.assert_allclose(distances, model.transform(blobs), atol=1e-12)
    assert distances.shape == (len(blobs), 4)
    for ours, theirs in (
        (model, sk_cluster.KMeans(4).fit(blobs)),
        (MiniBatchKMeans(3).fit(blobs), sk_cluster.MiniBatchKMeans(3).fit(blobs)),
    ):
        np.testing.assert_array_equal(ours.get_feature_names_out(), theirs.get_feature_names_out())
    weights = np.random.default_rng(0).uniform(0.5, 2.0, len(blobs))
    init = blobs[:4]
    np.testing.assert_array_equal(
        KMeans(4, init=init).fit_predict(blobs, sample_weight=weights),
        sk_cluster.KMeans(4, init=init, n_init=1).fit_predict(blobs, sample_weight=weights),
    )


def test_kmeans_chunks_give_the_same_result(blobs, monkeypatch):
    from scratch_classic.cluster import _assign

    whole = KMeans(5, init=blobs[:5]).fit(blobs)
    monkeypatch.setattr(_assign, "_CHUNK_BYTES", 8 * 5 * 100)  # 256-row chunks
    assert len(_assign.chunk_slices(len(blobs), 5)) == 3
    chunked = KMeans(5, init=blobs[:5]).fit(blobs)
    _assert_same_kmeans(chunked, whole)


# -- MiniBatchKMeans --


def test_minibatch_inertia_is_close_to_sklearn(blobs):
    # Random batches on both sides: compare the mean final inertia over seeds (within 3 %).
    ours = [MiniBatchKMeans(5, batch_size=100, random_state=s).fit(blobs) for s in range(5)]
    theirs = [
        sk_cluster.MiniBatchKMeans(5, batch_size=100, random_state=s).fit(blobs) for s in range(5)
    ]
    assert np.mean([m.inertia_ for m in ours]) == pytest.approx(
        np.mean([m.inertia_ for m in theirs]), rel=0.03
    )
    full = sk_cluster.KMeans(5, n_init=5, random_state=0).fit(blobs).inertia_
    assert min(m.inertia_ for m in ours) <= 1.02 * full  # close to full-batch k-means
    for model in ours:
        assert model.labels_.shape == (len(blobs),) and 1 <= model.n_iter_ <= 100


def test_partial_fit_matches_sklearn_step_for_step(blobs):
    # With a given init and no reassignment every partial_fit step is deterministic.
    init = blobs[[0, 100, 200, 300, 400]]
    ours = MiniBatchKMeans(5, init=init, reassignment_ratio=0.0)
    theirs = sk_cluster.MiniBatchKMeans(5, init=init, n_init=1, reassignment_ratio=0.0)
    rng = np.random.default_rng(1)
    weights = rng.uniform(0.5, 2.0, len(blobs))
    for batch in np.array_split(rng.permutation(len(blobs)), 6):
        ours.partial_fit(blobs[batch], sample_weight=weights[batch])
        theirs.partial_fit(blobs[batch], sample_weight=weights[batch])
        np.testing.assert_allclose(
            ours.cluster_centers_, theirs.cluster_centers_, rtol=0, atol=CENTER_TOL
        )
        np.testing.assert_array_equal(ours.labels_, theirs.labels_)
        assert ours.inertia_ == pytest.approx(theirs.inertia_, rel=INERTIA_RTOL)
    assert ours.n_steps_ == theirs.n_steps_ == 6
    np.testing.assert_array_equal(ours.predict(blobs), theirs.predict(blobs))


def test_minibatch_reassignment_and_stopping():
    # a centre stuck in an empty region gets reassigned to a data point
    X, _ = make_blobs(n_samples=400, n_features=2, centers=3, cluster_std=0.5, random_state=2)
    init = np.vstack([X[[0, 1]], [[1e3, 1e3]]])
    model = MiniBatchKMeans(3, init=init, batch_size=50, max_iter=5, random_state=0).fit(X)
    assert np.abs(model.cluster_centers_).max() < 100
    assert len(np.unique(model.labels_)) == 3
    # no labels asked for: inertia_ is the smoothed batch inertia, and labels_ is absent
    quick = MiniBatchKMeans(3, batch_size=50, compute_labels=False, random_state=0).fit(X)
    assert not hasattr(quick, "labels_") and quick.inertia_ > 0
    # tol > 0 stops early on small centre moves
    early = MiniBatchKMeans(
        3, batch_size=50, tol=1e-2, max_no_improvement=None, random_state=0
    ).fit(X)
    assert early.n_steps_ < (100 * len(X)) // 50
    with pytest.warns(RuntimeWarning, match="init_size=2 should be larger than n_clusters=3"):
        MiniBatchKMeans(3, init_size=2, random_state=0).fit(X)


# -- DBSCAN --

DBSCAN_CASES = [
    {"eps": 1.0, "min_samples": 5},
    {"eps": 0.5, "min_samples": 10},
    {"eps": 0.6, "min_samples": 2},
    {"eps": 2.0, "min_samples": 1},
    {"eps": 1.2, "min_samples": 4, "metric": "manhattan"},
    {"eps": 0.9, "min_samples": 4, "metric": "chebyshev"},
    {"eps": 1.1, "min_samples": 4, "metric": "minkowski", "p": 3},
]


@pytest.fixture(scope="module")
def dense_blobs():
    X, _ = make_blobs(n_samples=400, n_features=2, centers=4, cluster_std=0.8, random_state=1)
    return X


@pytest.mark.parametrize("options", DBSCAN_CASES)
def test_dbscan_labels_identical_to_sklearn(dense_blobs, options):
    ours = DBSCAN(**options).fit(dense_blobs)
    theirs = sk_cluster.DBSCAN(**options).fit(dense_blobs)
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    np.testing.assert_array_equal(ours.core_sample_indices_, theirs.core_sample_indices_)
    np.testing.assert_array_equal(ours.components_, theirs.components_)
    assert ours.labels_.max() >= 1  # the case really has several clusters
    assert (ours.labels_ == -1).any() or options["min_samples"] == 1


def test_dbscan_border_points_join_the_first_cluster_like_sklearn():
    # Two dense clusters with a shared border point in the middle (core of neither).
    left = np.column_stack([np.linspace(0.0, 1.0, 6), np.zeros(6)])
    right = left + [2.4, 0.0]
    X = np.vstack([right, left, [[1.7, 0.0]]])  # right cluster first: it takes label 0
    ours = DBSCAN(eps=0.75, min_samples=4).fit(X)
    theirs = sk_cluster.DBSCAN(eps=0.75, min_samples=4).fit(X)
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    assert ours.labels_[-1] == 0 and 12 not in ours.core_sample_indices_


def test_dbscan_sample_weight_and_precomputed(dense_blobs):
    weights = np.random.default_rng(0).uniform(0.0, 3.0, len(dense_blobs))
    ours = DBSCAN(eps=0.5, min_samples=6).fit(dense_blobs, sample_weight=weights)
    theirs = sk_cluster.DBSCAN(eps=0.5, min_samples=6).fit(dense_blobs, sample_weight=weights)
    np.testing.assert_array_equal(ours.labels_, theirs.labels_)
    distances = np.sqrt(((dense_blobs[:, None, :] - dense_blobs[None, :, :]) ** 2).sum(axis=2))
    ours = DBSCAN(eps=0.7, min_samples=5, metric="precomputed").fit_predict(distances)
    theirs = sk_cluster.DBSCAN(eps=0.7, min_samples=5, metric="precomputed").fit_predict(distances)
    np.testing.assert_array_equal(ours, theirs)


def test_dbscan_blocks_of_rows_give_the_same_labels(dense_blobs, monkeypatch):
    from scratch_classic.neighbors import _distances

    whole = DBSCAN(eps=0.5, min_samples=10).fit_predict(dense_blobs)
    monkeypatch.setattr(_distances, "_BLOCK_BYTES", 8 * 400 * 37)  # 37 rows per block
    assert len(_distances.query_blocks(400, 400)) == 11
    np.testing.assert_array_equal(DBSCAN(eps=0.5, min_samples=10).fit_predict(dense_blobs), whole)
    np.testing.assert_array_equal(
        DBSCAN(eps=0.6, min_samples=10, metric="manhattan").fit_predict(dense_blobs),
        sk_cluster.DBSCAN(eps=0.6, min_samples=10, metric="manhattan").fit_predict(dense_blobs),
    )


def test_dbscan_radius_is_inclusive_and_exact():
    # points exactly eps apart are neighbours, also far from the origin where the expansion
    # ||x||^2 - 2x.y + ||y||^2 alone would round the distance across the radius
    X = 1e6 + np.array([[0.0], [0.25], [0.5], [0.75], [5.0]])
    labels = DBSCAN(eps=0.25, min_samples=3).fit_predict(X)
    np.testing.assert_array_equal(labels, sk_cluster.DBSCAN(eps=0.25, min_samples=3).fit_predict(X))
    np.testing.assert_array_equal(labels, [0, 0, 0, 0, -1])


@given(
    n_nodes=st.integers(1, 40),
    edges=st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)), max_size=80),
)
def test_component_roots_match_scipy_connected_components(n_nodes, edges):
    edges = [(a, b) for a, b in edges if a < n_nodes and b < n_nodes]
    a = np.array([e[0] for e in edges], dtype=int)
    b = np.array([e[1] for e in edges], dtype=int)
    roots = component_roots(n_nodes, a, b)
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n_nodes, n_nodes))
    _, scipy_labels = connected_components(graph, directed=False)
    # the same partition, and each component named by its smallest node
    for label in np.unique(scipy_labels):
        members = np.flatnonzero(scipy_labels == label)
        assert (roots[members] == members.min()).all()


# -- bad input --


def test_errors(blobs):
    with_nan = blobs.copy()
    with_nan[0, 0] = np.nan
    for Estimator in (KMeans, MiniBatchKMeans, DBSCAN):
        with pytest.raises(ValueError, match="contains NaN"):
            Estimator().fit(with_nan)
        with pytest.raises(ValueError, match="0 sample"):
            Estimator().fit(blobs[:0])
    for Estimator in (KMeans, MiniBatchKMeans):
        with pytest.raises(NotFittedError):
            Estimator().predict(blobs)
        with pytest.raises(NotFittedError):
            Estimator().transform(blobs)
        with pytest.raises(ValueError, match="n_samples=3 should be >= n_clusters=4"):
            Estimator(4).fit(blobs[:3])
        with pytest.raises(ValueError, match="init='kmeans' is not supported"):
            Estimator(init="kmeans").fit(blobs)
        with pytest.raises(
            ValueError, match=r"initial centers \(3, 4\) does not match the number of clusters 5"
        ):
            Estimator(5, init=blobs[:3]).fit(blobs)
        with pytest.raises(ValueError, match="does not match the number of features"):
            Estimator(2, init=blobs[:2, :3]).fit(blobs)
        with pytest.raises(ValueError, match="n_init must be 'auto' or an integer >= 1"):
            Estimator(n_init=0).fit(blobs)
        with pytest.raises(ValueError, match="n_clusters must be an integer >= 1"):
            Estimator(0).fit(blobs)
        with pytest.raises(ValueError, match="X has 3 features, but"):
            Estimator(3, random_state=0).fit(blobs).predict(blobs[:, :3])
        with pytest.raises(ValueError, match="Negative values in sample_weight"):
            Estimator(3).fit(blobs, sample_weight=-np.ones(len(blobs)))
        with pytest.raises(ValueError, match="positive sum"):
            Estimator(3).fit(blobs, sample_weight=np.zeros(len(blobs)))
    with pytest.raises(ValueError, match="algorithm='elkan' is not supported"):
        KMeans(algorithm="elkan").fit(blobs)
    with pytest.raises(ValueError, match="tol must be a real number >= 0"):
        KMeans(tol=-1.0).fit(blobs)
    with pytest.raises(ValueError, match="batch_size must be an integer >= 1"):
        MiniBatchKMeans(batch_size=0).fit(blobs)
    with pytest.raises(ValueError, match="reassignment_ratio should be >= 0"):
        MiniBatchKMeans(reassignment_ratio=-0.1).fit(blobs)
    with pytest.raises(ValueError, match="eps must be a real number > 0"):
        DBSCAN(eps=0.0).fit(blobs)
    with pytest.raises(ValueError, match="min_samples must be an integer >= 1"):
        DBSCAN(min_samples=0).fit(blobs)
    with pytest.raises(ValueError, match="metric='cosine' is not supported"):
        DBSCAN(metric="cosine").fit(blobs)
    with pytest.raises(ValueError, match="algorithm='kd_tree' is not supported"):
        DBSCAN(algorithm="kd_tree").fit(blobs)
    with pytest.raises(ValueError, match="square distance matrix"):
        DBSCAN(metric="precomputed").fit(blobs)
    with pytest.raises(ValueError, match=r"sample_weight.shape == \(3,\)"):
        DBSCAN().fit(blobs, sample_weight=np.ones(3))
    with pytest.raises(ValueError, match="n_samples=2 should be >= n_clusters=3"):
        kmeans_plusplus(blobs[:2], 3)
