"""`evaluate`: a run's accuracy, per-class precision / recall / F1 and confusion matrix.

All numbers come from scratch-classic's metrics (accuracy_score, classification_report,
precision_recall_fscore_support, confusion_matrix: scikit-learn's definitions); this module
only feeds them the run's predictions and lays the confusion matrix out as a text table
(rows: true class, columns: predicted class).
"""

from dataclasses import dataclass

import numpy as np
from scratch_classic.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    precision_recall_fscore_support,
)

from .checkpoint import load_run
from .data import Normalization, load_images
from .models import build_classifier


@dataclass
class Evaluation:
    config: dict
    metrics: dict
    classifier: object
    images: np.ndarray         # (N, C, H, W) uint8, as read
    labels: np.ndarray         # (N,) true classes
    predictions: np.ndarray    # (N,) predicted classes
    probabilities: np.ndarray  # (N, K)

    @property
    def classes(self):
        return self.config["classes"]

    def accuracy(self):
        return float(accuracy_score(self.labels, self.predictions))

    def confusion(self):
        return confusion_matrix(self.labels, self.predictions, labels=list(range(len(self.classes))))

    def report(self):
        return classification_report(self.labels, self.predictions, labels=list(range(len(self.classes))),
                                     target_names=list(self.classes), digits=4, zero_division=0)

    def per_class(self):
        precision, recall, f1, support = precision_recall_fscore_support(
            self.labels, self.predictions, labels=list(range(len(self.classes))), zero_division=0)
        return [{"class": name, "precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
                for name, p, r, f, s in zip(self.classes, precision, recall, f1, support)]


def load_classifier(run_dir):
    """(config, metrics, classifier with the run's weights)."""
    config, metrics, weights, _ = load_run(run_dir)
    classifier = build_classifier(config)
    classifier.load_state_dict(weights)
    return config, metrics, classifier


def evaluate_run(run_dir, split="test", limit=None, download=False):
    config, metrics, classifier = load_classifier(run_dir)
    images, labels, _ = load_images(config["dataset"], split, download)
    if limit is not None:
        images, labels = images[:limit], labels[:limit]
    inputs = Normalization(**config["normalization"]).apply(images)
    probabilities = classifier.probabilities(inputs)                 # (N, K)
    return Evaluation(config, metrics, classifier, images, labels, probabilities.argmax(axis=1), probabilities)


def confusion_table(matrix, classes, width=7):
    """The confusion matrix as aligned text, class names cut to `width` characters."""
    names = [str(name)[:width] for name in classes]
    corner = "true \\ pred"
    label_width = max(len(corner), *(len(n) for n in names))
    lines = [f"{corner:>{label_width}} " + " ".join(f"{n:>{width}}" for n in names)]
    for name, row in zip(names, matrix):
        lines.append(f"{name:>{label_width}} " + " ".join(f"{int(v):>{width}}" for v in row))
    return "\n".join(lines)
