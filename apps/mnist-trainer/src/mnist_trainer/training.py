"""`train`: the epoch loop for the neural models and the one-shot fit of the classic ones.

Reproducible and resumable to the bit: the initial weights come from --seed, and epoch e
shuffles with its own generator seeded by (seed, e), so the order of every batch is a function
of the position (epoch, batch) alone. A checkpoint stores the position, the weights, the
optimizer's state and the running sums of the unfinished epoch, so a run stopped anywhere
(Ctrl-C included) and resumed takes exactly the steps an uninterrupted run takes.

The learning rate of epoch e is base_lr, or with --schedule cosine
base_lr * (1 + cos(pi e / epochs)) / 2 (scratch_optim's closed form), set at each epoch's start.
Ctrl-C sets a flag; the loop finishes the current step, saves, and stops (exit status 130).
"""

import signal
import sys
import time

import numpy as np
import scratch_nn as snn
from scratch_nn import nn
from scratch_optim.schedules import cosine_annealing_lr

from .checkpoint import save_checkpoint
from .models import LinearClassifier, NeuralClassifier
from .progress import ProgressBar

# name -> (class, default lr, extra arguments)
OPTIMIZERS = {
    "sgd": (snn.optim.SGD, 0.05, {"momentum": 0.9}),
    "adam": (snn.optim.Adam, 1e-3, {}),
    "adamw": (snn.optim.AdamW, 1e-3, {}),
    "rmsprop": (snn.optim.RMSprop, 1e-3, {}),
}


class TrainingInterrupted(Exception):
    """Ctrl-C arrived; the checkpoint at `position` was saved before this was raised."""

    def __init__(self, position):
        super().__init__(f"interrupted at epoch {position['epoch'] + 1}, batch {position['batch']}")
        self.position = position


class InterruptFlag:
    """While active, the first SIGINT only sets .requested; a second one interrupts at once."""

    def __enter__(self):
        self.requested = False
        try:
            self.previous = signal.signal(signal.SIGINT, self._handle)
        except ValueError:                # not the main thread: leave Ctrl-C as it is
            self.previous = None
        return self

    def _handle(self, signum, frame):
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        sys.stderr.write("\nCtrl-C: saving a checkpoint after this step (press again to abort without saving)\n")

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        return False


def epoch_seed(seed, epoch):
    """The shuffling seed of one epoch: distinct per (seed, epoch), fixed across runs."""
    return int(np.random.SeedSequence([seed, epoch]).generate_state(1)[0])


def make_optimizer(config, parameters):
    optimizer_class, _, extra = OPTIMIZERS[config["optimizer"]]
    return optimizer_class(parameters, lr=config["lr"], weight_decay=config["weight_decay"], **extra)


def learning_rate(config, epoch):
    if config["schedule"] == "cosine":
        return cosine_annealing_lr(config["lr"], epoch, config["epochs"])
    return config["lr"]


def evaluate_split(classifier, images, labels):
    """(mean cross-entropy of the softmax scores, accuracy); (None, None) on an empty split."""
    if len(images) == 0:
        return None, None
    probabilities = classifier.probabilities(images)                          # (N, K)
    picked = np.clip(probabilities[np.arange(len(labels)), labels], 1e-12, None)
    return float(-np.log(picked).mean()), float((probabilities.argmax(axis=1) == labels).mean())


def new_metrics():
    return {"position": {"epoch": 0, "batch": 0}, "partial": None, "history": []}


def _summary(config, record):
    val = (f" | val loss {record['val_loss']:.4f} acc {record['val_accuracy']:.2%}"
           if record["val_accuracy"] is not None else "")
    return (f"epoch {record['epoch']}/{config['epochs']} train loss {record['train_loss']:.4f} "
            f"acc {record['train_accuracy']:.2%}{val} | {record['seconds']:.1f} s "
            f"({record['images_per_second']:,.0f} img/s)")


def _epoch_loader(dataset, config, epoch):
    """The DataLoader of one epoch: its shuffle is seeded by (seed, epoch) alone."""
    generator = snn.Generator().manual_seed(epoch_seed(config["seed"], epoch))
    return snn.data.DataLoader(dataset, batch_size=config["batch_size"], shuffle=True, generator=generator)


