"""Every loss (functional and Module) against torch: outputs and the gradients of input and target.

Through parity.assert_parity: float64 to 1e-8 and float32 to 1e-4 (rtol and atol). Float inputs
become leaves in both libraries, so the target's gradient is compared too wherever torch has one;
class weights and pos_weight are constants (torch does not differentiate them in these losses),
except the elementwise `weight` of mse/l1/huber, which torch builds from differentiable ops.
Plus finite differences (scratch_optim.check_grad, independent of torch) for each fused loss
with every option on, hypothesis properties of cross-entropy, and the bad inputs.
"""

import warnings

import hypothesis.extra.numpy as hnp
import hypothesis.strategies as st
import numpy as np
import pytest
import scratch_nn as snn
import torch
from hypothesis import given, settings
from parity import assert_parity
from scratch_optim import check_grad

F = snn.nn.functional
TF = torch.nn.functional
DTYPES = [np.float64, np.float32]
REDUCTIONS = ["none", "mean", "sum"]


def constant(array, dtype):
    """The same constant (weights) in both libraries, or (None, None)."""
    if array is None:
        return None, None
    array = np.asarray(array, dtype=dtype)
    return snn.tensor(array), torch.tensor(array)


# ---------------------------------------------------------------------------------- regression
REGRESSION = [("mse_loss", {}), ("l1_loss", {}), ("huber_loss", {}), ("huber_loss", {"delta": 0.3}),
              ("huber_loss", {"delta": 2.5})]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name, options", REGRESSION, ids=[f"{n}{o}" for n, o in REGRESSION])
@pytest.mark.parametrize("shape", [(5,), (3, 4), (2, 3, 2), ()])
def test_regression_losses_match_torch(name, options, reduction, dtype, shape):
    rng = np.random.default_rng(0)
    prediction, target = np.array(rng.standard_normal(shape)), np.array(1.5 * rng.standard_normal(shape))
    assert_parity(lambda x, t: getattr(F, name)(x, t, reduction=reduction, **options),
                  lambda x, t: getattr(TF, name)(x, t, reduction=reduction, **options),
                  [prediction, target], dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", ["mse_loss", "l1_loss", "huber_loss"])
def test_elementwise_weight_matches_torch_including_its_gradient(name, reduction, dtype):
    rng = np.random.default_rng(1)
    prediction, target, weight = rng.standard_normal((3, 4)), rng.standard_normal((3, 4)), rng.random((3, 4))
    assert_parity(lambda x, t, w: getattr(F, name)(x, t, reduction=reduction, weight=w),
                  lambda x, t, w: getattr(TF, name)(x, t, reduction=reduction, weight=w),
                  [prediction, target, weight], dtype)


@pytest.mark.parametrize("name", ["mse_loss", "l1_loss", "huber_loss"])
def test_broadcast_target_warns_and_matches_torch(name):
    rng = np.random.default_rng(2)
    prediction, target = rng.standard_normal((4, 1)), rng.standard_normal((3,))
    with pytest.warns(UserWarning, match="different to the input size"):
        assert_parity(lambda x, t: getattr(F, name)(x, t), lambda x, t: getattr(TF, name)(x, t),
                      [prediction, target], np.float64)


KINK_CASES = [("l1_loss", {}), ("mse_loss", {}), ("huber_loss", {"delta": 0.5}), ("huber_loss", {"delta": 1.0})]


@pytest.mark.parametrize("name, options", KINK_CASES, ids=[f"{n}{o}" for n, o in KINK_CASES])
def test_kinks_l1_at_zero_and_huber_at_delta(name, options):
    prediction = np.array([0.0, 1.0, -1.0, 2.0, 0.5])
    target = np.array([0.0, 0.5, -1.5, 2.0, -0.5])  # differences 0, 0.5, 0.5, 0, 1.0
    assert_parity(lambda x, t: getattr(F, name)(x, t, reduction="none", **options),
                  lambda x, t: getattr(TF, name)(x, t, reduction="none", **options), [prediction, target])


# ---------------------------------------------------------------------------------- cross-entropy
CLASS_SHAPES = [((6, 4), (6,)), ((4,), ()), ((2, 4, 3, 2), (2, 3, 2))]


def class_indices(rng, target_shape, ignore_index):
    classes = rng.integers(0, 4, target_shape)
    if classes.ndim:
        classes.flat[0] = ignore_index  # one ignored prediction (unless ignore_index is a class)
    return np.asarray(classes, dtype=np.int64)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.15])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("shapes", CLASS_SHAPES, ids=["NC", "C", "NCdd"])
