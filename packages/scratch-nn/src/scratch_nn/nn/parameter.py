"""Parameter: a Tensor that a Module registers as learnable (requires_grad=True by default).

    w = Parameter(scratch_nn.randn(3, 2))   # shares randn's array; a leaf that requires grad

Modules find their parameters by this type (torch's rule), so wrapping is what makes a tensor
trainable; the optimizer then updates `.data` in place inside `no_grad()`.
"""

import numpy as np

from .._dtypes import get_default_dtype
from ..tensor import Tensor


class Parameter(Tensor):
    def __init__(self, data=None, requires_grad=True):
        if data is None:
            array = np.empty((0,), dtype=get_default_dtype())
        elif isinstance(data, Tensor):
            array = data.data  # shared, as torch.nn.Parameter(t)
        elif isinstance(data, np.ndarray):
            array = data
        else:
            raise TypeError(f"Parameter expects a Tensor (or numpy array), got {type(data).__name__}")
        super().__init__(array, requires_grad=requires_grad)

    def __repr__(self):
        return "Parameter containing:\n" + super().__repr__()
