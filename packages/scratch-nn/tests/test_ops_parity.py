"""Every op against torch on the same random inputs: outputs and all input gradients.

Each case is (our function, torch's function, input specs); it runs in float32 (tolerance 1e-4)
and float64 (1e-8) through `parity.assert_parity`. Input specs say the shape and the domain:
"normal" N(0, 1); "positive" U(0.5, 2) for log/sqrt/pow; "nonzero" |x| in [0.2, 2] away from
the kinks of abs/relu/division; "wide" N(0, 10^2) to reach the saturated tails; integers and
masks as given. Shapes cover broadcasting (size-1 and missing leading dims) and 0-d tensors.
"""

import zlib

import hypothesis.extra.numpy as hnp
import hypothesis.strategies as st
import numpy as np
import pytest
import scratch_nn as snn
import torch
from hypothesis import given, settings
from parity import assert_parity

F = snn.nn.functional
TF = torch.nn.functional


def spec(*shape, kind="normal"):
    return (shape, kind)


def draw(rng, shape, kind):
    if kind == "normal":
        return rng.standard_normal(shape)
    if kind == "wide":
        return 10.0 * rng.standard_normal(shape)
    if kind == "positive":
        return rng.uniform(0.5, 2.0, shape)
    if kind == "nonzero":
        return rng.choice([-1.0, 1.0], shape) * rng.uniform(0.2, 2.0, shape)
    if kind == "mask":
        return rng.random(shape) < 0.5
    raise ValueError(kind)


def case(name, ours, theirs, *specs):
    return pytest.param(ours, theirs, specs, id=name)


BROADCAST_PAIRS = [((3, 4), (3, 4)), ((3, 4), (4,)), ((2, 1, 4), (3, 1)), ((), (2, 3)), ((5,), ())]


def binary_cases():
    ops = [
        ("add", lambda a, b: a + b, "normal"),
        ("sub", lambda a, b: a - b, "normal"),
        ("mul", lambda a, b: a * b, "normal"),
        ("div", lambda a, b: a / b, "nonzero"),
        ("pow", lambda a, b: a ** b, "positive"),
        ("maximum", None, "normal"),
        ("minimum", None, "normal"),
    ]
    for name, function, kind in ops:
        for shape_a, shape_b in BROADCAST_PAIRS:
            if function is None:
                ours = getattr(snn, name)
                theirs = getattr(torch, name)
            else:
                ours = theirs = function
            b_kind = "nonzero" if name == "div" else kind
            a_kind = "positive" if name == "pow" else "normal"
            yield case(f"{name}-{shape_a}-{shape_b}", ours, theirs, spec(*shape_a, kind=a_kind),
                       spec(*shape_b, kind=b_kind if name != "pow" else "normal"))


