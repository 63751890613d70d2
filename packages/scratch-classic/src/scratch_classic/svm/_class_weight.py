"""Per-class weights, as scikit-learn's class_weight / compute_class_weight.

libsvm / liblinear scale C by them; linear_model's classifiers multiply each sample's weight by
its class's (`linear_model._base.class_weight_per_sample`). One rule for every classifier:

None: every class 1. "balanced": total weight / (n_classes * weight of class k), so each class
carries the same total weight (with no sample_weight the weights are counts). A dict
{label: weight}: the given classes, the others 1.
    y_index [0, 0, 0, 1], "balanced" -> [4 / (2 * 3), 4 / (2 * 1)] = [0.667, 2.0]
"""

import numpy as np


def class_weights(class_weight, classes, y_index, sample_weight=None):
    """(n_classes,) weights for the sorted `classes`, given each sample's class index `y_index`.

    sample_weight (n_samples,) counts only for "balanced" (the class totals are weighted sums);
    subtle: scikit-learn passes it for LogisticRegression and LinearSVC but not for SVC,
    RidgeClassifier or SGDClassifier, so callers choose.
    """
    if class_weight is None:
        return np.ones(classes.size)
    if isinstance(class_weight, str):
        if class_weight != "balanced":
            raise ValueError(
                f"class_weight must be None, 'balanced' or a dict, got {class_weight!r}."
            )
        class_totals = np.bincount(y_index, weights=sample_weight, minlength=classes.size)  # (K,)
        return class_totals.sum() / (classes.size * class_totals)
    if not isinstance(class_weight, dict):
        raise TypeError(f"class_weight must be None, 'balanced' or a dict, got {class_weight!r}.")
    unknown = [label for label in class_weight if not np.any(classes == label)]
    if unknown:
        raise ValueError(
            f"class_weight names labels not in y: {unknown} (the classes are {classes.tolist()})."
        )
    weights = np.ones(classes.size)
    for label, weight in class_weight.items():
        weights[np.flatnonzero(classes == label)[0]] = weight
    return weights
