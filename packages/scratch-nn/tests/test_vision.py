"""scratch_nn.vision against scipy: every filter, every boundary mode, on random images.

Oracles: scipy.ndimage.sobel / prewitt / laplace / gaussian_filter / correlate1d / correlate and
scipy.signal.convolve2d / correlate2d, applied to each 2-D image of a (N, C, H, W) batch.
Tolerance: 1e-10 (rtol and atol) in float64; float32 results against scipy's float64 to 1e-5.
Pads longer than the image (big sigma, big kernels) are included: the boundary rule repeats.
Gradients (the filters are conv2d graphs) are checked by finite differences with
scratch_optim.check_grad to 1e-6 relative (the filters are linear, so only rounding remains).
"""

import numpy as np
import pytest
import scratch_nn as snn
from scipy import ndimage, signal
from scratch_nn import vision
from scratch_optim import check_grad

MODES = ["reflect", "mirror", "nearest", "wrap", "constant"]
TOLERANCE = 1e-10


def per_image(function, images):
    """function applied to every 2-D image of a (..., H, W) array, stacked back."""
    results = np.stack([function(image) for image in images.reshape(-1, *images.shape[-2:])])
    return results.reshape(*images.shape[:-2], *results.shape[-2:])


def assert_close(ours, expected, tolerance=TOLERANCE):
    assert isinstance(ours, snn.Tensor)
    assert ours.shape == expected.shape, f"shape {ours.shape} vs scipy's {expected.shape}"
    np.testing.assert_allclose(ours.data, expected, rtol=tolerance, atol=tolerance)


@pytest.fixture
def images(rng):
    return rng.standard_normal((2, 3, 7, 9))  # (N, C, H, W)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ["sobel", "prewitt"])
@pytest.mark.parametrize("axis", [-1, -2])
def test_first_derivatives_equal_scipy(images, name, mode, axis):
    ours = getattr(vision, name)(images, axis=axis, mode=mode, cval=0.7)
    expected = per_image(lambda image: getattr(ndimage, name)(image, axis=axis, mode=mode, cval=0.7), images)
    assert_close(ours, expected)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("axis", [-1, -2])
def test_scharr_is_difference_then_3_10_3_smoothing(images, mode, axis):
    def reference(image):
        derivative = ndimage.correlate1d(image, [-1, 0, 1], axis=axis, mode=mode, cval=0.7)
        return ndimage.correlate1d(derivative, [3, 10, 3], axis=-3 - axis, mode=mode, cval=0.7)

    assert_close(vision.scharr(images, axis=axis, mode=mode, cval=0.7), per_image(reference, images))


def test_scharr_matches_opencvs_2d_kernel(images):
    kernel_x = np.array([[-3, 0, 3], [-10, 0, 10], [-3, 0, 3]], dtype=float)
    expected = per_image(lambda image: ndimage.correlate(image, kernel_x, mode="reflect"), images)
    assert_close(vision.scharr(images, axis=-1), expected)
    expected = per_image(lambda image: ndimage.correlate(image, kernel_x.T, mode="reflect"), images)
    assert_close(vision.scharr(images, axis=-2), expected)


@pytest.mark.parametrize("mode", MODES)
def test_laplace_equals_scipy(images, mode):
    expected = per_image(lambda image: ndimage.laplace(image, mode=mode, cval=-0.3), images)
    assert_close(vision.laplace(images, mode=mode, cval=-0.3), expected)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("sigma, truncate", [(0.5, 4.0), (1.3, 4.0), ((2.0, 0.7), 2.5), ((1.1, 0.0), 4.0),
                                             (6.0, 4.0)])  # 6.0: the kernel is longer than the image
def test_gaussian_filter_equals_scipy(images, mode, sigma, truncate):
    ours = vision.gaussian_filter(images, sigma, mode=mode, cval=0.25, truncate=truncate)
    expected = ndimage.gaussian_filter(images, sigma, mode=mode, cval=0.25, truncate=truncate, axes=(-2, -1))
    assert_close(ours, expected)


def test_gaussian_filter_radius_and_kernel_equal_scipy(images):
    expected = ndimage.gaussian_filter(images, 1.5, radius=2, axes=(-2, -1))
    assert_close(vision.gaussian_filter(images, 1.5, radius=2), expected)
    expected = ndimage.gaussian_filter(images, (1.5, 0.8), radius=(1, 3), axes=(-2, -1))
    assert_close(vision.gaussian_filter(images, (1.5, 0.8), radius=(1, 3)), expected)
    impulse = np.zeros(9)
    impulse[4] = 1.0
    np.testing.assert_allclose(vision.gaussian_kernel1d(1.0, 4), ndimage.gaussian_filter1d(impulse, 1.0),
                               rtol=TOLERANCE, atol=TOLERANCE)


