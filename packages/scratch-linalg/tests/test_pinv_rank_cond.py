"""pinv, matrix_rank, cond: the SVD-based trio against numpy.linalg."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scratch_linalg import LinAlgError, cond, matrix_rank, pinv

EPS64 = np.finfo(np.float64).eps
COND_ORDERS = [None, 2, -2, 1, -1, np.inf, -np.inf, "fro", "nuc"]


# ----------------------------------------------------------------------------- pinv


def assert_pinv_matches_numpy(a, tolerance, **kwargs):
    """Entry-wise, relative to the largest entry of numpy's A^+ (callers scale it to cond)."""
    ours = pinv(a, **kwargs)
    expected = np.linalg.pinv(a, **kwargs)
    assert ours.shape == expected.shape and ours.dtype == expected.dtype
    scale = np.abs(expected).max(initial=0)
    np.testing.assert_allclose(ours, expected, rtol=tolerance, atol=tolerance * scale)
    return ours


@pytest.mark.parametrize("shape", [(6, 4), (4, 6), (5, 5), (1, 1), (2, 3, 5, 4)])
def test_pinv_matches_numpy(rng, shape):
    # random Gaussian matrices: cond < 1e3, so pinv is accurate to ~ cond * eps
    assert_pinv_matches_numpy(rng.standard_normal(shape), tolerance=1e-10)


@pytest.mark.parametrize("cond_number", [1e4, 1e8, 1e12])
def test_pinv_of_ill_conditioned_matrices(matrices, cond_number):
    a = matrices.conditioned(10, cond_number)
    # entries of A^+ ~ 1/s_n; their error relative to max|A^+| is ~ cond * eps (100x slack)
    assert_pinv_matches_numpy(a, tolerance=100 * cond_number * EPS64)


@pytest.mark.parametrize("m, n, rank", [(8, 5, 2), (5, 8, 3), (6, 6, 0)])
def test_pinv_of_rank_deficient_matrices_satisfies_penrose(matrices, m, n, rank):
    a = matrices.rank_deficient(m, n, rank)
    x = assert_pinv_matches_numpy(a, tolerance=1e-10)
    # the four Penrose conditions; kept singular values lie in [1, 2]
    np.testing.assert_allclose(a @ x @ a, a, atol=1e-12)
    np.testing.assert_allclose(x @ a @ x, x, atol=1e-12)
    np.testing.assert_allclose(a @ x, (a @ x).T, atol=1e-12)
    np.testing.assert_allclose(x @ a, (x @ a).T, atol=1e-12)


def test_pinv_cutoffs_match_numpy(matrices):
    a = matrices.with_singular_values(np.array([1.0, 1e-3, 1e-8, 1e-11]), 6, 4)
    # keeping s = 1e-11 makes the entries ~1e11 with relative error ~ 1e11 * eps (100x slack)
    tolerance = 100 * 1e11 * EPS64
    for kwargs in (dict(), dict(rcond=1e-5), dict(rtol=1e-9), dict(rtol=1e-12), dict(rtol=None)):
        assert_pinv_matches_numpy(a, tolerance=tolerance, **kwargs)
    assert np.abs(pinv(a, rcond=1e-5)).max() < 1e4  # the cutoff really dropped 1e-8 and 1e-11
    # an rcond per matrix of a batch broadcasts
    stack = np.stack([a, a])
    assert_pinv_matches_numpy(stack, tolerance=tolerance, rcond=np.array([1e-5, 1e-10]))


def test_pinv_hermitian_and_float32(matrices):
    symmetric = matrices.symmetric(6)
    assert_pinv_matches_numpy(symmetric, tolerance=1e-10, hermitian=True)
    a = matrices.general(5, 3, dtype=np.float32)
    # we compute in float32, numpy in float64: ~ cond * eps32 apart
    assert_pinv_matches_numpy(a, tolerance=1e-4)


@pytest.mark.parametrize("shape", [(0, 3), (3, 0), (2, 0, 0)])
def test_pinv_of_empty_matrices(shape):
    assert_pinv_matches_numpy(np.ones(shape), tolerance=0)


