"""Activations as functions of tensors (torch.nn.functional names and signatures)."""

from ...ops.activation import gelu, leaky_relu, log_softmax, relu, sigmoid, softmax, tanh

__all__ = ["gelu", "leaky_relu", "log_softmax", "relu", "sigmoid", "softmax", "tanh"]
