"""GaussianMixture against sklearn.mixture.GaussianMixture.

Given the same initial weights, means and precisions, EM is deterministic, so ours and
scikit-learn's take the same steps: the same n_iter_, and every fitted value equal to rounding.
"""

import warnings

import numpy as np
import pytest
from scratch_classic.exceptions import ConvergenceWarning, NotFittedError
from scratch_classic.mixture import GaussianMixture
from sklearn import mixture as sk_mixture
from sklearn.datasets import make_blobs
from threadpoolctl import threadpool_limits

COVARIANCE_TYPES = ["full", "tied", "diag", "spherical"]
# Values of size ~1-10 carried through ~20-60 EM iterations, each a few BLAS products and a
# Cholesky: the two libraries drift apart by rounding only (observed ~1e-14); 1e-8 leaves margin.
TOL = 1e-8


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    # scikit-learn's k-means runs OpenMP threads; on a small shared machine their start-up and
    # spinning cost far more than these small fits, so both libraries run single-threaded here
    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def data():
    X, _ = make_blobs(
        n_samples=300, n_features=3, centers=3, cluster_std=[1.0, 1.6, 0.6], random_state=0
    )
    return X @ np.array([[1.0, 0.3, 0.0], [0.0, 1.0, 0.5], [0.2, 0.0, 1.0]])  # correlated features


# one point of each blob (make_blobs labels 0, 1, 2), moved off it: a start EM must improve on
START_MEANS = np.array([[2.5, 4.0, 3.0], [0.0, -1.0, 3.0], [1.5, 6.0, 12.0]])


def _inits(X, covariance_type):
    d = X.shape[1]
    precisions = {
        "full": np.stack([np.eye(d), 2.0 * np.eye(d), np.diag([1.0, 0.5, 2.0])]),
        "tied": np.array([[1.0, 0.2, 0.0], [0.2, 1.0, 0.1], [0.0, 0.1, 0.8]]),
        "diag": np.array([[1.0, 0.5, 2.0], [0.7, 0.7, 0.7], [2.0, 1.0, 1.0]]),
        "spherical": np.array([1.0, 0.5, 2.0]),
    }[covariance_type]
    return {
        "weights_init": np.array([0.2, 0.3, 0.5]),
        "means_init": START_MEANS,
        "precisions_init": precisions,
    }


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_em_from_the_same_init_matches_sklearn(data, covariance_type):
    options = {
        "n_components": 3,
        "covariance_type": covariance_type,
        "tol": 1e-6,
        **_inits(data, covariance_type),
    }
    ours = GaussianMixture(**options).fit(data)
    theirs = sk_mixture.GaussianMixture(**options).fit(data)
    assert ours.n_iter_ == theirs.n_iter_ and ours.converged_ and theirs.converged_
    assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, abs=TOL)
    np.testing.assert_allclose(ours.lower_bounds_, theirs.lower_bounds_, atol=TOL)
    for attribute in ("weights_", "means_", "covariances_", "precisions_", "precisions_cholesky_"):
        ours_value, theirs_value = getattr(ours, attribute), getattr(theirs, attribute)
        assert ours_value.shape == theirs_value.shape, attribute
        np.testing.assert_allclose(ours_value, theirs_value, rtol=0, atol=TOL, err_msg=attribute)
    queries = np.random.default_rng(0).normal(0.0, 5.0, (40, 3))
    for X in (data, queries):
        np.testing.assert_allclose(ours.score_samples(X), theirs.score_samples(X), atol=TOL)
        np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=TOL)
        np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
        assert ours.score(X) == pytest.approx(theirs.score(X), abs=TOL)
        assert ours.bic(X) == pytest.approx(theirs.bic(X), abs=1e-6)  # n * score: ~1e3 times larger
        assert ours.aic(X) == pytest.approx(theirs.aic(X), abs=1e-6)
    np.testing.assert_array_equal(
        GaussianMixture(**options).fit_predict(data),
        sk_mixture.GaussianMixture(**options).fit_predict(data),
    )


