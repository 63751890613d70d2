"""End to end: a tiny CNN (Conv2d-ReLU-MaxPool2d-Flatten-Linear) trained by plain gradient descent,
written here in a few lines (optimizers live elsewhere), on one batch of 16 random 8x8 images
with random labels. It must memorize the batch (100% train accuracy), and while it learns it must
follow torch's loss curve step for step from the same initial weights (float64, relative 1e-6:
the same arithmetic in another order, amplified a little by 40 steps)."""

import numpy as np
import scratch_nn as snn
import torch


def tiny_cnn(nn):
    return nn.Sequential(nn.Conv2d(1, 6, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                         nn.Linear(6 * 4 * 4, 4))


def gradient_descent_step(model, images, labels, log_softmax, no_grad, learning_rate=0.5):
    """One step on the mean cross-entropy; returns the loss before the step and the accuracy."""
    logits = model(images)  # (16, 4)
    loss = -log_softmax(logits, 1)[np.arange(len(labels)), labels].mean()
    model.zero_grad()
    loss.backward()
    with no_grad():
        for param in model.parameters():
            param -= learning_rate * param.grad
    accuracy = float((logits.argmax(1) == labels).float().mean())
    return float(loss.detach()), accuracy


def test_tiny_cnn_memorizes_a_batch_following_torch():
    rng = np.random.default_rng(7)
    images = rng.standard_normal((16, 1, 8, 8))
    labels = rng.integers(0, 4, 16)
    torch.manual_seed(0)
    theirs = tiny_cnn(torch.nn).double()
    ours = tiny_cnn(snn.nn).double()
    ours.load_state_dict({k: v.numpy() for k, v in theirs.state_dict().items()})

    x_ours, y_ours = snn.tensor(images), snn.tensor(labels)
    x_theirs, y_theirs = torch.tensor(images), torch.tensor(labels)
    our_losses, torch_losses = [], []
    for _ in range(40):
        our_losses.append(gradient_descent_step(ours, x_ours, y_ours, snn.nn.functional.log_softmax, snn.no_grad)[0])
        torch_losses.append(gradient_descent_step(theirs, x_theirs, y_theirs, torch.log_softmax, torch.no_grad)[0])
    np.testing.assert_allclose(our_losses, torch_losses, rtol=1e-6)
    assert our_losses[-1] < 0.5 * our_losses[0]

    accuracy = 0.0
    for _ in range(300):
        loss, accuracy = gradient_descent_step(ours, x_ours, y_ours, snn.nn.functional.log_softmax, snn.no_grad)
        if accuracy == 1.0:
            break
    assert accuracy == 1.0, f"train accuracy {accuracy} after GD, loss {loss:.3f}"
