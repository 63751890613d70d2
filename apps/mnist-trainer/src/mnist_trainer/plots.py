"""The PNG figures `evaluate` writes: learning curves, confusion matrix, misclassified images,
first-layer filters. Matplotlib draws off screen (Agg); each figure is rendered to memory and
written atomically, so an interrupted evaluate never leaves half a PNG.
"""

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from scratch_nn.serialization import atomic_write_bytes


def _save(figure, path):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(figure)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def _as_picture(image):
    """(C, H, W) -> what imshow takes: (H, W) grayscale or (H, W, 3) scaled to 0..1."""
    image = np.asarray(image, np.float64)
    if image.shape[0] == 1:
        return image[0]
    low, high = image.min(), image.max()
    return np.transpose((image - low) / (high - low + 1e-12), (1, 2, 0))


def learning_curves(history, path):
    """Loss and accuracy per epoch, training and validation."""
    epochs = [record["epoch"] for record in history]
    figure, (loss_axis, accuracy_axis) = plt.subplots(1, 2, figsize=(10, 4))
    for split, style in (("train", "o-"), ("val", "s--")):
        losses = [record[f"{split}_loss"] for record in history]
        accuracies = [record[f"{split}_accuracy"] for record in history]
        if all(value is not None for value in losses):
            loss_axis.plot(epochs, losses, style, label=split)
            accuracy_axis.plot(epochs, accuracies, style, label=split)
    loss_axis.set(xlabel="epoch", ylabel="cross-entropy", title="loss")
    accuracy_axis.set(xlabel="epoch", ylabel="accuracy", title="accuracy")
    for axis in (loss_axis, accuracy_axis):
        axis.grid(alpha=0.3)
        axis.legend()
    return _save(figure, path)


def confusion_matrix_plot(matrix, classes, path):
    figure, axis = plt.subplots(figsize=(7, 6))
    shown = axis.imshow(matrix, cmap="Blues")
    figure.colorbar(shown, ax=axis)
    ticks = range(len(classes))
    axis.set_xticks(ticks, [str(c) for c in classes], rotation=45, ha="right")
    axis.set_yticks(ticks, [str(c) for c in classes])
    threshold = matrix.max() / 2 if matrix.size else 0
    for (row, column), value in np.ndenumerate(matrix):
        axis.text(column, row, int(value), ha="center", va="center", fontsize=7,
                  color="white" if value > threshold else "black")
    axis.set(xlabel="predicted", ylabel="true", title="confusion matrix")
    return _save(figure, path)


def misclassified_grid(images, labels, predictions, classes, path, limit=36):
    """Up to `limit` misclassified images, titled 'true -> predicted'."""
    wrong = np.flatnonzero(labels != predictions)[:limit]
    columns = 6
    rows = max(1, -(-len(wrong) // columns))
    figure, axes = plt.subplots(rows, columns, figsize=(columns * 1.6, rows * 1.8), squeeze=False)
    for axis in axes.flat:
        axis.axis("off")
    for axis, index in zip(axes.flat, wrong):
        axis.imshow(_as_picture(images[index]), cmap="gray")
        axis.set_title(f"{classes[labels[index]]} -> {classes[predictions[index]]}", fontsize=7)
    figure.suptitle(f"misclassified: {len(np.flatnonzero(labels != predictions))} of {len(labels)}")
    return _save(figure, path)


def first_layer_filters(weights, image_shape, path, limit=64):
    """The first layer's weights as images: MLP rows (reshaped to the input image), conv
    kernels, or a linear model's per-class templates. Each tile is scaled on its own."""
    weights = np.asarray(weights, np.float64)
    if weights.ndim == 2:                                  # (out, C*H*W) -> (out, C, H, W)
        weights = weights.reshape(len(weights), *image_shape)
    weights = weights[:limit]
    columns = min(8, len(weights))
    rows = -(-len(weights) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(columns * 1.2, rows * 1.2), squeeze=False)
    for axis in axes.flat:
        axis.axis("off")
    for axis, kernel in zip(axes.flat, weights):
        if kernel.shape[0] == 1:                           # signed weights: white is 0
            bound = np.abs(kernel).max() + 1e-12
            axis.imshow(kernel[0], cmap="RdBu_r", vmin=-bound, vmax=bound)
        else:
            axis.imshow(_as_picture(kernel))
    figure.suptitle(f"first-layer weights ({len(weights)} shown)")
    return _save(figure, path)
