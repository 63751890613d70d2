"""Bad input gets a clear error that names the problem (and the shapes involved), raised early.

Argument errors are ValueError/TypeError (an out-of-range dim is a DimensionError: both an
IndexError, as torch raises, and a ValueError); misuse of autograd state is a RuntimeError, as in
torch. NaN and inf are values, not errors: they propagate as in torch (see test_special_values).
"""

import numpy as np
import pytest
import scratch_nn as snn

F = snn.nn.functional


def t(*shape, dtype=snn.float32, requires_grad=False):
    return snn.zeros(*shape, dtype=dtype, requires_grad=requires_grad)


def raises(error, match):
    return pytest.raises(error, match=match)


def test_matmul_shape_mismatch_names_both_shapes():
    with raises(ValueError, r"matmul: shapes \(2, 3\) and \(4, 5\) cannot be multiplied \(3 != 4\)"):
        t(2, 3) @ t(4, 5)
    with raises(ValueError, r"shapes \(3,\) and \(2,\)"):
        t(3) @ t(2)
    with raises(ValueError, r"batch dimensions of shapes \(2, 3, 4\) and \(5, 4, 2\)"):
        t(2, 3, 4) @ t(5, 4, 2)


def test_matmul_needs_tensors_of_one_dtype_and_at_least_one_dim():
    with raises(ValueError, "at least 1 dimension"):
        t() @ t(3)
    with raises(TypeError, "same dtype, got float32 and float64"):
        t(2, 2) @ t(2, 2, dtype=snn.float64)
    with raises(TypeError, "needs two Tensors"):
        snn.matmul(t(2, 2), np.ones((2, 2)))


def test_linear_names_the_feature_mismatch():
    with raises(ValueError, r"input has 5 features .* weight \(3, 4\) expects 4"):
        F.linear(t(2, 5), t(3, 4))
    with raises(ValueError, r"bias must have shape \(3,\), got \(4,\)"):
        F.linear(t(2, 4), t(3, 4), t(4))
    with raises(ValueError, r"weight \(out_features, in_features\)"):
        F.linear(t(2, 4), t(4))
    with raises(TypeError, "same dtype"):
        F.linear(t(2, 4), t(3, 4, dtype=snn.float64))
    with raises(TypeError, "must be Tensors"):
        F.linear(t(2, 4), np.zeros((3, 4)))


def test_broadcast_failure_names_both_shapes():
    for op in (lambda a, b: a + b, lambda a, b: a - b, lambda a, b: a * b, lambda a, b: a / b,
               lambda a, b: a ** b, snn.maximum, lambda a, b: a < b):
        with raises(ValueError, r"shapes \(2, 3\) and \(4,\) cannot be broadcast"):
            op(t(2, 3), t(4))


def test_unsupported_operands():
    with raises(TypeError, "expected a Tensor or a number, got str"):
        t(2) + "a"
    with raises(TypeError, "exponent must be a number or a Tensor"):
        t(2) ** "a"
    with raises(ValueError, "integers to negative integer powers"):
        snn.tensor([1, 2]) ** -1


@pytest.mark.parametrize("call", [
    lambda x: x.sum(3), lambda x: x.mean(-4), lambda x: x.var(5), lambda x: x.max(3), lambda x: x.argmax(3),
    lambda x: x.softmax(3), lambda x: x.log_softmax(-4), lambda x: x.transpose(0, 3), lambda x: x.unsqueeze(5),
    lambda x: x.flatten(0, 3), lambda x: x.size(3), lambda x: snn.cat([x, x], 3), lambda x: x.split(1, 3),
    lambda x: x.logsumexp(3), lambda x: x.squeeze(4),
], ids=lambda call: "")
def test_unknown_dim_is_an_index_and_value_error(call):
    x = t(2, 3, 4)
    with raises(IndexError, r"Dimension out of range \(expected to be in range of"):
        call(x)
    with raises(ValueError, "Dimension out of range"):
        call(x)


def test_dim_arguments_are_checked():
    x = t(2, 3)
    with raises(ValueError, "names the same dimension more than once"):
        x.sum((0, -2))
    with raises(TypeError, "dim must be an int, got str"):
        x.sum("0")
    with raises(TypeError, "either dim or axis"):
        x.sum(0, axis=1)
    with raises(TypeError, "either keepdim or keepdims"):
        x.mean(0, keepdim=True, keepdims=True)
    with raises(TypeError, "pass either unbiased or correction"):
        x.var(0, unbiased=True, correction=1)
    with raises(TypeError, "dim is required"):
        x.logsumexp(None)
    with raises(TypeError, "dim is required"):
        F.softmax(x, None)


def test_shape_op_errors():
    x = t(2, 3)
    with raises(ValueError, r"shape \[4, 2\] is invalid for input of size 6"):
        x.reshape(4, 2)
    with raises(TypeError, "sizes must be ints"):
        x.view(2.0, 3)
    with raises(ValueError, r"permute: got 1 dims \(0,\) for a tensor of 2 dimensions"):
        x.permute(0)
    with raises(ValueError, "repeat a dimension"):
        x.permute(0, 0)
    with raises(ValueError, r"the size of dim 1 \(3\) must match 4 or be 1"):
        x.expand(2, 4)
    with raises(ValueError, "number of sizes"):
        x.expand(3)
    with raises(ValueError, "start_dim 1 comes after end_dim 0"):
        x.flatten(1, 0)
    with raises(ValueError, "t\\(\\) expects a tensor with <= 2 dimensions"):
        t(2, 3, 4).t()


