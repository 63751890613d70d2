"""The four models behind `--model`, each wrapped to one small interface (a Classifier).

    mlp     Flatten -> Linear(C*H*W, h1) -> ReLU -> ... -> Linear(h_last, 10)       (scratch-nn)
    cnn     [Conv2d 5x5 pad 2 -> ReLU -> MaxPool 2] x 2 (16, 32 channels)
            -> Flatten -> Linear(32*H/4*W/4, 128) -> ReLU -> Linear(128, 10)      (scratch-nn)
    ridge   RidgeClassifier(alpha) on the flattened pixels: closed form         (scratch-classic)
    logreg  LogisticRegression(C), multinomial, L-BFGS                          (scratch-classic)

A Classifier knows its state (safetensors tensors), its scores for a batch of images
(N, C, H, W) -> (N, 10) and its class probabilities. Ridge has no probabilities of its own: its
"probabilities" are the softmax of its decision values, a ranking rather than a calibrated belief.
"""

import itertools

import numpy as np
import scratch_nn as snn
from scratch_classic.linear_model import LogisticRegression, RidgeClassifier
from scratch_nn import nn

NEURAL_MODELS = ("mlp", "cnn")
CLASSIC_MODELS = ("ridge", "logreg")
MODELS = NEURAL_MODELS + CLASSIC_MODELS
SCORE_BATCH = 1000


def softmax(scores):                                    # (N, K) -> (N, K), rows sum to 1
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def build_mlp(image_shape, n_classes, hidden, nn=nn):
    """The MLP from `nn` (scratch_nn.nn; torch.nn builds the identical model for comparisons)."""
    widths = [int(np.prod(image_shape)), *hidden]
    layers = [nn.Flatten()]
    for width_in, width_out in itertools.pairwise(widths):
        layers += [nn.Linear(width_in, width_out), nn.ReLU()]
    return nn.Sequential(*layers, nn.Linear(widths[-1], n_classes))


def build_cnn(image_shape, n_classes, nn=nn):
    """The CNN from `nn` (scratch_nn.nn, or torch.nn: parameter names and shapes match)."""
    channels, height, width = image_shape
    return nn.Sequential(
        nn.Conv2d(channels, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),   # (N, 16, H/2, W/2)
        nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),         # (N, 32, H/4, W/4)
        nn.Flatten(),                                                        # (N, 32*H/4*W/4)
        nn.Linear(32 * (height // 4) * (width // 4), 128), nn.ReLU(),
        nn.Linear(128, n_classes))


class NeuralClassifier:
    """A scratch-nn module; its state is the module's state_dict."""

    def __init__(self, config):
        shape, n_classes = tuple(config["image_shape"]), len(config["classes"])
        snn.manual_seed(config["seed"])                  # the initial weights follow --seed
        if config["model"] == "mlp":
            self.module = build_mlp(shape, n_classes, config["hidden"])
        else:
            self.module = build_cnn(shape, n_classes)

    def state_dict(self):
        return self.module.state_dict()

    def load_state_dict(self, state):
        self.module.load_state_dict(state)

    def scores(self, images):                          # (N, C, H, W) float32 -> (N, K) logits
        self.module.eval()
        with snn.no_grad():
            parts = [self.module(snn.from_numpy(images[i:i + SCORE_BATCH])).data
                     for i in range(0, len(images), SCORE_BATCH)]
        return np.concatenate(parts) if parts else np.zeros((0, 0), np.float32)

    def probabilities(self, images):
        return softmax(self.scores(images).astype(np.float64))

    def first_layer(self):
        """The first layer's weights: (out, C, H, W) images of what its units look for."""
        first = next(m for m in self.module.modules() if isinstance(m, (nn.Linear, nn.Conv2d)))
        return first.weight.data


class LinearClassifier:
    """A scratch-classic linear model over flattened pixels; its state is coef_ and intercept_."""

    def __init__(self, config):
        self.config = config
        if config["model"] == "ridge":
            self.estimator = RidgeClassifier(alpha=config["alpha"])
        else:
            self.estimator = LogisticRegression(C=config["C"], max_iter=config["max_iter"])

    def fit(self, images, labels):
        self.estimator.fit(images.reshape(len(images), -1), labels)
        return self

    def state_dict(self):
        return {"coef": snn.from_numpy(np.asarray(self.estimator.coef_, np.float64)),
                "intercept": snn.from_numpy(np.asarray(self.estimator.intercept_, np.float64))}

    def load_state_dict(self, state):
        n_classes, n_features = len(self.config["classes"]), int(np.prod(self.config["image_shape"]))
        coef, intercept = state["coef"].numpy(), state["intercept"].numpy()
        if coef.shape != (n_classes, n_features) or intercept.shape != (n_classes,):
            raise ValueError(f"weights of shape {coef.shape} / {intercept.shape} do not fit a "
                             f"{n_classes}-class model of {n_features} pixels")
        # subtle: a fitted scikit-learn-style estimator is its fitted attributes, so setting them
        # restores it without pickle.
        self.estimator.coef_, self.estimator.intercept_ = coef, intercept
        self.estimator.classes_ = np.arange(n_classes)
        self.estimator.n_features_in_ = n_features

    def scores(self, images):                          # (N, C, H, W) -> (N, K) decision values
        return self.estimator.decision_function(images.reshape(len(images), -1))

    def probabilities(self, images):
        flat = images.reshape(len(images), -1)
        if isinstance(self.estimator, LogisticRegression):
            return self.estimator.predict_proba(flat)
        return softmax(self.estimator.decision_function(flat))

    def first_layer(self):
        """coef_ as (K, C, H, W): one template image per class."""
        return self.estimator.coef_.reshape(-1, *self.config["image_shape"])


def build_classifier(config):
    if config["model"] in NEURAL_MODELS:
        return NeuralClassifier(config)
    return LinearClassifier(config)