def test_partial_init_takes_the_rest_from_kmeans_like_sklearn(data):
    # weights_init and means_init given, the covariance comes from one M-step on KMeans labels.
    # The blobs are well separated, so both KMeans runs find the same partition (numbered
    # differently: the seeds differ); the TIED covariance does not depend on that numbering,
    # so both EM runs start from the same point. (Per-component covariances would be matched
    # to components in KMeans' arbitrary order.)
    options = {
        "n_components": 3,
        "covariance_type": "tied",
        "weights_init": [0.2, 0.3, 0.5],
        "means_init": START_MEANS,
        "init_params": "kmeans",
        "random_state": 0,
        "tol": 1e-6,
    }
    ours = GaussianMixture(**options).fit(data)
    theirs = sk_mixture.GaussianMixture(**options).fit(data)
    assert ours.n_iter_ == theirs.n_iter_
    np.testing.assert_allclose(ours.means_, theirs.means_, atol=TOL)
    np.testing.assert_allclose(ours.covariances_, theirs.covariances_, atol=TOL)
    assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, abs=TOL)


@pytest.mark.parametrize("init_params", ["kmeans", "k-means++", "random", "random_from_data"])
def test_every_init_reaches_sklearn_optimum(data, init_params):
    # Different random draws, same well-separated optimum: equal lower bounds to 1e-4
    # (EM stops at tol = 1e-6 on the bound, approaching the optimum from slightly different sides).
    options = {
        "n_components": 3,
        "init_params": init_params,
        "tol": 1e-6,
        "max_iter": 500,
        "n_init": 3,
    }
    ours = GaussianMixture(random_state=0, **options).fit(data)
    theirs = sk_mixture.GaussianMixture(random_state=0, **options).fit(data)
    assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, abs=1e-4)
    order = np.argsort(ours.means_[:, 0])
    np.testing.assert_allclose(
        ours.means_[order], theirs.means_[np.argsort(theirs.means_[:, 0])], atol=1e-2
    )


def test_max_iter_stop_warns_and_matches_sklearn(data):
    options = {"n_components": 3, "max_iter": 3, **_inits(data, "full")}
    with pytest.warns(ConvergenceWarning, match="did not converge"):
        ours = GaussianMixture(**options).fit(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = sk_mixture.GaussianMixture(**options).fit(data)
    assert not ours.converged_ and ours.n_iter_ == 3
    assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, abs=TOL)
    np.testing.assert_allclose(ours.covariances_, theirs.covariances_, atol=TOL)


def test_warm_start_continues_like_sklearn(data):
    options = {
        "n_components": 3,
        "max_iter": 2,
        "warm_start": True,
        **_inits(data, "diag"),
        "covariance_type": "diag",
    }
    ours, theirs = GaussianMixture(**options), sk_mixture.GaussianMixture(**options)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.simplefilter("ignore")
        for _ in range(3):
            ours.fit(data)
            theirs.fit(data)
            assert ours.lower_bound_ == pytest.approx(theirs.lower_bound_, abs=TOL)
    np.testing.assert_allclose(ours.means_, theirs.means_, atol=TOL)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_sample_follows_the_fitted_mixture(data, covariance_type):
    model = GaussianMixture(3, covariance_type=covariance_type, random_state=0).fit(data)
    X, labels = model.sample(6000)
    assert X.shape == (6000, 3) and labels.shape == (6000,)
    np.testing.assert_array_equal(labels, np.sort(labels))  # grouped by component, as sklearn
    # component counts ~ multinomial(6000, weights): 4 standard deviations
    counts = np.bincount(labels, minlength=3)
    spread = 4 * np.sqrt(6000 * model.weights_ * (1 - model.weights_))
    assert np.all(np.abs(counts - 6000 * model.weights_) <= spread)
    if covariance_type == "full":
        full = model.covariances_
    elif covariance_type == "tied":
        full = np.stack([model.covariances_] * 3)
    elif covariance_type == "diag":
        full = np.stack([np.diag(c) for c in model.covariances_])
    else:
        full = np.stack([c * np.eye(3) for c in model.covariances_])
    for j in range(3):
        drawn = X[labels == j]
        # sample mean within 5 standard errors, sample covariance within 15 %
        standard_error = np.sqrt(np.diag(full[j]) / len(drawn))
        assert np.all(np.abs(drawn.mean(axis=0) - model.means_[j]) <= 5 * standard_error)
        np.testing.assert_allclose(np.cov(drawn.T), full[j], atol=0.15 * np.abs(full[j]).max())
    np.testing.assert_array_equal(model.sample(10)[0], model.sample(10)[0])  # random_state reseeds


