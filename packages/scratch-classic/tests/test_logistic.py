"""LogisticRegression against sklearn.linear_model.LogisticRegression on the same data.

The model is deterministic (a convex objective, solved to a tight tolerance), so the parity is
on the fitted numbers: coef_ and intercept_ to COEF_ATOL, probabilities to PROBA_ATOL. The
oracle is scikit-learn >= 1.8's spelling: L2 is the default, no penalty is C=np.inf, L1 is
l1_ratio=1 with solver "saga" (or "liblinear" without an intercept, which it would penalize).
"""

import warnings

import numpy as np
import pytest
import scipy.optimize
import scipy.special
import sklearn.metrics
from numpy.testing import assert_allclose, assert_array_equal
from scratch_classic.exceptions import ConvergenceWarning, NotFittedError
from scratch_classic.linear_model import LogisticRegression
from scratch_classic.linear_model._logistic_loss import LogisticObjective
from sklearn import linear_model as sk

COEF_ATOL = 1e-4  # both solve the same convex problem to a gradient of ~1e-8: coef_ to 1e-4
PROBA_ATOL = 1e-5  # probabilities move by at most ~|x| * coef error / 4
TIGHT = {"tol": 1e-8, "max_iter": 20_000}  # our solvers, run to (near) the optimum
SKLEARN_TIGHT = {"tol": 1e-12, "max_iter": 100_000}


def classification_data(n_classes, n_samples=120, n_features=5, seed=0):
    """Overlapping classes (the optimum is finite) with features off-center (intercepts matter)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_samples, n_features)) + 0.5  # (n, d)
    scores = X @ rng.normal(size=(n_features, n_classes)) + rng.gumbel(size=(n_samples, n_classes))
    return X, np.argmax(scores, axis=1)


def sklearn_model(penalty="l2", C=1.0, **params):
    """sklearn's LogisticRegression for our penalty, in its >= 1.8 spelling."""
    if penalty is None:
        return sk.LogisticRegression(C=np.inf, **SKLEARN_TIGHT, **params)
    if penalty == "l1":
        params.setdefault("solver", "saga")
        return sk.LogisticRegression(C=C, l1_ratio=1.0, **SKLEARN_TIGHT, **params)
    return sk.LogisticRegression(C=C, **SKLEARN_TIGHT, **params)


def assert_same_model(ours, theirs, X, coef_atol=COEF_ATOL):
    assert ours.coef_.shape == theirs.coef_.shape
    # subtle: sklearn's liblinear without an intercept stores intercept_ = 0.0, a scalar
    assert ours.intercept_.shape == np.shape(theirs.intercept_) or theirs.intercept_ == 0.0
    assert_array_equal(ours.classes_, theirs.classes_)
    assert_allclose(ours.coef_, theirs.coef_, atol=coef_atol, rtol=0)
    assert_allclose(ours.intercept_, theirs.intercept_, atol=coef_atol, rtol=0)
    assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=PROBA_ATOL, rtol=0)
    assert_allclose(ours.decision_function(X), theirs.decision_function(X),
                    atol=20 * coef_atol, rtol=0)  # |x| ~ 3 per feature, 5 features
    assert_allclose(ours.predict_log_proba(X), theirs.predict_log_proba(X), atol=1e-3, rtol=0)
    decided = np.abs(theirs.decision_function(X)).reshape(len(X), -1).min(axis=1) > 1e-3
    assert_array_equal(ours.predict(X)[decided], theirs.predict(X)[decided])


# -- parity with sklearn --


@pytest.mark.parametrize("solver", ["lbfgs", "newton", "gd"])
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("C", [0.1, 10.0])
def test_l2_matches_sklearn(solver, n_classes, fit_intercept, C):
    X, y = classification_data(n_classes)
    ours = LogisticRegression(C=C, fit_intercept=fit_intercept, solver=solver, **TIGHT).fit(X, y)
    theirs = sklearn_model(C=C, fit_intercept=fit_intercept).fit(X, y)
    assert_same_model(ours, theirs, X)
    assert ours.n_iter_.shape == (1,) and ours.n_iter_.dtype == np.int32
    if not fit_intercept:
        assert_array_equal(ours.intercept_, np.zeros(1 if n_classes == 2 else n_classes))


