"""The Tensor: a numpy array plus what reverse-mode autograd needs (requires_grad, grad, grad_fn).

    x = scratch_nn.tensor([[1.0, 2.0]], requires_grad=True)    # a leaf: grad_fn is None
    y = (x * x).sum()                                           # y.grad_fn is a SumBackward0 Node
    y.backward()                                                # x.grad == 2 * x

State (all public attributes mirror torch's, except that `.data` is the numpy array itself):

    data           np.ndarray, shared, never copied behind your back   # (*shape)
    requires_grad  whether ops on this tensor are recorded (floating dtypes only)
    grad           None, or a Tensor of the same shape: the ACCUMULATED dL/d(self) of leaves
    grad_fn        None for leaves; for op results the autograd.Node that made them

This file is the user-facing surface: every method is a one-line call into ops/, where each op's
forward and backward live side by side. `__array_ufunc__ = None` makes `ndarray + Tensor` call
Tensor.__radd__ (a Tensor result) instead of numpy treating the Tensor as an array.
"""

import numpy as np

from . import _dtypes
from ._convert import as_array


class Tensor:
    __slots__ = ("data", "grad", "grad_fn", "_requires_grad", "_retains_grad", "__weakref__")
    __array_ufunc__ = None  # numpy operators defer to ours
    __hash__ = object.__hash__  # __eq__ is elementwise, identity stays the hash (as torch)

    def __init__(self, data, requires_grad=False):
        if type(data) is not np.ndarray:
            data = as_array(data)
        self.data = data
        self.grad = None
        self.grad_fn = None
        self._requires_grad = False
        self._retains_grad = False
        if requires_grad:
            self.requires_grad_(True)

    # ------------------------------------------------------------------ autograd state
    @property
    def requires_grad(self):
        return self._requires_grad

    @requires_grad.setter
    def requires_grad(self, value):
        self.requires_grad_(value)

    def requires_grad_(self, requires_grad=True):
        """Set requires_grad in place (leaves only, floating dtypes only); returns self."""
        requires_grad = bool(requires_grad)
        if requires_grad and not _dtypes.is_floating(self.data.dtype):
            raise TypeError(f"only floating point tensors can require gradients, got dtype {self.data.dtype}")
        if self.grad_fn is not None and not requires_grad:
            raise RuntimeError("you can only change requires_grad flags of leaf variables; "
                               "use detach() to get a tensor that does not require grad")
        self._requires_grad = requires_grad
        return self

    @property
    def is_leaf(self):
        """True for tensors not produced by a recorded op (their .grad is filled by backward)."""
        return self.grad_fn is None

    def retain_grad(self):
        """Ask backward to fill .grad for this non-leaf tensor too."""
        if not self._requires_grad:
            raise RuntimeError("can't retain_grad on a tensor that has requires_grad=False")
        if self.grad_fn is not None:
            self._retains_grad = True

    @property
    def retains_grad(self):
        return self._retains_grad

    def backward(self, gradient=None, retain_graph=None):
        """Accumulate d(self)/d(leaf) into every leaf's .grad (weighted by `gradient` if not scalar).

        gradient: same shape as self; may be omitted only for a one-element tensor (then 1).
        retain_graph: keep the graph's saved arrays so backward can run through it again.
        """
        if not self._requires_grad:
            raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn")
        if gradient is None:
            if self.data.size != 1:
                raise RuntimeError(f"grad can be implicitly created only for scalar outputs; this "
                                   f"tensor has shape {self.shape}: pass gradient=, shaped like it")
            gradient = np.ones_like(self.data)
        else:
            gradient = gradient.data if isinstance(gradient, Tensor) else np.asarray(gradient)
            if gradient.shape != self.data.shape:
                raise ValueError(f"backward: gradient has shape {gradient.shape} but the tensor "
                                 f"has shape {self.data.shape}")
            gradient = gradient.astype(self.data.dtype, copy=False)
        _autograd.backward(self, gradient, retain_graph=bool(retain_graph))

    def detach(self):
        """A new leaf sharing this tensor's array, cut from the graph (requires_grad=False)."""
        return Tensor(self.data)

    def detach_(self):
        """Make this tensor a leaf that does not require grad, in place; returns self."""
        self.grad_fn = None
        self._requires_grad = False
        return self

    # ------------------------------------------------------------------ shape, dtype, conversion
    @property
    def shape(self):
        return self.data.shape

    @property
    def dtype(self):
        return self.data.dtype

    @property
    def ndim(self):
        return self.data.ndim

    @property
    def device(self):
        return "cpu"

    def dim(self):
        return self.data.ndim

    def size(self, dim=None):
        """The shape tuple, or the length of one dimension."""
        if dim is None:
            return self.data.shape
        return self.data.shape[_dims.normalize_dim(dim, self.data.ndim)]

    def numel(self):
        return self.data.size

    def item(self):
        """The value of a one-element tensor as a Python number."""
        if self.data.size != 1:
            raise ValueError(f"a Tensor with {self.data.size} elements cannot be converted to a Python scalar")
        return self.data.item()

    def numpy(self):
        """The underlying array (shared, not copied). Like torch, refuses if grad is tracked."""
        if self._requires_grad:
            raise RuntimeError("can't call numpy() on a tensor that requires grad; use tensor.detach().numpy()")
        return self.data

    def tolist(self):
        return self.data.tolist()

    def __array__(self, dtype=None, copy=None):
        return self.data if dtype is None else self.data.astype(dtype, copy=False)

    def to(self, dtype=None, device=None):
        """Cast to `dtype` (differentiable between floating types). Only device "cpu" exists."""
        if isinstance(dtype, str) and dtype.split(":")[0] in ("cpu", "cuda", "mps"):
            dtype, device = None, dtype
        if device is not None and str(device) != "cpu":
            raise ValueError(f"scratch_nn runs on the CPU only; got device {device!r}")
        return self if dtype is None else elementwise.cast(self, dtype)

    def cpu(self):
        return self

    def float(self):
        return elementwise.cast(self, _dtypes.float32)

    def double(self):
        return elementwise.cast(self, _dtypes.float64)

    def long(self):
        return elementwise.cast(self, _dtypes.int64)

    def int(self):
        return elementwise.cast(self, _dtypes.int32)

    def bool(self):
        return elementwise.cast(self, _dtypes.bool_)

    def type_as(self, other):
        return elementwise.cast(self, other.dtype)

    def clone(self):
        """A copy with its own array, still connected to the graph."""
        return elementwise.clone(self)

    def contiguous(self):
        return self if self.data.flags.c_contiguous else elementwise.clone(self)

    # ------------------------------------------------------------------ Python protocol
    def __len__(self):
        if self.data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self.data.shape[0]

    def __iter__(self):
        if self.data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self.data.shape[0]))

    def __bool__(self):
        if self.data.size != 1:
            raise ValueError(f"the truth value of a tensor with {self.data.size} elements is ambiguous")
        return bool(self.data)

    def __float__(self):
        return float(self.item())

    def __int__(self):
        return int(self.item())

    def __index__(self):
        if self.data.dtype.kind not in "iu" or self.data.size != 1:
            raise TypeError("only one-element integer tensors can be used as an index")
        return int(self.data.item())

    def __repr__(self):
        prefix = "tensor("
        data, style = self.data, {}
        if data.dtype.kind == "f":
            finite = data[np.isfinite(data)]
            if not np.array_equal(finite, np.round(finite)):  # torch: 4 fixed decimals unless all integral
                style = {"precision": 4, "floatmode": "fixed"}
        body = np.array2string(data, separator=", ", prefix=prefix, threshold=1000, **style)
        extras = []
        if self.data.dtype not in (_dtypes.get_default_dtype(), _dtypes.int64, _dtypes.bool_):
            extras.append(f"dtype={self.data.dtype}")
        if self.grad_fn is not None:
            extras.append(f"grad_fn=<{self.grad_fn.name()}>")
        elif self._requires_grad:
            extras.append("requires_grad=True")
        return prefix + body + "".join(", " + extra for extra in extras) + ")"

    # ------------------------------------------------------------------ arithmetic (ops/arithmetic.py)
    def __add__(self, other):
        return arithmetic.add(self, other)

    def __radd__(self, other):
        return arithmetic.add(other, self)

    def __sub__(self, other):
        return arithmetic.sub(self, other)

    def __rsub__(self, other):
        return arithmetic.sub(other, self)

    def __mul__(self, other):
        return arithmetic.mul(self, other)

    def __rmul__(self, other):
        return arithmetic.mul(other, self)

    def __truediv__(self, other):
        return arithmetic.div(self, other)

    def __rtruediv__(self, other):
        return arithmetic.div(other, self)

    def __pow__(self, exponent):
        return arithmetic.pow(self, exponent)

    def __rpow__(self, base):
        return arithmetic.pow(base, self)

    def __neg__(self):
        return arithmetic.neg(self)

    def __pos__(self):
        return self

    def __matmul__(self, other):
        return matmul.matmul(self, other)

    def __rmatmul__(self, other):
        return matmul.matmul(other, self)

    def __iadd__(self, other):
        return inplace.add_(self, other)

    def __isub__(self, other):
        return inplace.sub_(self, other)

    def __imul__(self, other):
        return inplace.mul_(self, other)

    def __itruediv__(self, other):
        return inplace.div_(self, other)

    def add(self, other, alpha=1):
        return arithmetic.add(self, other if alpha == 1 else other * alpha)

    def sub(self, other, alpha=1):
        return arithmetic.sub(self, other if alpha == 1 else other * alpha)

    def mul(self, other):
        return arithmetic.mul(self, other)

    def div(self, other):
        return arithmetic.div(self, other)

    def pow(self, exponent):
        return arithmetic.pow(self, exponent)

    def neg(self):
        return arithmetic.neg(self)

    def matmul(self, other):
        return matmul.matmul(self, other)

    # ------------------------------------------------------------------ comparisons (ops/comparison.py)
    def __eq__(self, other):
        return comparison.eq(self, other)

    def __ne__(self, other):
        return comparison.ne(self, other)

    def __lt__(self, other):
        return comparison.lt(self, other)

    def __le__(self, other):
        return comparison.le(self, other)

    def __gt__(self, other):
        return comparison.gt(self, other)

    def __ge__(self, other):
        return comparison.ge(self, other)

    def __invert__(self):
        return comparison.logical_not(self)

    def __and__(self, other):
        return comparison.logical_and(self, other)

    def __or__(self, other):
        return comparison.logical_or(self, other)

    def eq(self, other):
        return comparison.eq(self, other)

    def ne(self, other):
        return comparison.ne(self, other)

    def lt(self, other):
        return comparison.lt(self, other)

    def le(self, other):
        return comparison.le(self, other)

    def gt(self, other):
        return comparison.gt(self, other)

    def ge(self, other):
        return comparison.ge(self, other)

    # ------------------------------------------------------------------ elementwise (ops/elementwise.py)
    def exp(self):
        return elementwise.exp(self)

    def log(self):
        return elementwise.log(self)

    def sqrt(self):
        return elementwise.sqrt(self)

    def abs(self):
        return elementwise.abs(self)

    def clamp(self, min=None, max=None):  # noqa: A002 - torch's argument names
        return elementwise.clamp(self, min, max)

    clip = clamp

    def maximum(self, other):
        return elementwise.maximum(self, other)

    def minimum(self, other):
        return elementwise.minimum(self, other)

    def masked_fill(self, mask, value):
        return elementwise.masked_fill(self, mask, value)

    def where(self, condition, other):
        return elementwise.where(condition, self, other)

    # ------------------------------------------------------------------ activations (ops/activation.py)
    def tanh(self):
        return activation.tanh(self)

    def sigmoid(self):
        return activation.sigmoid(self)

    def relu(self):
        return activation.relu(self)

    def softmax(self, dim):
        return activation.softmax(self, dim)

    def log_softmax(self, dim):
        return activation.log_softmax(self, dim)

    # ------------------------------------------------------------------ reductions (ops/reduction.py)
    def sum(self, dim=None, keepdim=False, *, dtype=None, axis=None, keepdims=None):
        return reduction.sum(self, dim, keepdim, dtype=dtype, axis=axis, keepdims=keepdims)

    def mean(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        return reduction.mean(self, dim, keepdim, axis=axis, keepdims=keepdims)

    def var(self, dim=None, unbiased=None, keepdim=False, *, correction=None, axis=None, keepdims=None):
        return reduction.var(self, dim, unbiased, keepdim, correction=correction, axis=axis, keepdims=keepdims)

    def std(self, dim=None, unbiased=None, keepdim=False, *, correction=None, axis=None, keepdims=None):
        return reduction.std(self, dim, unbiased, keepdim, correction=correction, axis=axis, keepdims=keepdims)

    def logsumexp(self, dim, keepdim=False):
        return reduction.logsumexp(self, dim, keepdim)

    def max(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        return extrema.max(self, dim, keepdim, axis=axis, keepdims=keepdims)

    def min(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        return extrema.min(self, dim, keepdim, axis=axis, keepdims=keepdims)

    def argmax(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        return extrema.argmax(self, dim, keepdim, axis=axis, keepdims=keepdims)

    def argmin(self, dim=None, keepdim=False, *, axis=None, keepdims=None):
        return extrema.argmin(self, dim, keepdim, axis=axis, keepdims=keepdims)

    # ------------------------------------------------------------------ shape (ops/shape.py)
    def reshape(self, *shape):
        return shape_ops.reshape(self, *shape)

    def view(self, *shape):
        return shape_ops.view(self, *shape)

    def view_as(self, other):
        return shape_ops.reshape(self, other.shape)

    def reshape_as(self, other):
        return shape_ops.reshape(self, other.shape)

    def transpose(self, dim0, dim1):
        return shape_ops.transpose(self, dim0, dim1)

    def permute(self, *dims):
        return shape_ops.permute(self, *dims)

    def flatten(self, start_dim=0, end_dim=-1):
        return shape_ops.flatten(self, start_dim, end_dim)

    def unsqueeze(self, dim):
        return shape_ops.unsqueeze(self, dim)

    def squeeze(self, dim=None):
        return shape_ops.squeeze(self, dim)

    def expand(self, *sizes):
        return shape_ops.expand(self, *sizes)

    def expand_as(self, other):
        return shape_ops.expand(self, other.shape)

    def t(self):
        return shape_ops.t(self)

    @property
    def T(self):  # noqa: N802 - torch's name
        return shape_ops.reverse_dims(self)

    @property
    def mT(self):  # noqa: N802 - torch's name
        return shape_ops.transpose(self, -2, -1)

    def split(self, split_size_or_sections, dim=0):
        return joining.split(self, split_size_or_sections, dim)

    def chunk(self, chunks, dim=0):
        return joining.chunk(self, chunks, dim)

    # ------------------------------------------------------------------ indexing (ops/indexing.py)
    def __getitem__(self, key):
        return indexing.getitem(self, key)

    def __setitem__(self, key, value):
        indexing.setitem(self, key, value)

    # ------------------------------------------------------------------ in place (ops/inplace.py)
    def zero_(self):
        return inplace.fill_(self, 0)

    def fill_(self, value):
        return inplace.fill_(self, value)

    def copy_(self, source):
        return inplace.copy_(self, source)

    def add_(self, other, alpha=1):
        return inplace.add_(self, other if alpha == 1 else other * alpha)

    def sub_(self, other, alpha=1):
        return inplace.sub_(self, other if alpha == 1 else other * alpha)

    def mul_(self, other):
        return inplace.mul_(self, other)

    def div_(self, other):
        return inplace.div_(self, other)

    def clamp_(self, min=None, max=None):  # noqa: A002
        return inplace.clamp_(self, min, max)

    def uniform_(self, a=0.0, b=1.0, *, generator=None):
        return inplace.uniform_(self, a, b, generator=generator)

    def normal_(self, mean=0.0, std=1.0, *, generator=None):
        return inplace.normal_(self, mean, std, generator=generator)


# subtle: the op modules import Tensor from this module, so they are imported after the class exists.
from . import autograd as _autograd  # noqa: E402
from .ops import (  # noqa: E402
    _dims,  # noqa: E402
    activation,
    arithmetic,
    comparison,
    elementwise,
    extrema,
    indexing,
    inplace,
    joining,
    matmul,
    reduction,
)
from .ops import shape as shape_ops  # noqa: E402
