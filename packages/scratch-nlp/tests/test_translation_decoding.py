"""Greedy decoding and beam search on small random models (no oracle decodes for us; the
checks are exact properties): beam 1 equals greedy; with beams wide enough to keep every
hypothesis, beam search finds the exhaustive optimum; batching does not change any output."""

import itertools

import numpy as np
import pytest
import scratch_nn as snn
from scratch_nlp.translation import (
    Seq2SeqConfig,
    Seq2SeqTransformer,
    beam_search,
    greedy_decode,
    length_normalizer,
)
from scratch_nn import Tensor


def random_model(seed, vocab_size=40, max_length=10):
    snn.manual_seed(seed)
    config = Seq2SeqConfig(vocab_size=vocab_size, d_model=16, nhead=2, num_encoder_layers=1, num_decoder_layers=1,
                           dim_feedforward=32, dropout=0.1, max_length=max_length)
    model = Seq2SeqTransformer(config)
    with snn.no_grad():  # sharpen the output so that </s> is sometimes likely and sometimes not
        model.embedding.weight.mul_(4.0)
    return model


def random_sources(rng, count, vocab_size=40, eos=2, longest=7):
    return [list(rng.integers(3, vocab_size, rng.integers(1, longest + 1))) + [eos] for _ in range(count)]


def sequence_log_prob(model, source, tokens):
    """log p(tokens + </s> | source), or of tokens alone when they hit the length limit."""
    config = model.config
    target = [config.bos_id] + tokens
    ended = len(tokens) < config.max_length - 1
    model.eval()
    with snn.no_grad():
        memory, padding = model.encode(Tensor(np.array([source])))
        logits = model.project(model.decode_hidden(Tensor(np.array([target])), memory, padding)).data[0]
    logits = logits.astype(np.float64)
    logits[:, [config.pad_id, config.bos_id]] = -np.inf  # never generated
    top = logits.max(1, keepdims=True)
    log_probs = logits - top - np.log(np.exp(logits - top).sum(1, keepdims=True))
    following = tokens + ([config.eos_id] if ended else [])
    return sum(log_probs[i, t] for i, t in enumerate(following))


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_beam_of_one_equals_greedy(seed, rng):
    model = random_model(seed)
    sources = random_sources(rng, 12)
    assert beam_search(model, sources, beam_size=1) == greedy_decode(model, sources)
    assert beam_search(model, sources, beam_size=1, length_penalty=0.0, max_new_tokens=3) == \
        greedy_decode(model, sources, max_new_tokens=3)


def test_batched_decoding_equals_one_sentence_at_a_time(rng):
    model = random_model(5)
    sources = random_sources(rng, 6)
    assert greedy_decode(model, sources) == [greedy_decode(model, [s])[0] for s in sources]
    assert beam_search(model, sources, beam_size=3) == [beam_search(model, [s], beam_size=3)[0] for s in sources]


@pytest.mark.parametrize("length_penalty", [0.0, 1.0])
def test_wide_beam_finds_the_exhaustive_optimum(length_penalty, rng):
    """Vocabulary of 3 words + 3 specials, at most 3 generated tokens: 4 + 12 + ... hypotheses."""
    model = random_model(7, vocab_size=6, max_length=4)
    words = [3, 4, 5]
    for source in random_sources(rng, 3, vocab_size=6, longest=3):
        best_score, best_tokens = -np.inf, None
        for length in range(0, 4):
            for tokens in itertools.product(words, repeat=length):
                score = sequence_log_prob(model, source, list(tokens))
                normalised = score / length_normalizer(length + (length < 3), length_penalty)
                if normalised > best_score:
                    best_score, best_tokens = normalised, list(tokens)
        found, scores = beam_search(model, [source], beam_size=64, length_penalty=length_penalty,
                                    return_scores=True)
        assert found[0] == best_tokens
        assert scores[0] == pytest.approx(best_score, abs=1e-6)


def test_decoding_respects_the_length_limit_and_leaves_the_model_mode(rng):
    model = random_model(3).train()
    outputs = greedy_decode(model, random_sources(rng, 5), max_new_tokens=2)
    assert all(len(ids) <= 2 for ids in outputs)
    assert all(len(ids) <= model.config.max_length - 1 for ids in beam_search(model, random_sources(rng, 5), 2))
    assert model.training


@pytest.mark.parametrize("call, match", [
    (lambda m: greedy_decode(m, []), "no source"),
    (lambda m: greedy_decode(m, [[5, 6]]), "ending with </s>"),
    (lambda m: beam_search(m, [[5, 2]], beam_size=0), "beam_size"),
    (lambda m: beam_search(m, [[5, 2]], length_penalty=-1), "length_penalty"),
    (lambda m: greedy_decode(m, [[5] * 12 + [2]]), "takes 10"),
])
def test_bad_decoding_input_is_refused(call, match):
    with pytest.raises(ValueError, match=match):
        call(random_model(0))