SCALAR_CASES = [
    case("x+2.5", lambda x: x + 2.5, lambda x: x + 2.5, spec(3, 4)),
    case("2.5+x", lambda x: 2.5 + x, lambda x: 2.5 + x, spec(3, 4)),
    case("x-3", lambda x: x - 3, lambda x: x - 3, spec(3, 4)),
    case("3-x", lambda x: 3 - x, lambda x: 3 - x, spec(3, 4)),
    case("x*-1.5", lambda x: x * -1.5, lambda x: x * -1.5, spec(3, 4)),
    case("-1.5*x", lambda x: -1.5 * x, lambda x: -1.5 * x, spec(3, 4)),
    case("x/4", lambda x: x / 4, lambda x: x / 4, spec(3, 4)),
    case("4/x", lambda x: 4 / x, lambda x: 4 / x, spec(3, 4, kind="nonzero")),
    case("x**2", lambda x: x ** 2, lambda x: x ** 2, spec(3, 4)),
    case("x**3", lambda x: x ** 3, lambda x: x ** 3, spec(3, 4)),
    case("x**0.5", lambda x: x ** 0.5, lambda x: x ** 0.5, spec(3, 4, kind="positive")),
    case("x**-1.5", lambda x: x ** -1.5, lambda x: x ** -1.5, spec(3, 4, kind="positive")),
    case("x**0", lambda x: x ** 0, lambda x: x ** 0, spec(3, 4)),
    case("2**x", lambda x: 2 ** x, lambda x: 2 ** x, spec(3, 4)),
    case("neg", lambda x: -x, lambda x: -x, spec(3, 4)),
    case("pos", lambda x: +x * 1.0, lambda x: +x * 1.0, spec(3, 4)),
    case("x*np.float64", lambda x: x * np.float64(0.5), lambda x: x * np.float64(0.5), spec(3)),
    case("add-alpha", lambda a, b: a.add(b, alpha=2), lambda a, b: a.add(b, alpha=2), spec(3), spec(3)),
    case("sub-alpha", lambda a, b: a.sub(b, alpha=2), lambda a, b: a.sub(b, alpha=2), spec(3), spec(3)),
    case("method-pow", lambda x: x.pow(3), lambda x: x.pow(3), spec(3)),
    case("fn-add", snn.add, torch.add, spec(2, 3), spec(3)),
    case("fn-sub", snn.sub, torch.sub, spec(2, 3), spec(3)),
    case("fn-mul", snn.mul, torch.mul, spec(2, 3), spec(3)),
    case("fn-div", snn.div, torch.div, spec(2, 3), spec(3, kind="nonzero")),
    case("fn-neg", snn.neg, torch.neg, spec(2, 3)),
    case("fn-pow", snn.pow, torch.pow, spec(2, 3, kind="positive"), spec(3)),
]

MATMUL_SHAPES = [
    ((4,), (4,)), ((4,), (4, 3)), ((3, 4), (4,)), ((3, 4), (4, 5)), ((2, 3, 4), (4, 5)),
    ((2, 1, 3, 4), (5, 4, 2)), ((3, 4), (2, 4, 5)), ((4,), (2, 4, 3)), ((2, 3, 4), (4,)),
]
MATMUL_CASES = [case(f"matmul-{a}-{b}", lambda x, y: x @ y, lambda x, y: x @ y, spec(*a), spec(*b))
                for a, b in MATMUL_SHAPES] + [
    case("fn-matmul", snn.matmul, torch.matmul, spec(3, 4), spec(4, 2)),
    case("method-matmul", lambda x, y: x.matmul(y), lambda x, y: x.matmul(y), spec(3, 4), spec(4, 2)),
    case("linear", F.linear, TF.linear, spec(5, 4), spec(3, 4), spec(3)),
    case("linear-batched", F.linear, TF.linear, spec(2, 5, 4), spec(3, 4), spec(3)),
    case("linear-no-bias", F.linear, TF.linear, spec(5, 4), spec(3, 4)),
    case("linear-1d", F.linear, TF.linear, spec(4), spec(3, 4), spec(3)),
]


def reduction_cases():
    for name in ("sum", "mean"):
        for kwargs in ({}, {"dim": 0}, {"dim": -1}, {"dim": (0, 2)}, {"dim": 1, "keepdim": True},
                       {"dim": (0, 1, 2), "keepdim": True}):
            yield case(f"{name}-{kwargs}", lambda x, n=name, k=kwargs: getattr(x, n)(**k),
                       lambda x, n=name, k=kwargs: getattr(x, n)(**k), spec(2, 3, 4))
        yield case(f"{name}-0d", lambda x, n=name: getattr(x, n)(), lambda x, n=name: getattr(x, n)(), spec())
        yield case(f"{name}-numpy-aliases", lambda x, n=name: getattr(x, n)(axis=1, keepdims=True),
                   lambda x, n=name: getattr(x, n)(dim=1, keepdim=True), spec(2, 3, 4))
        yield case(f"fn-{name}", lambda x, n=name: getattr(snn, n)(x, 1), lambda x, n=name: getattr(torch, n)(x, 1),
                   spec(2, 3))
    for name in ("var", "std"):
        for kwargs in ({}, {"dim": 1}, {"dim": (0, 2)}, {"dim": -1, "keepdim": True}, {"dim": 1, "correction": 0},
                       {"dim": 0, "unbiased": False}):
            yield case(f"{name}-{kwargs}", lambda x, n=name, k=kwargs: getattr(x, n)(**k),
                       lambda x, n=name, k=kwargs: getattr(x, n)(**k), spec(2, 3, 4))
        yield case(f"fn-{name}", lambda x, n=name: getattr(snn, n)(x, 0), lambda x, n=name: getattr(torch, n)(x, 0),
                   spec(4, 3))
    for kwargs in ({"dim": 1}, {"dim": (0, 1)}, {"dim": -1, "keepdim": True}):
        yield case(f"logsumexp-{kwargs}", lambda x, k=kwargs: x.logsumexp(**k), lambda x, k=kwargs: x.logsumexp(**k),
                   spec(3, 4, 2, kind="wide"))
    yield case("fn-logsumexp", lambda x: snn.logsumexp(x, 0), lambda x: torch.logsumexp(x, 0), spec(3, 4))