def _run_batches(model, optimizer, loader, start_batch, sums, bar, interrupt):
    """Take the epoch's steps from batch `start_batch` on, adding to `sums` (loss, correct,
    seen); returns the number of the next batch when Ctrl-C stopped it early, else None."""
    started, seen_now = time.perf_counter(), 0
    model.train()
    for batch, (inputs, targets) in enumerate(loader):
        if batch < start_batch:                       # resuming: these steps are done
            continue
        logits = model(inputs)                        # (B, K)
        loss = nn.functional.cross_entropy(logits, targets)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        sums["loss"] += loss.item() * len(targets)
        sums["correct"] += int((logits.data.argmax(axis=1) == targets.data).sum())
        sums["seen"] += len(targets)
        seen_now += len(targets)
        bar.update(batch + 1, loss=sums["loss"] / sums["seen"], accuracy=sums["correct"] / sums["seen"],
                   images_per_second=seen_now / max(time.perf_counter() - started, 1e-9))
        if interrupt.requested and batch + 1 < bar.total:
            sums["seconds"] += time.perf_counter() - started
            return batch + 1
    sums["seconds"] += time.perf_counter() - started
    return None


def train_neural(config, data, run_dir, metrics, weights=None, optimizer_state=None, echo=print):
    """Run epochs from metrics["position"] up to config["epochs"], checkpointing after each."""
    classifier = NeuralClassifier(config)
    if weights is not None:
        classifier.load_state_dict(weights)
    optimizer = make_optimizer(config, classifier.module.parameters())
    if optimizer_state is not None:
        optimizer.load_state_dict(optimizer_state)
    dataset = snn.data.TensorDataset(snn.from_numpy(data.train_x), snn.from_numpy(data.train_y))
    n_batches = -(-len(dataset) // config["batch_size"])
    with InterruptFlag() as interrupt:
        while metrics["position"]["epoch"] < config["epochs"]:
            epoch, start_batch = metrics["position"]["epoch"], metrics["position"]["batch"]
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(config, epoch)
            sums = metrics["partial"] or {"loss": 0.0, "correct": 0, "seen": 0, "seconds": 0.0}
            bar = ProgressBar(n_batches, f"epoch {epoch + 1}/{config['epochs']}", config["batch_size"])
            stopped_at = _run_batches(classifier.module, optimizer, _epoch_loader(dataset, config, epoch),
                                      start_batch, sums, bar, interrupt)
            bar.close()
            if stopped_at is not None:                # Ctrl-C mid-epoch: save the position
                metrics["position"], metrics["partial"] = {"epoch": epoch, "batch": stopped_at}, sums
                save_checkpoint(run_dir, config, metrics, classifier, optimizer)
                raise TrainingInterrupted(metrics["position"])
            val_loss, val_accuracy = evaluate_split(classifier, data.val_x, data.val_y)
            record = {"epoch": epoch + 1, "lr": learning_rate(config, epoch),
                      "train_loss": sums["loss"] / sums["seen"], "train_accuracy": sums["correct"] / sums["seen"],
                      "val_loss": val_loss, "val_accuracy": val_accuracy, "seconds": sums["seconds"],
                      "images_per_second": sums["seen"] / max(sums["seconds"], 1e-9)}
            metrics["history"].append(record)
            metrics["position"], metrics["partial"] = {"epoch": epoch + 1, "batch": 0}, None
            save_checkpoint(run_dir, config, metrics, classifier, optimizer)
            echo(_summary(config, record))
            if interrupt.requested and epoch + 1 < config["epochs"]:
                raise TrainingInterrupted(metrics["position"])
    return classifier, metrics


def train_classic(config, data, run_dir, echo=print):
    """Fit ridge / logistic regression once on the training part; one history record."""
    started = time.perf_counter()
    classifier = LinearClassifier(config).fit(data.train_x, data.train_y)
    seconds = time.perf_counter() - started
    train_loss, train_accuracy = evaluate_split(classifier, data.train_x, data.train_y)
    val_loss, val_accuracy = evaluate_split(classifier, data.val_x, data.val_y)
    record = {"epoch": 1, "train_loss": train_loss, "train_accuracy": train_accuracy,
              "val_loss": val_loss, "val_accuracy": val_accuracy,
              "seconds": seconds, "images_per_second": len(data.train_x) / max(seconds, 1e-9)}
    metrics = {"position": {"epoch": 1, "batch": 0}, "partial": None, "history": [record]}
    save_checkpoint(run_dir, config, metrics, classifier)
    echo(_summary(config, record).replace("epoch 1/1 ", f"{config['model']} fit: "))
    return classifier, metrics
