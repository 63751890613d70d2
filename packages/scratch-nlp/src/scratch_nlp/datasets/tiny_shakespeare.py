"""Tiny Shakespeare (char-rnn's input.txt): 1,115,394 characters of plays, nanoGPT's toy corpus.

    text = load_tiny_shakespeare()                    # the whole file, a str
    train, validation = split_text(text, 0.9)         # nanoGPT's split: first 90% / last 10%

The file is read from data_dir()/tinyshakespeare/input.txt (scratch_nn.datasets.data_dir:
$SCRATCH_DATA_DIR, else the user cache); download=True fetches it from the char-rnn repository
(pinned commit) through scratch_nn.datasets.ensure_file, which checks its SHA-256 first.
"""

from pathlib import Path

from scratch_nn.datasets import CorruptDatasetError, data_dir, ensure_file, sha256_of_file

TINY_SHAKESPEARE_URL = ("https://raw.githubusercontent.com/karpathy/char-rnn/"
                        "6f9487a6fe5b420b7ca9afb0d7c078e37c1d1b4e/data/tinyshakespeare/input.txt")
TINY_SHAKESPEARE_SHA256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"


def load_tiny_shakespeare(root=None, download=False, verify=True):
    """The text of Tiny Shakespeare (a str). verify=True checks the file's SHA-256 (a few ms)."""
    path = Path(data_dir() if root is None else root) / "tinyshakespeare" / "input.txt"
    path = ensure_file(path, [TINY_SHAKESPEARE_URL], TINY_SHAKESPEARE_SHA256, download=download)
    if verify and sha256_of_file(path) != TINY_SHAKESPEARE_SHA256:
        raise CorruptDatasetError(f"{path}: SHA-256 differs from the published {TINY_SHAKESPEARE_SHA256} "
                                  f"(a truncated or edited copy); delete it and download it again")
    return path.read_text(encoding="utf-8")


def split_text(text, train_fraction=0.9):
    """(first train_fraction of the characters, the rest): a contiguous split, as nanoGPT.

    "abcdefghij", 0.9 -> ("abcdefghi", "j")
    """
    if not 0.0 < train_fraction < 1.0:
        raise ValueError(f"train_fraction must be in (0, 1), got {train_fraction!r}")
    if len(text) < 2:
        raise ValueError(f"need at least 2 characters to split, got {len(text)}")
    cut = min(max(int(len(text) * train_fraction), 1), len(text) - 1)
    return text[:cut], text[cut:]
