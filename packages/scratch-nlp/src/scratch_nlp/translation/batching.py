"""From sentence pairs to padded id batches, grouped by length so little compute goes to padding.

    examples = encode_pairs(tokenizer, pairs, config)             # [(src ids, tgt ids), ...]
    for batch in length_batches(examples, max_tokens=2048, seed=3, pad_id=0):
        batch.src, batch.tgt_in, batch.tgt_out                     # (B, S), (B, T), (B, T) int64

Source: tokens + </s>. Target: <s> + tokens + </s>, fed shifted (teacher forcing):

    tgt_in  = <s> y1 y2 y3           tgt_out = y1 y2 y3 </s>

Batching by length: examples are sorted by (target, source) length after a seeded shuffle (so
equal lengths come in random order), cut into batches of at most `max_tokens` padded tokens
(the longer side counts), and the batches are shuffled (seeded). Each batch holds sentences of
nearly equal length; an epoch visits every example once.
"""

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Batch:
    src: np.ndarray  # (B, S) int64, pad_id after each sentence
    tgt_in: np.ndarray  # (B, T)
    tgt_out: np.ndarray  # (B, T)


def encode_source(tokenizer, text, eos_id, max_length):
    """Token ids + </s>, truncated so the total is at most max_length."""
    return tokenizer.encode(text).ids[: max_length - 1] + [eos_id]


def encode_pairs(tokenizer, pairs, config, drop_long=True):
    """[(src ids + </s>, <s> + tgt ids + </s>)] for SentencePairs; longer than max_length: dropped
    (drop_long) or truncated."""
    examples = []
    limit = config.max_length
    for pair in pairs:
        source = tokenizer.encode(pair.source).ids
        target = tokenizer.encode(pair.target).ids
        if drop_long and (len(source) + 1 > limit or len(target) + 2 > limit):
            continue
        examples.append((source[: limit - 1] + [config.eos_id], [config.bos_id] + target[: limit - 2] + [config.eos_id]))
    return examples


def pad_sequences(sequences, pad_id):
    """[[3, 4], [5]] -> [[3, 4], [5, pad]] as an int64 array (B, max length)."""
    if not sequences:
        raise ValueError("pad_sequences: no sequences")
    width = max(len(s) for s in sequences)
    out = np.full((len(sequences), width), pad_id, dtype=np.int64)
    for row, sequence in enumerate(sequences):
        out[row, : len(sequence)] = sequence
    return out


def make_batch(examples, pad_id):
    """Examples [(src, tgt)] -> Batch with the target split into tgt_in / tgt_out."""
    src = pad_sequences([source for source, _ in examples], pad_id)  # (B, S)
    tgt = pad_sequences([target for _, target in examples], pad_id)  # (B, T + 1)
    return Batch(src, tgt[:, :-1], tgt[:, 1:])


def length_batches(examples, max_tokens, pad_id, seed=0, shuffle=True):
    """Batches of nearly equal lengths, each with at most max_tokens padded tokens per side.

    With shuffle=False the order is by length (for evaluation); a seed gives the same batches.
    """
    if not examples:
        raise ValueError("length_batches: no examples")
    if max_tokens < max(max(len(s), len(t)) for s, t in examples):
        raise ValueError(f"max_tokens={max_tokens} is below the longest example; raise it")
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(examples)) if shuffle else np.arange(len(examples))
    lengths = np.array([(len(examples[i][1]), len(examples[i][0])) for i in order])  # (N, 2)
    order = order[np.lexsort((lengths[:, 1], lengths[:, 0]))]  # stable: ties keep the shuffled order
    groups, current, width = [], [], 0
    for index in order:
        source, target = examples[index]
        longest = max(width, len(source), len(target) - 1)
        if current and longest * (len(current) + 1) > max_tokens:
            groups.append(current)
            current, longest = [], max(len(source), len(target) - 1)
        current.append(index)
        width = longest
    groups.append(current)
    if shuffle:
        groups = [groups[i] for i in rng.permutation(len(groups))]
    return [make_batch([examples[i] for i in group], pad_id) for group in groups]
