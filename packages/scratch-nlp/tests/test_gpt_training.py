"""GPT training against torch: the same weights and batch give transformers' loss and gradients,
and AdamW + clipping + the schedule take torch's steps; the Trainer learns, is seeded, and resumes.

Oracle: transformers' GPT2LMHeadModel (labels shift inside it: its loss on x equals ours on
x[:, :-1] with targets x[:, 1:]) with torch.optim.AdamW, clip_grad_norm_ and LambdaLR.
Tolerances: loss 1e-5, gradients 1e-4 (rtol and atol, float32), weights after 3 steps 1e-5.
"""

import math

import numpy as np
import pytest
import scratch_nn as snn
import torch
from gpt2_twins import SMALL, small_hf_gpt2, token_batch
from scratch_nlp.gpt import (
    GPT,
    GPTConfig,
    TrainConfig,
    Trainer,
    WarmupCosine,
    adamw_for,
    evaluate,
    load_model,
    resume_trainer,
    save_checkpoint,
)
from scratch_nlp.gpt.batches import random_windows
from scratch_nlp.gpt2_import import gpt_from_transformers

CONV1D = ("c_attn.weight", "c_proj.weight", "c_fc.weight")


def hf_grad(param, name):
    """transformers' gradient in our layout (its Conv1D weights are transposed)."""
    grad = param.grad.numpy()
    return grad.T if name.endswith(CONV1D) else grad


def test_loss_and_gradients_equal_transformers():
    hf = small_hf_gpt2(seed=5)
    ours = gpt_from_transformers(hf).train()
    idx = token_batch(batch=4, time=SMALL["n_positions"], seed=5)
    hf.train()
    hf_loss = hf(torch.from_numpy(idx), labels=torch.from_numpy(idx)).loss
    hf_loss.backward()
    _, loss = ours(idx[:, :-1], idx[:, 1:])
    loss.backward()
    assert loss.item() == pytest.approx(hf_loss.item(), rel=1e-5, abs=1e-5)
    hf_params = dict(hf.named_parameters())
    for name, param in ours.named_parameters():
        np.testing.assert_allclose(param.grad.data, hf_grad(hf_params[name], name), rtol=1e-4, atol=1e-4,
                                   err_msg=name)
    # the tied embedding's gradient sums the input-lookup and output-layer parts, in both libraries
    assert np.abs(ours.transformer.wte.weight.grad.data).max() > 0


def test_adamw_clipping_and_schedule_take_torchs_steps():
    hf = small_hf_gpt2(seed=6)
    ours = gpt_from_transformers(hf).train()
    hf.train()
    config = TrainConfig(batch_size=3, max_iters=3, learning_rate=3e-3, min_lr=3e-4, warmup_iters=1,
                         lr_decay_iters=3, grad_clip=0.5)
    optimizer = adamw_for(ours, config)
    scheduler = snn.optim.lr_scheduler.LambdaLR(optimizer, config.schedule())
    hf_params = dict(hf.named_parameters())
    torch_optimizer = torch.optim.AdamW(
        [{"params": [p for p in hf.parameters() if p.dim() >= 2], "weight_decay": config.weight_decay},
         {"params": [p for p in hf.parameters() if p.dim() < 2], "weight_decay": 0.0}],
        lr=config.learning_rate, betas=(config.beta1, config.beta2))
    torch_scheduler = torch.optim.lr_scheduler.LambdaLR(torch_optimizer, config.schedule())
    for step in range(3):
        idx = token_batch(batch=3, time=17, seed=10 + step)
        _, loss = ours(idx[:, :-1], idx[:, 1:])
        loss.backward()
        norm = snn.nn.utils.clip_grad_norm_(ours.parameters(), config.grad_clip)
        optimizer.step()
        optimizer.zero_grad()
        scheduler.step()
        hf(torch.from_numpy(idx), labels=torch.from_numpy(idx)).loss.backward()
        torch_norm = torch.nn.utils.clip_grad_norm_(hf.parameters(), config.grad_clip)
        torch_optimizer.step()
        torch_optimizer.zero_grad()
        torch_scheduler.step()
        assert float(norm.item()) == pytest.approx(torch_norm.item(), rel=1e-4)
        assert torch_norm.item() > config.grad_clip  # clipping did act
    for name, param in ours.named_parameters():
        theirs = hf_params[name].detach().numpy()
        theirs = theirs.T if name.endswith(CONV1D) else theirs
        ours_value = param.data
        if name.endswith("attn.c_attn.bias"):
            # subtle: the key bias adds q.b_k to all of a query's scores, which softmax ignores: its
            # true gradient is 0 and both libraries hold rounding noise there, which Adam's
            # normalization turns into steps of up to lr. Compare query and value biases only.
            width = SMALL["n_embd"]
            keys = slice(width, 2 * width)
            assert np.abs(ours_value[keys] - theirs[keys]).max() < 3 * config.learning_rate
            ours_value, theirs = np.delete(ours_value, np.r_[keys]), np.delete(theirs, np.r_[keys])
        np.testing.assert_allclose(ours_value, theirs, rtol=1e-5, atol=1e-5, err_msg=name)