def test_cross_entropy_with_class_indices_matches_torch(shapes, weighted, label_smoothing, reduction, dtype):
    rng = np.random.default_rng(3)
    input_shape, target_shape = shapes
    logits, classes = 2.0 * rng.standard_normal(input_shape), class_indices(rng, target_shape, -100)
    our_weight, torch_weight = constant(rng.random(4) + 0.5 if weighted else None, dtype)
    assert_parity(
        lambda x, y: F.cross_entropy(x, y, weight=our_weight, reduction=reduction, label_smoothing=label_smoothing),
        lambda x, y: TF.cross_entropy(x, y, weight=torch_weight, reduction=reduction, label_smoothing=label_smoothing),
        [logits, classes], dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("label_smoothing", [0.0, 0.2])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("shapes", CLASS_SHAPES, ids=["NC", "C", "NCdd"])
def test_cross_entropy_with_class_probabilities_matches_torch(shapes, weighted, label_smoothing, reduction, dtype):
    rng = np.random.default_rng(4)
    input_shape, _ = shapes
    logits = 2.0 * rng.standard_normal(input_shape)
    probabilities = rng.random(input_shape)
    probabilities /= probabilities.sum(axis=0 if len(input_shape) == 1 else 1, keepdims=True)
    our_weight, torch_weight = constant(rng.random(4) + 0.5 if weighted else None, dtype)
    assert_parity(
        lambda x, p: F.cross_entropy(x, p, weight=our_weight, reduction=reduction, label_smoothing=label_smoothing),
        lambda x, p: TF.cross_entropy(x, p, weight=torch_weight, reduction=reduction, label_smoothing=label_smoothing),
        [logits, probabilities], dtype)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("shapes", CLASS_SHAPES, ids=["NC", "C", "NCdd"])
def test_nll_loss_matches_torch(shapes, weighted, reduction, dtype):
    rng = np.random.default_rng(5)
    input_shape, target_shape = shapes
    log_probs, classes = rng.standard_normal(input_shape) - 2.0, class_indices(rng, target_shape, -100)
    our_weight, torch_weight = constant(rng.random(4) + 0.5 if weighted else None, dtype)
    assert_parity(lambda x, y: F.nll_loss(x, y, weight=our_weight, reduction=reduction),
                  lambda x, y: TF.nll_loss(x, y, weight=torch_weight, reduction=reduction),
                  [log_probs, classes], dtype)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("function", ["cross_entropy", "nll_loss"])
def test_a_custom_ignore_index_that_is_a_class(function, reduction):
    rng = np.random.default_rng(6)
    scores, classes = rng.standard_normal((8, 4)), rng.integers(0, 4, 8)
    classes[:3] = 2
    our_weight, torch_weight = constant([1.0, 2.0, 3.0, 0.5], np.float64)
    assert_parity(lambda x, y: getattr(F, function)(x, y, our_weight, ignore_index=2, reduction=reduction),
                  lambda x, y: getattr(TF, function)(x, y, torch_weight, ignore_index=2, reduction=reduction),
                  [scores, classes])


def test_cross_entropy_is_stable_for_huge_logits_and_mixed_precision_targets():
    logits = np.array([[1000.0, -1000.0, 0.0], [-500.0, 500.0, 499.0]])
    assert_parity(F.cross_entropy, TF.cross_entropy, [logits, np.array([1, 2])])
    assert_parity(lambda x, p: F.cross_entropy(x.float(), p), lambda x, p: TF.cross_entropy(x.float(), p),
                  [logits, np.array([[0.2, 0.3, 0.5], [1.0, 0.0, 0.0]])])  # float32 logits, float64 target


@pytest.mark.parametrize("function", ["cross_entropy", "nll_loss"])
def test_all_ignored_mean_is_nan_with_zero_gradient_as_in_torch(function):
    logits, classes = np.random.default_rng(11).standard_normal((3, 4)), np.array([-100, -100, -100])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy warnings from 0 / 0 either
        outputs = assert_parity(getattr(F, function), getattr(TF, function), [logits, classes])
    assert np.isnan(outputs[0].item())
    assert getattr(F, function)(snn.tensor(logits), snn.tensor(classes), reduction="sum").item() == 0.0


def finite_difference_cases():
    """(name, loss of a float64 Tensor of shape (2, 4, 3)) with every option switched on."""
    rng = np.random.default_rng(7)
    classes = snn.tensor(class_indices(rng, (2, 3), -100))
    class_weights = snn.tensor(rng.random(4) + 0.5)
    probabilities = snn.tensor(rng.dirichlet(np.ones(4), (2, 3)).transpose(0, 2, 1).copy())  # (2, 4, 3)
    binary_target = snn.tensor(rng.random((2, 4, 3)))
    pos_weight = snn.tensor(rng.random(3) * 3)
    regression_target = snn.tensor(rng.standard_normal((2, 4, 3)))
    return [
        ("cross_entropy-indices", lambda x: F.cross_entropy(x, classes, weight=class_weights, label_smoothing=0.1)),
        ("cross_entropy-probabilities",
         lambda x: F.cross_entropy(x, probabilities, weight=class_weights, label_smoothing=0.1)),
        ("nll_loss", lambda x: F.nll_loss(x, classes, weight=class_weights, reduction="sum")),
        ("bce_with_logits", lambda x: F.binary_cross_entropy_with_logits(x, binary_target, pos_weight=pos_weight)),
        ("bce", lambda x: F.binary_cross_entropy(x.sigmoid(), binary_target)),
        ("huber", lambda x: F.huber_loss(x, regression_target, delta=0.5)),
    ]


@pytest.mark.parametrize("case", range(6), ids=[name for name, _ in finite_difference_cases()])
def test_loss_gradients_by_finite_differences(case):
    """Independent of torch: forward differences (step 1.49e-8) against our backward, float64."""
    _, loss = finite_difference_cases()[case]

    def value(flat):
        return loss(snn.tensor(flat.reshape(2, 4, 3))).item()

    def gradient(flat):
        point = snn.tensor(flat.reshape(2, 4, 3), requires_grad=True)
        loss(point).backward()
        return point.grad.data.reshape(-1)

    point = np.random.default_rng(case).standard_normal(24)
    assert check_grad(value, gradient, point) < 1e-6 * max(1.0, np.linalg.norm(gradient(point)))


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 6), st.integers(2, 5), st.floats(-50, 50), st.data())
def test_cross_entropy_properties(rows, classes, shift, data):
    """Index targets equal their one-hot probabilities; adding a constant to logits changes nothing."""
    logits = data.draw(hnp.arrays(np.float64, (rows, classes), elements=st.floats(-20, 20)))
    labels = np.array(data.draw(st.lists(st.integers(0, classes - 1), min_size=rows, max_size=rows)))
    by_index = F.cross_entropy(snn.tensor(logits), snn.tensor(labels)).item()
    by_probability = F.cross_entropy(snn.tensor(logits), snn.tensor(np.eye(classes)[labels])).item()
    shifted = F.cross_entropy(snn.tensor(logits + shift), snn.tensor(labels)).item()
    assert by_index == pytest.approx(by_probability, rel=1e-12, abs=1e-12)
    assert by_index == pytest.approx(shifted, rel=1e-9, abs=1e-9)
    assert by_index >= 0


