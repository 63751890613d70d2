"""Training a Seq2SeqTransformer: AdamW, a warmup schedule, label smoothing, gradient clipping.

    trainer = Trainer(model, TrainingConfig(epochs=10), train_examples, validation_examples)
    for event in trainer.fit():            # StepEvent after every update, EpochEvent at epoch ends
        ...                                # the caller prints, evaluates and checkpoints
    trainer.state_dict() / trainer.load_state_dict(state)      # resume where it stopped

One step: loss = label-smoothed cross-entropy per real target token (model.forward); backward;
clip the global gradient norm; AdamW step; the schedule sets the next learning rate.

Reproducible and resumable: epoch e visits length_batches(seed = (seed, e)) in order and step s
seeds dropout with (seed, s), so a run stopped after any step and resumed from its checkpoint
(weights, optimizer and schedule state, and this trainer's position) continues exactly.
`max_minutes` stops training after that much time (measured over all runs of a resumed job).
"""

import math
import time
from dataclasses import asdict, dataclass

import numpy as np
import scratch_nn as snn
from scratch_nn import Tensor
from scratch_nn.nn.utils import clip_grad_norm_
from scratch_nn.optim.lr_scheduler import LambdaLR

from .._json_files import dataclass_from_dict
from .batching import length_batches
from .schedule import make_schedule


@dataclass(frozen=True)
class TrainingConfig:
    epochs: int = 10
    max_tokens: int = 2048  # padded tokens per batch (the longer side counts)
    learning_rate: float = 1e-3  # the peak, reached at the end of warmup
    warmup_steps: int = 1000
    schedule: str = "noam"  # "noam" (inverse square root) or "cosine" (to 0 at the last planned step)
    label_smoothing: float = 0.1
    clip_norm: float = 1.0
    weight_decay: float = 0.01
    seed: int = 0
    max_minutes: float | None = None  # stop after this much training time

    def __post_init__(self):
        if self.epochs < 1 or self.max_tokens < 1 or self.warmup_steps < 1:
            raise ValueError("epochs, max_tokens and warmup_steps must be >= 1")
        if not self.learning_rate > 0 or not 0 <= self.label_smoothing < 1 or not self.clip_norm > 0:
            raise ValueError("learning_rate and clip_norm must be > 0 and label_smoothing in [0, 1)")
        if self.schedule not in ("noam", "cosine"):
            raise ValueError(f"unknown schedule {self.schedule!r}; expected 'noam' or 'cosine'")
        if self.max_minutes is not None and not self.max_minutes > 0:
            raise ValueError(f"max_minutes must be > 0 or None, got {self.max_minutes}")

    @classmethod
    def from_dict(cls, values):
        return dataclass_from_dict(cls, values)

    def to_dict(self):
        return asdict(self)


@dataclass(frozen=True)
class StepEvent:
    epoch: int  # 0-based
    batch: int  # batches done in this epoch
    batches: int  # batches in this epoch
    step: int  # optimizer steps so far
    loss: float  # this batch's mean token loss
    learning_rate: float
    elapsed_seconds: float


@dataclass(frozen=True)
class EpochEvent:
    epoch: int
    train_loss: float  # mean token loss over the epoch's batches (this run's part of it)
    step: int
    elapsed_seconds: float


@dataclass(frozen=True)
class StopEvent:
    reason: str  # "epochs" or "time"
    step: int
    elapsed_seconds: float


def _mix(*numbers):
    """One 32-bit seed from several integers (for per-epoch and per-step streams)."""
    return int(np.random.SeedSequence(list(numbers)).generate_state(1)[0])


