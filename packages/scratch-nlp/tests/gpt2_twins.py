"""Shared helpers for the GPT tests: a small transformers GPT-2 with random weights, and our twin."""

import numpy as np
import torch
from transformers import GPT2Config, GPT2LMHeadModel

SMALL = {"vocab_size": 97, "n_positions": 32, "n_layer": 2, "n_head": 4, "n_embd": 64}


def small_hf_gpt2(seed=0, activation_function="gelu_new", zero_biases=False):
    """GPT2LMHeadModel (eval mode, no dropout) whose every weight, bias and gain is random (seeded),
    so a mapping mistake anywhere (a transposition, a swapped LayerNorm) changes the logits."""
    torch.manual_seed(seed)
    config = GPT2Config(**SMALL, activation_function=activation_function, resid_pdrop=0.0, embd_pdrop=0.0,
                        attn_pdrop=0.0, bos_token_id=0, eos_token_id=0,
                        attn_implementation="eager")
    model = GPT2LMHeadModel(config)
    with torch.no_grad():
        for name, param in model.named_parameters():
            if name.endswith("bias"):
                param.copy_(torch.zeros_like(param) if zero_biases else 0.1 * torch.randn_like(param))
            elif ".ln_" in name:
                param.copy_(1.0 + 0.2 * torch.randn_like(param))
            else:
                param.copy_(0.1 * torch.randn_like(param))
    return model.eval()


def token_batch(batch=3, time=20, seed=0):
    return np.random.default_rng(seed).integers(0, SMALL["vocab_size"], size=(batch, time))