@pytest.mark.parametrize("solver", ["lbfgs", "newton", "gd"])
@pytest.mark.parametrize("n_classes", [2, 3])
def test_no_penalty_matches_sklearn(solver, n_classes):
    X, y = classification_data(n_classes, seed=1)
    ours = LogisticRegression(penalty=None, solver=solver, **TIGHT).fit(X, y)
    assert_same_model(ours, sklearn_model(penalty=None).fit(X, y), X)
    # C = inf is "no penalty" too, as in sklearn >= 1.8
    infinite_C = LogisticRegression(C=np.inf, solver=solver, **TIGHT).fit(X, y)
    assert_allclose(infinite_C.coef_, ours.coef_, atol=COEF_ATOL)


@pytest.mark.parametrize("class_weight", [None, "balanced", {0: 3.0, 2: 0.5}])
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("solver", ["lbfgs", "newton"])
def test_class_weight_and_sample_weight_match_sklearn(class_weight, n_classes, solver):
    X, y = classification_data(n_classes, seed=2)
    if isinstance(class_weight, dict) and n_classes == 2:
        class_weight = {1: 3.0}
    sample_weight = np.random.default_rng(3).uniform(0.0, 2.0, len(y))
    sample_weight[:10] = 0.0  # zero weights drop samples
    ours = LogisticRegression(C=0.5, class_weight=class_weight, solver=solver, **TIGHT)
    theirs = sklearn_model(C=0.5, class_weight=class_weight)
    ours.fit(X, y, sample_weight=sample_weight)
    theirs.fit(X, y, sample_weight=sample_weight)
    # subtle: "balanced" counts classes by their total sample weight, as sklearn's LR does
    assert_same_model(ours, theirs, X)


def test_zero_sample_weight_is_dropping_the_sample():
    X, y = classification_data(3, seed=4)
    weights = np.ones(len(y))
    weights[::4] = 0.0
    weighted = LogisticRegression(**TIGHT).fit(X, y, sample_weight=weights)
    dropped = LogisticRegression(**TIGHT).fit(X[weights > 0], y[weights > 0])
    assert_allclose(weighted.coef_, dropped.coef_, atol=1e-6)


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("C", [0.05, 1.0])
def test_l1_matches_sklearn_saga(n_classes, fit_intercept, C):
    X, y = classification_data(n_classes, seed=5)
    ours = LogisticRegression(penalty="l1", C=C, fit_intercept=fit_intercept, solver="gd",
                              tol=1e-10, max_iter=50_000).fit(X, y)
    theirs = sklearn_model(penalty="l1", C=C, fit_intercept=fit_intercept).fit(X, y)
    assert_same_model(ours, theirs, X)
    # the same sparsity pattern: exact zeros where saga has them
    assert_array_equal(ours.coef_ == 0, theirs.coef_ == 0)
    if C == 0.05:
        assert np.any(ours.coef_ == 0)  # the test exercises the thresholding


def test_l1_without_intercept_matches_liblinear():
    X, y = classification_data(2, seed=6)
    ours = LogisticRegression(penalty="l1", C=0.2, fit_intercept=False, solver="gd", tol=1e-10,
                              max_iter=50_000).fit(X, y)
    theirs = sklearn_model(penalty="l1", C=0.2, fit_intercept=False, solver="liblinear").fit(X, y)
    assert_same_model(ours, theirs, X)
    assert_array_equal(ours.coef_ == 0, theirs.coef_ == 0)


def test_l1_with_weights_matches_sklearn_saga():
    X, y = classification_data(3, seed=7)
    sample_weight = np.random.default_rng(8).uniform(0.5, 2.0, len(y))
    ours = LogisticRegression(penalty="l1", C=0.3, class_weight="balanced", solver="gd",
                              tol=1e-10, max_iter=50_000).fit(X, y, sample_weight=sample_weight)
    theirs = sklearn_model(penalty="l1", C=0.3, class_weight="balanced")
    assert_same_model(ours, theirs.fit(X, y, sample_weight=sample_weight), X)


