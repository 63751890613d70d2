"""PCA and TruncatedSVD against sklearn.decomposition.

Both libraries apply the same sign convention (svd_flip: the largest entry of each component is
positive), so components are compared with their signs, not just up to sign.
"""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scratch_classic.decomposition import PCA, TruncatedSVD
from scratch_classic.decomposition._pca_dimension import assess_dimension, infer_dimension
from scratch_classic.decomposition._svd_flip import svd_flip
from scratch_classic.exceptions import NotFittedError
from sklearn import decomposition as sk_decomposition
from sklearn.decomposition._pca import _assess_dimension, _infer_dimension
from sklearn.utils.extmath import svd_flip as sk_svd_flip

# Exact solvers: two backward-stable decompositions of the same matrix (values ~1-10, well
# separated singular values), so components and variances agree to ~1e-13; 1e-8 leaves margin.
TOL = 1e-8
# Randomized solvers draw different random matrices; with many power iterations both converge
# to the exact top singular triplets, to ~1e-12 on this spectrum. Asked for: ~1e-6.
RANDOMIZED_TOL = 1e-6


def _low_rank_plus_noise(n_samples, n_features, seed):
    rng = np.random.default_rng(seed)
    scales = np.geomspace(10.0, 0.5, n_features)  # distinct, decaying singular values
    basis = np.linalg.qr(rng.standard_normal((n_features, n_features)))[
        0
    ]  # test code: numpy is fine
    return 3.0 + (rng.standard_normal((n_samples, n_features)) * scales) @ basis.T


@pytest.fixture(scope="module")
def tall():
    return _low_rank_plus_noise(300, 8, 0)  # n >= 10 d: "auto" picks covariance_eigh


@pytest.fixture(scope="module")
def wide():
    return _low_rank_plus_noise(12, 30, 1)  # n < d


@pytest.fixture(scope="module")
def medium():
    # 40 features, 3 components + 10 oversamples: the randomized range finder sees only part of
    # the spectrum, so its accuracy really rests on the power iterations
    return _low_rank_plus_noise(200, 40, 4)


def _assert_same_pca(ours, theirs, X, tol=TOL):
    assert ours.n_components_ == theirs.n_components_
    # subtle: a direction of zero variance (n <= d: the centred data have rank n - 1) is any unit
    # vector orthogonal to the others; only the determined components can be compared
    determined = theirs.explained_variance_ > 1e-10 * theirs.explained_variance_.max(initial=0.0)
    np.testing.assert_allclose(
        ours.components_[determined], theirs.components_[determined], atol=tol
    )
    np.testing.assert_allclose(
        ours.explained_variance_, theirs.explained_variance_, rtol=tol, atol=tol
    )
    np.testing.assert_allclose(
        ours.explained_variance_ratio_, theirs.explained_variance_ratio_, atol=tol
    )
    np.testing.assert_allclose(ours.singular_values_, theirs.singular_values_, rtol=tol, atol=tol)
    np.testing.assert_allclose(ours.mean_, theirs.mean_, atol=1e-12)
    assert ours.noise_variance_ == pytest.approx(theirs.noise_variance_, rel=tol, abs=tol)
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), atol=tol * 100)  # values ~30
    Z = theirs.transform(X)
    if (
        ours.n_components_ == 0
    ):  # scikit-learn's inverse_transform rejects (n, 0); the mean is all that is left
        np.testing.assert_allclose(
            ours.inverse_transform(Z), np.broadcast_to(theirs.mean_, X.shape), atol=1e-12
        )
        return
    np.testing.assert_allclose(
        ours.inverse_transform(Z), theirs.inverse_transform(Z), atol=tol * 100
    )


PCA_OPTIONS = [
    {},
    {"n_components": 3},
    {"n_components": 0},
    {"n_components": 0.9},
    {"n_components": "mle"},
    {"n_components": 3, "whiten": True},
    {"n_components": 4, "svd_solver": "full"},
    {"n_components": 4, "svd_solver": "covariance_eigh", "whiten": True},
]
RANDOMIZED_PCA_OPTIONS = [
    {"n_components": 3, "svd_solver": "randomized", "iterated_power": 30, "random_state": 0},
    {
        "n_components": 3,
        "svd_solver": "randomized",
        "iterated_power": 30,
        "power_iteration_normalizer": "QR",
        "random_state": 0,
    },
    {
        "n_components": 4,
        "svd_solver": "randomized",
        "iterated_power": 30,
        "whiten": True,
        "random_state": 0,
    },
]


