"""scratch_classic.svm against sklearn.svm on the same data and hyper-parameters."""

import numpy as np
import pytest
from scratch_classic.exceptions import NotFittedError
from scratch_classic.svm import SVC, SVR, LinearSVC
from scratch_classic.svm._kernels import Kernel, resolve_gamma
from sklearn import svm as sk_svm
from sklearn.datasets import make_classification, make_regression
from sklearn.metrics import pairwise

KERNELS = ["linear", "poly", "rbf", "sigmoid"]
# sigmoid is not PSD; a small gamma keeps libsvm's stationary point well separated from others.
KERNEL_PARAMS = {
    "linear": {},
    "poly": {"degree": 3, "coef0": 1.0},
    "rbf": {},
    "sigmoid": {"gamma": 0.05},
}


def classification_data(n_classes, n_samples=120):
    return make_classification(
        n_samples=n_samples,
        n_features=5,
        n_informative=3,
        n_redundant=0,
        n_classes=n_classes,
        n_clusters_per_class=1,
        flip_y=0.05,
        random_state=0,
    )


@pytest.fixture(scope="module")
def regression_data():
    X, y = make_regression(n_samples=100, n_features=4, noise=5.0, random_state=0)
    return X, y / y.std()


# ---------------------------------------------------------------- kernels


@pytest.mark.parametrize("name", KERNELS)
def test_kernel_matrices_match_sklearn_pairwise(name, rng):
    A, B = rng.normal(size=(7, 4)), rng.normal(size=(5, 4))
    expected = {
        "linear": pairwise.linear_kernel(A, B),
        "poly": pairwise.polynomial_kernel(A, B, degree=2, gamma=0.3, coef0=1.5),
        "rbf": pairwise.rbf_kernel(A, B, gamma=0.3),
        "sigmoid": pairwise.sigmoid_kernel(A, B, gamma=0.3, coef0=1.5),
    }[name]
    kernel = Kernel(name, gamma=0.3, degree=2, coef0=1.5)
    np.testing.assert_allclose(kernel(A, B), expected, rtol=1e-12, atol=1e-12)  # same formulas
    np.testing.assert_allclose(kernel.diagonal(A), np.diag(kernel(A, A)), rtol=1e-12, atol=1e-12)


def test_gamma_scale_and_auto_follow_sklearn(rng):
    X = rng.normal(size=(30, 4)) * 3.0
    assert resolve_gamma("scale", X) == pytest.approx(1.0 / (4 * X.var()), rel=1e-15)
    assert resolve_gamma("auto", X) == 0.25
    assert resolve_gamma("scale", np.ones((5, 2))) == 1.0  # constant X: sklearn's fallback
    model = SVC(gamma="scale").fit(X, (X[:, 0] > 0).astype(int))
    reference = sk_svm.SVC(gamma="scale").fit(X, (X[:, 0] > 0).astype(int))
    assert model._gamma == pytest.approx(reference._gamma, rel=1e-12)


# ---------------------------------------------------------------- SVC


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("kernel", KERNELS)
def test_svc_matches_libsvm(kernel, n_classes):
    X, y = classification_data(n_classes)
    params = {
        "kernel": kernel,
        "C": 1.0,
        "tol": 1e-6,
        **KERNEL_PARAMS[kernel],
    }  # tight tol, both sides
    model = SVC(**params).fit(X, y)
    reference = sk_svm.SVC(**params).fit(X, y)
    np.testing.assert_array_equal(model.support_, reference.support_)
    np.testing.assert_array_equal(model.n_support_, reference.n_support_)
    np.testing.assert_allclose(model.support_vectors_, reference.support_vectors_)
    # tol=1e-6 bounds the KKT violation, so the duals agree far below the 1e-3 asked for
    np.testing.assert_allclose(model.dual_coef_, reference.dual_coef_, atol=1e-4)
    np.testing.assert_allclose(model.intercept_, reference.intercept_, atol=1e-4)
    np.testing.assert_allclose(
        model.decision_function(X), reference.decision_function(X), atol=1e-4
    )
    np.testing.assert_array_equal(model.predict(X), reference.predict(X))
    assert model.n_iter_.shape == reference.n_iter_.shape