def test_default_parameters_predict_as_sklearn():
    # the defaults (tol 1e-4, max_iter 100) on both sides: the same predictions, coef_ close
    X, y = classification_data(3, n_samples=200, seed=9)
    ours = LogisticRegression().fit(X, y)
    theirs = sk.LogisticRegression().fit(X, y)
    assert_array_equal(ours.predict(X), theirs.predict(X))
    assert_allclose(ours.coef_, theirs.coef_, atol=1e-2)  # tol 1e-4 is loose: 1e-2 in coef_


def test_string_labels_and_their_order_match_sklearn():
    X, y = classification_data(3, seed=10)
    labels = np.array(["setosa", "versicolor", "virginica"])[2 - y]  # reversed codes
    ours = LogisticRegression(**TIGHT).fit(X, labels)
    theirs = sklearn_model().fit(X, labels)
    assert_same_model(ours, theirs, X)
    assert ours.predict(X).dtype.kind == "U"


def test_log_probabilities_are_exact_where_probabilities_round_to_zero():
    X, y = classification_data(3, seed=11)
    ours = LogisticRegression(penalty=None, **TIGHT).fit(X, y)
    far = 300.0 * X[:5]  # scores in the thousands: some probabilities are 0.0 in float64
    scores = ours.decision_function(far)
    assert np.any(ours.predict_proba(far) == 0.0)
    # scipy's log_softmax on the same scores is the oracle; log(0) = -inf is never returned
    assert_allclose(ours.predict_log_proba(far), scipy.special.log_softmax(scores, axis=1),
                    rtol=1e-12)
    binary = LogisticRegression(penalty=None, **TIGHT).fit(*classification_data(2, seed=11))
    z = binary.decision_function(far)
    expected = np.column_stack([scipy.special.log_expit(-z), scipy.special.log_expit(z)])
    assert_allclose(binary.predict_log_proba(far), expected, rtol=1e-12)
    assert_allclose(binary.predict_proba(far)[:, 0], scipy.special.expit(-z), rtol=1e-12)


# -- the objective: value against sklearn's log_loss, gradient and Hessian by finite differences


def objective_for(n_classes, fit_intercept, l2_strength, seed=12):
    X, y = classification_data(n_classes, n_samples=40, n_features=3, seed=seed)
    weights = np.random.default_rng(seed).uniform(0.5, 2.0, len(y))
    n_rows = 1 if n_classes == 2 else n_classes
    target = y.astype(float) if n_rows == 1 else y
    return X, y, weights, LogisticObjective(X, target, weights, l2_strength, fit_intercept, n_rows)


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_objective_value_is_weighted_log_loss_plus_l2(n_classes, fit_intercept):
    X, y, weights, objective = objective_for(n_classes, fit_intercept, l2_strength=0.3)
    theta = np.random.default_rng(13).normal(size=objective.size)
    coef, intercept = objective.unpack(theta)
    scores = X @ coef.T + intercept  # (n, 1 or K)
    proba = (scipy.special.softmax(scores, axis=1) if n_classes > 2
             else np.column_stack([scipy.special.expit(-scores[:, 0]),
                                   scipy.special.expit(scores[:, 0])]))
    expected = sklearn.metrics.log_loss(y, proba, sample_weight=weights) + 0.15 * np.sum(coef**2)
    # the same sum in another order: 1e-12 relative
    assert_allclose(objective.value(theta), expected, rtol=1e-12)


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("fit_intercept", [True, False])
@pytest.mark.parametrize("l2_strength", [0.0, 0.3])
def test_gradient_and_hessian_match_finite_differences(n_classes, fit_intercept, l2_strength):
    _, _, _, objective = objective_for(n_classes, fit_intercept, l2_strength)
    theta = np.random.default_rng(14).normal(size=objective.size)
    numeric_gradient = scipy.optimize.approx_fprime(theta, objective.value, 1e-7)
    # forward differences with h = 1e-7: ~1e-7 absolute on an O(1) gradient
    assert_allclose(objective.grad(theta), numeric_gradient, atol=2e-6)
    numeric_hessian = scipy.optimize.approx_fprime(theta, objective.grad, 1e-7)  # (p, p)
    hessian = objective.hessian(theta)
    if n_classes > 2:
        # subtle: `hessian` adds a term along softmax's flat directions (a shift of every class
        # by the same vector); away from them it is the exact Hessian. Project them out.
        size, K = objective.n_columns, objective.n_rows
        flat = np.ones(size) if l2_strength == 0 else 1.0 - objective.penalty_mask()[:size]
        shifts = np.kron(np.ones((K, 1)) / np.sqrt(K), np.diag(flat))  # (K size, size)
        projector = np.eye(K * size) - shifts @ shifts.T
        hessian, numeric_hessian = projector @ hessian @ projector, projector @ numeric_hessian
    assert_allclose(hessian, numeric_hessian, atol=2e-6)
    assert_allclose(hessian, hessian.T, atol=1e-15)