@pytest.mark.parametrize("options", PCA_OPTIONS)
def test_pca_matches_sklearn_on_tall_data(tall, options):
    tol = RANDOMIZED_TOL if options.get("svd_solver") == "randomized" else TOL
    ours, theirs = PCA(**options), sk_decomposition.PCA(**options)
    fitted = ours.fit_transform(tall)
    np.testing.assert_allclose(fitted, theirs.fit_transform(tall), atol=tol * 100)
    _assert_same_pca(ours, theirs, tall, tol)
    if ours.n_components_ > 0:
        np.testing.assert_allclose(ours.score_samples(tall), theirs.score_samples(tall), rtol=1e-6)
        assert ours.score(tall) == pytest.approx(theirs.score(tall), rel=1e-6)
        np.testing.assert_allclose(ours.get_covariance(), theirs.get_covariance(), atol=1e-6)
        np.testing.assert_allclose(ours.get_precision(), theirs.get_precision(), atol=1e-6)


@pytest.mark.parametrize("options", RANDOMIZED_PCA_OPTIONS)
def test_randomized_pca_matches_sklearn(medium, options):
    ours, theirs = PCA(**options), sk_decomposition.PCA(**options)
    np.testing.assert_allclose(
        ours.fit_transform(medium), theirs.fit_transform(medium), atol=RANDOMIZED_TOL * 100
    )
    _assert_same_pca(ours, theirs, medium, RANDOMIZED_TOL)
    np.testing.assert_allclose(ours.score_samples(medium), theirs.score_samples(medium), rtol=1e-6)


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"n_components": 5},
        {"n_components": 0.5},
        {"whiten": True, "n_components": 4},
        {"n_components": 5, "svd_solver": "randomized", "iterated_power": 30, "random_state": 1},
    ],
)
def test_pca_matches_sklearn_on_wide_data(wide, options):
    tol = RANDOMIZED_TOL if options.get("svd_solver") == "randomized" else TOL
    ours, theirs = PCA(**options), sk_decomposition.PCA(**options)
    np.testing.assert_allclose(ours.fit_transform(wide), theirs.fit_transform(wide), atol=tol * 100)
    _assert_same_pca(ours, theirs, wide, tol)


def test_pca_auto_solver_follows_sklearn_rule(tall, wide):
    big = _low_rank_plus_noise(510, 60, 2)  # max(n, d) > 500 and n < 10 d
    cases = [
        (tall, {}),
        (wide, {}),
        (big, {"n_components": 10}),
        (big, {"n_components": 50}),
        (big, {"n_components": "mle"}),
    ]
    for X, options in cases:
        ours, theirs = PCA(**options).fit(X), sk_decomposition.PCA(**options).fit(X)
        assert ours._fit_svd_solver == theirs._fit_svd_solver, options
    assert [PCA(**o).fit(X)._fit_svd_solver for X, o in cases[:3]] == [
        "covariance_eigh",
        "full",
        "randomized",
    ]


def test_feature_names_out_match_sklearn(tall):
    for ours, theirs in (
        (PCA(3), sk_decomposition.PCA(3)),
        (TruncatedSVD(2), sk_decomposition.TruncatedSVD(2)),
    ):
        np.testing.assert_array_equal(
            ours.fit(tall).get_feature_names_out(), theirs.fit(tall).get_feature_names_out()
        )


def test_pca_whitened_output_has_unit_variance(tall):
    transformed = PCA(n_components=4, whiten=True).fit_transform(tall)
    np.testing.assert_allclose(np.var(transformed, axis=0, ddof=1), 1.0, atol=1e-10)
    full = PCA().fit(tall)
    np.testing.assert_allclose(
        full.inverse_transform(full.transform(tall)), tall, atol=1e-10
    )  # all components


def test_mle_dimension_matches_sklearn():
    rng = np.random.default_rng(3)
    for true_rank in (2, 5):
        X = rng.standard_normal((500, true_rank)) @ rng.standard_normal((true_rank, 10)) * 3
        X += 0.1 * rng.standard_normal((500, 10))
        spectrum = np.sort(np.var(X, axis=0))[::-1] + np.linspace(1.0, 0.0, 10)
        assert infer_dimension(spectrum, 500) == _infer_dimension(spectrum, 500)
        for rank in range(1, 10):
            assert assess_dimension(spectrum, rank, 500) == pytest.approx(
                _assess_dimension(spectrum, rank, 500), rel=1e-10
            )
        assert PCA(n_components="mle").fit(X).n_components_ == true_rank


@given(arrays(np.float64, (4, 6), elements=st.floats(-10, 10, allow_nan=False)))
def test_svd_flip_matches_sklearn(Vt):
    U = np.arange(20.0).reshape(5, 4)
    ours_U, ours_Vt = svd_flip(U, Vt)
    theirs_U, theirs_Vt = sk_svd_flip(U.copy(), Vt.copy(), u_based_decision=False)
    nonzero_rows = np.abs(Vt).max(axis=1) > 0  # sklearn zeroes an all-zero row's sign; we keep it
    np.testing.assert_array_equal(ours_Vt[nonzero_rows], theirs_Vt[nonzero_rows])
    np.testing.assert_array_equal(ours_U[:, nonzero_rows], theirs_U[:, nonzero_rows])
    assert (ours_Vt[np.arange(4), np.argmax(np.abs(Vt), axis=1)] >= 0).all()