# ---------------------------------------------------------------------------------- binary
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weight_shape", [None, (3,), (4, 3)])
def test_binary_cross_entropy_matches_torch(weight_shape, reduction, dtype):
    rng = np.random.default_rng(8)
    probabilities, target = rng.uniform(0.02, 0.98, (4, 3)), rng.random((4, 3))
    our_weight, torch_weight = constant(None if weight_shape is None else rng.random(weight_shape), dtype)
    assert_parity(lambda x, t: F.binary_cross_entropy(x, t, weight=our_weight, reduction=reduction),
                  lambda x, t: TF.binary_cross_entropy(x, t, weight=torch_weight, reduction=reduction),
                  [probabilities, target], dtype)


def test_binary_cross_entropy_clamps_its_logs_at_0_and_1():
    probabilities = np.array([0.0, 1.0, 0.0, 1.0, 1e-50, 0.5])
    target = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.5])
    outputs = assert_parity(lambda x, t: F.binary_cross_entropy(x, t, reduction="none"),
                            lambda x, t: TF.binary_cross_entropy(x, t, reduction="none"), [probabilities, target])
    assert np.all(np.isfinite(outputs[0].data)) and outputs[0].data[0] == 100.0


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("weighted, pos_weighted", [(False, False), (True, False), (False, True), (True, True)])
def test_binary_cross_entropy_with_logits_matches_torch(weighted, pos_weighted, reduction, dtype):
    rng = np.random.default_rng(9)
    logits = rng.standard_normal((5, 3)) * np.array([1.0, 10.0, 60.0])  # the last column saturates
    target = (rng.random((5, 3)) < 0.5).astype(float) * 0.9 + 0.05
    our_weight, torch_weight = constant(rng.random((5, 1)) if weighted else None, dtype)
    our_pos, torch_pos = constant(rng.random(3) * 3 if pos_weighted else None, dtype)
    assert_parity(
        lambda x, t: F.binary_cross_entropy_with_logits(x, t, weight=our_weight, reduction=reduction,
                                                        pos_weight=our_pos),
        lambda x, t: TF.binary_cross_entropy_with_logits(x, t, weight=torch_weight, reduction=reduction,
                                                         pos_weight=torch_pos),
        [logits, target], dtype)


