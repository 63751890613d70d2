"""The text to learn and its tokenizer: read a file (default Tiny Shakespeare), split it 90/10 as
nanoGPT does, and turn each part into token ids with a char-level or byte-level BPE tokenizer.

    corpus = load_corpus(path=None, tokenizer="char")        # None: $SCRATCH_DATA_DIR's Tiny Shakespeare
    corpus.train_ids, corpus.val_ids, corpus.tokenizer

The char tokenizer learns its alphabet from the whole text (nanoGPT's); BPE learns its merges
from the training part only (byte-level: any text still encodes).
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scratch_nlp.datasets import load_tiny_shakespeare, split_text
from scratch_nlp.tokenizers import ByteLevelBPETokenizer, CharTokenizer

TOKENIZERS = ("char", "bpe")
TOKENIZER_FILE = "tokenizer.json"


class CorpusError(Exception):
    """A text file that is missing, unreadable or too short (the message says which)."""


@dataclass
class Corpus:
    source: str
    tokenizer: object
    kind: str
    train_ids: np.ndarray
    val_ids: np.ndarray


def read_text(path=None):
    """(text, where it came from). path None: Tiny Shakespeare from $SCRATCH_DATA_DIR."""
    if path is None:
        try:
            return load_tiny_shakespeare(), "Tiny Shakespeare"
        except (OSError, ValueError) as error:  # missing, offline or corrupt: the message names the path
            raise CorpusError(f"{error}\n(put char-rnn's tinyshakespeare/input.txt under $SCRATCH_DATA_DIR, "
                              f"or pass --data FILE)") from None
    path = Path(path)
    if not path.is_file():
        raise CorpusError(f"{path}: no such text file")
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except UnicodeDecodeError as error:
        raise CorpusError(f"{path}: not UTF-8 text ({error})") from None


def build_tokenizer(kind, train_text, whole_text, vocab_size):
    if kind == "char":
        return CharTokenizer().train([whole_text])
    if kind == "bpe":
        return ByteLevelBPETokenizer().train([train_text], vocab_size)
    raise ValueError(f"unknown tokenizer {kind!r}; choose one of {TOKENIZERS}")


def load_tokenizer(kind, path):
    if kind == "char":
        return CharTokenizer.load(path)
    if kind == "bpe":
        return ByteLevelBPETokenizer.load(path)
    raise ValueError(f"unknown tokenizer {kind!r} in the checkpoint; expected one of {TOKENIZERS}")


def encode(tokenizer, text):
    return np.array(tokenizer.encode(text).ids, dtype=np.int64)


def load_corpus(path=None, tokenizer="char", vocab_size=512, block_size=64, existing_tokenizer=None):
    """Read, split 90/10 and tokenize; existing_tokenizer (from a checkpoint) is reused, not retrained."""
    text, source = read_text(path)
    try:
        train_text, val_text = split_text(text, 0.9)
    except ValueError as error:
        raise CorpusError(f"{source}: {error}") from None
    chosen = existing_tokenizer or build_tokenizer(tokenizer, train_text, text, vocab_size)
    try:
        train_ids, val_ids = encode(chosen, train_text), encode(chosen, val_text)
    except ValueError as error:  # a char missing from a checkpoint's alphabet
        raise CorpusError(f"{source}: cannot encode with the checkpoint's tokenizer: {error}") from None
    for name, ids in (("training", train_ids), ("validation", val_ids)):
        if len(ids) < block_size + 1:
            raise CorpusError(f"{source}: the {name} part has {len(ids)} tokens, fewer than block size + 1 = "
                              f"{block_size + 1}; use a longer text or a smaller --block-size")
    return Corpus(source, chosen, tokenizer, train_ids, val_ids)
