"""Batched decoding: greedy and beam search with a length penalty.

    greedy_decode(model, sources)                                   # [[ids], ...] without <s>/</s>
    beam_search(model, sources, beam_size=4, length_penalty=0.6)    # same, the best beam of each

Only real tokens and </s> are generated (<pad> and <s> are masked out). `sources` are id lists that end with </s> (batching.encode_source). The encoder runs once per
batch; each step re-runs the decoder on the whole prefix (B, t) (scratch_nn's layers keep no
key/value cache) and projects only the last position. Sentences that are finished leave the
batch, so the work shrinks as they end.

Beam search keeps K live hypotheses per sentence. At each step every live beam's log-probs are
added to its score, the best 2K of the K x V continuations are read in order: one ending in </s>
within the first K is set aside as finished, the others refill the K live beams. A sentence is
done once K hypotheses have finished (or at max length, where the live ones count as finished).
The winner maximises the length-normalised score of GNMT (Wu et al. 2016):

    score(Y) / lp(Y),   lp(Y) = ((5 + |Y|) / 6) ** length_penalty,   |Y| = tokens incl. </s>

length_penalty = 0 compares raw log-probabilities (which favours short outputs). With K = 1 the
first candidate is always the argmax of the single beam, so beam search equals greedy decoding.
"""

import numpy as np
import scratch_nn as snn
from scratch_nn import Tensor

from .batching import pad_sequences


def _check_sources(model, sources):
    if not sources:
        raise ValueError("no source sentences to decode")
    for index, source in enumerate(sources):
        if not len(source) or source[-1] != model.config.eos_id:
            raise ValueError(f"sources[{index}] must be token ids ending with </s> (id {model.config.eos_id})")
        if len(source) > model.config.max_length:
            raise ValueError(f"sources[{index}] has {len(source)} tokens; the model takes {model.config.max_length}")


def _step_limit(model, max_new_tokens):
    limit = model.config.max_length - 1  # tokens after <s>, </s> included
    return limit if max_new_tokens is None else max(1, min(limit, int(max_new_tokens)))


def _last_log_probs(model, tokens, memory, source_padding):
    """Log-probabilities (float64) of the next token after each prefix: (rows, V). <pad> and <s>
    are never generated: their logits are set to -inf before the softmax."""
    hidden = model.decode_hidden(Tensor(tokens), Tensor(memory), Tensor(source_padding))  # (rows, t, d)
    logits = model.project(hidden[:, -1]).data.astype(np.float64)  # (rows, V)
    logits[:, [model.config.pad_id, model.config.bos_id]] = -np.inf
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


class _EvalMode:
    """Run under no_grad with dropout off, then restore the model's mode."""

    def __init__(self, model):
        self.model, self.grad = model, snn.no_grad()

    def __enter__(self):
        self.was_training = self.model.training
        self.model.eval()
        self.grad.__enter__()

    def __exit__(self, *exc):
        self.grad.__exit__(*exc)
        self.model.train(self.was_training)


def greedy_decode(model, sources, max_new_tokens=None):
    """The argmax token at every step until </s>: one id list per source (no <s>, no </s>)."""
    _check_sources(model, sources)
    config = model.config
    with _EvalMode(model):
        memory, source_padding = model.encode(Tensor(pad_sequences(sources, config.pad_id)))
        memory, source_padding = memory.data, source_padding.data  # (B, S, d), (B, S)
        tokens = np.full((len(sources), 1), config.bos_id, dtype=np.int64)  # (b, t)
        active = np.arange(len(sources))  # which source each row belongs to
        outputs = [None] * len(sources)
        for _ in range(_step_limit(model, max_new_tokens)):
            next_tokens = _last_log_probs(model, tokens, memory, source_padding).argmax(axis=1)  # (b,)
            tokens = np.concatenate([tokens, next_tokens[:, None]], axis=1)
            ended = next_tokens == config.eos_id
            for row in np.flatnonzero(ended):
                outputs[active[row]] = tokens[row, 1:-1].tolist()
            keep = ~ended
            tokens, memory, source_padding, active = tokens[keep], memory[keep], source_padding[keep], active[keep]
            if not len(active):
                break
        for row, source_index in enumerate(active):  # reached the length limit without </s>
            outputs[source_index] = tokens[row, 1:].tolist()
    return outputs


