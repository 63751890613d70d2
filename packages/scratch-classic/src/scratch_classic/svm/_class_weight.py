"""Per-class weights that scale C (libsvm / liblinear's weighted C), as scikit-learn's class_weight.

None: every class 1. "balanced": n_samples / (n_classes * count_k), so each class carries the same
total weight. A dict {label: weight}: the given classes, the others 1.
    y_index [0, 0, 0, 1], "balanced" -> [4 / (2 * 3), 4 / (2 * 1)] = [0.667, 2.0]
"""

import numpy as np


def class_weights(class_weight, classes, y_index):
    """(n_classes,) weights for the sorted `classes`, given each sample's class index `y_index`."""
    if class_weight is None:
        return np.ones(classes.size)
    if isinstance(class_weight, str):
        if class_weight != "balanced":
            raise ValueError(
                f"class_weight must be None, 'balanced' or a dict, got {class_weight!r}."
            )
        return y_index.size / (classes.size * np.bincount(y_index, minlength=classes.size))
    if not isinstance(class_weight, dict):
        raise TypeError(f"class_weight must be None, 'balanced' or a dict, got {class_weight!r}.")
    weights = np.ones(classes.size)
    for label, weight in class_weight.items():
        position = np.flatnonzero(classes == label)
        if position.size == 0:
            raise ValueError(
                f"The class {label!r} in class_weight is not a class in y ({list(classes)})."
            )
        weights[position[0]] = weight
    return weights