@pytest.mark.parametrize("n_classes", [2, 3])
def test_svc_ovo_shape_and_linear_coef_match_sklearn(n_classes):
    X, y = classification_data(n_classes)
    model = SVC(kernel="linear", decision_function_shape="ovo", tol=1e-6).fit(X, y)
    reference = sk_svm.SVC(kernel="linear", decision_function_shape="ovo", tol=1e-6).fit(X, y)
    np.testing.assert_allclose(
        model.decision_function(X), reference.decision_function(X), atol=1e-4
    )
    np.testing.assert_allclose(model.coef_, reference.coef_, atol=1e-4)  # as dual_coef_ above
    with pytest.raises(AttributeError, match="linear kernel"):
        _ = SVC(kernel="rbf").fit(X, y).coef_


@pytest.mark.parametrize("solver", ["qp", "cvxopt"])
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("kernel", ["linear", "poly", "rbf"])
def test_svc_qp_solvers_agree_with_smo(kernel, n_classes, solver):
    X, y = classification_data(n_classes)
    params = dict(kernel=kernel, **KERNEL_PARAMS[kernel])
    smo = SVC(tol=1e-8, **params).fit(X, y)
    dense = SVC(solver=solver, **params).fit(X, y)
    np.testing.assert_array_equal(dense.support_, smo.support_)
    # the interior point stops at a 1e-10 gap, SMO at a 1e-8 KKT violation
    np.testing.assert_allclose(dense.dual_coef_, smo.dual_coef_, atol=1e-4)
    np.testing.assert_allclose(dense.intercept_, smo.intercept_, atol=1e-4)
    np.testing.assert_array_equal(dense.predict(X), smo.predict(X))


def test_svc_string_labels_sample_and_class_weights_match_sklearn():
    X, y = classification_data(3)
    labels = np.array(["cat", "dog", "emu"])[y]
    weights = np.random.default_rng(0).uniform(0.2, 2.0, size=y.size)
    weights[:5] = 0.0  # libsvm drops zero-weight samples
    params = {"C": 2.0, "tol": 1e-6, "class_weight": {"dog": 3.0}}
    model = SVC(**params).fit(X, labels, sample_weight=weights)
    reference = sk_svm.SVC(**params).fit(X, labels, sample_weight=weights)
    np.testing.assert_array_equal(model.classes_, reference.classes_)
    # subtle: sklearn's support_ counts positions among the positive-weight samples only; ours
    # index X itself (X[support_] == support_vectors_ in both).
    np.testing.assert_array_equal(model.support_, np.flatnonzero(weights > 0)[reference.support_])
    np.testing.assert_allclose(model.support_vectors_, reference.support_vectors_)
    np.testing.assert_allclose(model.dual_coef_, reference.dual_coef_, atol=1e-4)  # tol=1e-6 both
    np.testing.assert_array_equal(model.predict(X), reference.predict(X))
    balanced = SVC(class_weight="balanced").fit(X, labels)
    np.testing.assert_allclose(
        balanced.class_weight_, sk_svm.SVC(class_weight="balanced").fit(X, labels).class_weight_
    )


def test_svc_small_kernel_cache_evicts_columns_and_gives_the_same_model():
    X, y = classification_data(2, n_samples=300)
    roomy = SVC(tol=1e-6).fit(X, y)  # 200 MB: every column stays
    tight = SVC(tol=1e-6, cache_size=0.01).fit(X, y)  # 0.01 MB: 4 columns of 300, recomputed
    np.testing.assert_array_equal(tight.support_, roomy.support_)
    np.testing.assert_allclose(tight.dual_coef_, roomy.dual_coef_, atol=1e-12)  # the same steps


def test_svc_max_iter_warns_and_stops():
    from scratch_classic.exceptions import ConvergenceWarning

    X, y = classification_data(2)
    with pytest.warns(ConvergenceWarning, match="terminated early"):
        model = SVC(max_iter=3).fit(X, y)
    assert model.n_iter_[0] == 3


# ---------------------------------------------------------------- SVR