def test_joining_errors():
    with raises(ValueError, "non-empty list"):
        snn.cat([])
    with raises(TypeError, "list or tuple of Tensors"):
        snn.cat(t(2))
    with raises(TypeError, "element 1 is a ndarray"):
        snn.stack([t(2), np.zeros(2)])
    with raises(ValueError, r"tensor 1 has shape \(2, 4\) but tensor 0 has \(3, 3\)"):
        snn.cat([t(3, 3), t(2, 4)])
    with raises(ValueError, r"equal size, but got \(2,\) at entry 0 and \(3,\) at entry 1"):
        snn.stack([t(2), t(3)])
    with raises(ValueError, r"sizes \[1, 1\] must be non-negative and sum to 3"):
        t(3, 2).split([1, 1])
    with raises(ValueError, "split_size must be a positive int"):
        t(3).split(0)
    with raises(ValueError, "chunks must be a positive int"):
        t(3).chunk(0)
    with raises(ValueError, "zero-dimensional tensor 0 cannot be concatenated"):
        snn.cat([t(), t()])


def test_indexing_errors():
    x = t(3, 4)
    with raises(IndexError, "index 5 is out of bounds"):
        x[5]
    with raises(IndexError, "must be integer or bool, got dtype float32"):
        x[snn.tensor([0.0, 1.0])]
    with raises(IndexError, "valid indices, got str"):
        x["a"]
    with raises(ValueError, "step must be greater than zero"):
        x[::-1]
    with raises(ValueError, "x\\[key\\] = value for a tensor of shape \\(3, 4\\)"):
        x[0] = np.ones(5)


def test_option_errors():
    x = t(3)
    with raises(ValueError, "approximate must be 'none' or 'tanh', got 'erf'"):
        F.gelu(x, approximate="erf")
    with raises(TypeError, "negative_slope must be a number"):
        F.leaky_relu(x, "0.1")
    with raises(ValueError, "between 0 and 1, but got 1.5"):
        F.dropout(x, 1.5)
    with raises(ValueError, "between 0 and 1, but got -0.1"):
        F.dropout(x, -0.1)
    with raises(ValueError, "at least one of min and max"):
        x.clamp()
    with raises(TypeError, "min and max must be numbers"):
        x.clamp("0")
    with raises(TypeError, "must be a bool tensor, got dtype float32"):
        x.masked_fill(t(3), 1.0)
    with raises(TypeError, "must be a bool tensor, got dtype int64"):
        snn.where(snn.tensor([1, 0, 1]), x, x)
    with raises(ValueError, r"mask of shape \(4,\) does not broadcast to \(3,\)"):
        x.masked_fill(snn.tensor([True] * 4), 1.0)


def test_floating_only_ops_name_the_dtype():
    integers = snn.tensor([1, 2, 3])
    for call in (lambda v: v.mean(), lambda v: v.var(), lambda v: v.std(), lambda v: v.tanh(),
                 lambda v: v.sigmoid(), lambda v: v.relu(), lambda v: F.gelu(v), lambda v: v.softmax(0),
                 lambda v: F.dropout(v)):
        with raises(TypeError, "dtype int64"):
            call(integers)
    with raises(TypeError, "defined for bool and integer tensors, got dtype float32"):
        ~t(2)


def test_conversion_errors():
    with raises(TypeError, "cannot build a tensor from str"):
        snn.tensor("abc")
    with raises(TypeError, "cannot build a tensor from an array of dtype complex128"):
        snn.tensor(np.ones(2, dtype=complex))
    with raises(ValueError, "ragged"):
        snn.tensor([[1.0, 2.0], [3.0]])
    with raises(TypeError, "unsupported dtype"):
        snn.zeros(2, dtype=np.complex64)
    with raises(TypeError, "not a dtype"):
        snn.zeros(2, dtype=object())
    with raises(TypeError, "from_numpy expects a numpy.ndarray, got list"):
        snn.from_numpy([1.0])
    with raises(ValueError, "a Tensor with 3 elements cannot be converted"):
        t(3).item()
    with raises(ValueError, "ambiguous"):
        bool(t(3))
    with raises(TypeError, "len\\(\\) of a 0-d tensor"):
        len(t())
    with raises(ValueError, "CPU only"):
        t(2).to("cuda")
    with raises(TypeError, "only supports float32 and float64, got int64"):
        snn.set_default_dtype(snn.int64)


def test_factory_errors():
    with raises(ValueError, r"negative dimension -1 in size \(2, -1\)"):
        snn.zeros(2, -1)
    with raises(TypeError, "sizes must be ints"):
        snn.ones(2.5)
    with raises(ValueError, "step must be nonzero"):
        snn.arange(0, 3, 0)
    with raises(ValueError, "inconsistent with step sign"):
        snn.arange(0, 3, -1)
    with raises(ValueError, "must be finite"):
        snn.arange(0, float("inf"))
    with raises(TypeError, "fill_value must be a number"):
        snn.full((2,), "x")
    with raises(ValueError, "low \\(5\\) must be smaller than high \\(5\\)"):
        snn.randint(5, 5, (2,))
    with raises(TypeError, "size is required"):
        snn.randint(5)
    with raises(TypeError, "needs a floating dtype"):
        snn.randn(2, dtype=snn.int64)


def test_random_state_errors():
    with raises(TypeError, "seed must be an int, got float"):
        snn.manual_seed(1.5)
    with raises(ValueError, "seed must be non-negative"):
        snn.Generator().manual_seed(-1)
    with raises(TypeError, "generator must be a scratch_nn.Generator"):
        snn.randn(2, generator=42)
    with raises(ValueError, "CPU only"):
        snn.Generator(device="cuda")


def test_parameter_needs_a_tensor():
    with raises(TypeError, "Parameter expects a Tensor"):
        snn.nn.Parameter([1.0, 2.0])