# -- TruncatedSVD --


@pytest.mark.parametrize(
    "options",
    [
        {"n_components": 3, "n_iter": 30, "random_state": 0},
        {"n_components": 3, "n_iter": 30, "power_iteration_normalizer": "QR", "random_state": 0},
        # without normalization the power iterations lose precision, so only a few of them
        {"n_components": 3, "n_iter": 12, "power_iteration_normalizer": "none", "random_state": 0},
        {"n_components": 4, "algorithm": "arpack"},
    ],
)
@pytest.mark.parametrize("shape", ["medium", "wide"])
def test_truncated_svd_matches_sklearn(medium, wide, options, shape):
    X = medium if shape == "medium" else wide
    tol = TOL if options.get("algorithm") == "arpack" else RANDOMIZED_TOL
    ours, theirs = TruncatedSVD(**options), sk_decomposition.TruncatedSVD(**options)
    ours_fitted, theirs_fitted = ours.fit_transform(X), theirs.fit_transform(X)
    np.testing.assert_allclose(ours.singular_values_, theirs.singular_values_, rtol=tol)
    np.testing.assert_allclose(ours.components_, theirs.components_, atol=tol)
    np.testing.assert_allclose(ours_fitted, theirs_fitted, atol=tol * 100)  # values ~50
    np.testing.assert_allclose(ours.explained_variance_, theirs.explained_variance_, rtol=tol)
    np.testing.assert_allclose(
        ours.explained_variance_ratio_, theirs.explained_variance_ratio_, rtol=tol
    )
    np.testing.assert_allclose(ours.transform(X), theirs.transform(X), atol=tol * 100)
    np.testing.assert_allclose(
        ours.inverse_transform(ours_fitted), theirs.inverse_transform(theirs_fitted), atol=tol * 100
    )


def test_randomized_svd_with_few_iterations_is_still_close(tall):
    # the default n_iter=5: a 9x-spaced spectrum converges anyway; a real-use sanity check
    ours = TruncatedSVD(3, random_state=0).fit(tall)
    theirs = sk_decomposition.TruncatedSVD(3, random_state=0).fit(tall)
    np.testing.assert_allclose(ours.singular_values_, theirs.singular_values_, rtol=1e-6)
    np.testing.assert_array_equal(
        TruncatedSVD(3, random_state=7).fit(tall).components_,
        TruncatedSVD(3, random_state=7).fit(tall).components_,
    )


# -- bad input --


def test_errors(tall):
    with_nan = tall.copy()
    with_nan[0, 0] = np.nan
    for Estimator in (PCA, TruncatedSVD):
        with pytest.raises(ValueError, match="contains NaN"):
            Estimator().fit(with_nan)
        with pytest.raises(ValueError, match="0 sample"):
            Estimator().fit(tall[:0])
        with pytest.raises(NotFittedError):
            Estimator().transform(tall)
        with pytest.raises(NotFittedError):
            Estimator().inverse_transform(tall[:, :2])
        fitted = Estimator(n_components=2).fit(tall)
        with pytest.raises(ValueError, match="X has 3 features, but"):
            fitted.transform(tall[:, :3])
        with pytest.raises(
            ValueError, match="X has 3 features, but inverse_transform is expecting 2"
        ):
            fitted.inverse_transform(tall[:, :3])
    with pytest.raises(
        ValueError, match="n_components must be None, 'mle', an integer >= 0 or a float in"
    ):
        PCA(n_components=1.5).fit(tall)
    with pytest.raises(ValueError, match="n_components=9 must be between 0 and min"):
        PCA(n_components=9).fit(tall)
    with pytest.raises(ValueError, match="svd_solver='arpack' is not supported"):
        PCA(svd_solver="arpack").fit(tall)
    with pytest.raises(ValueError, match="'mle' is only supported if n_samples >= n_features"):
        PCA(n_components="mle", svd_solver="full").fit(tall[:5])
    with pytest.raises(ValueError, match="cannot be a string with svd_solver='randomized'"):
        PCA(n_components="mle", svd_solver="randomized").fit(tall)
    with pytest.raises(ValueError, match="must be between 1 and min"):
        PCA(n_components=0.5, svd_solver="randomized").fit(tall)
    with pytest.raises(ValueError, match="power_iteration_normalizer must be one of"):
        PCA(3, svd_solver="randomized", power_iteration_normalizer="SVD").fit(tall)
    with pytest.raises(ValueError, match=r"n_components\(9\) must be <= n_features\(8\)"):
        TruncatedSVD(9).fit(tall)
    with pytest.raises(ValueError, match="strictly less than min"):
        TruncatedSVD(8, algorithm="arpack").fit(tall)
    with pytest.raises(ValueError, match="algorithm='lobpcg' is not supported"):
        TruncatedSVD(algorithm="lobpcg").fit(tall)
    with pytest.raises(ValueError, match="1 feature"):
        TruncatedSVD(1).fit(tall[:, :1])