@pytest.mark.parametrize("kernel", KERNELS)
def test_svr_matches_libsvm(kernel, regression_data):
    X, y = regression_data
    params = dict(kernel=kernel, C=1.0, epsilon=0.1, tol=1e-6, **KERNEL_PARAMS[kernel])
    model = SVR(**params).fit(X, y)
    reference = sk_svm.SVR(**params).fit(X, y)
    np.testing.assert_array_equal(model.support_, reference.support_)
    np.testing.assert_array_equal(model.n_support_, reference.n_support_)
    np.testing.assert_allclose(model.dual_coef_, reference.dual_coef_, atol=1e-4)  # tol=1e-6 both
    np.testing.assert_allclose(model.intercept_, reference.intercept_, atol=1e-4)
    np.testing.assert_allclose(model.predict(X), reference.predict(X), atol=1e-4)
    assert model.score(X, y) == pytest.approx(reference.score(X, y), abs=1e-5)


@pytest.mark.parametrize("solver", ["qp", "cvxopt"])
def test_svr_qp_solvers_agree_with_smo(solver, regression_data):
    X, y = regression_data
    smo = SVR(tol=1e-8).fit(X, y)
    dense = SVR(solver=solver).fit(X, y)
    np.testing.assert_array_equal(dense.support_, smo.support_)
    np.testing.assert_allclose(dense.dual_coef_, smo.dual_coef_, atol=1e-4)  # 1e-10 gap vs 1e-8 KKT
    np.testing.assert_allclose(dense.intercept_, smo.intercept_, atol=1e-4)


def test_svr_sample_weight_and_linear_coef_match_sklearn(regression_data):
    X, y = regression_data
    weights = np.linspace(0.0, 2.0, y.size)  # the first sample has weight 0 and is dropped
    model = SVR(kernel="linear", tol=1e-6).fit(X, y, sample_weight=weights)
    reference = sk_svm.SVR(kernel="linear", tol=1e-6).fit(X, y, sample_weight=weights)
    # sklearn's support_ counts positions among the positive-weight samples (see the SVC test)
    np.testing.assert_array_equal(model.support_, np.flatnonzero(weights > 0)[reference.support_])
    np.testing.assert_allclose(model.coef_, reference.coef_, atol=1e-4)  # tol=1e-6 both


# ---------------------------------------------------------------- LinearSVC


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
@pytest.mark.parametrize("fit_intercept", [True, False])
def test_linear_svc_matches_liblinear(loss, n_classes, fit_intercept):
    X, y = classification_data(n_classes, n_samples=80)
    params = {
        "C": 0.5,
        "loss": loss,
        "tol": 1e-7,
        "max_iter": 20000,
        "fit_intercept": fit_intercept,
    }
    model = LinearSVC(random_state=0, **params).fit(X, y)
    reference = sk_svm.LinearSVC(dual=True, random_state=0, **params).fit(X, y)
    scale = np.abs(reference.coef_).max()
    # the primal optimum is unique; tol=1e-7 on the projected gradient leaves ~1e-6 relative error
    np.testing.assert_allclose(model.coef_, reference.coef_, atol=1e-4 * scale)
    np.testing.assert_allclose(model.intercept_, reference.intercept_, atol=1e-4 * scale)
    assert model.coef_.shape == reference.coef_.shape
    X_new = np.random.default_rng(1).normal(size=(200, X.shape[1]))  # off-margin points: no ties
    np.testing.assert_array_equal(model.predict(X_new), reference.predict(X_new))
    np.testing.assert_allclose(
        model.decision_function(X_new), reference.decision_function(X_new), atol=1e-3 * scale
    )


def test_linear_svc_intercept_scaling_weights_and_string_labels_match_liblinear():
    X, y = classification_data(3, n_samples=80)
    labels = np.array(["a", "b", "c"])[y]
    weights = np.random.default_rng(2).uniform(0.5, 2.0, size=y.size)
    params = {
        "C": 1.0,
        "tol": 1e-7,
        "max_iter": 20000,
        "intercept_scaling": 3.0,
        "class_weight": {"b": 2.0},
    }
    model = LinearSVC(**params).fit(X, labels, sample_weight=weights)
    reference = sk_svm.LinearSVC(dual=True, **params).fit(X, labels, sample_weight=weights)
    scale = np.abs(reference.coef_).max()
    np.testing.assert_allclose(model.coef_, reference.coef_, atol=1e-4 * scale)  # as above
    np.testing.assert_allclose(model.intercept_, reference.intercept_, atol=1e-4 * scale)
    np.testing.assert_array_equal(model.classes_, reference.classes_)


