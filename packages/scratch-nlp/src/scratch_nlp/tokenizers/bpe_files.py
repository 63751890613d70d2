"""Byte-level BPE on disk: our JSON, HF tokenizers' `tokenizer.json`, GPT-2's vocab.json + merges.txt.

Ours (everything needed, nothing else):
    {"format": "scratch_nlp.ByteLevelBPETokenizer", "version": 1, "pattern": <GPT-2 regex>,
     "ignore_merges": false, "special_tokens": ["<|endoftext|>"],
     "vocab": {"!": 0, ...}, "merges": [["Ġ", "t"], ...]}

HF `tokenizer.json`: read when it is a BPE model with a ByteLevel pre-tokenizer (GPT-2's regex,
no prefix space) and no normalizer; `model.merges` may be "a b" strings (older files) or
["a", "b"] pairs (newer files); `added_tokens` become special tokens with their ids.

GPT-2: vocab.json = {token: id}; merges.txt = an optional "#version" line, then "left right" per
line in rank order (byte-level tokens never hold a real space: a space byte is "Ġ").

Every write is atomic (temp file + rename, scratch_nn's helper); every read failure names the
file and what is wrong with it.
"""

import json
import os

from scratch_nn.serialization import atomic_write_bytes

from .._json_files import read_json as parse_json_file
from .byte_level import GPT2_PATTERN

FORMAT = "scratch_nlp.ByteLevelBPETokenizer"
_BYTE_LEVEL = {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True}


def validate_vocab(vocab):
    """{str: non-negative int} with distinct ids, or a ValueError/TypeError naming the culprit."""
    if not vocab:
        raise ValueError("the vocab is empty")
    seen = {}
    for token, token_id in vocab.items():
        if not isinstance(token, str) or not token:
            raise TypeError(f"vocab token {token!r} is not a non-empty str")
        if isinstance(token_id, bool) or not isinstance(token_id, int) or token_id < 0:
            raise ValueError(f"vocab id of {token!r} is {token_id!r}, expected a non-negative int")
        if token_id in seen:
            raise ValueError(f"vocab tokens {seen[token_id]!r} and {token!r} share the id {token_id}")
        seen[token_id] = token


def write_json(path, data):
    atomic_write_bytes(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))


def read_json(path):
    """Parse a JSON object from path; errors name the file."""
    path = os.fspath(path)
    if not os.path.isfile(path):
        raise FileNotFoundError(f"tokenizer file {path} does not exist")
    data = parse_json_file(path)
    if not isinstance(data, dict):  # a bad file's content, not a bad argument: ValueError
        raise ValueError(  # noqa: TRY004
            f"{path} holds a JSON {type(data).__name__}, expected an object"
        )
    return data


def _require(condition, path, message):
    if not condition:
        raise ValueError(f"{path}: {message}")


def _parse_merges(raw_merges, path):
    """[["a", "b"], ...] or ["a b", ...] -> [("a", "b"), ...]."""
    _require(isinstance(raw_merges, list), path, "merges must be a list")
    merges = []
    for rank, merge in enumerate(raw_merges):
        parts = merge.split(" ") if isinstance(merge, str) else merge
        _require(
            isinstance(parts, list) and len(parts) == 2 and all(isinstance(part, str) and part for part in parts),
            path,
            f"merge #{rank} {merge!r} is neither 'left right' nor [left, right]",
        )
        merges.append(tuple(parts))
    return merges


def to_scratch_json(tokenizer):
    return {
        "format": FORMAT,
        "version": 1,
        "pattern": GPT2_PATTERN,
        "ignore_merges": tokenizer.ignore_merges,
        "special_tokens": list(tokenizer.special_tokens),
        "vocab": tokenizer.vocab,
        "merges": [list(pair) for pair in tokenizer.merges],
    }


