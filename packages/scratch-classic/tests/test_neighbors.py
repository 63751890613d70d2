"""KNeighborsClassifier / KNeighborsRegressor against scikit-learn's brute-force search."""

import numpy as np
import pytest
from sklearn import neighbors as sk_neighbors
from sklearn.datasets import make_classification, make_regression

from scratch_classic.exceptions import NotFittedError
from scratch_classic.neighbors import KNeighborsClassifier, KNeighborsRegressor

# Distances: ours and scikit-learn's both use ||x||^2 - 2x.y + ||y||^2, but BLAS may sum in a
# different order, so they agree to rounding of that expansion (values ~10, eps ~1e-15 each).
DISTANCE_TOL = 1e-10
# Probabilities and predictions are sums/ratios of a few weights: rounding only.
VALUE_TOL = 1e-12

OPTIONS = [
    {},
    {"weights": "distance"},
    {"p": 1},
    {"metric": "manhattan", "weights": "distance"},
    {"p": 3, "n_neighbors": 7},
    {"metric": "chebyshev"},
    {"metric": "euclidean", "n_neighbors": 1},
    {"weights": lambda d: np.exp(-d)},
]


@pytest.fixture(scope="module")
def classification():
    X, y = make_classification(n_samples=400, n_features=6, n_informative=4, n_classes=3, random_state=0)
    return X[:300], y[:300], X[300:]


@pytest.mark.parametrize("options", OPTIONS)
def test_classifier_matches_sklearn_brute(classification, options):
    X, y, queries = classification
    ours = KNeighborsClassifier(**options).fit(X, y)
    theirs = sk_neighbors.KNeighborsClassifier(algorithm="brute", **options).fit(X, y)
    our_distances, our_indices = ours.kneighbors(queries)
    their_distances, their_indices = theirs.kneighbors(queries)
    np.testing.assert_array_equal(our_indices, their_indices)
    np.testing.assert_allclose(our_distances, their_distances, rtol=0, atol=DISTANCE_TOL)
    np.testing.assert_allclose(ours.predict_proba(queries), theirs.predict_proba(queries), atol=VALUE_TOL)
    np.testing.assert_array_equal(ours.predict(queries), theirs.predict(queries))


@pytest.mark.parametrize("options", OPTIONS)
def test_regressor_matches_sklearn_brute(options):
    X, y = make_regression(n_samples=300, n_features=5, noise=1.0, random_state=1)
    ours = KNeighborsRegressor(**options).fit(X[:200], y[:200])
    theirs = sk_neighbors.KNeighborsRegressor(algorithm="brute", **options).fit(X[:200], y[:200])
    np.testing.assert_allclose(ours.predict(X[200:]), theirs.predict(X[200:]), rtol=VALUE_TOL, atol=VALUE_TOL)
    assert ours.score(X[200:], y[200:]) == pytest.approx(theirs.score(X[200:], y[200:]), abs=VALUE_TOL)


def test_regressor_multioutput_matches_sklearn():
    X, y = make_regression(n_samples=200, n_features=4, n_targets=3, random_state=2)
    for weights in ("uniform", "distance"):
        ours = KNeighborsRegressor(weights=weights).fit(X[:150], y[:150]).predict(X[150:])
        theirs = sk_neighbors.KNeighborsRegressor(weights=weights, algorithm="brute").fit(X[:150], y[:150]).predict(X[150:])
        assert ours.shape == (50, 3)
        np.testing.assert_allclose(ours, theirs, rtol=VALUE_TOL, atol=VALUE_TOL)


def test_kneighbors_of_training_set_excludes_each_point_itself(classification):
    X, y, _ = classification
    ours = KNeighborsClassifier(n_neighbors=4).fit(X, y)
    theirs = sk_neighbors.KNeighborsClassifier(n_neighbors=4, algorithm="brute").fit(X, y)
    our_distances, our_indices = ours.kneighbors()
    np.testing.assert_array_equal(our_indices, theirs.kneighbors()[1])
    assert not (our_indices == np.arange(len(X))[:, None]).any()
    np.testing.assert_allclose(our_distances, theirs.kneighbors()[0], atol=DISTANCE_TOL)
    np.testing.assert_array_equal(ours.kneighbors(n_neighbors=2, return_distance=False), theirs.kneighbors(n_neighbors=2)[1])