def test_linear_svc_balanced_class_weight_counts_classes_by_sample_weight_as_liblinear():
    # liblinear's "balanced" uses each class's total sample weight, not its count
    X, y = classification_data(2, n_samples=120)
    weights = np.random.default_rng(3).uniform(0.2, 3.0, size=y.size)
    params = {"class_weight": "balanced", "tol": 1e-7, "max_iter": 20000}
    model = LinearSVC(**params).fit(X, y, sample_weight=weights)
    reference = sk_svm.LinearSVC(dual=True, **params).fit(X, y, sample_weight=weights)
    scale = np.abs(reference.coef_).max()
    np.testing.assert_allclose(model.coef_, reference.coef_, atol=1e-4 * scale)  # as above
    np.testing.assert_allclose(model.intercept_, reference.intercept_, atol=1e-4 * scale)


@pytest.mark.parametrize("loss", ["hinge", "squared_hinge"])
def test_linear_svc_subgradient_agrees_with_liblinear(loss):
    X, y = classification_data(2, n_samples=150)
    reference = sk_svm.LinearSVC(dual=True, loss=loss, tol=1e-7, max_iter=20000).fit(X, y)
    model = LinearSVC(solver="subgradient", loss=loss, max_iter=1000).fit(X, y)
    # subgradient steps converge slowly (O(log t / t)): agreement, not equality
    assert np.mean(model.predict(X) == reference.predict(X)) >= 0.98
    scale = np.abs(reference.coef_).max()
    np.testing.assert_allclose(model.coef_, reference.coef_, atol=0.1 * scale)


def test_linear_svc_same_seed_same_result():
    X, y = classification_data(3, n_samples=80)
    first = LinearSVC(random_state=5, tol=1e-2).fit(X, y)
    second = LinearSVC(random_state=5, tol=1e-2).fit(X, y)
    np.testing.assert_array_equal(first.coef_, second.coef_)


# ---------------------------------------------------------------- errors and protocol


@pytest.mark.parametrize(
    "estimator, match",
    [
        (SVC(solver="foo"), "solver must be one of"),
        (SVC(kernel="laplace"), "kernel must be one of"),
        (SVC(gamma="sometimes"), "either 'scale' or 'auto'"),
        (SVC(gamma=-1.0), "non-negative"),
        (SVC(C=0.0), "C must be a positive"),
        (SVC(decision_function_shape="ova"), "decision_function_shape"),
        (SVC(kernel="sigmoid", solver="qp"), "positive semi-definite"),
        (SVC(max_iter=0), "max_iter"),
        (SVR(epsilon=-0.1), "epsilon"),
        (SVR(solver="bar"), "solver must be one of"),
        (LinearSVC(loss="log"), "loss must be one of"),
        (LinearSVC(solver="sgd"), "solver must be one of"),
        (LinearSVC(C=-1.0), "C must be a positive"),
        (SVC(class_weight="even"), "class_weight"),
    ],
)
def test_bad_hyper_parameters_raise_in_fit(estimator, match):
    X, y = classification_data(2, n_samples=20)
    with pytest.raises(ValueError, match=match):
        estimator.fit(X, y)


@pytest.mark.parametrize("estimator", [SVC(), LinearSVC()])
def test_one_class_is_an_error(estimator):
    with pytest.raises(ValueError, match="greater than one"):
        estimator.fit(np.ones((4, 2)), np.zeros(4))


@pytest.mark.parametrize("estimator", [SVC(), SVR(), LinearSVC()])
def test_predict_before_fit_and_feature_mismatch(estimator):
    X, y = classification_data(2, n_samples=30)
    with pytest.raises(NotFittedError, match="not fitted"):
        estimator.predict(X)
    estimator.fit(X, y)
    with pytest.raises(ValueError, match="features"):
        estimator.predict(X[:, :3])


def test_continuous_targets_are_rejected_by_classifiers():
    X, y = make_regression(n_samples=20, n_features=3, random_state=0)
    with pytest.raises(ValueError, match="continuous"):
        SVC().fit(X, y)
