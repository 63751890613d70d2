"""A translation checkpoint is a directory; everything needed to translate or resume is in it.

    config.json             {"format", "model": Seq2SeqConfig, "training": TrainingConfig, extras}
    tokenizer.json          the shared BPE (ByteLevelBPETokenizer.save)
    model.safetensors       the weights (scratch_nn.save: atomic, checksummed)
    optimizer.safetensors   AdamW moments, named "state.<param index>.<name>"        (resume only)
    trainer.json            optimizer param_groups, schedule and the trainer's position  (resume only)
    checkpoint.json         written LAST: the SHA-256 of each file above

Each file is replaced atomically, and checkpoint.json is the commit point: a checkpoint whose
files do not hash to what checkpoint.json lists (a crash between two files, a file copied from
another run) is refused with a message naming the file. No pickle: JSON and safetensors only.
"""

import hashlib
import json
import os
from pathlib import Path

import scratch_nn as snn
from scratch_nn.serialization import atomic_write_bytes

from .._json_files import read_json
from ..tokenizers import ByteLevelBPETokenizer
from .config import Seq2SeqConfig
from .model import Seq2SeqTransformer
from .vocabulary import special_ids

FORMAT = "scratch-nlp-translation/1"
INFERENCE_FILES = ("config.json", "tokenizer.json", "model.safetensors")
RESUME_FILES = ("optimizer.safetensors", "trainer.json")
MANIFEST = "checkpoint.json"


class CheckpointError(ValueError):
    """A checkpoint directory is missing files, or holds files that do not belong together."""


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path, value):
    atomic_write_bytes(path, (json.dumps(value, indent=2, sort_keys=True) + "\n").encode("utf-8"))


def _optimizer_tensors(optimizer_state):
    tensors = {}
    for index, per_param in optimizer_state["state"].items():
        for name, value in per_param.items():
            tensors[f"state.{index}.{name}"] = value if isinstance(value, snn.Tensor) else snn.tensor(value)
    return tensors


def save_checkpoint(directory, model, tokenizer, training_config=None, trainer=None, extra=None):
    """Write (or update) a checkpoint directory; returns its Path. With `trainer`, also the
    optimizer and trainer state needed to resume; `extra` (JSON-able dict) goes into config.json."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    config = {"format": FORMAT, "model": json.loads(model.config.to_json()),
              "training": None if training_config is None else training_config.to_dict(), **(extra or {})}
    _write_json(directory / "config.json", config)
    tokenizer.save(directory / "tokenizer.json")
    snn.save(model.state_dict(), directory / "model.safetensors")
    names = list(INFERENCE_FILES)
    if trainer is not None:
        optimizer_state = trainer.optimizer.state_dict()
        snn.save(_optimizer_tensors(optimizer_state), directory / "optimizer.safetensors")
        _write_json(directory / "trainer.json", {"param_groups": optimizer_state["param_groups"],
                                                 "trainer": trainer.state_dict()})
        names += RESUME_FILES
    else:
        for name in RESUME_FILES:  # stale resume files from an earlier run would not match these weights
            (directory / name).unlink(missing_ok=True)
    _write_json(directory / MANIFEST, {"format": FORMAT, "files": {name: _sha256(directory / name) for name in names}})
    return directory


def _read_json(path):
    try:
        return read_json(path)
    except ValueError as error:
        raise CheckpointError(str(error)) from None


def verify_checkpoint(directory, for_resume=False):
    """Check that the files exist and match checkpoint.json; returns the parsed config.json."""
    directory = Path(directory)
    if not directory.is_dir():
        raise CheckpointError(f"checkpoint directory {directory} does not exist; train one with `translator train`")
    needed = (MANIFEST,) + INFERENCE_FILES + (RESUME_FILES if for_resume else ())
    missing = [name for name in needed if not (directory / name).is_file()]
    if missing:
        raise CheckpointError(f"checkpoint {directory} is missing {', '.join(missing)}"
                              + (" (it was saved without training state, so it cannot be resumed)"
                                 if set(missing) <= set(RESUME_FILES) else ""))
    manifest = _read_json(directory / MANIFEST)
    if manifest.get("format") != FORMAT:
        raise CheckpointError(f"{directory / MANIFEST}: format {manifest.get('format')!r}, expected {FORMAT!r}")
    listed = manifest.get("files", {})
    for name in needed[1:]:
        if name not in listed:
            raise CheckpointError(f"{directory / MANIFEST} does not list {name}; the checkpoint is incomplete")
        if _sha256(directory / name) != listed[name]:
            raise CheckpointError(f"{directory / name} does not match {MANIFEST} (its SHA-256 differs): the files "
                                  f"come from different saves or one was changed; use a complete checkpoint")
    config = _read_json(directory / "config.json")
    if config.get("format") != FORMAT or "model" not in config:
        raise CheckpointError(f"{directory / 'config.json'} is not a {FORMAT} config")
    return config


def load_model(directory):
    """(model in eval mode, tokenizer, parsed config.json) from a checkpoint directory."""
    directory = Path(directory)
    config = verify_checkpoint(directory)
    try:
        model_config = Seq2SeqConfig.from_dict(config["model"])
    except (TypeError, ValueError) as error:
        raise CheckpointError(f"{directory / 'config.json'}: bad model config ({error})") from None
    tokenizer = ByteLevelBPETokenizer.load(directory / "tokenizer.json")
    if tokenizer.vocab_size != model_config.vocab_size:
        raise CheckpointError(f"tokenizer.json has {tokenizer.vocab_size} tokens but config.json says vocab_size "
                              f"{model_config.vocab_size}")
    ids = special_ids(tokenizer)
    expected = {"pad_id": model_config.pad_id, "bos_id": model_config.bos_id, "eos_id": model_config.eos_id}
    if ids != expected:
        raise CheckpointError(f"tokenizer.json special ids {ids} differ from config.json's {expected}")
    model = Seq2SeqTransformer(model_config)
    weights = snn.load(directory / "model.safetensors")
    try:
        model.load_state_dict(weights)
    except (KeyError, ValueError, RuntimeError) as error:
        raise CheckpointError(f"{directory / 'model.safetensors'} does not fit config.json's model: {error}") from None
    model.eval()
    return model, tokenizer, config


def load_training_state(directory, trainer):
    """Restore the optimizer, schedule and position of `trainer` (built on the loaded model)."""
    directory = Path(directory)
    verify_checkpoint(directory, for_resume=True)
    saved = _read_json(directory / "trainer.json")
    state = {}
    for key, value in snn.load(directory / "optimizer.safetensors").items():
        _, index, name = key.split(".", 2)
        state.setdefault(int(index), {})[name] = value
    try:
        trainer.optimizer.load_state_dict({"state": state, "param_groups": saved["param_groups"]})
        trainer.load_state_dict(saved["trainer"])
    except (KeyError, ValueError) as error:
        raise CheckpointError(f"{directory}: the optimizer or trainer state does not fit this model ({error})") from None


def checkpoint_exists(directory):
    return os.path.isfile(Path(directory) / MANIFEST)
