"""base.py beside sklearn.base: parameters, nested set_params, clone, repr, fitted-state checks.

Each tiny estimator below is built twice from the SAME `__init__` function: once on our
BaseEstimator, once on scikit-learn's, under the same class name, so get_params / set_params /
clone / repr / error messages can be compared on identical classes.
"""

import numpy as np
import pytest
import sklearn.base
import sklearn.metrics
import sklearn.utils.validation
from scratch_classic import (
    BaseEstimator,
    ClassifierMixin,
    NotFittedError,
    RegressorMixin,
    TransformerMixin,
    clone,
)
from scratch_classic.base import is_classifier, is_regressor
from scratch_classic.utils.validation import check_is_fitted


def _leaf_init(self, alpha=1.0, fit_intercept=True, weights=None):
    self.alpha = alpha
    self.fit_intercept = fit_intercept
    self.weights = weights


def _wrapper_init(self, estimator=None, estimators=None, tol=1e-3):
    self.estimator = estimator
    self.estimators = estimators
    self.tol = tol


def _fit(self, X=None, y=None):
    return self


def _twins(name, init):
    """The same estimator class on our BaseEstimator and on sklearn's."""
    ours = type(name, (BaseEstimator,), {"__init__": init, "fit": _fit})
    theirs = type(name, (sklearn.base.BaseEstimator,), {"__init__": init, "fit": _fit})
    return ours, theirs


Leaf, SkLeaf = _twins("Leaf", _leaf_init)
Wrapper, SkWrapper = _twins("Wrapper", _wrapper_init)


def _nested(leaf_cls, wrapper_cls):
    return wrapper_cls(
        estimator=leaf_cls(alpha=2.0), estimators=[leaf_cls(), leaf_cls(alpha=3.0)], tol=0.5
    )


# -- get_params --


def test_get_params_shallow_lists_exactly_the_init_arguments():
    assert Leaf(alpha=2.0).get_params(deep=False) == {
        "alpha": 2.0,
        "fit_intercept": True,
        "weights": None,
    }


def test_get_params_deep_matches_sklearn_keys_and_values():
    ours = _nested(Leaf, Wrapper).get_params(deep=True)
    theirs = _nested(SkLeaf, SkWrapper).get_params(deep=True)
    assert sorted(ours) == sorted(theirs)
    assert "estimator__alpha" in ours and ours["estimator__alpha"] == 2.0
    # subtle: a list of estimators is a parameter, but (as in sklearn) deep does not recurse into it
    assert not any(key.startswith("estimators__") for key in ours)
    for key in ("estimator__alpha", "estimator__fit_intercept", "tol"):
        assert ours[key] == theirs[key]


def test_get_params_does_not_recurse_into_a_class_valued_parameter():
    params = Wrapper(estimator=Leaf).get_params(deep=True)
    assert params["estimator"] is Leaf
    assert not any(key.startswith("estimator__") for key in params)


def test_init_with_var_positional_is_rejected_by_get_params():
    def init(self, *args, alpha=1.0):
        self.alpha = alpha

    VarArgs = type("VarArgs", (BaseEstimator,), {"__init__": init})
    with pytest.raises(TypeError, match=r"VarArgs must not take \*args"):
        VarArgs().get_params()


# -- set_params --


def test_set_params_sets_top_level_and_returns_self():
    leaf = Leaf()
    assert leaf.set_params(alpha=5.0, fit_intercept=False) is leaf
    assert leaf.get_params(deep=False) == {"alpha": 5.0, "fit_intercept": False, "weights": None}
    assert leaf.set_params() is leaf  # no arguments: a no-op


def test_set_params_reaches_nested_estimators_like_sklearn():
    ours, theirs = _nested(Leaf, Wrapper), _nested(SkLeaf, SkWrapper)
    for estimator in (ours, theirs):
        estimator.set_params(estimator__alpha=7.0, estimator__fit_intercept=False, tol=0.1)
    assert ours.estimator.alpha == theirs.estimator.alpha == 7.0
    assert ours.estimator.fit_intercept is theirs.estimator.fit_intercept is False
    assert ours.tol == theirs.tol == 0.1


def test_set_params_replaces_an_estimator_before_setting_its_parameters():
    # subtle: `estimator=` and `estimator__alpha=` in one call: the new estimator gets the alpha
    wrapper = Wrapper(estimator=Leaf(alpha=2.0))
    replacement = Leaf()
    wrapper.set_params(estimator__alpha=9.0, estimator=replacement)
    assert wrapper.estimator is replacement and replacement.alpha == 9.0


