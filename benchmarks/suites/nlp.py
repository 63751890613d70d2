"""scratch-nlp beside HF tokenizers: byte-level BPE training and encoding on Tiny Shakespeare.

Both sides get the same text: our ByteLevelBPETokenizer against tokenizers.ByteLevelBPETokenizer
(add_prefix_space=False, min_frequency=2, one special token), which learn identical merges.
The text comes from $SCRATCH_DATA_DIR/tinyshakespeare/input.txt (default /work/shared/data);
without it the suite has no cases. To add a case, write a `_something_case(quick)` returning a
`Case` (or None) and list it in CASE_BUILDERS.
"""

import os
from pathlib import Path

import tokenizers
from harness import Case

TITLE = "scratch-nlp vs HF tokenizers (byte-level BPE)"
PEER = "HF tokenizers"
SPECIALS = ["<|endoftext|>"]


def _shakespeare(quick):
    root = Path(os.environ.get("SCRATCH_DATA_DIR") or "/work/shared/data")
    path = root / "tinyshakespeare" / "input.txt"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    return text[:100_000] if quick else text


def _train_case(quick):
    from scratch_nlp.tokenizers import ByteLevelBPETokenizer as Ours

    text = _shakespeare(quick)
    if text is None:
        return None
    vocab_size = 2_000 if quick else 10_000

    def peer():
        hf = tokenizers.ByteLevelBPETokenizer()
        hf.train_from_iterator([text], vocab_size=vocab_size, special_tokens=SPECIALS, show_progress=False)
        return hf

    return Case(
        "BPE train (byte-level)",
        f"{len(text) / 1e6:.2f} MB -> vocab {vocab_size}",
        lambda: Ours().train([text], vocab_size, special_tokens=SPECIALS),
        peer,
        repeats=None if quick else 3,
    )


def _encode_case(quick):
    from scratch_nlp.tokenizers import ByteLevelBPETokenizer as Ours

    text = _shakespeare(quick)
    if text is None:
        return None
    vocab_size = 2_000 if quick else 10_000
    ours = Ours().train([text], vocab_size, special_tokens=SPECIALS)
    peer = tokenizers.ByteLevelBPETokenizer()
    peer.train_from_iterator([text], vocab_size=vocab_size, special_tokens=SPECIALS, show_progress=False)
    return Case(
        "encode whole text (warm word caches)",
        f"{len(text) / 1e6:.2f} MB, vocab {vocab_size}",
        lambda: ours.encode(text),
        lambda: peer.encode(text),
    )


CASE_BUILDERS = [_train_case, _encode_case]

NOTES = """Both tokenizers learn the same 9743 merges (checked in the tests). Training: the whole of
Tiny Shakespeare (1.1 MB) as one text, vocab 10000 incl. one special token, min_frequency 2;
ours counts pairs incrementally (word table + heap with lazy invalidation), HF's BpeTrainer does
the same in Rust. Encoding: the whole text as one string to ids, tokens and offsets; both sides
keep their per-word cache from the warm-up run (HF's BPE caches words too)."""


def cases(quick=False):
    for build in CASE_BUILDERS:
        case = build(quick)
        if case is not None:
            yield case
