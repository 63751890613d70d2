"""A run folder: what `train` writes and `evaluate`, `predict` and `--resume` read.

    runs/mnist-mlp/
        config.json             the model, dataset and hyperparameters, the normalization, classes
        weights.safetensors     the model's tensors (scratch_nn.save: safetensors, with a checksum)
        optimizer.safetensors   the optimizer's state (neural models), its param_groups as metadata
        metrics.json            per-epoch history and the position reached {"epoch", "batch"}

Every file is written atomically (temp file + rename), tensors first and metrics.json last, and
each tensor file records the position it was saved at. So a crash between two writes leaves
files that disagree, and loading says so instead of resuming from a torn mix.
"""

import json
from pathlib import Path

import scratch_nn as snn
from scratch_nn.serialization import atomic_write_bytes

CONFIG, METRICS = "config.json", "metrics.json"
WEIGHTS, OPTIMIZER = "weights.safetensors", "optimizer.safetensors"


class RunError(ValueError):
    """A run folder is missing, incomplete or inconsistent."""


def write_json(path, value):
    atomic_write_bytes(path, (json.dumps(value, indent=2) + "\n").encode())


def _position_tag(metrics):
    return f"{metrics['position']['epoch']}:{metrics['position']['batch']}"


def _flatten_optimizer(state_dict):
    """torch's optimizer layout -> ({"index.name": Tensor}, param_groups as JSON text)."""
    tensors = {f"{index}.{name}": value for index, entries in state_dict["state"].items()
               for name, value in entries.items()}
    return tensors, json.dumps(state_dict["param_groups"])


def _unflatten_optimizer(tensors, param_groups):
    state = {}
    for key, value in tensors.items():
        index, name = key.split(".", 1)
        state.setdefault(int(index), {})[name] = value
    return {"state": dict(sorted(state.items())), "param_groups": json.loads(param_groups)}


def save_checkpoint(run_dir, config, metrics, classifier, optimizer=None):
    """Write the four files of a run (see the module docstring), atomically each, metrics last."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    tag = _position_tag(metrics)
    snn.save(classifier.state_dict(), run_dir / WEIGHTS, metadata={"position": tag})
    if optimizer is not None:
        tensors, groups = _flatten_optimizer(optimizer.state_dict())
        snn.save(tensors, run_dir / OPTIMIZER, metadata={"position": tag, "param_groups": groups})
    write_json(run_dir / CONFIG, config)
    write_json(run_dir / METRICS, metrics)


def _read_json(path):
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise RunError(f"{path}: corrupt JSON ({error})") from None


def load_run(run_dir, *, with_optimizer=False):
    """(config, metrics, weights, optimizer state or None) of a run folder, checked for consistency."""
    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise RunError(f"{run_dir}: no such run folder (train a model first, e.g. "
                       f"`mnist-trainer train --model mlp --out {run_dir}`)")
    needed = [CONFIG, METRICS, WEIGHTS] + ([OPTIMIZER] if with_optimizer else [])
    missing = [name for name in needed if not (run_dir / name).is_file()]
    if missing:
        raise RunError(f"{run_dir}: incomplete run folder, missing {', '.join(missing)}")
    config, metrics = _read_json(run_dir / CONFIG), _read_json(run_dir / METRICS)
    tag = _position_tag(metrics)
    files = [WEIGHTS] + ([OPTIMIZER] if with_optimizer else [])
    for name in files:
        saved_at = snn.serialization.load_metadata(run_dir / name).get("position")
        if saved_at != tag:
            raise RunError(f"{run_dir / name} was saved at position {saved_at} but {METRICS} says {tag}: "
                           f"the checkpoint is torn (a crash between writes?); retrain or restore a copy")
    weights = snn.load(run_dir / WEIGHTS)
    optimizer_state = None
    if with_optimizer:
        tensors = snn.load(run_dir / OPTIMIZER)
        groups = snn.serialization.load_metadata(run_dir / OPTIMIZER)["param_groups"]
        optimizer_state = _unflatten_optimizer(tensors, groups)
    return config, metrics, weights, optimizer_state