@pytest.mark.parametrize("bad", ["beta", "alpha_", "Alpha"])
def test_set_params_rejects_unknown_names_and_lists_the_valid_ones(bad):
    with pytest.raises(
        ValueError,
        match=rf"Invalid parameter '{bad}' for estimator Leaf\. "
        r"Valid parameters are: \['alpha', 'fit_intercept', 'weights'\]",
    ):
        Leaf().set_params(**{bad: 1})
    with pytest.raises(ValueError, match=rf"Invalid parameter '{bad}' for estimator Leaf"):
        SkLeaf().set_params(**{bad: 1})  # the oracle rejects the same names


def test_set_params_rejects_unknown_nested_names_from_the_nested_estimator():
    wrapper = Wrapper(estimator=Leaf())
    with pytest.raises(ValueError, match=r"Invalid parameter 'beta' for estimator Leaf"):
        wrapper.set_params(estimator__beta=1)
    with pytest.raises(ValueError, match=r"Invalid parameter 'nothing' for estimator Wrapper"):
        wrapper.set_params(nothing__alpha=1)


# -- clone --


def test_clone_gives_an_unfitted_copy_with_equal_params():
    leaf = Leaf(alpha=3.0)
    leaf.coef_ = np.ones(2)
    leaf.n_features_in_ = 2
    copy = clone(leaf)
    assert type(copy) is Leaf and copy is not leaf
    assert copy.get_params() == leaf.get_params()
    assert not hasattr(copy, "coef_") and not hasattr(copy, "n_features_in_")
    with pytest.raises(NotFittedError):
        check_is_fitted(copy)


def test_clone_copies_nested_estimators_and_lists_of_them():
    original = _nested(Leaf, Wrapper)
    original.estimator.coef_ = np.ones(2)  # a fitted nested estimator comes back unfitted
    copy = clone(original)
    assert copy.estimator is not original.estimator and copy.estimator.alpha == 2.0
    assert not hasattr(copy.estimator, "coef_")
    assert isinstance(copy.estimators, list) and len(copy.estimators) == 2
    for cloned, source in zip(copy.estimators, original.estimators, strict=True):
        assert cloned is not source and cloned.get_params() == source.get_params()
    assert copy.get_params(deep=False)["tol"] == 0.5


def test_clone_deep_copies_non_estimator_parameters():
    weights = np.array([1.0, 2.0])
    copy = clone(Leaf(weights=weights))
    assert copy.weights is not weights
    np.testing.assert_array_equal(copy.weights, weights)


def test_clone_of_a_list_and_a_tuple_clones_each_element():
    leaves = [Leaf(alpha=1.5), Leaf(alpha=2.5)]
    for container in (leaves, tuple(leaves)):
        copies = clone(container)
        assert type(copies) is type(container)
        assert [c.alpha for c in copies] == [1.5, 2.5]
        assert all(c is not o for c, o in zip(copies, container, strict=True))


@pytest.mark.parametrize("not_an_estimator", [3.0, "Leaf", Leaf], ids=["float", "str", "class"])
def test_clone_rejects_non_estimators_unless_unsafe(not_an_estimator):
    with pytest.raises(TypeError, match=r"does not seem to be an estimator"):
        clone(not_an_estimator)
    with pytest.raises(TypeError, match=r"Cannot clone object"):
        sklearn.base.clone(not_an_estimator)  # the oracle rejects the same objects
    assert clone(not_an_estimator, safe=False) == not_an_estimator


# -- __repr__ --


@pytest.mark.parametrize(
    "build",
    [
        lambda L, W: L(),
        lambda L, W: L(alpha=2.0),
        lambda L, W: L(alpha=1.0, fit_intercept=False),
        lambda L, W: W(estimator=L(alpha=2.0)),
        lambda L, W: W(estimators=[L(), L(alpha=3.0)], tol=0.5),
    ],
    ids=["defaults", "one-changed", "default-passed-explicitly", "nested", "list"],
)
def test_repr_shows_only_non_default_params_like_sklearn(build):
    assert repr(build(Leaf, Wrapper)) == repr(build(SkLeaf, SkWrapper))


def test_repr_exact_strings():
    assert repr(Leaf()) == "Leaf()"
    assert repr(Leaf(alpha=2.0, fit_intercept=False)) == "Leaf(alpha=2.0, fit_intercept=False)"
    assert repr(Wrapper(estimator=Leaf(alpha=2.0))) == "Wrapper(estimator=Leaf(alpha=2.0))"


def test_repr_always_shows_an_array_parameter():
    # subtle: `array == None` is elementwise, so arrays are never compared with the default
    assert repr(Leaf(weights=np.array([1.0, 2.0]))) == "Leaf(weights=array([1., 2.]))"