def nanogpt_get_lr(it, learning_rate=1e-3, min_lr=1e-4, warmup_iters=100, lr_decay_iters=2000):
    """nanoGPT's train.py get_lr, verbatim."""
    if it < warmup_iters:
        return learning_rate * (it + 1) / (warmup_iters + 1)
    if it > lr_decay_iters:
        return min_lr
    decay_ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters)
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return min_lr + coeff * (learning_rate - min_lr)


def test_schedule_equals_nanogpts_and_drives_the_optimizer():
    schedule = WarmupCosine(1e-3, 1e-4, 100, 2000)
    for it in (0, 1, 50, 99, 100, 101, 1050, 1999, 2000, 2001, 5000):
        assert schedule.lr(it) == pytest.approx(nanogpt_get_lr(it), rel=1e-12)
    assert schedule.lr(0) == pytest.approx(1e-3 / 101) and schedule.lr(2000) == pytest.approx(1e-4)
    model = GPT(GPTConfig(vocab_size=11, block_size=8, n_layer=1, n_head=2, n_embd=8), seed=0)
    data = np.arange(200) % 11
    seen = []
    trainer = Trainer(model, data, data, TrainConfig(batch_size=2, max_iters=6, warmup_iters=2, lr_decay_iters=5,
                                                     eval_interval=100, eval_iters=1),
                      on_step=lambda it, loss, lr: seen.append(lr))
    trainer.run()
    expected = WarmupCosine(1e-3, 1e-4, 2, 5)
    assert seen == pytest.approx([expected.lr(it) for it in range(6)], rel=1e-12)


def test_random_windows_worked_example_and_next_token_targets():
    data = np.array([5, 6, 7, 8])
    x, y = random_windows(data, 2, 50, np.random.default_rng(0))
    assert {tuple(row) for row in x} == {(5, 6), (6, 7)}  # starts 0 and 1 only: y must fit
    np.testing.assert_array_equal(y, x + 1)


def tiny_corpus():
    text = "the cat sat on the mat. " * 40
    chars = sorted(set(text))
    return np.array([chars.index(c) for c in text]), len(chars)


def tiny_trainer(max_iters=60, seed=3, dropout=0.1, **callbacks):
    data, vocab = tiny_corpus()
    model = GPT(GPTConfig(vocab_size=vocab, block_size=16, n_layer=1, n_head=2, n_embd=32, dropout=dropout,
                          bias=False), seed=seed)
    config = TrainConfig(batch_size=8, max_iters=max_iters, learning_rate=1e-2, min_lr=1e-3, warmup_iters=min(5, max_iters - 1),
                         lr_decay_iters=max_iters, eval_interval=20, eval_iters=4, seed=seed)
    return Trainer(model, data[:800], data[800:], config, **callbacks)


def test_trainer_learns_a_repetitive_text():
    trainer = tiny_trainer(max_iters=100)
    history = trainer.run()
    assert [entry["iteration"] for entry in history] == [0, 20, 40, 60, 80, 100]
    assert history[0]["val"] > 2.0  # ~ log(vocab) at the start
    assert history[-1]["val"] < 0.5  # the sentence is memorized (a floor with a wide margin)


def test_training_is_seeded():
    first, second, other = tiny_trainer(20), tiny_trainer(20), tiny_trainer(20, seed=4)
    assert first.run() == second.run()
    assert first.run() != other.run()


def test_checkpoint_resume_continues_exactly(tmp_path):
    uninterrupted = tiny_trainer(40)
    uninterrupted.run()
    interrupted = tiny_trainer(40)
    for _ in range(25):
        interrupted.step()
    save_checkpoint(tmp_path / "ckpt", interrupted.model, interrupted, extra={"note": "halfway"})
    data, _ = tiny_corpus()
    resumed = resume_trainer(tmp_path / "ckpt", data[:800], data[800:])
    assert resumed.iteration == 25
    resumed.run()
    assert resumed.iteration == 40
    assert resumed.history[-1] == uninterrupted.history[-1]
    for (name, a), b in zip(resumed.model.state_dict().items(), uninterrupted.model.state_dict().values()):
        np.testing.assert_array_equal(a.data, b.data, err_msg=name)
    model, info = load_model(tmp_path / "ckpt")
    assert info["extra"] == {"note": "halfway"} and info["iteration"] == 25
    for (name, a), b in zip(model.state_dict().items(), interrupted.model.state_dict().values()):
        np.testing.assert_array_equal(a.data, b.data, err_msg=name)


