"""classification_report: precision, recall, F1 and support per class, then the averages.

The text layout is scikit-learn's, character for character:

                  precision    recall  f1-score   support

               0       0.67      1.00      0.80         2
               1       1.00      0.50      0.67         2

        accuracy                           0.75         4
       macro avg       0.83      0.75      0.73         4
    weighted avg       0.83      0.75      0.73         4

The "accuracy" line is the micro average, shown as accuracy when every label is reported
(for single-label data micro P = micro R = micro F1 = accuracy); otherwise it is "micro avg".
"""

import warnings

import numpy as np

from ._precision_recall import precision_recall_fscore_support
from ._targets import check_classification_targets_pair

HEADERS = ["precision", "recall", "f1-score", "support"]
AVERAGES = ("micro", "macro", "weighted")


def classification_report(
    y_true,
    y_pred,
    *,
    labels=None,
    target_names=None,
    sample_weight=None,
    digits=2,
    output_dict=False,
    zero_division="warn",
):
    """The report as text, or with output_dict=True as {name: {"precision": ..., ...}, "accuracy": float}."""
    _, present_labels, y_true, y_pred = check_classification_targets_pair(y_true, y_pred)
    labels_given = labels is not None
    labels = np.asarray(labels) if labels_given else present_labels
    micro_is_accuracy = not labels_given or set(labels.tolist()) >= set(present_labels.tolist())
    if target_names is not None and len(labels) != len(target_names):
        if not labels_given:
            raise ValueError(
                f"Number of classes, {len(labels)}, does not match size of target_names, "
                f"{len(target_names)}. Try specifying the labels parameter"
            )
        warnings.warn(
            f"labels size, {len(labels)}, does not match size of target_names, {len(target_names)}",
            stacklevel=2,
        )
    if target_names is None:
        target_names = [
            str(label) for label in labels
        ]  # subtle: numpy scalars print as sklearn's do
    common = {"labels": labels, "sample_weight": sample_weight, "zero_division": zero_division}
    precision, recall, f1, support = precision_recall_fscore_support(
        y_true, y_pred, average=None, **common
    )
    rows = list(zip(target_names, precision, recall, f1, support))
    total_support = np.sum(support)
    averages = {}
    for average in AVERAGES:
        heading = "accuracy" if average == "micro" and micro_is_accuracy else f"{average} avg"
        avg_p, avg_r, avg_f1, _ = precision_recall_fscore_support(
            y_true, y_pred, average=average, **common
        )
        averages[heading] = [avg_p, avg_r, avg_f1, total_support]
    if output_dict:
        report = {name: dict(zip(HEADERS, map(float, scores))) for name, *scores in rows}
        for heading, scores in averages.items():
            report[heading] = (
                float(scores[0])
                if heading == "accuracy"
                else dict(zip(HEADERS, map(float, scores)))
            )
        return report
    return _format_report(rows, averages, target_names, digits)


def _format_report(rows, averages, target_names, digits):
    width = max(max(len(name) for name in target_names), len("weighted avg"), digits)
    text = ("{:>{width}s} " + " {:>9}" * len(HEADERS)).format("", *HEADERS, width=width) + "\n\n"
    row_format = "{:>{width}s} " + " {:>9.{digits}f}" * 3 + " {:>9}\n"
    for row in rows:
        text += row_format.format(*row, width=width, digits=digits)
    text += "\n"
    for heading, scores in averages.items():
        if heading == "accuracy":  # only the F1 column (which equals accuracy) is shown
            accuracy_format = (
                "{:>{width}s} " + " {:>9.{digits}}" * 2 + " {:>9.{digits}f}" + " {:>9}\n"
            )
            text += accuracy_format.format(heading, "", "", *scores[2:], width=width, digits=digits)
        else:
            text += row_format.format(heading, *scores, width=width, digits=digits)
    return text