EXTREMA_CASES = [
    case(f"{name}-all", lambda x, n=name: getattr(x, n)(), lambda x, n=name: getattr(x, n)(), spec(3, 4))
    for name in ("max", "min")
] + [
    case(f"{name}-{kwargs}", lambda x, n=name, k=kwargs: getattr(x, n)(**k),
         lambda x, n=name, k=kwargs: getattr(x, n)(**k), spec(3, 4, 2))
    for name in ("max", "min", "argmax", "argmin")
    for kwargs in ({"dim": 1}, {"dim": -1, "keepdim": True}, {"dim": 0})
] + [
    case("argmax-flat", lambda x: x.argmax(), lambda x: x.argmax(), spec(3, 4)),
    case("argmin-flat", lambda x: x.argmin(), lambda x: x.argmin(), spec(3, 4)),
    case("max-named-values", lambda x: x.max(dim=1).values, lambda x: x.max(dim=1).values, spec(3, 4)),
    case("min-named-indices", lambda x: x.min(dim=1).indices, lambda x: x.min(dim=1).indices, spec(3, 4)),
    case("max-binary", lambda a, b: snn.max(a, b), lambda a, b: torch.max(a, b), spec(3, 4), spec(4)),
    case("min-binary", lambda a, b: snn.min(a, b), lambda a, b: torch.min(a, b), spec(3, 4), spec(4)),
    case("fn-argmax", lambda x: snn.argmax(x, 1), lambda x: torch.argmax(x, 1), spec(3, 4)),
    case("fn-argmin", lambda x: snn.argmin(x, 1), lambda x: torch.argmin(x, 1), spec(3, 4)),
    case("max-0d-dim", lambda x: x.max(0), lambda x: x.max(0), spec()),
]

