"""Multi-layer perceptrons from scratch-nn layers: the Q-networks and policies of deep/."""

from scratch_nn import nn


def mlp(input_size, hidden_sizes, output_size, activation=nn.ReLU):
    """Linear -> activation -> ... -> Linear; torch's parameter names ("0.weight", "0.bias", ...)."""
    if int(input_size) < 1 or int(output_size) < 1 or any(int(h) < 1 for h in hidden_sizes):
        raise ValueError(f"layer sizes must be positive, got {input_size}, {hidden_sizes}, {output_size}")
    layers, previous = [], int(input_size)
    for hidden in hidden_sizes:
        layers += [nn.Linear(previous, int(hidden)), activation()]
        previous = int(hidden)
    layers.append(nn.Linear(previous, int(output_size)))
    return nn.Sequential(*layers)
