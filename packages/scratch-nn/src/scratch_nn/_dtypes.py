"""Data types: the numpy dtypes a Tensor may hold, the default float type, and promotion as torch does.

Our dtypes ARE numpy dtypes (`scratch_nn.float32 is np.dtype("float32")`), so `t.dtype == float32`
works and `t.data` needs no conversion. What differs from numpy is how two operands combine:

    same dtype                       -> that dtype                      float32 + float32 -> float32
    one floating, one integer/bool   -> the floating one (numpy: f64)   float32 + int64   -> float32
    same category, one of them 0-d   -> the dimensioned one's dtype     float32 + 0-d f64 -> float32
    otherwise                        -> numpy's promote_types           float32 + float64 -> float64

and Python scalars are "weak": `t * 2.0` keeps t's dtype (an integer tensor times a float becomes
the default float dtype, float32, as in torch).
"""

import numpy as np

float16 = np.dtype("float16")
float32 = np.dtype("float32")
float64 = np.dtype("float64")
int8 = np.dtype("int8")
uint8 = np.dtype("uint8")
int16 = np.dtype("int16")
int32 = np.dtype("int32")
int64 = np.dtype("int64")
bool_ = np.dtype("bool")

SUPPORTED = frozenset((float16, float32, float64, int8, uint8, int16, int32, int64, bool_))
FLOATING = frozenset((float16, float32, float64))

_default_float = [float32]  # a one-slot box: set_default_dtype rebinds its content


def get_default_dtype():
    """The dtype that Python floats become (float32 unless set_default_dtype changed it)."""
    return _default_float[0]


def set_default_dtype(dtype):
    """Make `dtype` (float32 or float64) the dtype of tensors built from Python floats."""
    dtype = to_dtype(dtype)
    if dtype not in (float32, float64):
        raise TypeError(f"set_default_dtype only supports float32 and float64, got {dtype}")
    _default_float[0] = dtype


def to_dtype(dtype):
    """Turn `dtype` (a numpy dtype, a numpy type or a name such as "float32") into a supported dtype."""
    try:
        result = np.dtype(dtype)
    except TypeError as error:
        raise TypeError(f"not a dtype: {dtype!r}") from error
    if result not in SUPPORTED:
        names = ", ".join(sorted(d.name for d in SUPPORTED))
        raise TypeError(f"unsupported dtype {result}; scratch_nn supports {names}")
    return result


def is_floating(dtype):
    return dtype in FLOATING


def _category(dtype):
    """0 for bool, 1 for integers, 2 for floating types (torch's promotion categories)."""
    return 2 if dtype.kind == "f" else (0 if dtype.kind == "b" else 1)


def promote_dtypes(dtype_a, dtype_b):
    """The common dtype of two dimensioned operands: floats beat integers beat bool, then numpy's rule."""
    if dtype_a == dtype_b:
        return dtype_a
    category_a, category_b = _category(dtype_a), _category(dtype_b)
    if category_a != category_b:
        return dtype_a if category_a > category_b else dtype_b
    return np.promote_types(dtype_a, dtype_b)


def result_dtype(a, b):
    """The dtype of a binary op between arrays `a` and `b`, by torch's rules (see module docstring)."""
    dtype_a, dtype_b = a.dtype, b.dtype
    if dtype_a == dtype_b:
        return dtype_a
    if _category(dtype_a) == _category(dtype_b):
        if a.ndim == 0 and b.ndim > 0:
            return dtype_b
        if b.ndim == 0 and a.ndim > 0:
            return dtype_a
    return promote_dtypes(dtype_a, dtype_b)


def scalar_dtype(value, like):
    """The dtype a Python scalar takes next to an array of dtype `like` (scalars are weak).

    float next to a float tensor -> the tensor's dtype; float next to an int/bool tensor -> the
    default float dtype; int next to bool -> int64; otherwise the tensor's dtype.
    """
    kind = like.kind
    value_type = type(value)
    if value_type is float:  # the common case first
        return like if kind == "f" else _default_float[0]
    if value_type is bool or isinstance(value, np.bool_):
        return like
    if value_type is int or isinstance(value, np.integer):
        return int64 if kind == "b" else like
    return like if kind == "f" else _default_float[0]