def length_normalizer(length, length_penalty):
    """GNMT's lp: ((5 + length) / 6) ** length_penalty."""
    return ((5.0 + length) / 6.0) ** length_penalty


def beam_search(model, sources, beam_size=4, length_penalty=0.6, max_new_tokens=None, return_scores=False):
    """The best of `beam_size` beams per source (see the module doc); with return_scores, also
    each winner's normalised log-probability."""
    if isinstance(beam_size, bool) or not isinstance(beam_size, int) or beam_size < 1:
        raise ValueError(f"beam_size must be a positive int, got {beam_size!r}")
    if length_penalty < 0:
        raise ValueError(f"length_penalty must be >= 0, got {length_penalty}")
    _check_sources(model, sources)
    config, width = model.config, beam_size
    steps = _step_limit(model, max_new_tokens)
    finished = [[] for _ in sources]  # per source: (normalised score, ids)
    with _EvalMode(model):
        memory, source_padding = model.encode(Tensor(pad_sequences(sources, config.pad_id)))
        memory = np.repeat(memory.data, width, axis=0)  # (B K, S, d): rows are source-major
        source_padding = np.repeat(source_padding.data, width, axis=0)  # (B K, S)
        tokens = np.full((len(sources) * width, 1), config.bos_id, dtype=np.int64)  # (b K, t)
        scores = np.full((len(sources), width), -np.inf)  # (b, K): only beam 0 is live at the start
        scores[:, 0] = 0.0
        active = np.arange(len(sources))
        for step in range(steps):
            log_probs = _last_log_probs(model, tokens, memory, source_padding)  # (b K, V)
            vocab = log_probs.shape[1]
            candidates = (scores[:, :, None] + log_probs.reshape(len(active), width, vocab)).reshape(len(active), -1)
            count = min(2 * width, candidates.shape[1])
            best = np.argpartition(-candidates, count - 1, axis=1)[:, :count]  # (b, 2K), unordered
            new_tokens = np.empty_like(tokens[:, :1])
            new_rows = np.empty(len(active) * width, dtype=np.int64)
            new_scores = np.full_like(scores, -np.inf)
            done = np.zeros(len(active), dtype=bool)
            for i, source_index in enumerate(active):
                ranked = sorted(best[i], key=lambda flat: (-candidates[i, flat], flat))
                live = 0
                for rank, flat in enumerate(ranked):
                    beam, token = divmod(int(flat), vocab)
                    score = candidates[i, flat]
                    if score == -np.inf:
                        break
                    row = i * width + beam
                    if token == config.eos_id:
                        if rank < width:
                            normalised = score / length_normalizer(step + 1, length_penalty)
                            finished[source_index].append((normalised, tokens[row, 1:].tolist()))
                        continue
                    if live < width:
                        new_rows[i * width + live], new_tokens[i * width + live] = row, token
                        new_scores[i, live] = score
                        live += 1
                for slot in range(live, width):  # fewer than K live continuations: dead slots
                    new_rows[i * width + slot], new_tokens[i * width + slot] = i * width, config.eos_id
                done[i] = len(finished[source_index]) >= width or live == 0
            tokens = np.concatenate([tokens[new_rows], new_tokens], axis=1)
            scores = new_scores
            if step == steps - 1:  # out of room: the live beams count as finished
                done[:] = True
                for i, source_index in enumerate(active):
                    for beam in range(width):
                        if scores[i, beam] > -np.inf:
                            normalised = scores[i, beam] / length_normalizer(step + 1, length_penalty)
                            finished[source_index].append((normalised, tokens[i * width + beam, 1:].tolist()))
            keep_sources = ~done
            keep_rows = np.repeat(keep_sources, width)
            tokens, memory, source_padding = tokens[keep_rows], memory[keep_rows], source_padding[keep_rows]
            scores, active = scores[keep_sources], active[keep_sources]
            if not len(active):
                break
    winners = [max(hypotheses, key=lambda item: item[0]) for hypotheses in finished]
    ids = [winner[1] for winner in winners]
    return (ids, [float(winner[0]) for winner in winners]) if return_scores else ids