def test_pinv_errors():
    with pytest.raises(ValueError, match="`rtol` and `rcond` can't be both set"):
        pinv(np.eye(2), rcond=1e-3, rtol=1e-3)
    with pytest.raises(LinAlgError, match="Array must be at least two-dimensional"):
        pinv(np.ones(3))
    with pytest.raises(ValueError, match="infs or NaNs"):
        pinv(np.array([[1.0, np.nan], [0.0, 1.0]]))


@given(m=st.integers(1, 7), n=st.integers(1, 7), seed=st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_pinv_of_pinv_is_the_matrix(m, n, seed):
    a = np.random.default_rng(seed).standard_normal((m, n))
    # Gaussian matrices this small can be close to singular; skip cond > 1e6 (error ~ cond^2 eps)
    s = np.linalg.svd(a, compute_uv=False)
    if s[-1] < 1e-6 * s[0]:
        return
    np.testing.assert_allclose(pinv(pinv(a)), a, rtol=1e-6, atol=1e-6 * s[0])


# ----------------------------------------------------------------------------- matrix_rank


@pytest.mark.parametrize("m, n, rank", [(8, 5, 2), (5, 8, 5), (6, 6, 0), (6, 6, 6), (1, 1, 1)])
def test_matrix_rank_matches_numpy(matrices, m, n, rank):
    a = matrices.rank_deficient(m, n, rank)
    assert matrix_rank(a) == np.linalg.matrix_rank(a) == rank


def test_matrix_rank_thresholds_match_numpy(matrices):
    a = matrices.with_singular_values(np.array([1.0, 1e-3, 1e-8, 1e-14]), 6, 4)
    for kwargs in (dict(), dict(tol=1e-5), dict(rtol=1e-9), dict(hermitian=False)):
        assert matrix_rank(a, **kwargs) == np.linalg.matrix_rank(a, **kwargs)
    assert [matrix_rank(a, rtol=r) for r in (1e-2, 1e-5, 1e-10, 1e-16)] == [1, 2, 3, 4]
    symmetric = matrices.symmetric(5)
    expected = np.linalg.matrix_rank(symmetric, hermitian=True)
    assert matrix_rank(symmetric, hermitian=True) == expected


def test_matrix_rank_batched_float32_and_ill_conditioned(matrices):
    stack = np.stack([matrices.rank_deficient(5, 5, r) for r in (1, 3, 5)]).reshape(3, 1, 5, 5)
    ours = matrix_rank(stack)
    np.testing.assert_array_equal(ours, np.linalg.matrix_rank(stack))
    assert ours.shape == (3, 1)
    a32 = matrices.rank_deficient(6, 4, 2, dtype=np.float32)
    assert matrix_rank(a32) == np.linalg.matrix_rank(a32) == 2
    # cond 1e12 < 1 / (n * eps): still full rank
    assert matrix_rank(matrices.conditioned(8, 1e12)) == 8


@pytest.mark.parametrize(
    "x", [np.zeros(3), np.array([0.0, 2.0]), np.float64(0.0), np.float64(3.0), np.zeros((0, 0))]
)
def test_matrix_rank_of_vectors_scalars_and_empty(x):
    ours = matrix_rank(x)
    assert ours == np.linalg.matrix_rank(x) and type(ours) is type(np.linalg.matrix_rank(x))


def test_matrix_rank_errors():
    with pytest.raises(ValueError, match="`tol` and `rtol` can't be both set"):
        matrix_rank(np.eye(2), tol=1e-3, rtol=1e-3)
    with pytest.raises(TypeError, match="complex"):
        matrix_rank(np.eye(2, dtype=complex))


@given(n=st.integers(1, 8), rank=st.integers(0, 8), seed=st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_rank_of_a_product_of_thin_factors(n, rank, seed):
    rank = min(rank, n)
    rng = np.random.default_rng(seed)
    left, right = rng.standard_normal((n, rank)), rng.standard_normal((rank, n))
    assert matrix_rank(left @ right) == np.linalg.matrix_rank(left @ right)


# ----------------------------------------------------------------------------- cond


@pytest.mark.parametrize("p", COND_ORDERS)
@pytest.mark.parametrize("cond_number", [10.0, 1e6, 1e12])
def test_cond_matches_numpy(matrices, p, cond_number):
    a = matrices.conditioned(7, cond_number)
    # cond itself is computed to relative ~ cond * eps (the inverse's accuracy), 100x slack
    rtol = max(1e-12, 100 * cond_number * EPS64)
    np.testing.assert_allclose(cond(a, p), np.linalg.cond(a, p), rtol=rtol)


@pytest.mark.parametrize("p", COND_ORDERS)
def test_cond_batched_and_float32(matrices, p):
    stack = np.stack([matrices.conditioned(4, c) for c in (2.0, 50.0, 1e3, 1e4)])
    stack = stack.reshape(2, 2, 4, 4)
    ours = cond(stack, p)
    assert ours.shape == (2, 2)
    np.testing.assert_allclose(ours, np.linalg.cond(stack, p), rtol=1e-9)
    a32 = matrices.conditioned(5, 100.0, dtype=np.float32)
    ours32 = cond(a32, p)
    assert ours32.dtype == np.float32 and np.ndim(ours32) == 0
    np.testing.assert_allclose(ours32, np.linalg.cond(a32, p), rtol=1e-3)  # 100 * eps32 * cond


def test_cond_of_rectangular_matrices_with_2_norms(matrices):
    for shape in ((6, 3), (3, 6)):
        a = matrices.general(*shape)
        for p in (None, 2, -2):
            np.testing.assert_allclose(cond(a, p), np.linalg.cond(a, p), rtol=1e-12)


@pytest.mark.parametrize("p", COND_ORDERS)
def test_cond_of_singular_matrices_is_inf(p):
    for zero in (np.zeros((3, 3)), np.zeros((1, 1))):
        assert cond(zero, p) == np.inf  # s_n / s_1 = 0 / 0 -> NaN -> inf, as numpy
        if p != "nuc":  # numpy's 'nuc' takes the SVD of its inf-filled inverse, which raises
            assert np.linalg.cond(zero, p) == np.inf
    duplicated_rows = np.array([[1.0, 2.0], [1.0, 2.0]])
    if p not in (None, 2, -2):  # numpy's LU finds the exact zero pivot and reports inf
        assert cond(duplicated_rows, p) == np.inf
    if p not in (None, 2, -2, "nuc"):
        assert np.linalg.cond(duplicated_rows, p) == np.inf


def test_cond_of_1x1():
    for p in COND_ORDERS:
        np.testing.assert_allclose(cond(np.array([[-4.0]]), p), 1.0, rtol=4 * EPS64)
        assert np.linalg.cond(np.array([[-4.0]]), p) == 1.0


def test_cond_errors():
    with pytest.raises(LinAlgError, match="cond is not defined on empty arrays"):
        cond(np.zeros((0, 0)))
    with pytest.raises(LinAlgError, match="must be square"):
        cond(np.ones((2, 3)), 1)
    with pytest.raises(ValueError, match="Invalid norm order for matrices"):
        cond(np.eye(2), 3)
    with pytest.raises(LinAlgError, match="at least two-dimensional"):
        cond(np.ones(3))


@given(n=st.integers(1, 6), seed=st.integers(0, 2**32 - 1), p=st.sampled_from(COND_ORDERS))
@settings(max_examples=40, deadline=None)
def test_cond_is_at_least_one_and_invariant_to_scaling(n, seed, p):
    a = np.random.default_rng(seed).standard_normal((n, n))
    value = cond(a, p)
    # ||A|| ||A^-1|| >= ||I|| >= 1 holds for the norms that are submultiplicative (1, 2, inf, fro,
    # nuc); p = -2 is s_min / s_max <= 1, and p = -1 / -inf (min column / row sums) only >= 0.
    if p == -2:
        assert 0 <= value <= 1 + 1e-12
    elif p in (-1, -np.inf):
        assert value >= 0
    else:
        assert value >= 1 - 1e-12
    if np.isfinite(value) and value < 1e8:
        np.testing.assert_allclose(cond(1e5 * a, p), value, rtol=1e-6)