@pytest.mark.parametrize("boundary", ["fill", "wrap", "symm"])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("kernel_shape", [(3, 3), (2, 4), (1, 5), (4, 1), (7, 9), (9, 12)])
@pytest.mark.parametrize("function", ["convolve2d", "correlate2d"])
def test_generic_kernels_equal_scipy_signal(rng, images, function, kernel_shape, mode, boundary):
    kernel = rng.standard_normal(kernel_shape)
    if mode == "valid" and (kernel_shape[0] > 7 or kernel_shape[1] > 9):
        with pytest.raises(ValueError, match="must fit inside the image"):
            getattr(vision, function)(images, kernel, mode=mode, boundary=boundary)
        return
    ours = getattr(vision, function)(images, kernel, mode=mode, boundary=boundary, fillvalue=0.5)
    expected = per_image(lambda image: getattr(signal, function)(image, kernel, mode=mode, boundary=boundary,
                                                                 fillvalue=0.5), images)
    assert_close(ours, expected)


@pytest.mark.parametrize("shape", [(7, 9), (3, 7, 9), (1, 1, 7, 9), (1, 1, 1, 1), (2, 1, 1, 6)])
def test_every_layout_and_tiny_images(rng, shape):
    image = rng.standard_normal(shape)
    for mode in MODES:
        expected = per_image(lambda im, mode=mode: ndimage.sobel(im, axis=-2, mode=mode), image)
        assert_close(vision.sobel(snn.tensor(image), axis=-2, mode=mode), expected)
        assert_close(vision.gaussian_filter(image, 1.0, mode=mode),
                     ndimage.gaussian_filter(image, 1.0, mode=mode, axes=(-2, -1)))


def test_axis_may_be_given_as_a_positive_index(rng):
    image = rng.standard_normal((6, 8))
    assert_close(vision.sobel(image, axis=0), ndimage.sobel(image, axis=0))
    assert_close(vision.prewitt(image, axis=1), ndimage.prewitt(image, axis=1))


def test_float32_and_integer_images(rng):
    image = rng.standard_normal((2, 6, 8)).astype(np.float32)
    ours = vision.gaussian_filter(image, 1.2)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(ours.data, ndimage.gaussian_filter(image.astype(float), 1.2, axes=(-2, -1)),
                               rtol=1e-5, atol=1e-5)
    pixels = rng.integers(0, 256, size=(6, 8)).astype(np.uint8)
    ours = vision.sobel(pixels)
    assert ours.dtype == np.float32  # scipy would keep uint8 and wrap around
    np.testing.assert_allclose(ours.data, ndimage.sobel(pixels.astype(float)), rtol=1e-5, atol=1e-5)


def luminance(rgb):
    return rgb @ np.array([0.299, 0.587, 0.114])


@pytest.mark.parametrize("operator", ["sobel", "prewitt", "scharr"])
def test_edge_magnitude_of_rgb_images(rng, operator):
    def derivative(image, axis):
        if operator == "scharr":
            smoothed = ndimage.correlate1d(image, [3, 10, 3], axis=1 - axis, mode="reflect")
            return ndimage.correlate1d(smoothed, [-1, 0, 1], axis=axis, mode="reflect")
        return getattr(ndimage, operator)(image, axis=axis)

    def magnitude(gray):
        return np.hypot(derivative(gray, 0), derivative(gray, 1))

    rgb = rng.random((7, 9, 3))  # (H, W, 3)
    assert_close(vision.edge_magnitude(rgb, operator), magnitude(luminance(rgb)))
    per_channel_max = np.max([magnitude(rgb[..., c]) for c in range(3)], axis=0)
    assert_close(vision.edge_magnitude(rgb, operator, reduce="max"), per_channel_max)
    batch = np.stack([rgb.transpose(2, 0, 1), rgb[::-1].transpose(2, 0, 1)])  # (2, 3, H, W)
    expected = np.stack([magnitude(luminance(rgb)), magnitude(luminance(rgb[::-1]))])[:, None]
    assert_close(vision.edge_magnitude(batch, operator), expected)
    gray = luminance(rgb)
    assert_close(vision.edge_magnitude(gray, operator), magnitude(gray))
    assert_close(vision.edge_magnitude(gray[None, None], operator), magnitude(gray)[None, None])


def relative_gradient_error(function, point, weights):
    """check_grad of x -> sum(weights * function(x)) at `point`, relative to the gradient's norm."""
    def value(flat):
        return float((function(snn.tensor(flat.reshape(point.shape))) * snn.tensor(weights)).sum().item())

    def gradient(flat):
        x = snn.tensor(flat.reshape(point.shape), requires_grad=True)
        (function(x) * snn.tensor(weights)).sum().backward()
        return x.grad.data.ravel()

    return check_grad(value, gradient, point.ravel()) / np.linalg.norm(gradient(point.ravel()))