# -- fitted state and n_features_in_ --


def test_not_fitted_error_is_value_and_attribute_error_with_sklearns_message():
    assert issubclass(NotFittedError, ValueError) and issubclass(NotFittedError, AttributeError)
    with pytest.raises(NotFittedError) as ours:
        check_is_fitted(Leaf())
    with pytest.raises(sklearn.exceptions.NotFittedError) as theirs:
        sklearn.utils.validation.check_is_fitted(SkLeaf())
    assert str(ours.value) == str(theirs.value)
    assert str(ours.value) == (
        "This Leaf instance is not fitted yet. Call 'fit' with appropriate arguments "
        "before using this estimator."
    )


def test_check_is_fitted_with_named_attributes():
    leaf = Leaf()
    leaf.coef_ = np.zeros(2)
    check_is_fitted(leaf)  # any trailing-underscore attribute counts
    check_is_fitted(leaf, "coef_")
    with pytest.raises(NotFittedError, match="This Leaf instance is not fitted yet"):
        check_is_fitted(leaf, ["coef_", "intercept_"])


def test_validate_data_records_and_checks_n_features_in_like_sklearn(rng):
    X4, X3 = rng.standard_normal((5, 4)), rng.standard_normal((5, 3))
    ours, theirs = Leaf(), SkLeaf()
    ours._validate_data(X4)
    sklearn.utils.validation.validate_data(theirs, X4)
    assert ours.n_features_in_ == theirs.n_features_in_ == 4
    with pytest.raises(ValueError) as our_error:
        ours._validate_data(X3, reset=False)
    with pytest.raises(ValueError) as their_error:
        sklearn.utils.validation.validate_data(theirs, X3, reset=False)
    assert (
        str(our_error.value)
        == str(their_error.value)
        == ("X has 3 features, but Leaf is expecting 4 features as input.")
    )
    ours._validate_data(X3)  # reset=True (a refit) overwrites
    assert ours.n_features_in_ == 3


def test_validate_data_before_fit_raises_not_fitted(rng):
    with pytest.raises(NotFittedError, match="This Leaf instance is not fitted yet"):
        Leaf()._validate_data(rng.standard_normal((3, 2)), reset=False)


def test_validate_data_returns_converted_X_and_y():
    X, y = Leaf()._validate_data([[1, 2], [3, 4]], [0, 1])
    assert X.dtype == np.float64 and X.shape == (2, 2)
    np.testing.assert_array_equal(y, [0, 1])


# -- mixins --


class _ConstantClassifier(ClassifierMixin, BaseEstimator):
    def __init__(self, label=0):
        self.label = label

    def predict(self, X):
        return np.full(len(X), self.label)


class _ConstantRegressor(RegressorMixin, BaseEstimator):
    def __init__(self, value=0.0):
        self.value = value

    def predict(self, X):
        return np.full(len(X), self.value)


class _Doubler(TransformerMixin, BaseEstimator):
    def fit(self, X, y=None):
        self.fitted_ = True
        return self

    def transform(self, X):
        return 2 * np.asarray(X)


def test_classifier_score_is_weighted_accuracy(rng):
    X, y = np.zeros((6, 1)), np.array([0, 0, 1, 0, 1, 1])
    weights = rng.uniform(0.5, 2.0, 6)
    model = _ConstantClassifier(label=0)
    expected = sklearn.metrics.accuracy_score(y, np.zeros(6), sample_weight=weights)
    assert model.score(X, y, sample_weight=weights) == pytest.approx(
        expected, abs=1e-12
    )  # exact up to rounding
    assert model.score(X, y) == pytest.approx(0.5, abs=1e-12)


def test_regressor_score_is_r2(rng):
    X, y = np.zeros((6, 1)), rng.standard_normal(6)
    model = _ConstantRegressor(value=0.3)
    expected = sklearn.metrics.r2_score(y, np.full(6, 0.3))
    assert model.score(X, y) == pytest.approx(expected, abs=1e-12)  # same formula, rounding only


def test_transformer_fit_transform_is_fit_then_transform():
    model = _Doubler()
    np.testing.assert_array_equal(model.fit_transform([[1.0, 2.0]]), [[2.0, 4.0]])
    assert model.fitted_


def test_is_classifier_and_is_regressor():
    assert is_classifier(_ConstantClassifier()) and not is_regressor(_ConstantClassifier())
    assert is_regressor(_ConstantRegressor()) and not is_classifier(_ConstantRegressor())
    assert not is_classifier(Leaf()) and not is_regressor(Leaf())