def test_degenerate_data_raises_clear_error():
    X = np.repeat(np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]]), 5, axis=0)
    with pytest.raises(ValueError, match="ill-defined empirical covariance"):
        GaussianMixture(3, reg_covar=0.0, init_params="kmeans", random_state=0).fit(X)
    with pytest.raises(ValueError, match="ill-defined empirical covariance"):
        sk_mixture.GaussianMixture(3, reg_covar=0.0, random_state=0).fit(X)  # the same as sklearn
    model = GaussianMixture(3, random_state=0).fit(X)  # the default reg_covar keeps it defined
    assert np.isfinite(model.lower_bound_)


def test_errors(data):
    with_nan = data.copy()
    with_nan[1, 1] = np.nan
    with pytest.raises(ValueError, match="contains NaN"):
        GaussianMixture().fit(with_nan)
    with pytest.raises(ValueError, match="0 sample"):
        GaussianMixture().fit(data[:0])
    with pytest.raises(ValueError, match="minimum of 2 is required"):
        GaussianMixture().fit(data[:1])
    with pytest.raises(ValueError, match="Expected n_samples >= n_components"):
        GaussianMixture(5).fit(data[:4])
    with pytest.raises(ValueError, match="covariance_type must be one of"):
        GaussianMixture(covariance_type="banded").fit(data)
    with pytest.raises(ValueError, match="init_params must be one of"):
        GaussianMixture(init_params="spectral").fit(data)
    with pytest.raises(ValueError, match="n_components must be an integer >= 1"):
        GaussianMixture(0).fit(data)
    with pytest.raises(ValueError, match="reg_covar must be a real number >= 0"):
        GaussianMixture(reg_covar=-1.0).fit(data)
    with pytest.raises(ValueError, match="'weights' should be normalized"):
        GaussianMixture(2, weights_init=[0.5, 0.6]).fit(data)
    with pytest.raises(ValueError, match="'weights' should be in the range"):
        GaussianMixture(2, weights_init=[1.5, -0.5]).fit(data)
    with pytest.raises(ValueError, match=r"'means' should have the shape of \(2, 3\)"):
        GaussianMixture(2, means_init=data[:3]).fit(data)
    with pytest.raises(ValueError, match=r"'full precision' should have the shape"):
        GaussianMixture(2, precisions_init=np.eye(3)).fit(data)
    with pytest.raises(ValueError, match="should be symmetric, positive-definite"):
        GaussianMixture(2, precisions_init=np.stack([np.eye(3), -np.eye(3)])).fit(data)
    with pytest.raises(ValueError, match="'diag precision' should be positive"):
        GaussianMixture(2, covariance_type="diag", precisions_init=np.zeros((2, 3))).fit(data)
    for method in ("predict", "predict_proba", "score_samples", "score"):
        with pytest.raises(NotFittedError):
            getattr(GaussianMixture(), method)(data)
    with pytest.raises(NotFittedError):
        GaussianMixture().sample(3)
    model = GaussianMixture(2, random_state=0).fit(data)
    with pytest.raises(ValueError, match="X has 2 features, but GaussianMixture is expecting 3"):
        model.predict(data[:, :2])
    with pytest.raises(ValueError, match="Invalid value for 'n_samples'"):
        model.sample(0)