def test_integer_targets_of_binary_losses_get_no_gradient():
    logits, target = np.array([0.3, -2.0, 4.0]), np.array([1, 0, 1])
    assert_parity(lambda x, t: F.binary_cross_entropy_with_logits(x, t.double()),
                  lambda x, t: TF.binary_cross_entropy_with_logits(x, t.double()), [logits, target])
    assert F.binary_cross_entropy_with_logits(snn.tensor(logits), snn.tensor(target)).dtype == np.float64


# ---------------------------------------------------------------------------------- modules
MODULE_CASES = [
    ("MSELoss", {}, "regression"), ("L1Loss", {"reduction": "sum"}, "regression"),
    ("HuberLoss", {"delta": 0.5, "reduction": "none"}, "regression"),
    ("CrossEntropyLoss", {"weight": [1.0, 2.0, 0.5, 1.5], "ignore_index": 1, "label_smoothing": 0.1}, "classes"),
    ("CrossEntropyLoss", {}, "probabilities"),
    ("NLLLoss", {"weight": [1.0, 2.0, 0.5, 1.5], "reduction": "sum"}, "classes"),
    ("BCELoss", {"weight": [0.5, 1.0, 2.0, 1.0]}, "binary"),
    ("BCEWithLogitsLoss", {"weight": [0.5, 1.0, 2.0, 1.0], "pos_weight": [2.0, 1.0, 0.5, 3.0]}, "binary"),
]


def module_inputs(kind, rng):
    if kind == "regression":
        return [rng.standard_normal((3, 4)), rng.standard_normal((3, 4))]
    if kind == "classes":
        return [rng.standard_normal((5, 4)), rng.integers(0, 4, 5)]
    if kind == "probabilities":
        return [rng.standard_normal((5, 4)), rng.dirichlet(np.ones(4), 5)]
    return [rng.uniform(0.05, 0.95, (3, 4)), rng.random((3, 4))]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name, options, kind", MODULE_CASES, ids=[f"{c[0]}-{c[2]}" for c in MODULE_CASES])
def test_loss_modules_match_torch_and_keep_weights_as_buffers(name, options, kind, dtype):
    ours_options = {k: snn.tensor(np.array(v, dtype=dtype)) if isinstance(v, list) else v for k, v in options.items()}
    torch_options = {k: torch.tensor(np.array(v, dtype=dtype)) if isinstance(v, list) else v for k, v in options.items()}
    ours, theirs = getattr(snn.nn, name)(**ours_options), getattr(torch.nn, name)(**torch_options)
    assert_parity(ours, theirs, module_inputs(kind, np.random.default_rng(10)), dtype)
    our_state, torch_state = ours.state_dict(), theirs.state_dict()
    assert list(our_state) == list(torch_state)
    for key in torch_state:
        np.testing.assert_array_equal(our_state[key].data, torch_state[key].numpy())
    assert repr(ours) == repr(theirs)


# ---------------------------------------------------------------------------------- special values
@pytest.mark.parametrize("name", ["mse_loss", "l1_loss", "huber_loss", "cross_entropy", "binary_cross_entropy_with_logits"])
def test_nan_in_the_input_propagates_as_in_torch(name):
    logits = np.array([[0.5, np.nan, 1.0], [0.2, 0.1, -0.3]])
    target = np.array([0, 2]) if name == "cross_entropy" else np.array([[0.0, 1.0, 0.5], [1.0, 0.0, 0.5]])
    ours = getattr(F, name)(snn.tensor(logits), snn.tensor(target), reduction="none").data
    theirs = getattr(TF, name)(torch.tensor(logits), torch.tensor(target), reduction="none").numpy()
    np.testing.assert_array_equal(np.isnan(ours), np.isnan(theirs))
    assert np.isnan(ours).any()


