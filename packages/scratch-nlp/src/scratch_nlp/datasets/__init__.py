"""Datasets for scratch-nlp, read in their published formats from data_dir().

    load_tiny_shakespeare()        Tiny Shakespeare as one str (char-rnn's input.txt)
    split_text(text, 0.9)          a contiguous train / validation split (nanoGPT's)
    data_dir()                     $SCRATCH_DATA_DIR, else ~/.cache/scratch/data
"""

from .locate import ChecksumError, DatasetNotFoundError, data_dir, download, sha256_of
from .tiny_shakespeare import TINY_SHAKESPEARE_SHA256, TINY_SHAKESPEARE_URL, load_tiny_shakespeare, split_text

__all__ = ["ChecksumError", "DatasetNotFoundError", "data_dir", "download", "sha256_of",
           "TINY_SHAKESPEARE_SHA256", "TINY_SHAKESPEARE_URL", "load_tiny_shakespeare", "split_text"]
