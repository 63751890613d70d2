"""Sampling and generation against transformers: top-k / top-p keep the tokens HF's logits
warpers keep, greedy decoding equals GPT2LMHeadModel.generate, and sampling is seeded and
draws from the filtered softmax. Plus the model's own invariants and errors."""

import numpy as np
import pytest
import torch
from gpt2_twins import SMALL, small_hf_gpt2, token_batch
from hypothesis import given, settings
from hypothesis import strategies as st
from scratch_nlp.gpt import GPT, GPTConfig, generate, next_tokens, top_k_filter, top_p_filter
from scratch_nlp.gpt2_import import gpt_from_transformers
from transformers.generation.logits_process import TopKLogitsWarper, TopPLogitsWarper


def kept(logits):
    return np.isfinite(logits)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), top_k=st.integers(1, 30), top_p=st.floats(0.01, 1.0))
def test_filters_keep_what_hfs_warpers_keep(seed, top_k, top_p):
    rng = np.random.default_rng(seed)
    logits = rng.standard_normal((4, 25)) * rng.uniform(0.1, 5.0)
    logits[0, :5] = logits[0, 5]  # ties at the threshold
    scores = torch.from_numpy(logits)
    hf_top_k = TopKLogitsWarper(top_k)(None, scores.clone()).numpy()
    np.testing.assert_array_equal(kept(top_k_filter(logits, top_k)), kept(hf_top_k))
    # top-p: which of several tied tokens survives the cut is arbitrary (torch's sort order), so no ties
    logits, scores = logits[1:], scores[1:]
    hf_top_p = TopPLogitsWarper(top_p)(None, scores.clone()).numpy()
    ours_top_p = top_p_filter(logits, top_p)
    # subtle: a token whose cumulative mass lands within rounding of 1 - top_p may go either way
    probs = np.exp(logits - logits.max(1, keepdims=True))
    probs /= probs.sum(1, keepdims=True)
    order = np.argsort(-logits, axis=1, kind="stable")
    mass_before = np.cumsum(np.take_along_axis(probs, order, 1), 1) - np.take_along_axis(probs, order, 1)
    borderline = np.zeros_like(probs, dtype=bool)
    np.put_along_axis(borderline, order, np.abs(mass_before - top_p) < 1e-9, 1)
    agree = kept(ours_top_p) == kept(hf_top_p)
    assert np.all(agree | borderline)
    np.testing.assert_array_equal(ours_top_p[kept(ours_top_p)], logits[kept(ours_top_p)])


def test_filters_worked_example():
    logits = np.array([[2.0, 1.0, 0.0, -1.0]])
    assert kept(top_k_filter(logits, 2)).tolist() == [[True, True, False, False]]
    assert kept(top_p_filter(logits, 0.7)).tolist() == [[True, True, False, False]]
    assert kept(top_p_filter(logits, 0.5)).tolist() == [[True, False, False, False]]
    assert kept(top_p_filter(logits, 1e-6)).tolist() == [[True, False, False, False]]


def test_greedy_generation_equals_transformers():
    hf = small_hf_gpt2(seed=7)
    ours = gpt_from_transformers(hf)
    prompt = token_batch(batch=2, time=5, seed=7)
    expected = hf.generate(torch.from_numpy(prompt), attention_mask=torch.ones(prompt.shape, dtype=torch.long),
                           max_new_tokens=12, do_sample=False, pad_token_id=0).numpy()
    np.testing.assert_array_equal(generate(ours, prompt, 12, greedy=True), expected)
    np.testing.assert_array_equal(generate(ours, prompt, 12, temperature=0), expected)


def test_sampling_draws_from_the_filtered_softmax():
    logits = np.log(np.array([[0.5, 0.3, 0.15, 0.05]]))
    draws = np.concatenate([next_tokens(np.repeat(logits, 2000, 0), np.random.default_rng(s)) for s in range(5)])
    frequencies = np.bincount(draws, minlength=4) / len(draws)
    np.testing.assert_allclose(frequencies, [0.5, 0.3, 0.15, 0.05], atol=0.015)  # ~5 sigma at n = 10000
    draws = next_tokens(np.repeat(logits, 10000, 0), np.random.default_rng(0), top_k=2)
    np.testing.assert_allclose(np.bincount(draws, minlength=4) / 10000, [0.625, 0.375, 0, 0], atol=0.015)
    hot = next_tokens(np.repeat(logits, 10000, 0), np.random.default_rng(0), temperature=100.0)
    assert np.all(np.abs(np.bincount(hot, minlength=4) / 10000 - 0.25) < 0.02)  # nearly uniform


