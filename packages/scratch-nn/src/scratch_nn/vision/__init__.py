"""scratch_nn.vision: classic image filters built on conv2d (differentiable), matching scipy.

    derivatives.py  sobel, prewitt, scharr, laplace         (scipy.ndimage's conventions)
    gaussian.py     gaussian_filter, gaussian_kernel1d      (scipy.ndimage.gaussian_filter)
    convolve.py     convolve2d, correlate2d                 (scipy.signal, any 2-D kernel)
    edges.py        edge_magnitude                          (grayscale or RGB)
    _boundary.py    the boundary modes: reflect, mirror, nearest, wrap, constant

Inputs: Tensors or numpy arrays of shape (H, W), (C, H, W) or (N, C, H, W); each 2-D image is
filtered on its own; results are Tensors of the input's float dtype.
"""

from ._boundary import MODES
from .convolve import convolve2d, correlate2d
from .derivatives import laplace, prewitt, scharr, sobel
from .edges import edge_magnitude
from .gaussian import gaussian_filter, gaussian_kernel1d

__all__ = ["MODES", "convolve2d", "correlate2d", "edge_magnitude", "gaussian_filter", "gaussian_kernel1d",
           "laplace", "prewitt", "scharr", "sobel"]
