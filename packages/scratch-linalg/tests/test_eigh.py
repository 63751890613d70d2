"""eigh / eigvalsh against numpy.linalg.eigh / eigvalsh.

Tolerances: symmetric eigenvalues are perfectly conditioned (Weyl: |dw| <= ||dA||_2), and a
backward-stable method has ||dA|| ~ n eps ||A||, so eigenvalues must agree to n eps ||A||_2
(n >= 8, a few ulps for tiny sizes) whatever the condition number. Eigenvectors are compared
with numpy's up to sign only when the eigenvalues are well separated (their error is about
eps ||A|| / gap); for repeated or clustered eigenvalues we check A V = V diag(w) and V^T V = I
to n eps ||A|| and n eps instead.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scratch_linalg
from scratch_linalg import EighResult, LinAlgError, eigh, eigvalsh


def tolerance(n, norm, dtype):
    return max(n, 8) * np.finfo(dtype).eps * max(norm, np.finfo(dtype).tiny)


def assert_valid_eigh(a, w, v):
    """A V = V diag(w), V^T V = I, w ascending and equal to numpy's (for one (n, n) matrix)."""
    n = a.shape[-1]
    a64 = a.astype(np.float64)
    w_ref = np.linalg.eigvalsh(a64)
    tol = tolerance(n, np.abs(w_ref).max(initial=0), a.dtype)
    assert np.all(np.diff(w) >= 0)
    np.testing.assert_allclose(w, w_ref, rtol=0, atol=tol)
    np.testing.assert_allclose(a64 @ v, v * w, rtol=0, atol=tol)
    np.testing.assert_allclose(v.T @ v, np.eye(n), rtol=0, atol=tolerance(n, 1, a.dtype))


@pytest.mark.parametrize("n", [1, 2, 5, 40, 130])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_eigh_random_matches_numpy(matrices, n, dtype):
    a = matrices.symmetric(n, dtype=dtype)
    w, v = eigh(a)
    assert w.dtype == v.dtype == dtype
    assert_valid_eigh(a, w, v)
    np.testing.assert_allclose(eigvalsh(a), w, rtol=0, atol=tolerance(n, np.abs(w).max(), dtype))


def test_eigenvectors_match_numpy_up_to_sign(matrices):
    n = 60
    a = matrices.symmetric(n)
    w, v = eigh(a)
    w_ref, v_ref = np.linalg.eigh(a)
    gap = np.diff(w_ref).min()
    v = v * np.sign(np.sum(v * v_ref, axis=0))
    tol = tolerance(n, np.abs(w_ref).max(), float) / gap
    np.testing.assert_allclose(v, v_ref, rtol=0, atol=tol)


@pytest.mark.parametrize("cond", [1e3, 1e8, 1e12])
def test_ill_conditioned_spd(matrices, cond):
    # tiny eigenvalues are only accurate to n eps ||A|| absolutely: that is all we claim
    a = matrices.spd(90, cond=cond)
    w, v = eigh(a)
    assert_valid_eigh(a, w, v)


def test_graded_matrix(rng):
    # entries spanning 1 .. 1e-12 along the diagonal (a graded matrix)
    n = 70
    scale = np.logspace(0, -12, n)
    b = rng.standard_normal((n, n))
    a = scale[:, None] * (b + b.T) * scale[None, :]
    w, v = eigh(a)
    assert_valid_eigh(a, w, v)


@pytest.mark.parametrize("kind", ["identity", "zero", "block_of_equal", "two_values"])
def test_repeated_eigenvalues(matrices, kind):
    n = 80
    if kind == "identity":
        a = np.eye(n)
    elif kind == "zero":
        a = np.zeros((n, n))
    else:
        q = matrices.orthogonal(n)
        eigenvalues = np.linspace(-3, 3, n)
        if kind == "block_of_equal":
            eigenvalues[20:50] = 1.5
        else:
            eigenvalues = np.where(np.arange(n) % 2, 2.0, -1.0)
        a = (q * eigenvalues) @ q.T
        a = (a + a.T) / 2
    w, v = eigh(a)
    assert_valid_eigh(a, w, v)