def test_ties_keep_the_lowest_training_indices_in_index_order(rng):
    # Integer grid points: many exactly equal distances (the expansion is exact on small integers).
    X = rng.integers(0, 3, size=(120, 2)).astype(float)
    y = np.arange(120) % 3
    queries = rng.integers(0, 3, size=(30, 2)).astype(float)
    model = KNeighborsClassifier(n_neighbors=9).fit(X, y)
    distances, indices = model.kneighbors(queries)
    exact = np.sqrt(((queries[:, None, :] - X[None, :, :]) ** 2).sum(axis=2))  # (30, 120)
    expected = np.argsort(exact, axis=1, kind="stable")[:, :9]  # by distance, then by index
    np.testing.assert_array_equal(indices, expected)
    np.testing.assert_array_equal(distances, np.take_along_axis(exact, expected, axis=1))


def test_query_blocks_give_the_same_neighbors_as_one_block(classification, monkeypatch):
    from scratch_classic.neighbors import _distances

    X, y, queries = classification
    whole = KNeighborsClassifier(n_neighbors=6, p=3).fit(X, y).kneighbors(queries)
    monkeypatch.setattr(_distances, "_BLOCK_BYTES", 8 * 300 * 6 * 7)  # 7 query rows per block
    assert len(_distances.query_blocks(len(queries), 300, 6)) == 15
    blocked = KNeighborsClassifier(n_neighbors=6, p=3).fit(X, y).kneighbors(queries)
    np.testing.assert_array_equal(whole[1], blocked[1])
    np.testing.assert_array_equal(whole[0], blocked[0])


def test_distance_weights_on_a_coincident_point_use_only_that_point():
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array(["a", "b", "b", "b"])
    model = KNeighborsClassifier(n_neighbors=3, weights="distance").fit(X, y)
    np.testing.assert_array_equal(model.predict_proba([[0.0]]), [[1.0, 0.0]])
    assert model.predict([[0.0]])[0] == "a"
    assert model.predict([[0.4]])[0] == "a"  # 1/0.4 = 2.5 for "a" against 1/0.6 + 1/1.6 = 2.29 for "b"
    assert model.predict([[0.45]])[0] == "b"  # 1/0.45 = 2.22 against 1/0.55 + 1/1.55 = 2.46


def test_string_labels_round_trip(classification):
    X, y, queries = classification
    label_names = np.array(["cat", "dog", "emu"])
    predictions = KNeighborsClassifier().fit(X, label_names[y]).predict(queries)
    np.testing.assert_array_equal(predictions, label_names[KNeighborsClassifier().fit(X, y).predict(queries)])


def test_errors(classification):
    X, y, queries = classification
    with pytest.raises(NotFittedError):
        KNeighborsClassifier().predict(queries)
    with pytest.raises(ValueError, match="algorithm='kd_tree' is not supported"):
        KNeighborsClassifier(algorithm="kd_tree").fit(X, y)
    with pytest.raises(ValueError, match="metric='cosine' is not supported"):
        KNeighborsRegressor(metric="cosine").fit(X, y)
    with pytest.raises(ValueError, match="weights must be one of"):
        KNeighborsClassifier(weights="gaussian").fit(X, y)
    with pytest.raises(ValueError, match="p must be a real number >= 1"):
        KNeighborsClassifier(p=0.5).fit(X, y)
    with pytest.raises(ValueError, match="n_neighbors must be an integer >= 1"):
        KNeighborsClassifier(n_neighbors=0).fit(X, y)
    with pytest.raises(ValueError, match="Expected n_neighbors <= n_samples_fit"):
        KNeighborsClassifier(n_neighbors=301).fit(X, y).predict(queries)
    with pytest.raises(ValueError, match="X has 5 features"):
        KNeighborsClassifier().fit(X, y).predict(queries[:, :5])
    with pytest.raises(ValueError, match="All neighbors of some sample is getting zero weights"):
        KNeighborsRegressor(weights=lambda d: np.zeros_like(d)).fit(X, y).predict(queries)
