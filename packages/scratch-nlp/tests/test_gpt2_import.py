"""GPT-2 import: our GPT holding transformers' GPT2LMHeadModel weights gives transformers' logits.

Oracle: transformers' GPT2LMHeadModel in eval mode (float32) on the same token ids; tolerance
1e-4 (absolute and relative) on the logits. A small config built locally, no downloads.
"""

import json

import numpy as np
import pytest
import scratch_nn as snn
import torch
from gpt2_twins import SMALL, small_hf_gpt2, token_batch
from scratch_nlp.gpt import GPT, GPTConfig
from scratch_nlp.gpt2_import import (
    gpt_config_from_gpt2,
    gpt_from_gpt2_state_dict,
    gpt_from_transformers,
    gpt_state_dict_from_gpt2,
    load_gpt2,
)

TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}


def hf_logits(model, idx):
    with torch.no_grad():
        return model(torch.from_numpy(idx)).logits.numpy()


def our_logits(model, idx):
    with snn.no_grad():
        return model(idx)[0].data


@pytest.mark.parametrize("activation", ["gelu_new", "gelu"])
def test_logits_equal_transformers_from_in_memory_state_dict(activation):
    hf = small_hf_gpt2(activation_function=activation)
    ours = gpt_from_transformers(hf)
    idx = token_batch()
    expected = hf_logits(hf, idx)
    np.testing.assert_allclose(our_logits(ours, idx), expected, **TOLERANCE)
    assert np.abs(expected).max() > 1.0  # the check is not between two near-zero arrays


def test_logits_equal_transformers_via_safetensors_file(tmp_path):
    hf = small_hf_gpt2(seed=1)
    hf.save_pretrained(tmp_path / "lm", safe_serialization=True)
    idx = token_batch(seed=1)
    np.testing.assert_allclose(our_logits(load_gpt2(tmp_path / "lm"), idx), hf_logits(hf, idx), **TOLERANCE)


def test_base_model_layout_without_prefix_and_lm_head_loads(tmp_path):
    # the hub's gpt2/model.safetensors is saved from GPT2Model: "h.0.attn...", no lm_head
    hf = small_hf_gpt2(seed=2)
    hf.transformer.save_pretrained(tmp_path / "base", safe_serialization=True)
    assert not any(key.startswith("transformer.") for key in snn.load(tmp_path / "base" / "model.safetensors"))
    idx = token_batch(seed=2)
    np.testing.assert_allclose(our_logits(load_gpt2(tmp_path / "base"), idx), hf_logits(hf, idx), **TOLERANCE)


def test_full_context_and_single_token_inputs_match():
    hf = small_hf_gpt2(seed=3)
    ours = gpt_from_transformers(hf)
    for idx in (token_batch(batch=2, time=SMALL["n_positions"]), token_batch(batch=1, time=1)):
        np.testing.assert_allclose(our_logits(ours, idx), hf_logits(hf, idx), **TOLERANCE)


def test_bias_free_model_equals_gpt2_with_zero_biases():
    # our bias=False layers (nanoGPT's default) against GPT-2 whose biases are all zero
    hf = small_hf_gpt2(seed=4, zero_biases=True)
    arrays = gpt_state_dict_from_gpt2(hf.state_dict())
    ours = GPT(GPTConfig(vocab_size=SMALL["vocab_size"], block_size=SMALL["n_positions"], n_layer=SMALL["n_layer"], n_head=SMALL["n_head"], n_embd=SMALL["n_embd"],
                         bias=False)).eval()
    ours.load_state_dict({name: snn.from_numpy(arrays[name]) for name in ours.state_dict()})
    idx = token_batch(seed=4)
    np.testing.assert_allclose(our_logits(ours, idx), hf_logits(hf, idx), **TOLERANCE)


def test_config_from_gpt2_config_and_its_json():
    hf = small_hf_gpt2()
    config = gpt_config_from_gpt2(hf.config)
    assert config == gpt_config_from_gpt2(json.loads(hf.config.to_json_string()))
    assert (config.vocab_size, config.block_size, config.n_layer, config.n_head, config.n_embd) == (
        SMALL["vocab_size"], SMALL["n_positions"], SMALL["n_layer"], SMALL["n_head"], SMALL["n_embd"])
    assert config.bias and config.gelu_approximate == "tanh"
    # GPT-2 small's published shape is the default config
    assert GPTConfig() == gpt_config_from_gpt2({"vocab_size": 50257, "n_positions": 1024, "n_layer": 12,
                                                "n_head": 12, "n_embd": 768, "activation_function": "gelu_new"})


def test_weights_are_tied_after_import():
    ours = gpt_from_transformers(small_hf_gpt2())
    assert ours.lm_head.weight is ours.transformer.wte.weight


def test_bad_checkpoints_raise_clear_errors(tmp_path):
    hf = small_hf_gpt2()
    state = dict(hf.state_dict())
    with pytest.raises(FileNotFoundError, match="config.json"):
        load_gpt2(tmp_path)
    with pytest.raises(ValueError, match="activation_function"):
        gpt_config_from_gpt2({**json.loads(hf.config.to_json_string()), "activation_function": "relu"})
    with pytest.raises(ValueError, match="scale_attn_by_inverse_layer_idx"):
        gpt_config_from_gpt2({**json.loads(hf.config.to_json_string()), "scale_attn_by_inverse_layer_idx": True})
    missing = {key: value for key, value in state.items() if "h.1.mlp" not in key}
    with pytest.raises(KeyError, match="missing"):
        gpt_from_gpt2_state_dict(missing, hf.config)
    untied = {**state, "lm_head.weight": state["lm_head.weight"] + 1.0}
    with pytest.raises(ValueError, match="ties"):
        gpt_from_gpt2_state_dict(untied, hf.config)
    wrong = {**state, "transformer.wpe.weight": state["transformer.wpe.weight"][:5]}
    with pytest.raises(ValueError, match="wpe"):
        gpt_from_gpt2_state_dict(wrong, hf.config)
    with pytest.raises(KeyError, match="token embedding"):
        gpt_from_gpt2_state_dict({"foo": np.zeros(3, np.float32)}, hf.config)
    hf.save_pretrained(tmp_path / "lm", safe_serialization=True)
    weights = tmp_path / "lm" / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    with pytest.raises(ValueError, match="truncated"):
        load_gpt2(tmp_path / "lm")
