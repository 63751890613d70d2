"""End to end: an MLP of nn.Linear + nn.ReLU learns XOR with Adam, CrossEntropyLoss, a cosine
lr schedule and gradient clipping, exactly as the same network does in torch.

Both libraries start from the same weights (ours copied into torch through state_dict) and train
full batch; the loss must match torch's at every step (float64: rtol 1e-8) and end near zero with
every point classified right. A float32 run (the default dtype) must learn XOR as well.
"""

import numpy as np
import scratch_nn as snn
import torch

INPUTS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])  # (4, 2)
LABELS = np.array([0, 1, 1, 0])  # (4,)
STEPS = 150


def train(library, model, dtype):
    """Returns the loss of every step and the final predictions."""
    inputs = library.tensor(INPUTS.astype(dtype))
    labels = library.tensor(LABELS)
    optimizer = library.optim.Adam(model.parameters(), lr=0.05)
    scheduler = library.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=STEPS, eta_min=0.005)
    criterion = library.nn.CrossEntropyLoss()
    losses = []
    for _ in range(STEPS):
        optimizer.zero_grad()
        loss = criterion(model(inputs), labels)
        loss.backward()
        library.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        optimizer.step()
        scheduler.step()
        losses.append(loss.item())
    with library.no_grad():
        predictions = model(inputs).argmax(dim=1)
    return np.array(losses), np.array(predictions.tolist())


def mlp(library):
    nn = library.nn
    return nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))


def test_mlp_learns_xor_exactly_as_torch_does():
    snn.manual_seed(0)
    ours = mlp(snn).double()
    theirs = mlp(torch).double()
    theirs.load_state_dict({name: torch.tensor(value.data) for name, value in ours.state_dict().items()})
    our_losses, our_predictions = train(snn, ours, np.float64)
    torch_losses, _ = train(torch, theirs, np.float64)
    np.testing.assert_allclose(our_losses, torch_losses, rtol=1e-8, atol=1e-10)
    assert our_losses[-1] < 0.05 < our_losses[0]
    np.testing.assert_array_equal(our_predictions, LABELS)


def test_mlp_learns_xor_in_float32():
    snn.manual_seed(1)
    model = mlp(snn)
    losses, predictions = train(snn, model, np.float32)
    assert all(param.dtype == np.float32 for param in model.parameters())
    assert losses[-1] < 0.05
    np.testing.assert_array_equal(predictions, LABELS)
