"""Training a GPT the nanoGPT way: AdamW, warmup + cosine schedule, gradient clipping, evals.

    for it in range(max_iters):
        every eval_interval its (and at the end): mean loss of eval_iters batches of train and val
        x, y = random windows of train_data                                  (B, T) each
        loss = model(x, y);  loss.backward();  clip_grad_norm_(grad_clip)
        AdamW step at lr(it) (scratch_nlp.schedules.WarmupCosine);  zero_grad

AdamW decays only the matrices (Linear weights, embeddings), not biases and LayerNorm gains
(nanoGPT's configure_optimizers). The batch stream comes from numpy's Generator seeded with
`seed`; the evaluation batches from a second seeded generator that restarts at every evaluation,
so successive evals measure the same windows. Dropout draws from scratch-nn's default generator,
which each step reseeds from (seed, iteration): two trainers never disturb each other's masks
and a resumed run draws the masks the uninterrupted one would have. A library does not print: pass `on_step(iteration, loss,
lr)` and `on_eval(iteration, losses)` callbacks to report progress.
"""

from dataclasses import asdict, dataclass

import numpy as np
import scratch_nn as snn

from .._json_files import dataclass_from_dict
from ..schedules import WarmupCosine
from .batches import check_token_array, random_windows


@dataclass(frozen=True)
class TrainConfig:
    batch_size: int = 12
    max_iters: int = 2000
    learning_rate: float = 1e-3   # peak, after warmup
    min_lr: float = 1e-4          # floor of the cosine decay (nanoGPT: learning_rate / 10)
    warmup_iters: int = 100
    lr_decay_iters: int = 2000    # usually max_iters
    beta1: float = 0.9
    beta2: float = 0.99           # nanoGPT's Shakespeare value (0.95 for GPT-2 sizes)
    weight_decay: float = 0.1
    grad_clip: float = 1.0        # max global gradient norm; 0 turns clipping off
    eval_interval: int = 250
    eval_iters: int = 20          # batches per split and evaluation
    seed: int = 1337

    def __post_init__(self):
        for name in ("batch_size", "max_iters", "eval_interval", "eval_iters", "lr_decay_iters"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ValueError(f"TrainConfig: {name} must be a positive integer, got {value!r}")
        if isinstance(self.warmup_iters, bool) or not isinstance(self.warmup_iters, int) or self.warmup_iters < 0:
            raise ValueError(f"TrainConfig: warmup_iters must be an integer >= 0, got {self.warmup_iters!r}")
        if not self.weight_decay >= 0 or not self.grad_clip >= 0:
            raise ValueError(f"TrainConfig: weight_decay and grad_clip must be >= 0, got {self.weight_decay!r} "
                             f"and {self.grad_clip!r}")
        self.schedule()  # checks the learning rates and the warmup/decay lengths

    def schedule(self):
        return WarmupCosine(self.learning_rate, self.min_lr, self.warmup_iters, self.lr_decay_iters)

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        return dataclass_from_dict(cls, data)


def adamw_for(model, config):
    """AdamW with two param groups: matrices decayed by weight_decay, vectors (biases, gains) not."""
    params = list(model.parameters())
    decay = [param for param in params if param.ndim >= 2]
    no_decay = [param for param in params if param.ndim < 2]
    groups = [{"params": decay, "weight_decay": config.weight_decay}]
    if no_decay:
        groups.append({"params": no_decay, "weight_decay": 0.0})
    return snn.optim.AdamW(groups, lr=config.learning_rate, betas=(config.beta1, config.beta2))


class Trainer:
    """Holds the model, data, optimizer, schedule and position; `run()` trains to max_iters."""

    def __init__(self, model, train_data, val_data, config=None, *, on_step=None, on_eval=None):
        self.config = config if config is not None else TrainConfig()
        if not isinstance(self.config, TrainConfig):
            raise TypeError(f"Trainer: config must be a TrainConfig, got {type(self.config).__name__}")
        block_size = model.config.block_size
        self.model = model
        self.train_data = check_token_array(train_data, block_size, "train_data")
        self.val_data = check_token_array(val_data, block_size, "val_data")
        for name, data in (("train_data", self.train_data), ("val_data", self.val_data)):
            if data.min() < 0 or data.max() >= model.config.vocab_size:
                raise ValueError(f"Trainer: {name} holds token ids outside [0, {model.config.vocab_size})")
        self.optimizer = adamw_for(model, self.config)
        self.scheduler = snn.optim.lr_scheduler.LambdaLR(self.optimizer, self.config.schedule())
        self.rng = np.random.default_rng(self.config.seed)
        self.iteration = 0
        self.history = []  # [{"iteration": i, "train": loss, "val": loss}, ...]
        self.on_step, self.on_eval = on_step, on_eval

    def step(self):
        """One optimizer step on a fresh random batch; returns the batch loss (a float)."""
        self.model.train()
        if self.model.config.dropout > 0:  # this iteration's dropout masks
            snn.manual_seed(int(np.random.SeedSequence([self.config.seed, self.iteration]).generate_state(1)[0]))
        x, y = random_windows(self.train_data, self.model.config.block_size, self.config.batch_size, self.rng)
        _, loss = self.model(x, y)
        if not np.isfinite(loss.item()):
            raise FloatingPointError(f"Trainer: the loss became {loss.item()} at iteration {self.iteration}; "
                                     f"lower the learning rate")
        loss.backward()
        if self.config.grad_clip > 0:
            snn.nn.utils.clip_grad_norm_(self.model.parameters(), self.config.grad_clip)
        lr = self.optimizer.param_groups[0]["lr"]
        self.optimizer.step()
        self.optimizer.zero_grad()
        self.scheduler.step()
        self.iteration += 1
        if self.on_step is not None:
            self.on_step(self.iteration, loss.item(), lr)
        return loss.item()

    def estimate_loss(self):
        """{"train": mean loss, "val": mean loss} over eval_iters fixed random batches each."""
        return {"train": evaluate(self.model, self.train_data, self.config.eval_iters, self.config.batch_size,
                                  seed=self.config.seed + 1),
                "val": evaluate(self.model, self.val_data, self.config.eval_iters, self.config.batch_size,
                                seed=self.config.seed + 2)}

    def _record_eval(self):
        losses = self.estimate_loss()
        self.history.append({"iteration": self.iteration, **losses})
        if self.on_eval is not None:
            self.on_eval(self.iteration, losses)
        return losses

    def run(self):
        """Train from the current iteration to max_iters, evaluating every eval_interval and at the end."""
        while self.iteration < self.config.max_iters:
            if self.iteration % self.config.eval_interval == 0:
                self._record_eval()
            self.step()
        if not self.history or self.history[-1]["iteration"] != self.iteration:
            self._record_eval()
        return self.history


def evaluate(model, data, num_batches, batch_size, seed=0):
    """Mean loss of `model` over num_batches random windows of `data` (eval mode, no_grad).

    The windows come from numpy's Generator seeded with `seed`: same seed, same windows.
    """
    data = check_token_array(data, model.config.block_size)
    rng = np.random.default_rng(seed)
    was_training = model.training
    model.eval()
    losses = []
    try:
        with snn.no_grad():
            for _ in range(num_batches):
                x, y = random_windows(data, model.config.block_size, batch_size, rng)
                losses.append(model(x, y)[1].item())
    finally:
        model.train(was_training)
    return float(np.mean(losses))