def test_checkpoint_errors_name_the_problem(tmp_path):
    trainer = tiny_trainer(2, dropout=0.0)
    with pytest.raises(FileNotFoundError, match="checkpoint.json"):
        load_model(tmp_path)
    save_checkpoint(tmp_path / "model_only", trainer.model)
    data, _ = tiny_corpus()
    with pytest.raises(ValueError, match="model only"):
        resume_trainer(tmp_path / "model_only", data, data)
    (tmp_path / "model_only" / "model.safetensors").unlink()
    with pytest.raises(FileNotFoundError, match="weights"):
        load_model(tmp_path / "model_only")
    save_checkpoint(tmp_path / "bad", trainer.model)
    (tmp_path / "bad" / "checkpoint.json").write_text("{not json")
    with pytest.raises(ValueError, match="corrupt"):
        load_model(tmp_path / "bad")
    (tmp_path / "bad" / "checkpoint.json").write_text('{"format": "something else"}')
    with pytest.raises(ValueError, match="not a scratch_nlp GPT checkpoint"):
        load_model(tmp_path / "bad")


def test_trainer_rejects_bad_data_and_options():
    model = GPT(GPTConfig(vocab_size=5, block_size=8, n_layer=1, n_head=1, n_embd=4), seed=0)
    good = np.arange(100) % 5
    with pytest.raises(ValueError, match="fewer than block_size"):
        Trainer(model, good[:8], good)
    with pytest.raises(ValueError, match="outside"):
        Trainer(model, good + 1, good)
    with pytest.raises(ValueError, match="1-D array of token ids"):
        Trainer(model, good.astype(float), good)
    with pytest.raises(ValueError, match="warmup_iters < decay_iters"):
        TrainConfig(warmup_iters=100, lr_decay_iters=50)
    with pytest.raises(ValueError, match="batch_size"):
        TrainConfig(batch_size=0)
    with pytest.raises(TypeError, match="TrainConfig"):
        Trainer(model, good, good, {"batch_size": 2})
    with pytest.raises(FloatingPointError, match="lower the learning rate"):
        with snn.no_grad():
            model.transformer.wte.weight.data[:] = np.nan
        Trainer(model, good, good, TrainConfig(batch_size=2)).step()


def test_evaluate_is_seeded_and_leaves_the_mode_alone():
    trainer = tiny_trainer(1)
    model, data = trainer.model, trainer.val_data
    model.train()
    assert evaluate(model, data, 3, 4, seed=1) == evaluate(model, data, 3, 4, seed=1)
    assert evaluate(model, data, 3, 4, seed=1) != evaluate(model, data, 3, 4, seed=2)
    assert model.training


def test_gradients_equal_central_differences_in_float64():
    # independent of torch: d loss / d theta for a sample of entries of every parameter
    previous = snn.get_default_dtype()
    snn.set_default_dtype(snn.float64)
    try:
        model = GPT(GPTConfig(vocab_size=13, block_size=6, n_layer=2, n_head=2, n_embd=8, gelu_approximate="none"),
                    seed=0)
    finally:
        snn.set_default_dtype(previous)
    rng = np.random.default_rng(0)
    with snn.no_grad():
        for param in model.parameters():  # move biases and gains off their 0 / 1 initial values
            param.data += 0.1 * rng.standard_normal(param.shape)
    x, y = rng.integers(0, 13, (3, 6)), rng.integers(0, 13, (3, 6))
    _, loss = model(x, y)
    loss.backward()
    step = 1e-6
    for name, param in model.named_parameters():
        for flat in rng.choice(param.numel(), size=min(4, param.numel()), replace=False):
            index = np.unravel_index(flat, param.shape)
            original = param.data[index]
            with snn.no_grad():
                param.data[index] = original + step
                up = model(x, y)[1].item()
                param.data[index] = original - step
                down = model(x, y)[1].item()
                param.data[index] = original
            assert param.grad.data[index] == pytest.approx((up - down) / (2 * step), rel=1e-5, abs=1e-8), name
