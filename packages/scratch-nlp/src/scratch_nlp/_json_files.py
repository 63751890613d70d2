"""The JSON files of checkpoints and tokenizers, and the config dataclasses kept in them: one place
for the errors that name the file or the key.

    read_json("run/checkpoint.json")               -> the parsed value, or ValueError naming the file
    dataclass_from_dict(GPTConfig, {"n_layer": 4})  -> GPTConfig(n_layer=4, ...), unknown keys refused
"""

import json
from dataclasses import fields
from pathlib import Path


def read_json(path):
    """The parsed content of the JSON file at path; a torn or non-JSON file is a ValueError naming it."""
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: corrupt or truncated file, not valid JSON: {error}") from None


def dataclass_from_dict(cls, data):
    """cls(**data) for a dataclass cls: missing keys take their defaults, unknown ones are an error."""
    if not isinstance(data, dict):
        raise TypeError(f"{cls.__name__}.from_dict: expected a dict, got {type(data).__name__}")
    known = {field.name for field in fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"{cls.__name__}.from_dict: unknown keys {unknown}; known keys are {sorted(known)}")
    return cls(**data)
