"""accuracy_score and r2_score beside sklearn.metrics, to 1e-12 (same formulas: rounding only)."""

import numpy as np
import pytest
import sklearn.metrics
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scratch_classic.metrics import accuracy_score, r2_score

TOL = 1e-12  # same sums in a possibly different order: agreement to rounding error

# -- accuracy_score --


@pytest.mark.parametrize(
    ("y_true", "y_pred"),
    [
        ([0, 1, 2, 2, 1], [0, 2, 2, 2, 0]),
        (["cat", "dog", "dog"], ["cat", "cat", "dog"]),
        ([1.0, 2.0, 3.0, 4.0], [1.0, 2.0, 3.0, 4.0]),
        ([True, False, True], [False, False, False]),
    ],
    ids=["ints", "strings", "all-correct", "bools"],
)
@pytest.mark.parametrize("normalize", [True, False])
def test_accuracy_matches_sklearn(y_true, y_pred, normalize):
    ours = accuracy_score(y_true, y_pred, normalize=normalize)
    theirs = sklearn.metrics.accuracy_score(y_true, y_pred, normalize=normalize)
    assert ours == pytest.approx(theirs, abs=TOL)


def test_weighted_accuracy_matches_sklearn(rng):
    y_true, y_pred = rng.integers(0, 3, 50), rng.integers(0, 3, 50)
    weights = rng.uniform(0.0, 3.0, 50)
    for normalize in (True, False):
        ours = accuracy_score(y_true, y_pred, normalize=normalize, sample_weight=weights)
        theirs = sklearn.metrics.accuracy_score(
            y_true, y_pred, normalize=normalize, sample_weight=weights
        )
        assert ours == pytest.approx(theirs, abs=TOL)


def test_accuracy_accepts_column_vectors():
    column = np.array([[0], [1], [1]])
    assert accuracy_score(column, np.array([0, 1, 0])) == pytest.approx(2 / 3, abs=TOL)


def test_accuracy_errors():
    with pytest.raises(ValueError, match=r"inconsistent numbers of samples: \[3, 2\]"):
        accuracy_score([0, 1, 1], [0, 1])
    with pytest.raises(ValueError, match=r"Found empty input"):
        accuracy_score([], [])
    with pytest.raises(ValueError, match=r"y_true should be a 1d array"):
        accuracy_score(np.zeros((2, 2)), [0, 1])
    with pytest.raises(ValueError, match=r"sample_weight\.shape == \(2,\), expected \(3,\)"):
        accuracy_score([0, 1, 1], [0, 1, 1], sample_weight=[1.0, 1.0])


@given(
    labels=arrays(np.int64, st.integers(1, 40), elements=st.integers(0, 3)),
    seed=st.integers(0, 2**32 - 1),
)
def test_accuracy_property_matches_sklearn(labels, seed):
    rng = np.random.default_rng(seed)
    y_pred = np.where(rng.random(len(labels)) < 0.5, labels, rng.integers(0, 4, len(labels)))
    weights = rng.uniform(0.1, 2.0, len(labels))
    ours = accuracy_score(labels, y_pred, sample_weight=weights)
    assert ours == pytest.approx(
        sklearn.metrics.accuracy_score(labels, y_pred, sample_weight=weights), abs=TOL
    )


# -- r2_score --


def test_r2_matches_sklearn(rng):
    y_true = rng.standard_normal(30)
    y_pred = y_true + 0.3 * rng.standard_normal(30)
    assert r2_score(y_true, y_pred) == pytest.approx(
        sklearn.metrics.r2_score(y_true, y_pred), abs=TOL
    )


def test_weighted_r2_matches_sklearn(rng):
    y_true = rng.standard_normal(30)
    y_pred = y_true + 0.5 * rng.standard_normal(30)
    weights = rng.uniform(0.0, 2.0, 30)
    ours = r2_score(y_true, y_pred, sample_weight=weights)
    theirs = sklearn.metrics.r2_score(y_true, y_pred, sample_weight=weights)
    assert ours == pytest.approx(theirs, abs=TOL)


