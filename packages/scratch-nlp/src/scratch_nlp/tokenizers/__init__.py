"""scratch_nlp.tokenizers: a character tokenizer and GPT-2's byte-level BPE, over the standard library.

    from scratch_nlp.tokenizers import ByteLevelBPETokenizer, CharTokenizer

Files, one idea each: byte_level.py (GPT-2's byte table and regex), special_tokens.py,
bpe_train.py (incremental merge learning), bpe_apply.py (encoding one word), bpe.py (the
tokenizer), bpe_files.py (our JSON, HF tokenizer.json, GPT-2 vocab.json + merges.txt),
char_level.py, encoding.py (the Encoding result).
"""

from .bpe import ByteLevelBPETokenizer
from .byte_level import GPT2_PATTERN, bytes_to_unicode, pre_tokenize
from .char_level import CharTokenizer
from .encoding import Encoding

__all__ = ["GPT2_PATTERN", "ByteLevelBPETokenizer", "CharTokenizer", "Encoding", "bytes_to_unicode", "pre_tokenize"]