SHAPE_CASES = [
    case("reshape", lambda x: x.reshape(4, -1), lambda x: x.reshape(4, -1), spec(2, 3, 4)),
    case("reshape-tuple", lambda x: x.reshape((6, 4)), lambda x: x.reshape((6, 4)), spec(2, 3, 4)),
    case("fn-reshape", lambda x: snn.reshape(x, (24,)), lambda x: torch.reshape(x, (24,)), spec(2, 3, 4)),
    case("view", lambda x: x.view(3, 8), lambda x: x.view(3, 8), spec(2, 3, 4)),
    case("view-as", lambda x, y: x.view_as(y), lambda x, y: x.view_as(y), spec(2, 6), spec(3, 4)),
    case("transpose", lambda x: x.transpose(0, 2), lambda x: x.transpose(0, 2), spec(2, 3, 4)),
    case("fn-transpose", lambda x: snn.transpose(x, -1, 0), lambda x: torch.transpose(x, -1, 0), spec(2, 3)),
    case("permute", lambda x: x.permute(2, 0, 1), lambda x: x.permute(2, 0, 1), spec(2, 3, 4)),
    case("permute-tuple", lambda x: x.permute((1, 2, 0)), lambda x: x.permute((1, 2, 0)), spec(2, 3, 4)),
    case("fn-permute", lambda x: snn.permute(x, (1, 0)), lambda x: torch.permute(x, (1, 0)), spec(2, 3)),
    case("flatten", lambda x: x.flatten(), lambda x: x.flatten(), spec(2, 3, 4)),
    case("flatten-1", lambda x: x.flatten(1), lambda x: x.flatten(1), spec(2, 3, 4)),
    case("flatten-0-1", lambda x: x.flatten(0, 1), lambda x: x.flatten(0, 1), spec(2, 3, 4)),
    case("fn-flatten", lambda x: snn.flatten(x, 1), lambda x: torch.flatten(x, 1), spec(2, 3, 4)),
    case("flatten-0d", lambda x: x.flatten(), lambda x: x.flatten(), spec()),
    case("unsqueeze-0", lambda x: x.unsqueeze(0), lambda x: x.unsqueeze(0), spec(2, 3)),
    case("unsqueeze-end", lambda x: x.unsqueeze(-1), lambda x: x.unsqueeze(-1), spec(2, 3)),
    case("unsqueeze-mid", lambda x: snn.unsqueeze(x, 1), lambda x: torch.unsqueeze(x, 1), spec(2, 3)),
    case("squeeze-all", lambda x: x.squeeze(), lambda x: x.squeeze(), spec(2, 1, 3, 1)),
    case("squeeze-dim", lambda x: x.squeeze(1), lambda x: x.squeeze(1), spec(2, 1, 3, 1)),
    case("squeeze-noop", lambda x: x.squeeze(0), lambda x: x.squeeze(0), spec(2, 1, 3, 1)),
    case("squeeze-tuple", lambda x: snn.squeeze(x, (1, 3)), lambda x: torch.squeeze(x, (1, 3)), spec(2, 1, 3, 1)),
    case("expand", lambda x: x.expand(3, 2, 4), lambda x: x.expand(3, 2, 4), spec(2, 1)),
    case("expand-minus-one", lambda x: x.expand(-1, 5), lambda x: x.expand(-1, 5), spec(3, 1)),
    case("expand-as", lambda x, y: x.expand_as(y), lambda x, y: x.expand_as(y), spec(1, 4), spec(3, 4)),
    case("T", lambda x: x.T, lambda x: x.T, spec(3, 4)),
    case("mT", lambda x: x.mT, lambda x: x.mT, spec(2, 3, 4)),
    case("t", lambda x: x.t(), lambda x: x.t(), spec(3, 4)),
    case("contiguous", lambda x: x.T.contiguous(), lambda x: x.T.contiguous(), spec(3, 4)),
]

INDEX_KEYS = {
    "int": 1, "negative-int": -1, "slice": slice(1, 3), "step-slice": slice(None, None, 2),
    "tuple": (slice(None), 2), "ellipsis": (Ellipsis, 1), "none": (None, slice(1, None)),
    "int-list": [0, 0, 2], "int-array": np.array([3, 1, 3]), "pair-of-lists": ([0, 1], [2, 3]),
    "slice-and-list": (slice(1, None), [0, 4]), "bool-list": [True, False, True, True],
    "int-array-2d": np.array([[0, 1], [1, 3]]), "list-ellipsis-list": ([0, 1], Ellipsis, [2, 0]),
}


def index_cases():
    for name, key in INDEX_KEYS.items():
        yield case(f"getitem-{name}", lambda x, k=key: x[k], lambda x, k=key: x[k], spec(4, 5, 3))
    # tensors as indices: an int64 index tensor and a bool mask computed from the input
    yield case("getitem-int-tensor", lambda x, i: x[i], lambda x, i: x[i], spec(4, 5),
               (None, np.array([3, 0, 3, 1])))
    yield case("getitem-mask-tensor", lambda x: x[x > 0], lambda x: x[x > 0], spec(4, 5))
    yield case("getitem-row-mask", lambda x, m: x[m], lambda x, m: x[m], spec(4, 5), spec(4, kind="mask"))
    yield case("iterate", lambda x: list(x), lambda x: list(x), spec(3, 2))