def test_multi_output_r2_is_the_uniform_average_like_sklearn(rng):
    y_true = rng.standard_normal((25, 3)) * [1.0, 10.0, 0.1]
    y_pred = y_true + rng.standard_normal((25, 3))  # very different R^2 per output
    weights = rng.uniform(0.5, 1.5, 25)
    for sample_weight in (None, weights):
        ours = r2_score(y_true, y_pred, sample_weight=sample_weight)
        theirs = sklearn.metrics.r2_score(y_true, y_pred, sample_weight=sample_weight)
        assert ours == pytest.approx(theirs, abs=TOL)


@pytest.mark.parametrize(
    ("y_pred", "expected"),
    [([2.0, 2.0, 2.0], 1.0), ([2.0, 2.0, 2.5], 0.0)],
    ids=["perfect", "imperfect"],
)
def test_constant_y_true_gives_1_if_perfect_else_0_like_sklearn(y_pred, expected):
    y_true = [2.0, 2.0, 2.0]
    assert r2_score(y_true, y_pred) == sklearn.metrics.r2_score(y_true, y_pred) == expected


def test_multi_output_with_one_constant_column_like_sklearn(rng):
    y_true = np.column_stack([rng.standard_normal(10), np.full(10, 3.0)])
    y_pred = y_true + np.column_stack([0.1 * rng.standard_normal(10), np.zeros(10)])
    assert r2_score(y_true, y_pred) == pytest.approx(
        sklearn.metrics.r2_score(y_true, y_pred), abs=TOL
    )
    y_pred[0, 1] = 4.0  # the constant column is now mispredicted: its R^2 drops to 0
    assert r2_score(y_true, y_pred) == pytest.approx(
        sklearn.metrics.r2_score(y_true, y_pred), abs=TOL
    )


def test_r2_can_be_negative_like_sklearn():
    y_true, y_pred = [1.0, 2.0, 3.0], [3.0, 2.0, 1.0]
    assert r2_score(y_true, y_pred) == pytest.approx(
        sklearn.metrics.r2_score(y_true, y_pred), abs=TOL
    )
    assert r2_score(y_true, y_pred) == pytest.approx(-3.0, abs=TOL)


def test_r2_errors():
    with pytest.raises(ValueError, match=r"inconsistent numbers of samples: \[3, 2\]"):
        r2_score([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match=r"different shapes: \(3,\) vs \(3, 1\)"):
        r2_score([1.0, 2.0, 3.0], [[1.0], [2.0], [3.0]])
    with pytest.raises(ValueError, match=r"not well-defined with less than two samples"):
        r2_score([1.0], [1.0])
    with pytest.raises(ValueError, match=r"Input y_pred contains NaN"):
        r2_score([1.0, 2.0], [1.0, np.nan])


@given(
    y_true=arrays(np.float64, st.integers(2, 30), elements=st.floats(-1e3, 1e3)),
    seed=st.integers(0, 2**32 - 1),
)
def test_r2_property_matches_sklearn(y_true, seed):
    # subtle: for a constant y_true, sklearn's weighted mean can miss the constant by one ulp and
    # report a huge negative R^2 (a ratio of rounding errors); constant targets are tested above
    assume(np.ptp(y_true) > 1e-6)
    rng = np.random.default_rng(seed)
    y_pred = y_true + rng.standard_normal(len(y_true))
    weights = rng.uniform(0.1, 2.0, len(y_true))
    ours = r2_score(y_true, y_pred, sample_weight=weights)
    theirs = sklearn.metrics.r2_score(y_true, y_pred, sample_weight=weights)
    # relative: with nearly-constant y_true, R^2 is a ratio of small numbers and can be large
    assert ours == pytest.approx(theirs, rel=1e-9, abs=TOL)