def test_tiny_and_empty():
    w, v = eigh(np.array([[-3.0]]))
    assert w.tolist() == [-3.0] and v.tolist() == [[1.0]]
    w, v = eigh(np.zeros((0, 0)))
    w_ref, v_ref = np.linalg.eigh(np.zeros((0, 0)))
    assert w.shape == w_ref.shape and v.shape == v_ref.shape
    assert eigh(np.zeros((2, 0, 0))).eigenvectors.shape == (2, 0, 0)
    assert eigvalsh(np.zeros((3, 0, 4, 4))).shape == (3, 0, 4)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_batched_matches_numpy(matrices, dtype):
    a = np.array([[matrices.symmetric(6, dtype=dtype) for _ in range(3)] for _ in range(2)])
    result = eigh(a)  # (2, 3, 6, 6)
    assert isinstance(result, EighResult)
    assert result.eigenvalues.shape == (2, 3, 6) and result.eigenvectors.shape == (2, 3, 6, 6)
    assert result.eigenvalues.dtype == dtype
    for index in np.ndindex(2, 3):
        assert_valid_eigh(a[index], result.eigenvalues[index], result.eigenvectors[index])
    np.testing.assert_allclose(
        eigvalsh(a),
        np.linalg.eigvalsh(a),
        rtol=0,
        atol=tolerance(6, np.abs(result.eigenvalues).max(), dtype),
    )


@pytest.mark.parametrize("UPLO", ["L", "U"])
def test_only_the_named_triangle_is_read(matrices, UPLO):
    a = matrices.symmetric(30)
    garbage = np.triu(np.full((30, 30), 1e3), 1)
    corrupted = a + (garbage if UPLO == "L" else garbage.T)  # junk in the unread triangle
    w, v = eigh(corrupted, UPLO=UPLO)
    w_ref, _ = np.linalg.eigh(corrupted, UPLO=UPLO)
    np.testing.assert_allclose(w, w_ref, rtol=0, atol=tolerance(30, np.abs(w_ref).max(), float))
    assert_valid_eigh(a, w, v)
    np.testing.assert_allclose(eigvalsh(corrupted, UPLO=UPLO), w_ref, rtol=0, atol=1e-12)


def test_integer_input_gives_float64():
    w, v = eigh(np.array([[2, 1], [1, 2]]))
    assert w.dtype == np.float64
    np.testing.assert_allclose(w, [1.0, 3.0], atol=1e-15)


def test_public_api():
    assert scratch_linalg.eigh is eigh and scratch_linalg.eigvalsh is eigvalsh
    assert EighResult._fields == np.linalg.eigh(np.eye(2))._fields


@settings(max_examples=30, deadline=None)
@given(
    n=st.integers(1, 60),
    seed=st.integers(0, 2**32 - 1),
    rounding=st.sampled_from([None, 0]),  # rounding to integers makes repeated eigenvalues
    scale=st.sampled_from([1e-100, 1.0, 1e100]),
)
def test_property_eigh_decomposes(n, seed, rounding, scale):
    generator = np.random.default_rng(seed)
    b = generator.standard_normal((n, n))
    if rounding is not None:
        b = np.round(b, rounding)
    a = scale * (b + b.T)
    w, v = eigh(a)
    assert_valid_eigh(a, w, v)


def test_errors():
    with pytest.raises(LinAlgError, match="square"):
        eigh(np.ones((2, 3)))
    with pytest.raises(LinAlgError, match="two-dimensional"):
        eigvalsh(np.ones(3))
    with pytest.raises(ValueError, match="infs or NaNs"):
        eigh(np.array([[1.0, np.inf], [np.inf, 1.0]]))
    with pytest.raises(TypeError, match="complex"):
        eigh(np.eye(2, dtype=complex))
    with pytest.raises(ValueError, match="UPLO"):
        eigh(np.eye(2), UPLO="X")