JOIN_CASES = [
    case("cat-0", lambda a, b: snn.cat([a, b]), lambda a, b: torch.cat([a, b]), spec(2, 3), spec(4, 3)),
    case("cat-1", lambda a, b: snn.cat((a, b), dim=1), lambda a, b: torch.cat((a, b), dim=1), spec(2, 3), spec(2, 1)),
    case("cat-neg", lambda a, b, c: snn.cat([a, b, c], -1), lambda a, b, c: torch.cat([a, b, c], -1),
         spec(2, 2, 1), spec(2, 2, 3), spec(2, 2, 2)),
    case("stack-0", lambda a, b: snn.stack([a, b]), lambda a, b: torch.stack([a, b]), spec(2, 3), spec(2, 3)),
    case("stack-1", lambda a, b: snn.stack([a, b], 1), lambda a, b: torch.stack([a, b], 1), spec(2, 3), spec(2, 3)),
    case("stack-end", lambda a, b: snn.stack([a, b], -1), lambda a, b: torch.stack([a, b], -1), spec(2, 3), spec(2, 3)),
    case("split-int", lambda x: x.split(2), lambda x: x.split(2), spec(5, 3)),
    case("split-sizes", lambda x: snn.split(x, [1, 4]), lambda x: torch.split(x, [1, 4]), spec(5, 3)),
    case("split-dim", lambda x: x.split(2, dim=1), lambda x: x.split(2, dim=1), spec(2, 5)),
    case("chunk", lambda x: x.chunk(3), lambda x: x.chunk(3), spec(5, 3)),
    case("chunk-dim", lambda x: snn.chunk(x, 2, 1), lambda x: torch.chunk(x, 2, 1), spec(2, 5)),
    case("chunk-few", lambda x: x.chunk(4), lambda x: x.chunk(4), spec(6, 2)),
    case("split-then-use-one", lambda x: x.split(2)[1] * 3, lambda x: x.split(2)[1] * 3, spec(5, 3)),
]

ELEMENTWISE_CASES = [
    case("exp", lambda x: x.exp(), lambda x: x.exp(), spec(3, 4)),
    case("log", lambda x: x.log(), lambda x: x.log(), spec(3, 4, kind="positive")),
    case("sqrt", lambda x: x.sqrt(), lambda x: x.sqrt(), spec(3, 4, kind="positive")),
    case("abs", lambda x: x.abs(), lambda x: x.abs(), spec(3, 4, kind="nonzero")),
    case("fn-exp", snn.exp, torch.exp, spec(3)),
    case("fn-log", snn.log, torch.log, spec(3, kind="positive")),
    case("fn-sqrt", snn.sqrt, torch.sqrt, spec(3, kind="positive")),
    case("fn-abs", snn.abs, torch.abs, spec(3, kind="nonzero")),
    case("clamp-both", lambda x: x.clamp(-0.5, 0.5), lambda x: x.clamp(-0.5, 0.5), spec(4, 5)),
    case("clamp-min", lambda x: x.clamp(min=0.1), lambda x: x.clamp(min=0.1), spec(4, 5)),
    case("clamp-max", lambda x: x.clamp(max=0.1), lambda x: x.clamp(max=0.1), spec(4, 5)),
    case("clip", lambda x: x.clip(-1, 1), lambda x: x.clip(-1, 1), spec(4, 5)),
    case("fn-clamp", lambda x: snn.clamp(x, -1, 0), lambda x: torch.clamp(x, -1, 0), spec(4, 5)),
    case("where", lambda c, a, b: snn.where(c, a, b), lambda c, a, b: torch.where(c, a, b),
         spec(3, 4, kind="mask"), spec(3, 4), spec(4)),
    case("where-scalar", lambda c, a: snn.where(c, a, 0.5), lambda c, a: torch.where(c, a, 0.5),
         spec(3, 4, kind="mask"), spec(3, 4)),
    case("where-method", lambda c, a, b: a.where(c, b), lambda c, a, b: a.where(c, b),
         spec(3, 1, kind="mask"), spec(3, 4), spec(3, 4)),
    case("masked_fill", lambda x, m: x.masked_fill(m, 0.5), lambda x, m: x.masked_fill(m, 0.5),
         spec(3, 4), spec(4, kind="mask")),
    case("masked_fill-inf", lambda x, m: x.masked_fill(m, float("-inf")).softmax(-1),
         lambda x, m: x.masked_fill(m, float("-inf")).softmax(-1), spec(3, 4), (None, np.array([False, True, False, True]))),
    case("fn-masked_fill", lambda x, m: snn.masked_fill(x, m, -2.0), lambda x, m: torch.masked_fill(x, m, -2.0),
         spec(3, 4), spec(3, 4, kind="mask")),
    case("to-float64", lambda x: x.to(snn.float64) * 2, lambda x: x.to(torch.float64) * 2, spec(3)),
    case("to-float32", lambda x: x.to(snn.float32) * 2, lambda x: x.to(torch.float32) * 2, spec(3)),
    case("double", lambda x: x.double().exp(), lambda x: x.double().exp(), spec(3)),
    case("float", lambda x: x.float().exp(), lambda x: x.float().exp(), spec(3)),
    case("long", lambda x: (x * 3).long(), lambda x: (x * 3).long(), spec(3)),
    case("bool", lambda x: x.bool(), lambda x: x.bool(), spec(3, kind="nonzero")),
    case("clone", lambda x: x.clone() * x, lambda x: x.clone() * x, spec(3)),
    case("detach", lambda x: x.detach() * x, lambda x: x.detach() * x, spec(3)),
]