class Trainer:
    def __init__(self, model, config, train_examples, validation_examples=()):
        if not train_examples:
            raise ValueError("Trainer: no training examples")
        self.model, self.config = model, config
        self.train_examples, self.validation_examples = train_examples, validation_examples
        self.pad_id = model.config.pad_id
        self.optimizer = snn.optim.AdamW(model.parameters(), lr=config.learning_rate, betas=(0.9, 0.98), eps=1e-9,
                                         weight_decay=config.weight_decay)
        total = config.epochs * len(self._epoch_batches(0))
        self.schedule = make_schedule(config.schedule, min(config.warmup_steps, max(1, total - 1)), total)
        self.scheduler = LambdaLR(self.optimizer, self.schedule)
        self.epoch, self.batch, self.step, self.elapsed_seconds = 0, 0, 0, 0.0
        self.history = []  # one dict per finished epoch (the caller may add metrics to it)

    def _epoch_batches(self, epoch):
        return length_batches(self.train_examples, self.config.max_tokens, self.pad_id, seed=_mix(self.config.seed, epoch))

    def train_step(self, batch):
        """One update on a Batch; returns its mean token loss."""
        self.model.train()
        snn.manual_seed(_mix(self.config.seed, 1, self.step))  # dropout masks of this step
        _, loss = self.model(Tensor(batch.src), Tensor(batch.tgt_in), Tensor(batch.tgt_out),
                             label_smoothing=self.config.label_smoothing)
        value = float(loss.item())
        if not math.isfinite(value):
            raise FloatingPointError(f"training loss became {value} at step {self.step}; lower the learning rate")
        self.optimizer.zero_grad()
        loss.backward()
        clip_grad_norm_(self.model.parameters(), self.config.clip_norm)
        self.optimizer.step()
        self.scheduler.step()
        self.step += 1
        return value

    def validation_loss(self, max_tokens=None):
        """Mean token cross-entropy (no smoothing, no dropout) over the validation examples."""
        if not self.validation_examples:
            raise ValueError("no validation examples")
        total, tokens = 0.0, 0
        was_training = self.model.training
        self.model.eval()
        with snn.no_grad():
            for batch in length_batches(self.validation_examples, max_tokens or self.config.max_tokens, self.pad_id,
                                        shuffle=False):
                _, loss = self.model(Tensor(batch.src), Tensor(batch.tgt_in), Tensor(batch.tgt_out))
                count = int((batch.tgt_out != self.pad_id).sum())
                total, tokens = total + float(loss.item()) * count, tokens + count
        self.model.train(was_training)
        return total / tokens

    def fit(self):
        """Train from the current position; yields StepEvent / EpochEvent and finally a StopEvent."""
        limit = None if self.config.max_minutes is None else self.config.max_minutes * 60.0
        started = time.perf_counter() - self.elapsed_seconds
        while self.epoch < self.config.epochs:
            batches = self._epoch_batches(self.epoch)
            losses = []
            while self.batch < len(batches):
                if limit is not None and self.elapsed_seconds >= limit:
                    yield StopEvent("time", self.step, self.elapsed_seconds)
                    return
                losses.append(self.train_step(batches[self.batch]))
                self.batch += 1
                self.elapsed_seconds = time.perf_counter() - started
                yield StepEvent(self.epoch, self.batch, len(batches), self.step, losses[-1],
                                self.optimizer.param_groups[0]["lr"], self.elapsed_seconds)
            self.history.append({"epoch": self.epoch, "train_loss": float(np.mean(losses)) if losses else None,
                                 "step": self.step, "elapsed_seconds": self.elapsed_seconds})
            self.epoch, self.batch = self.epoch + 1, 0
            yield EpochEvent(self.epoch - 1, self.history[-1]["train_loss"], self.step, self.elapsed_seconds)
        yield StopEvent("epochs", self.step, self.elapsed_seconds)

    def state_dict(self):
        """Position and schedule (JSON-able); the optimizer's tensors are saved separately."""
        return {"epoch": self.epoch, "batch": self.batch, "step": self.step, "elapsed_seconds": self.elapsed_seconds,
                "history": self.history, "scheduler": _jsonable(self.scheduler.state_dict())}

    def load_state_dict(self, state):
        for key in ("epoch", "batch", "step", "elapsed_seconds", "history", "scheduler"):
            if key not in state:
                raise ValueError(f"trainer state has no {key!r}")
        self.epoch, self.batch, self.step = int(state["epoch"]), int(state["batch"]), int(state["step"])
        self.elapsed_seconds, self.history = float(state["elapsed_seconds"]), list(state["history"])
        self.scheduler.load_state_dict(state["scheduler"])


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    return value
