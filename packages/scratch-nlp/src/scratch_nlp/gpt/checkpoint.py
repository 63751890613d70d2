"""GPT checkpoints: weights as safetensors, everything else as JSON, in one directory.

    <dir>/model.safetensors       the model's state_dict (scratch_nn.save: atomic, checksummed)
    <dir>/optimizer.safetensors   AdamW's moment estimates, "state.<param index>.<name>" (with a trainer)
    <dir>/checkpoint.json         {"format", "version", "model_config", "train_config", "iteration",
                                   "history", "rng_state", "optimizer_param_groups", "extra"}

checkpoint.json is written last, so a directory whose JSON names an iteration holds the weights
of that iteration (each file is replaced atomically). Resuming restores the iteration, the
schedule, AdamW's state and the batch generator, so an interrupted run continues as if uninterrupted.
"""

import json
import os
from pathlib import Path

import scratch_nn as snn
from scratch_nn.serialization import atomic_write_bytes

from .._json_files import read_json
from .config import GPTConfig
from .model import GPT
from .training import TrainConfig, Trainer

FORMAT = "scratch_nlp.gpt"
VERSION = 1
MODEL_FILE, OPTIMIZER_FILE, INFO_FILE = "model.safetensors", "optimizer.safetensors", "checkpoint.json"


def save_checkpoint(directory, model, trainer=None, extra=None):
    """Write model (and the trainer's state, if given) to `directory` (created if missing).

    extra: any JSON-serializable dict kept beside (e.g. which tokenizer file goes with the model).
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    snn.save(model.state_dict(), directory / MODEL_FILE)
    info = {"format": FORMAT, "version": VERSION, "model_config": model.config.to_dict(), "extra": extra or {}}
    if trainer is not None:
        optimizer_state = trainer.optimizer.state_dict()
        arrays = {f"state.{index}.{name}": value for index, per_param in optimizer_state["state"].items()
                  for name, value in per_param.items()}
        snn.save(arrays, directory / OPTIMIZER_FILE)
        info.update(train_config=trainer.config.to_dict(), iteration=trainer.iteration, history=trainer.history,
                    rng_state=trainer.rng.bit_generator.state,
                    optimizer_param_groups=optimizer_state["param_groups"])
    atomic_write_bytes(directory / INFO_FILE, json.dumps(info, indent=1).encode("utf-8"))


def read_checkpoint_info(directory):
    """The parsed checkpoint.json of `directory`; errors name the missing or corrupt file."""
    path = Path(directory) / INFO_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no checkpoint here (expected {INFO_FILE} and {MODEL_FILE} "
                                f"in {directory})")
    info = read_json(path)
    if not isinstance(info, dict) or info.get("format") != FORMAT:
        raise ValueError(f"{path}: not a scratch_nlp GPT checkpoint (format {FORMAT!r} expected)")
    if info.get("version") != VERSION:
        raise ValueError(f"{path}: checkpoint version {info.get('version')!r}, this code reads version {VERSION}")
    return info


def load_model(directory):
    """(GPT with the saved weights, checkpoint info dict)."""
    info = read_checkpoint_info(directory)
    model = GPT(GPTConfig.from_dict(info["model_config"]))
    weights = Path(directory) / MODEL_FILE
    if not weights.is_file():
        raise FileNotFoundError(f"{weights}: the checkpoint's weights file is missing")
    model.load_state_dict(snn.load(weights))
    return model, info


def resume_trainer(directory, train_data, val_data, *, on_step=None, on_eval=None):
    """A Trainer positioned where save_checkpoint(directory, model, trainer) left it."""
    model, info = load_model(directory)
    if "train_config" not in info:
        raise ValueError(f"{directory}: the checkpoint holds a model only (saved without a trainer); "
                         f"start a new Trainer from load_model instead")
    trainer = Trainer(model, train_data, val_data, TrainConfig.from_dict(info["train_config"]),
                      on_step=on_step, on_eval=on_eval)
    optimizer_path = Path(directory) / OPTIMIZER_FILE
    arrays = snn.load(optimizer_path) if os.path.exists(optimizer_path) else {}
    if not arrays and info["iteration"] > 0:
        raise FileNotFoundError(f"{optimizer_path}: the optimizer state of the checkpoint is missing")
    state = {}
    for key, value in arrays.items():
        _, index, name = key.split(".", 2)
        state.setdefault(int(index), {})[name] = value
    trainer.optimizer.load_state_dict({"state": state, "param_groups": info["optimizer_param_groups"]})
    trainer.iteration = info["iteration"]
    trainer.history = info["history"]
    trainer.rng.bit_generator.state = info["rng_state"]
    trainer.scheduler = snn.optim.lr_scheduler.LambdaLR(trainer.optimizer, trainer.config.schedule(),
                                                        last_epoch=trainer.iteration - 1)
    return trainer
