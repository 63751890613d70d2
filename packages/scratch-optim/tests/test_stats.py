"""scratch_optim.stats (norm, multivariate_normal) against scipy.stats on the same inputs."""

import numpy as np
import pytest
import scipy.stats
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_optim import stats

X = np.linspace(-12, 12, 2001)


@pytest.mark.parametrize("method", ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf"])
@pytest.mark.parametrize("loc, scale", [(0.0, 1.0), (1.5, 0.3), (-4.0, 7.0)])
def test_norm_matches_scipy(method, loc, scale):
    ours = getattr(stats.norm, method)(X, loc=loc, scale=scale)
    theirs = getattr(scipy.stats.norm, method)(X, loc=loc, scale=scale)
    # 1e-12 relative: the tails reach z = -40 where scipy's own error is ~ eps z^2 ~ 4e-13
    # (see test_special); log forms are compared with an absolute floor for values near 0.
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-300 if "log" not in method else 1e-15)
    frozen = getattr(stats.norm(loc, scale), method)(X)
    np.testing.assert_array_equal(frozen, ours)


def test_norm_ppf_isf_and_moments_match_scipy():
    q = np.linspace(0, 1, 1001)
    # 1e-13: ndtri is good to ~1e-15 (test_special), scaled by loc + scale * z.
    np.testing.assert_allclose(stats.norm.ppf(q, 2.0, 3.0), scipy.stats.norm.ppf(q, 2.0, 3.0),
                               rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(stats.norm(2.0, 3.0).isf(q), scipy.stats.norm(2.0, 3.0).isf(q),
                               rtol=1e-13, atol=1e-13)
    frozen = stats.norm(2.0, 3.0)
    assert (frozen.mean(), frozen.var(), frozen.std()) == (2.0, 9.0, 3.0)


def test_norm_rvs_equals_scipy_for_the_same_generator():
    # scipy draws loc + scale * Generator.standard_normal(size): the same stream, exact equality.
    ours = stats.norm.rvs(1.0, 2.0, size=(3, 4), random_state=np.random.default_rng(5))
    theirs = scipy.stats.norm.rvs(1.0, 2.0, size=(3, 4), random_state=np.random.default_rng(5))
    np.testing.assert_array_equal(ours, theirs)
    np.testing.assert_array_equal(stats.norm(1.0, 2.0).rvs(7, random_state=3),
                                  stats.norm.rvs(1.0, 2.0, size=7, random_state=3))


def random_covariance(rng, d):
    factor = rng.normal(size=(d, d))
    return factor @ factor.T + 0.5 * np.eye(d)


@pytest.mark.parametrize("d", [1, 3, 6])
def test_multivariate_normal_pdf_logpdf_match_scipy(rng, d):
    mean, cov = rng.normal(size=d), random_covariance(rng, d)
    x = rng.normal(size=(50, d)) * 2
    # 1e-12: Cholesky vs scipy's eigh-based factorization of a well-conditioned cov.
    np.testing.assert_allclose(stats.multivariate_normal.logpdf(x, mean, cov),
                               scipy.stats.multivariate_normal.logpdf(x, mean, cov), rtol=1e-12)
    frozen = stats.multivariate_normal(mean, cov)
    np.testing.assert_allclose(frozen.pdf(x), scipy.stats.multivariate_normal(mean, cov).pdf(x),
                               rtol=1e-12)
    assert np.ndim(frozen.logpdf(x[0])) == np.ndim(scipy.stats.multivariate_normal(mean, cov).logpdf(x[0]))


def test_multivariate_normal_scalar_and_diagonal_covariances_match_scipy(rng):
    x = rng.normal(size=(10, 3))
    for cov in [2.0, np.array([1.0, 2.0, 3.0])]:
        np.testing.assert_allclose(stats.multivariate_normal.logpdf(x, np.zeros(3), cov),
                                   scipy.stats.multivariate_normal.logpdf(x, np.zeros(3), cov),
                                   rtol=1e-13)
    # d = 1 with a (n,) x means n points
    np.testing.assert_allclose(stats.multivariate_normal.pdf(x[:, 0], 0.5, 2.0),
                               scipy.stats.multivariate_normal.pdf(x[:, 0], 0.5, 2.0), rtol=1e-13)


def test_singular_covariance_matches_scipy_on_and_off_the_support(rng):
    basis = rng.normal(size=(4, 2))
    cov = basis @ basis.T  # rank 2
    mean = rng.normal(size=4)
    on_support = mean + rng.normal(size=(20, 2)) @ basis.T
    points = np.vstack([on_support, mean + rng.normal(size=(5, 4))])
    ours = stats.multivariate_normal.logpdf(points, mean, cov, allow_singular=True)
    theirs = scipy.stats.multivariate_normal.logpdf(points, mean, cov, allow_singular=True)
    # 1e-9: pseudo-inverse through eigh on both sides; the cutoff decides the same rank.
    np.testing.assert_allclose(ours[:20], theirs[:20], rtol=1e-9)
    np.testing.assert_array_equal(ours[20:], -np.inf)
    np.testing.assert_array_equal(theirs[20:], -np.inf)


def test_multivariate_normal_rvs_moments(rng):
    mean, cov = np.array([1.0, -2.0, 0.5]), random_covariance(rng, 3)
    draws = stats.multivariate_normal(mean, cov).rvs(size=20_000, random_state=7)
    assert draws.shape == (20_000, 3)
    # With 20000 draws the standard error of the mean is sqrt(diag/n) ~ 0.02 here; 5 sigma.
    standard_error = np.sqrt(np.diag(cov) / 20_000)
    assert np.all(np.abs(draws.mean(axis=0) - mean) < 5 * standard_error)
    # Sample covariance: relative error ~ sqrt(2/n) ~ 1%; allow 5%.
    np.testing.assert_allclose(np.cov(draws.T), cov, rtol=0.05, atol=0.05 * np.max(np.diag(cov)))
    # Same seed, same draws; scipy's shape conventions (size=1 -> (d,)).
    np.testing.assert_array_equal(stats.multivariate_normal.rvs(mean, cov, size=5, random_state=1),
                                  stats.multivariate_normal.rvs(mean, cov, size=5, random_state=1))
    assert stats.multivariate_normal.rvs(mean, cov, random_state=1).shape == (3,)
    assert (scipy.stats.multivariate_normal.rvs(mean, cov, size=(2, 5)).shape
            == stats.multivariate_normal.rvs(mean, cov, size=(2, 5)).shape)


def test_norm_rvs_moments():
    draws = stats.norm.rvs(3.0, 2.0, size=50_000, random_state=0)
    # standard error of the mean 2/sqrt(50000) ~ 0.009; of the std ~ 2/sqrt(100000) ~ 0.006.
    assert abs(draws.mean() - 3.0) < 0.045 and abs(draws.std() - 2.0) < 0.03


@settings(max_examples=30, deadline=None)
@given(st.floats(-5, 5), st.floats(0.1, 10))
def test_norm_cdf_and_ppf_are_inverse(loc, scale):
    q = np.array([1e-10, 0.01, 0.3, 0.5, 0.9, 1 - 1e-9])
    np.testing.assert_allclose(stats.norm.cdf(stats.norm.ppf(q, loc, scale), loc, scale), q,
                               rtol=1e-10)


def test_bad_input_raises_clear_errors():
    with pytest.raises(ValueError, match="scale must be finite and positive"):
        stats.norm.pdf(0.0, scale=-1.0)
    with pytest.raises(ValueError, match="loc must be finite"):
        stats.norm(np.nan, 1.0)
    with pytest.raises(ValueError, match="not positive definite"):
        stats.multivariate_normal(np.zeros(2), np.array([[1.0, 2.0], [2.0, 1.0]]))
    with pytest.raises(ValueError, match="positive semidefinite"):
        stats.multivariate_normal(np.zeros(2), np.array([[1.0, 2.0], [2.0, 1.0]]),
                                  allow_singular=True)
    with pytest.raises(ValueError, match="symmetric"):
        stats.multivariate_normal(np.zeros(2), np.array([[1.0, 0.5], [0.0, 1.0]]))
    with pytest.raises(ValueError, match=r"\(2, 2\) matrix"):
        stats.multivariate_normal(np.zeros(2), np.eye(3))
    with pytest.raises(ValueError, match="last dimension 2"):
        stats.multivariate_normal(np.zeros(2), np.eye(2)).pdf(np.zeros((4, 3)))
    with pytest.raises(ValueError, match="finite"):
        stats.multivariate_normal(np.array([0.0, np.inf]), np.eye(2))
    with pytest.raises(ValueError, match="random_state"):
        stats.norm.rvs(random_state="seed")