# ---------------------------------------------------------------------------------- bad input
def test_bad_reduction_names_the_loss_and_the_value():
    x = snn.randn(3)
    for function in (F.mse_loss, F.l1_loss, F.huber_loss, F.binary_cross_entropy_with_logits):
        with pytest.raises(ValueError, match="reduction must be 'none', 'mean' or 'sum', got 'avg'"):
            function(x, x, reduction="avg")
    with pytest.raises(ValueError, match="cross_entropy: reduction"):
        F.cross_entropy(snn.randn(2, 3), snn.tensor([0, 1]), reduction="batchmean")
    with pytest.raises(ValueError, match="CrossEntropyLoss: reduction"):
        snn.nn.CrossEntropyLoss(reduction="max")


def test_bad_class_targets_name_the_problem():
    logits = snn.randn(3, 4)
    with pytest.raises(IndexError, match="Target 5 is out of bounds"):
        F.cross_entropy(logits, snn.tensor([0, 5, 1]))
    with pytest.raises(ValueError, match="Target -1 is out of bounds"):  # also a ValueError
        F.nll_loss(logits, snn.tensor([0, -1, 1]))
    with pytest.raises(ValueError, match=r"target of shape \(2,\) does not fit input of shape \(3, 4\).*\(3,\)"):
        F.cross_entropy(logits, snn.tensor([0, 1]))
    with pytest.raises(ValueError, match=r"class-probability target must have the input's shape \(3, 4\)"):
        F.cross_entropy(logits, snn.rand(3, 5))
    with pytest.raises(TypeError, match="integer dtype"):
        F.nll_loss(logits, snn.tensor([True, False, True]))
    with pytest.raises(ValueError, match=r"one entry per class, shape \(4,\); got shape \(3,\)"):
        F.cross_entropy(logits, snn.tensor([0, 1, 2]), weight=snn.ones(3))
    with pytest.raises(ValueError, match="ignore_index is not supported"):
        F.cross_entropy(logits, snn.rand(3, 4), ignore_index=0)
    with pytest.raises(ValueError, match="label_smoothing must be in"):
        F.cross_entropy(logits, snn.tensor([0, 1, 2]), label_smoothing=1.5)
    with pytest.raises(TypeError, match="floating point"):
        F.cross_entropy(snn.tensor([[1, 2]]), snn.tensor([0]))
    with pytest.raises(ValueError, match="class dimension"):
        F.cross_entropy(snn.tensor(1.0), snn.tensor(0))


def test_bad_regression_and_binary_inputs_name_the_problem():
    with pytest.raises(ValueError, match="cannot be broadcast"):
        F.mse_loss(snn.randn(3), snn.randn(4))
    with pytest.raises(ValueError, match="empty input is undefined"):
        F.l1_loss(snn.randn(0), snn.randn(0))
    assert F.l1_loss(snn.randn(0), snn.randn(0), reduction="sum").item() == 0.0
    with pytest.raises(ValueError, match="delta must be a positive number"):
        F.huber_loss(snn.randn(3), snn.randn(3), delta=0.0)
    with pytest.raises(ValueError, match=r"weight must have the input's shape \(3,\)"):
        F.mse_loss(snn.randn(3), snn.randn(3), weight=snn.ones(2))
    with pytest.raises(TypeError, match="must be Tensors"):
        F.mse_loss(np.zeros(3), snn.randn(3))
    with pytest.raises(ValueError, match="between 0 and 1"):
        F.binary_cross_entropy(snn.tensor([0.5, 1.5]), snn.tensor([0.0, 1.0]))
    with pytest.raises(ValueError, match="between 0 and 1"):
        F.binary_cross_entropy(snn.tensor([0.5, np.nan]), snn.tensor([0.0, 1.0]))
    with pytest.raises(ValueError, match=r"target shape \(3, 1\), input shape \(3,\)"):
        F.binary_cross_entropy_with_logits(snn.randn(3), snn.rand(3, 1))
    with pytest.raises(ValueError, match=r"pos_weight of shape \(2, 3\) must broadcast"):
        F.binary_cross_entropy_with_logits(snn.randn(3), snn.rand(3), pos_weight=snn.ones(2, 3))
    with pytest.raises(ValueError, match="cannot be broadcast"):
        F.binary_cross_entropy(snn.rand(4, 3), snn.rand(4, 3), weight=snn.ones(4))


def test_warning_free_on_matching_shapes():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.mse_loss(snn.randn(3, 2, requires_grad=True), snn.randn(3, 2)).backward()
        F.binary_cross_entropy(snn.tensor([0.0, 1.0]), snn.tensor([1.0, 0.0]))  # log(0): clamped, silent
        F.cross_entropy(snn.randn(3, 4), snn.tensor([0, 1, -100]), reduction="mean")