def test_generation_is_seeded_and_respects_the_block_size():
    model = GPT(GPTConfig(vocab_size=20, block_size=8, n_layer=1, n_head=2, n_embd=16), seed=0)
    prompt = [[1, 2, 3]]
    first = generate(model, prompt, 20, temperature=1.5, top_k=10, top_p=0.95, seed=3)
    assert first.shape == (1, 23)  # longer than the block size: the context is cropped
    np.testing.assert_array_equal(first, generate(model, prompt, 20, temperature=1.5, top_k=10, top_p=0.95, seed=3))
    assert not np.array_equal(first, generate(model, prompt, 20, temperature=1.5, seed=4))
    assert model.training  # restored
    stopped = generate(model, [[1, 2], [3, 4]], 30, seed=0, stop_token=int(first[0, 3]))
    assert stopped.shape[1] <= 32


def test_forward_shapes_tying_and_parameter_count():
    config = GPTConfig(vocab_size=SMALL["vocab_size"], block_size=32, n_layer=2, n_head=4, n_embd=64)
    model = GPT(config, seed=0)
    logits, loss = model(token_batch(batch=2, time=9))
    assert logits.shape == (2, 9, config.vocab_size) and loss is None
    last, _ = model(token_batch(batch=2, time=9), last_position_only=True)
    np.testing.assert_allclose(last.data[:, 0], logits.data[:, -1], rtol=1e-6, atol=1e-6)
    assert model.lm_head.weight is model.transformer.wte.weight
    hf = small_hf_gpt2()
    assert model.num_parameters(non_embedding=False) == sum(p.numel() for p in hf.parameters())
    assert model.num_parameters() == model.num_parameters(False) - 32 * 64
    # nanoGPT's initialization: residual projections scaled by 1/sqrt(2 n_layer)
    std = model.transformer.h[0].attn.c_proj.weight.data.std()
    assert std == pytest.approx(0.02 / np.sqrt(4), rel=0.1)
    assert GPT(config, seed=1).state_dict().keys() == model.state_dict().keys()
    a, b = GPT(config, seed=1), GPT(config, seed=1)
    np.testing.assert_array_equal(a.transformer.wte.weight.data, b.transformer.wte.weight.data)


def test_bad_input_raises_clear_errors():
    model = GPT(GPTConfig(vocab_size=10, block_size=4, n_layer=1, n_head=1, n_embd=4), seed=0)
    with pytest.raises(ValueError, match="block size"):
        model(np.zeros((1, 5), dtype=np.int64))
    with pytest.raises(ValueError, match=r"\(batch, time\)"):
        model(np.zeros(3, dtype=np.int64))
    with pytest.raises(TypeError, match="integer token ids"):
        model(np.zeros((1, 3)))
    with pytest.raises(IndexError, match="out of range"):
        model(np.full((1, 3), 10))
    with pytest.raises(ValueError, match="targets must have shape"):
        model(np.zeros((1, 3), dtype=np.int64), np.zeros((1, 2), dtype=np.int64))
    with pytest.raises(ValueError, match="empty sequence"):
        model(np.zeros((1, 0), dtype=np.int64))
    with pytest.raises(ValueError, match="multiple of n_head"):
        GPTConfig(n_embd=10, n_head=3)
    with pytest.raises(ValueError, match="gelu_approximate"):
        GPTConfig(gelu_approximate="sigmoid")
    with pytest.raises(ValueError, match="dropout"):
        GPTConfig(dropout=1.0)
    with pytest.raises(ValueError, match="unknown keys"):
        GPTConfig.from_dict({"n_layers": 3})
    with pytest.raises(ValueError, match="temperature"):
        generate(model, [[1]], 3, temperature=-1)
    with pytest.raises(ValueError, match="top_p"):
        generate(model, [[1]], 3, top_p=0.0)
    with pytest.raises(ValueError, match="top_k"):
        generate(model, [[1]], 3, top_k=0)
    with pytest.raises(ValueError, match="time >= 1"):
        generate(model, [[]], 3)
    with pytest.raises(ValueError, match="NaN"):
        next_tokens(np.array([[0.0, np.nan]]), np.random.default_rng(0))
    assert GPTConfig.from_dict(GPTConfig(n_layer=2).to_dict()) == GPTConfig(n_layer=2)