COMPARISON_CASES = [
    case(f"compare-{name}", lambda a, b, n=name: getattr(a, f"__{n}__")(b),
         lambda a, b, n=name: getattr(a, f"__{n}__")(b), spec(3, 4), spec(4))
    for name in ("eq", "ne", "lt", "le", "gt", "ge")
] + [
    case(f"fn-{name}", getattr(snn, name), getattr(torch, name), spec(3, 4), spec(3, 4))
    for name in ("eq", "ne", "lt", "le", "gt", "ge")
] + [
    case("compare-scalar", lambda x: x > 0.25, lambda x: x > 0.25, spec(3, 4)),
    case("compare-self", lambda x: x == x, lambda x: x == x, spec(3, 4)),
    case("invert-and-or", lambda a, b: (~a) | (a & b), lambda a, b: (~a) | (a & b),
         spec(3, 4, kind="mask"), spec(4, kind="mask")),
    case("logical-fns", lambda a, b: snn.logical_or(snn.logical_not(a), snn.logical_and(a, b)),
         lambda a, b: torch.logical_or(torch.logical_not(a), torch.logical_and(a, b)),
         spec(3, 4, kind="mask"), spec(3, 4, kind="mask")),
]

ACTIVATION_CASES = [
    case("tanh", F.tanh, TF.tanh, spec(3, 4, kind="wide")),
    case("sigmoid", F.sigmoid, TF.sigmoid, spec(3, 4, kind="wide")),
    case("relu", F.relu, TF.relu, spec(3, 4, kind="nonzero")),
    case("leaky_relu", F.leaky_relu, TF.leaky_relu, spec(3, 4, kind="nonzero")),
    case("leaky_relu-0.2", lambda x: F.leaky_relu(x, 0.2), lambda x: TF.leaky_relu(x, 0.2), spec(3, 4, kind="nonzero")),
    case("gelu", F.gelu, TF.gelu, spec(3, 4, kind="wide")),
    case("gelu-small", F.gelu, TF.gelu, spec(4, 5)),
    case("gelu-tanh", lambda x: F.gelu(x, approximate="tanh"), lambda x: TF.gelu(x, approximate="tanh"), spec(4, 5)),
    case("gelu-tanh-wide", lambda x: F.gelu(x, approximate="tanh"), lambda x: TF.gelu(x, approximate="tanh"),
         spec(4, 5, kind="wide")),
    case("softmax-last", lambda x: F.softmax(x, -1), lambda x: TF.softmax(x, -1), spec(3, 4, 5, kind="wide")),
    case("softmax-0", lambda x: F.softmax(x, dim=0), lambda x: TF.softmax(x, dim=0), spec(3, 4)),
    case("log_softmax-last", lambda x: F.log_softmax(x, -1), lambda x: TF.log_softmax(x, -1), spec(3, 4, 5, kind="wide")),
    case("log_softmax-1", lambda x: F.log_softmax(x, dim=1), lambda x: TF.log_softmax(x, dim=1), spec(3, 4, 2)),
    case("method-tanh", lambda x: x.tanh(), lambda x: x.tanh(), spec(3)),
    case("method-sigmoid", lambda x: x.sigmoid(), lambda x: x.sigmoid(), spec(3)),
    case("method-relu", lambda x: x.relu(), lambda x: x.relu(), spec(3, kind="nonzero")),
    case("method-softmax", lambda x: x.softmax(-1), lambda x: x.softmax(-1), spec(2, 3)),
    case("method-log_softmax", lambda x: x.log_softmax(0), lambda x: x.log_softmax(0), spec(2, 3)),
    case("top-level-fns", lambda x: snn.relu(snn.tanh(snn.sigmoid(x))) + snn.gelu(x) + snn.leaky_relu(x)
         + snn.softmax(x, 0) + snn.log_softmax(x, 0),
         lambda x: torch.relu(torch.tanh(torch.sigmoid(x))) + TF.gelu(x) + TF.leaky_relu(x)
         + torch.softmax(x, 0) + torch.log_softmax(x, 0), spec(4, kind="nonzero")),
    case("dropout-eval", lambda x: F.dropout(x, 0.5, training=False), lambda x: TF.dropout(x, 0.5, training=False),
         spec(3, 4)),
    case("dropout-p0", lambda x: F.dropout(x, 0.0), lambda x: TF.dropout(x, 0.0), spec(3, 4)),
    case("dropout-p1", lambda x: F.dropout(x, 1.0), lambda x: TF.dropout(x, 1.0), spec(3, 4)),
    case("fn-dropout-eval", lambda x: snn.dropout(x, 0.3, False), lambda x: torch.dropout(x, 0.3, False), spec(3)),
]

