"""svd against numpy.linalg.svd: values, vectors up to sign, reconstruction, orthogonality.

Tolerances: a backward-stable SVD has |S - S_numpy| <= c max(m, n) eps S[0] (absolute, the
bidiagonalization's rounding), reconstruction error of the same size, and orthogonality to
c max(m, n) eps. A singular vector is determined to about eps S[0] / gap (gap: distance to the
nearest other singular value, or to its mirror -sigma, i.e. 2 sigma), so vectors are compared
only with that tolerance, and only where it is small.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import scratch_linalg as sla
from scratch_linalg import LinAlgError

C = 10  # the constant c above


def eps_of(dtype):
    return np.finfo(dtype).eps


def assert_valid_svd(a, result, full_matrices=True):
    """Reconstruction, orthonormality, S descending and equal to numpy's, shapes as numpy's.

    a: one matrix (m, n); batches are checked one element at a time by the caller.
    """
    U, S, Vh = result
    expected = np.linalg.svd(a.astype(np.float64), full_matrices=full_matrices)
    assert U.shape == expected.U.shape and S.shape == expected.S.shape
    assert Vh.shape == expected.Vh.shape
    assert U.dtype == S.dtype == Vh.dtype == a.dtype
    m, n = a.shape[-2:]
    k = min(m, n)
    tolerance = C * max(m, n, 1) * eps_of(a.dtype)
    scale = max(float(expected.S.max(initial=0)), np.finfo(a.dtype).tiny)
    np.testing.assert_allclose(S, expected.S, atol=tolerance * scale)
    assert np.all(np.diff(S) <= 0) and np.all(S >= 0)
    reconstructed = (U[:, :k] * S) @ Vh[:k]  # (m, n)
    np.testing.assert_allclose(reconstructed, a, atol=tolerance * scale)
    np.testing.assert_allclose(U.T @ U, np.eye(U.shape[1]), atol=tolerance)
    np.testing.assert_allclose(Vh @ Vh.T, np.eye(Vh.shape[0]), atol=tolerance)
    return expected


def assert_vectors_match_up_to_sign(ours, expected, dtype, max_tolerance=0.05):
    """Compare singular vector pairs whose gap makes them well determined; returns how many."""
    S = expected.S.astype(np.float64)
    k = len(S)
    compared = 0
    for j in range(k):
        others = np.delete(S, j)
        gap = min(np.abs(others - S[j]).min(initial=np.inf), 2 * S[j])
        tolerance = 10 * k * eps_of(dtype) * S[0] / max(gap, np.finfo(np.float64).tiny)
        if tolerance > max_tolerance:
            continue
        sign = np.sign(ours.U[:, j] @ expected.U[:, j])
        np.testing.assert_allclose(sign * ours.U[:, j], expected.U[:, j], atol=tolerance)
        np.testing.assert_allclose(sign * ours.Vh[j], expected.Vh[j], atol=tolerance)
        compared += 1
    return compared


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("full_matrices", [True, False])
@pytest.mark.parametrize(
    "shape", [(1, 1), (2, 2), (6, 6), (40, 25), (25, 40), (90, 90), (1, 7), (7, 1)]
)
def test_svd_matches_numpy_on_random_matrices(matrices, shape, full_matrices, dtype):
    a = matrices.general(*shape, dtype=dtype)
    ours = sla.svd(a, full_matrices=full_matrices)
    expected = assert_valid_svd(a, ours, full_matrices)
    compared = assert_vectors_match_up_to_sign(ours, expected, dtype)
    assert compared >= min(shape) // 4  # random matrices have well separated singular values


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_svd_ill_conditioned(matrices, dtype):
    # cond 1e12: S is accurate in the absolute sense only, eps * S[0], like numpy's
    a = matrices.conditioned(60, 1e12, dtype=dtype)
    ours = sla.svd(a)
    expected = assert_valid_svd(a, ours)
    assert assert_vectors_match_up_to_sign(ours, expected, dtype) >= 1


@pytest.mark.parametrize("full_matrices", [True, False])
@pytest.mark.parametrize("m, n, rank", [(30, 30, 10), (50, 20, 3), (20, 50, 5), (12, 12, 0)])
def test_svd_rank_deficient_keeps_vectors_orthonormal(matrices, m, n, rank, full_matrices):
    # several exact zero singular values: the +-0 cluster must still give orthonormal U, V
    a = matrices.rank_deficient(m, n, rank)
    ours = sla.svd(a, full_matrices=full_matrices)
    assert_valid_svd(a, ours, full_matrices)
    assert np.all(ours.S[rank:] <= C * max(m, n) * eps_of(a.dtype) * max(ours.S[0], 1))


def test_svd_of_exact_zero_structure():
    # an exact zero column and row: zeros in the bidiagonal itself
    a = np.diag([3.0, 0.0, 2.0, 0.0])
    a[0, 2] = 1.0
    assert_valid_svd(a, sla.svd(a))


@pytest.mark.parametrize("shape", [(0, 3), (3, 0), (0, 0), (2, 0, 3), (0, 4, 4)])
@pytest.mark.parametrize("full_matrices", [True, False])
def test_svd_empty_shapes_match_numpy(shape, full_matrices):
    a = np.zeros(shape)
    ours = sla.svd(a, full_matrices=full_matrices)
    expected = np.linalg.svd(a, full_matrices=full_matrices)
    for mine, theirs in zip(ours, expected, strict=True):
        assert mine.shape == theirs.shape
        np.testing.assert_array_equal(mine, theirs)
    assert sla.svd(a, compute_uv=False).shape == np.linalg.svd(a, compute_uv=False).shape


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("full_matrices", [True, False])
@pytest.mark.parametrize("core", [(5, 5), (6, 3), (3, 6)])
def test_svd_batched(matrices, core, full_matrices, dtype):
    a = matrices.general(2 * 3 * core[0], core[1], dtype=dtype).reshape(2, 3, *core)
    ours = sla.svd(a, full_matrices=full_matrices)
    assert isinstance(ours, sla.SVDResult)
    for index in np.ndindex(2, 3):
        one = sla.SVDResult(ours.U[index], ours.S[index], ours.Vh[index])
        assert_valid_svd(a[index], one, full_matrices)
    np.testing.assert_allclose(
        sla.svd(a, compute_uv=False), ours.S, atol=C * 6 * eps_of(dtype) * ours.S.max()
    )


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape", [(1, 1), (30, 20), (20, 30), (64, 64)])
def test_singular_values_only(matrices, shape, dtype):
    a = matrices.general(*shape, dtype=dtype)
    S = sla.svd(a, compute_uv=False)
    expected = np.linalg.svd(a, compute_uv=False)
    assert S.dtype == dtype and S.shape == expected.shape
    np.testing.assert_allclose(S, expected, atol=C * max(shape) * eps_of(dtype) * expected[0])


def test_integer_input_becomes_float64():
    a = np.array([[2, 0], [0, -3]])
    U, S, Vh = sla.svd(a)
    assert S.dtype == np.float64
    np.testing.assert_allclose(S, [3.0, 2.0], atol=1e-15)
    np.testing.assert_allclose((U * S) @ Vh, a, atol=1e-15)


@pytest.mark.parametrize("magnitude", [1e200, 1e-200])
def test_svd_extreme_scales_neither_overflow_nor_underflow(matrices, magnitude):
    a = matrices.general(8, 5)
    S = sla.svd(a * magnitude, compute_uv=False)
    np.testing.assert_allclose(S / magnitude, np.linalg.svd(a, compute_uv=False), rtol=1e-13)


@pytest.mark.parametrize("compute_uv", [True, False])
def test_svd_hermitian_matches_numpy(matrices, compute_uv):
    a = matrices.symmetric(20)
    ours = sla.svd(a, hermitian=True, compute_uv=compute_uv)
    expected = np.linalg.svd(a, hermitian=True, compute_uv=compute_uv)
    if not compute_uv:
        np.testing.assert_allclose(ours, expected, atol=1e-13)
        return
    np.testing.assert_allclose(ours.S, expected.S, atol=1e-13)
    np.testing.assert_allclose((ours.U * ours.S) @ ours.Vh, a, atol=1e-13)
    np.testing.assert_allclose(ours.U.T @ ours.U, np.eye(20), atol=1e-13)
    # numpy's convention: U holds the eigenvectors, the eigenvalue signs move into Vh
    np.testing.assert_allclose(np.abs(ours.Vh), np.abs(ours.U.T), atol=0)


def test_svd_errors():
    with pytest.raises(LinAlgError, match="two-dimensional"):
        sla.svd(np.ones(3))
    with pytest.raises(ValueError, match="infs or NaNs"):
        sla.svd(np.array([[1.0, np.nan], [0.0, 1.0]]))
    with pytest.raises(TypeError, match="complex"):
        sla.svd(np.eye(2, dtype=complex))


@settings(max_examples=30, deadline=None)
@given(
    st.tuples(st.integers(1, 9), st.integers(1, 9), st.booleans()).flatmap(
        lambda t: st.tuples(
            arrays(np.float64, t[:2], elements=st.floats(-100, 100).map(lambda x: float(round(x)))),
            st.just(t[2]),
        )
    )
)
def test_svd_property_reconstructs_with_orthonormal_factors(case):
    # rounded entries make repeated rows, zero columns and exact rank deficiency frequent
    a, full_matrices = case
    assert_valid_svd(a, sla.svd(a, full_matrices=full_matrices), full_matrices)