def to_huggingface_json(tokenizer):
    added = [
        {"id": token_id, "content": token, "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True}
        for token, token_id in tokenizer.special_tokens.items()
    ]
    model = {
        "type": "BPE", "dropout": None, "unk_token": None, "continuing_subword_prefix": None,
        "end_of_word_suffix": None, "fuse_unk": False, "byte_fallback": False,
        "ignore_merges": tokenizer.ignore_merges,
        "vocab": dict(sorted(tokenizer.vocab.items(), key=lambda item: item[1])),
        "merges": [list(pair) for pair in tokenizer.merges],
    }
    return {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added, "normalizer": None,
        "pre_tokenizer": dict(_BYTE_LEVEL), "post_processor": {**_BYTE_LEVEL, "trim_offsets": False},
        "decoder": dict(_BYTE_LEVEL), "model": model,
    }


def _from_scratch_json(data, path):
    _require(data.get("version") == 1, path, f"unsupported version {data.get('version')!r} (expected 1)")
    _require(data.get("pattern") == GPT2_PATTERN, path, "pre-tokenization pattern is not GPT-2's")
    _require(isinstance(data.get("vocab"), dict), path, "'vocab' must be an object {token: id}")
    _require(isinstance(data.get("special_tokens"), list), path, "'special_tokens' must be a list")
    return {
        "vocab": data["vocab"],
        "merges": _parse_merges(data.get("merges"), path),
        "special_tokens": data["special_tokens"],
        "ignore_merges": bool(data.get("ignore_merges", False)),
    }


def _from_huggingface_json(data, path):
    model = data["model"]
    _require(isinstance(model, dict) and model.get("type", "BPE") == "BPE", path, "model is not BPE")
    _require(data.get("normalizer") is None, path, f"normalizer {data['normalizer']!r} is not supported (only none)")
    pre = data.get("pre_tokenizer") or {}
    _require(pre.get("type") == "ByteLevel", path, f"pre_tokenizer must be ByteLevel, got {pre.get('type')!r}")
    _require(not pre.get("add_prefix_space", False), path, "ByteLevel add_prefix_space=true is not supported")
    _require(pre.get("use_regex", True), path, "ByteLevel use_regex=false is not supported")
    for part in ("decoder", "post_processor"):
        kind = (data.get(part) or {}).get("type", "ByteLevel")
        _require(kind == "ByteLevel", path, f"{part} {kind!r} is not supported (only ByteLevel or none)")
    for option in ("dropout", "unk_token", "continuing_subword_prefix", "end_of_word_suffix"):
        _require(not model.get(option), path, f"BPE option {option}={model.get(option)!r} is not supported")
    _require(not model.get("byte_fallback", False), path, "BPE byte_fallback=true is not supported")
    _require(isinstance(model.get("vocab"), dict), path, "model.vocab must be an object {token: id}")
    vocab = dict(model["vocab"])
    special_tokens = []
    for added in data.get("added_tokens") or []:
        _require(isinstance(added, dict) and isinstance(added.get("content"), str) and isinstance(added.get("id"), int),
                 path, f"added token {added!r} lacks a content string or an int id")
        for flag in ("lstrip", "rstrip", "single_word"):
            _require(not added.get(flag, False), path,
                     f"added token {added['content']!r} has {flag}=true (unsupported)")
        token = added["content"]
        _require(vocab.get(token, added["id"]) == added["id"], path,
                 f"added token {token!r} has id {added['id']} but the model vocab says {vocab.get(token)}")
        vocab[token] = added["id"]
        special_tokens.append(token)
    return {
        "vocab": vocab,
        "merges": _parse_merges(model.get("merges", []), path),
        "special_tokens": special_tokens,
        "ignore_merges": bool(model.get("ignore_merges", False)),
    }


def read_tokenizer_json(path):
    """Our JSON or HF's tokenizer.json -> keyword arguments for ByteLevelBPETokenizer."""
    data = read_json(path)
    if data.get("format") == FORMAT:
        return _from_scratch_json(data, path)
    if "model" in data:
        return _from_huggingface_json(data, path)
    raise ValueError(f"{path} is neither a scratch_nlp tokenizer nor an HF tokenizer.json (no 'format' or 'model')")


def read_gpt2_files(vocab_path, merges_path):
    """GPT-2's vocab.json + merges.txt -> (vocab, merges)."""
    vocab = read_json(vocab_path)
    merges_path = os.fspath(merges_path)
    if not os.path.isfile(merges_path):
        raise FileNotFoundError(f"merges file {merges_path} does not exist")
    try:
        with open(merges_path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except UnicodeDecodeError as error:
        raise ValueError(f"{merges_path} is not UTF-8 text: {error}") from None
    merges = []
    for number, line in enumerate(lines, start=1):
        if not line or (number == 1 and line.startswith("#version")):
            continue
        parts = line.split(" ")
        _require(len(parts) == 2 and all(parts), merges_path, f"line {number} {line!r} is not 'left right'")
        merges.append(tuple(parts))
    return vocab, merges


def write_gpt2_files(tokenizer, vocab_path, merges_path):
    vocab = dict(sorted(tokenizer.vocab.items(), key=lambda item: item[1]))
    write_json(vocab_path, vocab)
    lines = ["#version: 0.2"] + [f"{left} {right}" for left, right in tokenizer.merges]
    atomic_write_bytes(merges_path, ("\n".join(lines) + "\n").encode("utf-8"))
