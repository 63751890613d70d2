"""The shared source + target vocabulary: one byte-level BPE trained on both languages.

    tokenizer = train_shared_tokenizer(pairs, vocab_size=10_000)
    tokenizer.token_to_id("<pad>"), tokenizer.token_to_id("<s>"), tokenizer.token_to_id("</s>")   # 0, 1, 2

Sharing lets the model tie its embeddings and copy names and numbers across languages.
"""

from ..tokenizers import ByteLevelBPETokenizer

PAD, BOS, EOS = "<pad>", "<s>", "</s>"
SPECIAL_TOKENS = (PAD, BOS, EOS)


def train_shared_tokenizer(pairs, vocab_size=10_000, min_frequency=2):
    """A ByteLevelBPETokenizer trained on every source and target sentence of `pairs`."""
    if not pairs:
        raise ValueError("train_shared_tokenizer: no sentence pairs")
    texts = [pair.source for pair in pairs] + [pair.target for pair in pairs]
    return ByteLevelBPETokenizer().train(texts, vocab_size, min_frequency=min_frequency,
                                         special_tokens=list(SPECIAL_TOKENS))


def special_ids(tokenizer):
    """{"pad_id", "bos_id", "eos_id"} of a tokenizer; raises naming a missing special token."""
    ids = {}
    for name, token in (("pad_id", PAD), ("bos_id", BOS), ("eos_id", EOS)):
        token_id = tokenizer.special_tokens.get(token)
        if token_id is None:
            raise ValueError(f"the tokenizer has no special token {token!r}; train it with train_shared_tokenizer")
        ids[name] = token_id
    return ids