ALL_CASES = (list(binary_cases()) + SCALAR_CASES + MATMUL_CASES + list(reduction_cases()) + EXTREMA_CASES
             + SHAPE_CASES + list(index_cases()) + JOIN_CASES + ELEMENTWISE_CASES + COMPARISON_CASES
             + ACTIVATION_CASES)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("ours", "theirs", "specs"), ALL_CASES)
def test_op_matches_torch(ours, theirs, specs, dtype, request):
    # a seed per case (crc32 of its id: stable across runs, unlike hash())
    rng = np.random.default_rng(zlib.crc32(request.node.callspec.id.encode()))
    # (shape, kind) draws a random input; (None, value) passes a fixed value
    arrays = [value if shape is None else draw(rng, shape, value) for shape, value in specs]
    assert_parity(ours, theirs, arrays, dtype)


# ------------------------------------------------------------------ property: any broadcastable pair
BINARY_OPS = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b, "div": lambda a, b: a / (b * b + 1),
              "maximum": lambda a, b: (snn if isinstance(a, snn.Tensor) else torch).maximum(a, b),
              "where": lambda a, b: (snn if isinstance(a, snn.Tensor) else torch).where(a > b, a, b * 2)}


@settings(max_examples=40, deadline=None)
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4, max_side=3),
       op=st.sampled_from(sorted(BINARY_OPS)), seed=st.integers(0, 2**32 - 1))
def test_broadcasting_gradients_match_torch_for_any_shapes(shapes, op, seed):
    """Property: for every pair of broadcastable shapes, unbroadcast sums the gradient back exactly
    as torch does (float64, 1e-8)."""
    rng = np.random.default_rng(seed)
    arrays = [rng.standard_normal(shape) for shape in shapes.input_shapes]
    assert_parity(BINARY_OPS[op], BINARY_OPS[op], arrays, np.float64)
