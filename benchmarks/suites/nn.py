"""scratch-nn beside PyTorch (CPU): training epochs and forward + backward steps, same work.

Both sides build the same architecture (each with its own default initialization: the time of a
step does not depend on the weights' values), see the same float32 data in the same order and
take the same optimizer steps. The harness gives torch's intra-op pool and the BLAS under our `@`
the same thread count.

    MLP epoch    784-512-512-10, ReLU, cross-entropy, Adam(lr=1e-3), batch 128, 60000 rows
    CNN epoch    LeNet-5 (conv 5x5 pad 2, 6 -> maxpool -> conv 5x5, 16 -> maxpool -> 120 -> 84 -> 10)
    LSTM step    2 layers, hidden 256, input 256, sequence 35, batch 32: forward + backward
    attention    MultiheadAttention, embed 256, 8 heads, batch 32, sequence 64, causal: fwd + bwd
"""

import numpy as np
import scratch_nn as sn
import torch
from harness import Case

TITLE = "scratch-nn vs PyTorch (CPU)"
PEER = "torch"
BATCH = 128


def _mlp(nn):
    return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                         nn.Linear(512, 10))


def _lenet(nn):
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),  # (B, 6, 14, 14)
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),  # (B, 16, 5, 5)
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
        nn.Linear(84, 10))


def _epoch(library, build, X, y):
    """A function running one epoch of Adam over (X, y) in batches of BATCH with `library`."""
    model = build(library.nn)
    optimizer = library.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = library.nn.CrossEntropyLoss()
    batches = [(library.from_numpy(X[i:i + BATCH]), library.from_numpy(y[i:i + BATCH]))
               for i in range(0, len(X), BATCH)]

    def run_epoch():
        for inputs, targets in batches:
            loss = loss_fn(model(inputs), targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        return loss.item()

    return run_epoch


def _training_case(name, build, input_shape, quick, target, repeats):
    n_rows = 2_048 if quick else 60_000
    rng = np.random.default_rng(0)
    X = rng.standard_normal((n_rows, *input_shape), dtype=np.float32)  # (n, ...)
    y = rng.integers(0, 10, n_rows)  # (n,) int64 class indices
    return Case(f"{name} training epoch (Adam, batch {BATCH})", f"n={n_rows}",
                _epoch(sn, build, X, y), _epoch(torch, build, X, y),
                target=None if quick else target, repeats=None if quick else repeats)


def _step(library, module, inputs):
    """forward + backward of sum(output) through `module` on fresh leaf copies of `inputs`."""
    def run_step():
        leaves = [library.from_numpy(x.copy()).requires_grad_() for x in inputs]
        output = module(*leaves)
        output = output[0] if isinstance(output, tuple) else output
        output.sum().backward()
    return run_step


def _lstm_case(quick):
    seq, batch, size = (35, 8, 64) if quick else (35, 32, 256)
    x = np.random.default_rng(1).standard_normal((seq, batch, size), dtype=np.float32)
    ours = sn.nn.LSTM(size, size, num_layers=2)
    peer = torch.nn.LSTM(size, size, num_layers=2)
    return Case("LSTM forward + backward (2 layers)", f"seq={seq}, batch={batch}, hidden={size}",
                _step(sn, ours, [x]), _step(torch, peer, [x]))


def _attention_case(quick):
    batch, seq, embed, heads = (8, 32, 64, 4) if quick else (32, 64, 256, 8)
    x = np.random.default_rng(2).standard_normal((batch, seq, embed), dtype=np.float32)
    causal = np.triu(np.ones((seq, seq), dtype=bool), k=1)  # True: may not attend
    ours = sn.nn.MultiheadAttention(embed, heads, batch_first=True)
    peer = torch.nn.MultiheadAttention(embed, heads, batch_first=True)
    ours_mask, peer_mask = sn.from_numpy(causal), torch.from_numpy(causal)

    def ours_attend(q):
        return ours(q, q, q, attn_mask=ours_mask, need_weights=False)

    def peer_attend(q):
        return peer(q, q, q, attn_mask=peer_mask, need_weights=False)

    return Case("MultiheadAttention forward + backward (causal)",
                f"batch={batch}, seq={seq}, embed={embed}, heads={heads}",
                _step(sn, ours_attend, [x]), _step(torch, peer_attend, [x]))


NOTES = """Targets from the issue: the MLP epoch within 1.5x of torch, the CNN epoch within 3x; the
LSTM and attention steps are reported without a target. Data: standard-normal float32 inputs,
uniform random labels (the time per step does not depend on what is learned). The MLP epoch is
timed 3 times and the CNN epoch once (each after no warm-up epoch of its own: the first timed
epoch includes first-touch costs on both sides).
On this Intel machine (2026-12-08) the MLP epoch first measured 1.53x-1.58x (the AMD EPYC of
2026-11-22 gave 1.00x). relu's backward then moved from np.where (~230 us on a 128 x 512 block, a
slow path) to a product by its mask (~30 us; np.where only when the upstream gradient is not
finite), and the epoch measured 1.43x-1.50x (then: 1.45x): at the target's edge, and the ratio
moves with torch's own run-to-run spread. A third of our step is Adam's update, NumPy ufuncs on
one core, where torch's multi-tensor kernels use both; sharing our per-parameter updates over two
threads was tried and measured slower (OpenBLAS's idle workers spin on the second core after each
product), so it was not kept. Adam's update now runs in cache-sized blocks
(scratch_optim.update_rules.cache_blocks, bit-identical results): in one alternating run on this
machine the epoch took 2.68 s blocked against 2.90 s whole-array (torch 1.91 s), and the table's
two reruns gave 1.28x and 1.32x (this one)."""


def cases(quick=False):
    yield _training_case("MLP 784-512-512-10", _mlp, (784,), quick, target=1.5, repeats=3)
    yield _training_case("LeNet-5 CNN", _lenet, (1, 28, 28), quick, target=3.0, repeats=1)
    yield _lstm_case(quick)
    yield _attention_case(quick)
