"""root (damped Newton for systems) vs scipy.optimize.root."""

import numpy as np
import pytest
import scipy.optimize
from scratch_optim import root


def powell_like(x):
    return np.array([x[0] + 0.5 * (x[0] - x[1]) ** 3 - 1.0, 0.5 * (x[1] - x[0]) ** 3 + x[1]])


def powell_like_jac(x):
    d = 1.5 * (x[0] - x[1]) ** 2
    return np.array([[1 + d, -d], [-d, 1 + d]])


def circle_and_line(x):
    return np.array([x[0] ** 2 + x[1] ** 2 - 4.0, x[0] - x[1] ** 3 + 0.5 * x[2], x[2] - 1.0])


@pytest.mark.parametrize(("fun", "x0"), [(powell_like, [0.0, 0.0]), (circle_and_line, [1.0, 1.0, 0.0]),
                                         (powell_like, [3.0, -2.0])])
def test_same_root_as_scipy(fun, x0):
    ours = root(fun, x0)
    theirs = scipy.optimize.root(fun, x0)
    # both converge to xtol ~1.5e-8 relative; Newton's last step makes ours far more accurate
    np.testing.assert_allclose(ours.x, theirs.x, atol=1e-7)
    assert ours.success and np.max(np.abs(ours.fun)) < 1e-10


def test_analytic_and_combined_jacobians_give_the_same_iterates():
    x0 = [2.0, 0.5]
    with_jac = root(powell_like, x0, jac=powell_like_jac)
    combined = root(lambda x: (powell_like(x), powell_like_jac(x)), x0, jac=True)
    np.testing.assert_array_equal(with_jac.x, combined.x)
    np.testing.assert_allclose(with_jac.x, scipy.optimize.root(powell_like, x0).x, atol=1e-7)
    assert with_jac.njev == with_jac.nit  # one Jacobian per Newton step


def test_singular_jacobian_is_reported():
    result = root(lambda x: np.array([x[0] ** 2, x[0] ** 2]), [1.0, 1.0])
    assert not result.success and "singular" in result.message


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"method": "hybr"}, "unknown method 'hybr'; valid: newton"),
    ({"options": {"factor": 100}}, r"unknown option\(s\) \['factor'\]"),
    ({"tol": -1.0}, "tol must be finite and > 0"),
    ({"jac": "yes"}, "jac must be a callable, True or None"),
])
def test_bad_input_raises(kwargs, match):
    with pytest.raises(ValueError, match=match):
        root(powell_like, [0.0, 0.0], **kwargs)


def test_wrong_output_shape_raises():
    with pytest.raises(ValueError, match="fun must return 2 values"):
        root(lambda x: np.zeros(3), [0.0, 0.0])