@pytest.mark.parametrize("name, function", [
    ("sobel constant", lambda x: vision.sobel(x, axis=-2, mode="constant", cval=0.5)),
    ("laplace mirror", lambda x: vision.laplace(x, mode="mirror")),
    ("gaussian reflect", lambda x: vision.gaussian_filter(x, 0.9, mode="reflect")),
    ("correlate2d symm", lambda x: vision.correlate2d(x, np.arange(6.0).reshape(2, 3), "same", "symm")),
    ("edge magnitude", lambda x: vision.edge_magnitude(x, reduce="max", eps=1e-12)),
])
def test_gradients_through_filters_match_finite_differences(rng, name, function):
    point = rng.standard_normal((1, 3, 4, 5))
    weights = rng.standard_normal(np.shape(function(snn.tensor(point)).data))
    assert relative_gradient_error(function, point, weights) < 1e-6, name


def test_a_kernel_tensor_gets_its_gradient(rng):
    image = snn.tensor(rng.standard_normal((2, 5, 6)))
    start = rng.standard_normal((3, 2))
    weights = rng.standard_normal((2, 7, 7))

    def value(flat):
        return float((vision.convolve2d(image, snn.tensor(flat.reshape(3, 2))) * snn.tensor(weights)).sum().item())

    def gradient(flat):
        kernel = snn.tensor(flat.reshape(3, 2), requires_grad=True)
        (vision.convolve2d(image, kernel) * snn.tensor(weights)).sum().backward()
        return kernel.grad.data.ravel()

    assert check_grad(value, gradient, start.ravel()) < 1e-6 * np.linalg.norm(gradient(start.ravel()))


@pytest.mark.parametrize("call, error, match", [
    (lambda: vision.sobel(np.zeros(5)), ValueError, r"\(H, W\), \(C, H, W\) or \(N, C, H, W\), got shape \(5,\)"),
    (lambda: vision.sobel(np.zeros((1, 1, 1, 4, 4))), ValueError, "got shape"),
    (lambda: vision.laplace(np.array([[0.0, np.nan], [1.0, 2.0]])), ValueError, "NaN or inf"),
    (lambda: vision.gaussian_filter(np.full((3, 3), np.inf), 1.0), ValueError, "NaN or inf"),
    (lambda: vision.sobel(np.zeros((0, 4))), ValueError, "empty"),
    (lambda: vision.sobel([[1.0, 2.0]]), TypeError, "Tensor or numpy array"),
    (lambda: vision.sobel(np.zeros((4, 4)), mode="grid-wrap"), ValueError, "unknown mode 'grid-wrap'"),
    (lambda: vision.laplace(np.zeros((4, 4)), mode="symm"), ValueError, "unknown mode"),
    (lambda: vision.prewitt(np.zeros((2, 4, 4)), axis=0), ValueError, "last two axes"),
    (lambda: vision.scharr(np.zeros((4, 4)), axis=2), ValueError, "image axes"),
    (lambda: vision.gaussian_filter(np.zeros((4, 4)), -1.0), ValueError, "non-negative"),
    (lambda: vision.gaussian_filter(np.zeros((4, 4)), (1.0, 1.0, 1.0)), ValueError, "pair of numbers"),
    (lambda: vision.gaussian_filter(np.zeros((4, 4)), 1.0, truncate=0), ValueError, "truncate"),
    (lambda: vision.gaussian_filter(np.zeros((4, 4)), 1.0, radius=1.5), ValueError, "radius"),
    (lambda: vision.convolve2d(np.zeros((4, 4)), np.ones(3)), ValueError, r"kernel must be a non-empty 2-D"),
    (lambda: vision.convolve2d(np.zeros((4, 4)), np.full((2, 2), np.nan)), ValueError, "kernel contains NaN"),
    (lambda: vision.convolve2d(np.zeros((4, 4)), [[1.0]]), TypeError, "kernel must be a Tensor"),
    (lambda: vision.correlate2d(np.zeros((4, 4)), np.ones((2, 2)), mode="circular"), ValueError, "unknown mode"),
    (lambda: vision.correlate2d(np.zeros((4, 4)), np.ones((2, 2)), boundary="reflect"), ValueError, "boundary"),
    (lambda: vision.edge_magnitude(np.zeros((4, 4, 4))), ValueError, r"RGB \(H, W, 3\)"),
    (lambda: vision.edge_magnitude(np.zeros((1, 2, 4, 4))), ValueError, r"got shape \(1, 2, 4, 4\)"),
    (lambda: vision.edge_magnitude(np.zeros((4, 4)), operator="canny"), ValueError, "unknown operator"),
    (lambda: vision.edge_magnitude(np.zeros((4, 4)), reduce="mean"), ValueError, "unknown reduce"),
    (lambda: vision.edge_magnitude(np.zeros((4, 4)), eps=-1.0), ValueError, "eps"),
])
def test_bad_input_raises(call, error, match):
    with pytest.raises(error, match=match):
        call()
