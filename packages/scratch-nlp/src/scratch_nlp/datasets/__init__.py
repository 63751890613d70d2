"""Datasets for scratch-nlp, read in their published formats from data_dir().

    load_tiny_shakespeare()        Tiny Shakespeare as one str (char-rnn's input.txt)
    split_text(text, 0.9)          a contiguous train / validation split (nanoGPT's)
    load_tatoeba("spa")            Tatoeba English-Spanish pairs (manythings' spa.txt) with attribution
    normalize_pairs, filter_pairs  NFC + whitespace normalisation, length filtering
    split_pairs(pairs, seed=0)     seeded train / validation / test split by source sentence
    references_by_source(pairs)    distinct sources and all their translations (BLEU references)

Files are found, and fetched with download=True, through scratch_nn.datasets (data_dir,
ensure_file: atomic, SHA-256 checked, a clear error when offline).
"""

from .tatoeba import (ATTRIBUTION, SentencePair, TatoebaCorpus, TranslationSplits, filter_pairs, load_tatoeba,
                      normalize_pairs, normalize_text, parse_tatoeba_lines, read_tatoeba, reference_streams,
                      references_by_source, split_pairs)
from .tiny_shakespeare import TINY_SHAKESPEARE_SHA256, TINY_SHAKESPEARE_URL, load_tiny_shakespeare, split_text

__all__ = ["ATTRIBUTION", "SentencePair", "TatoebaCorpus", "TranslationSplits", "filter_pairs", "load_tatoeba",
           "normalize_pairs", "normalize_text", "parse_tatoeba_lines", "read_tatoeba", "reference_streams",
           "references_by_source", "split_pairs", "TINY_SHAKESPEARE_SHA256", "TINY_SHAKESPEARE_URL", "load_tiny_shakespeare", "split_text"]