# -- warnings, bad input, bad parameters --


@pytest.mark.parametrize("solver", ["lbfgs", "newton", "gd"])
def test_iteration_cap_warns_convergence_warning(solver):
    X, y = classification_data(3, seed=15)
    with pytest.warns(ConvergenceWarning, match="max_iter=1"):
        LogisticRegression(solver=solver, max_iter=1, tol=1e-12).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the default tol converges silently
        LogisticRegression(solver=solver, max_iter=10_000).fit(X, y)


@pytest.mark.parametrize(
    ("params", "error", "message"),
    [
        ({"penalty": "elasticnet"}, ValueError, "penalty must be one of"),
        ({"solver": "saga"}, ValueError, "solver must be one of 'lbfgs', 'newton', 'gd'"),
        ({"penalty": "l1"}, ValueError, "use solver='gd'"),
        ({"penalty": "l1", "solver": "newton"}, ValueError, "supports only 'l2' or None"),
        ({"C": 0.0}, ValueError, "C must be a positive float"),
        ({"C": -1.0}, ValueError, "C must be a positive float"),
        ({"C": np.nan}, ValueError, "C must be a positive float"),
        ({"C": "1"}, ValueError, "C must be a positive float"),
        ({"C": True}, ValueError, "C must be a positive float"),
        ({"max_iter": 0}, ValueError, "max_iter must be a positive integer"),
        ({"max_iter": 2.5}, ValueError, "max_iter must be a positive integer"),
        ({"tol": -1e-3}, ValueError, "tol must be a float >= 0"),
        ({"tol": np.nan}, ValueError, "tol must be a float >= 0"),
        ({"class_weight": "heavy"}, ValueError, "class_weight must be None, 'balanced' or a dict"),
        ({"class_weight": {7: 2.0}}, ValueError, r"class_weight names labels not in y: \[7\]"),
        ({"class_weight": [1.0, 2.0]}, TypeError, "class_weight must be None, 'balanced'"),
    ],
)
def test_bad_parameters_raise_in_fit(params, error, message):
    X, y = classification_data(2, n_samples=20)
    model = LogisticRegression(**params)  # subtle: __init__ only stores; fit validates
    with pytest.raises(error, match=message):
        model.fit(X, y)


def test_bad_data_raises_naming_the_problem():
    X, y = classification_data(2, n_samples=20)
    with pytest.raises(ValueError, match="at least 2 classes"):
        LogisticRegression().fit(X, np.zeros(20))
    with pytest.raises(ValueError, match="Unknown label type: continuous"):
        LogisticRegression().fit(X, np.linspace(0, 1, 20))
    X_nan = X.copy()
    X_nan[3, 1] = np.nan
    with pytest.raises(ValueError, match="Input X contains NaN"):
        LogisticRegression().fit(X_nan, y)
    with pytest.raises(ValueError, match="infinity"):
        LogisticRegression().fit(np.where(np.isnan(X_nan), np.inf, X), y)
    with pytest.raises(ValueError, match="0 sample"):
        LogisticRegression().fit(np.empty((0, 5)), np.empty(0))
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        LogisticRegression().fit(X, y[:-1])
    with pytest.raises(ValueError, match=r"sample_weight.shape == \(19,\)"):
        LogisticRegression().fit(X, y, sample_weight=np.ones(19))
    with pytest.raises(ValueError, match="Negative values in sample_weight"):
        LogisticRegression().fit(X, y, sample_weight=-np.ones(20))
    with pytest.raises(ValueError, match="must have a positive sum"):
        LogisticRegression().fit(X, y, sample_weight=np.zeros(20))
    with pytest.raises(NotFittedError):
        LogisticRegression().predict_proba(X)
    fitted = LogisticRegression().fit(X, y)
    with pytest.raises(ValueError, match="features"):
        fitted.predict(X[:, :3])
