"""scratch-nlp beside HF tokenizers (byte-level BPE) and torch (a GPT), on Tiny Shakespeare.

Both sides get the same text: our ByteLevelBPETokenizer against tokenizers.ByteLevelBPETokenizer
(add_prefix_space=False, min_frequency=2, one special token), which learn identical merges.
The text comes from $SCRATCH_DATA_DIR/tinyshakespeare/input.txt (scratch_nn.datasets.data_dir(): else the user cache dir);
without it the suite has no cases.

The GPT case is nanoGPT's shakespeare_char CPU run (4 layers, 4 heads, 128 dims, block 64, batch
12, 2000 iterations, AdamW lr 1e-3 -> 1e-4 cosine after 100 warmup its, betas (0.9, 0.99), weight
decay 0.1, clip 1.0, no dropout) with biases on (GPT-2's layout, GPTConfig's default): our GPT
against the same model written in torch (suites/_torch_gpt.py: nanoGPT's model.py, trimmed),
starting from the same weights (ours, copied), seeing the same batches (one numpy stream) and the
same schedule, once per seed in GPT_SEEDS. Timed: the training steps of all seeds; the val loss
(the quality column) is the mean over 200 fixed random val batches, after training, averaged over
the seeds. benchmarks/nanogpt_reference.py runs nanoGPT's own code path (its RNG, exact GELU,
get_lr) over seeds, for what the recipe itself reaches.
To add a case, write a `_something_case(quick)` returning a
`Case` (or None) and list it in CASE_BUILDERS.
"""


import numpy as np
import tokenizers
import torch
from harness import Case
from scratch_nn.datasets import data_dir

from suites._torch_gpt import TorchGPT, nanogpt_adamw

TITLE = "scratch-nlp vs HF tokenizers (byte-level BPE) and torch (GPT training)"
PEER = "HF tokenizers / torch"
SPECIALS = ["<|endoftext|>"]
GPT_SEEDS = (0, 1, 2)  # one model per seed and side: initial weights and batch stream


def _shakespeare(quick):
    root = data_dir()  # $SCRATCH_DATA_DIR, else the user cache dir
    path = root / "tinyshakespeare" / "input.txt"
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    return text[:100_000] if quick else text


def _train_case(quick):
    from scratch_nlp.tokenizers import ByteLevelBPETokenizer as Ours

    text = _shakespeare(quick)
    if text is None:
        return None
    vocab_size = 2_000 if quick else 10_000

    def peer():
        hf = tokenizers.ByteLevelBPETokenizer()
        hf.train_from_iterator([text], vocab_size=vocab_size, special_tokens=SPECIALS, show_progress=False)
        return hf

    return Case(
        "BPE train (byte-level)",
        f"{len(text) / 1e6:.2f} MB -> vocab {vocab_size}",
        lambda: Ours().train([text], vocab_size, special_tokens=SPECIALS),
        peer,
        repeats=None if quick else 3,
    )


def _encode_case(quick):
    from scratch_nlp.tokenizers import ByteLevelBPETokenizer as Ours

    text = _shakespeare(quick)
    if text is None:
        return None
    vocab_size = 2_000 if quick else 10_000
    ours = Ours().train([text], vocab_size, special_tokens=SPECIALS)
    peer = tokenizers.ByteLevelBPETokenizer()
    peer.train_from_iterator([text], vocab_size=vocab_size, special_tokens=SPECIALS, show_progress=False)
    return Case(
        "encode whole text (warm word caches)",
        f"{len(text) / 1e6:.2f} MB, vocab {vocab_size}",
        lambda: ours.encode(text),
        lambda: peer.encode(text),
    )


def _torch_val_loss(model, val_data, block_size, eval_batches, batch_size, seed):
    from scratch_nlp.gpt.batches import random_windows

    rng = np.random.default_rng(seed)
    with torch.no_grad():
        losses = [model(*map(torch.from_numpy, random_windows(val_data, block_size, batch_size, rng))).item()
                  for _ in range(eval_batches)]
    return float(np.mean(losses))


def _gpt_case(quick):
    from scratch_nlp.gpt import GPT, GPTConfig, TrainConfig, Trainer, evaluate
    from scratch_nlp.tokenizers import CharTokenizer

    text = _shakespeare(quick=False)
    if text is None:
        return None
    tokenizer = CharTokenizer().train([text])
    data = np.array(tokenizer.encode(text).ids, dtype=np.int64)
    split = int(0.9 * len(data))
    train_data, val_data = data[:split], data[split:]
    iters = 50 if quick else 2000
    seeds = (0,) if quick else GPT_SEEDS
    batch_size = 12
    config = GPTConfig(vocab_size=tokenizer.vocab_size, block_size=64, n_layer=4, n_head=4, n_embd=128,
                       dropout=0.0, bias=True, gelu_approximate="tanh")

    def train_config(seed):
        return TrainConfig(batch_size=batch_size, max_iters=iters, learning_rate=1e-3, min_lr=1e-4,
                           warmup_iters=10 if quick else 100, lr_decay_iters=iters if quick else 2000,
                           beta1=0.9, beta2=0.99, weight_decay=0.1, grad_clip=1.0, seed=1337 + seed)

    eval_batches, eval_seed = (20 if quick else 200), 7

    def ours():
        models = []
        for seed in seeds:
            model = GPT(config, seed=seed)
            trainer = Trainer(model, train_data, val_data, train_config(seed))
            for _ in range(iters):
                trainer.step()
            models.append(model)
        return models

    def peer():
        # GPT(config, seed=seed): the torch twin starts from the same weights as ours
        return [_train_torch_twin(GPT(config, seed=seed), train_config(seed), train_data, iters)
                for seed in seeds]

    def quality(models):
        losses = [_torch_val_loss(model, val_data, config.block_size, eval_batches, batch_size, eval_seed)
                  if isinstance(model, torch.nn.Module) else
                  evaluate(model, val_data, eval_batches, batch_size, seed=eval_seed) for model in models]
        if len(losses) == 1:
            return f"val loss {losses[0]:.4f}"
        each = ", ".join(f"{loss:.4f}" for loss in losses)
        return f"val loss {np.mean(losses):.4f} (mean of {len(losses)} seeds: {each}; target <= 1.88)"

    return Case(
        "GPT training (nanoGPT shakespeare_char, CPU config)",
        f"4x4x128, block 64, batch {batch_size}, {iters} its, seeds: {len(seeds)}",
        ours,
        peer,
        target=2.0,
        repeats=1,
        quality=quality,
    )


def _train_torch_twin(reference, train, train_data, iters):
    """The torch GPT from our `reference`'s weights, trained on the Trainer's batches and schedule."""
    from scratch_nlp.gpt.batches import random_windows

    config = reference.config
    model = TorchGPT(config)
    model.load_state_dict({name: torch.from_numpy(value.data.copy()) for name, value in
                           reference.state_dict().items()})
    optimizer = nanogpt_adamw(model, train.learning_rate, (train.beta1, train.beta2), train.weight_decay)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, train.schedule())
    rng = np.random.default_rng(train.seed)  # the same batch stream as the Trainer's
    for _ in range(iters):
        x, y = random_windows(train_data, config.block_size, train.batch_size, rng)
        loss = model(torch.from_numpy(x), torch.from_numpy(y))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), train.grad_clip)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        scheduler.step()
    return model


CASE_BUILDERS = [_train_case, _encode_case, _gpt_case]

NOTES = """Timings were taken with one thread per side (--threads 1), the second core running short
single-threaded profiling jobs during this run (load average 1.1 to 1.6; an earlier run at load 8
gave 557 s vs 334 s for one GPT seed, 1.67x): with two threads, torch's and OpenBLAS's thread
pools spin against the other processes and both sides slow down erratically.
Issue targets: BPE training to vocab 10000 under 30 s (absolute, ours); GPT training within 2x of
torch's time and val loss <= 1.88 (nanoGPT's published figure for this config).

GPT: the same weights, batches, schedule and steps on both sides; nanoGPT's exact GELU is replaced
by its tanh form (GPT-2's, within 4.8e-4 of the exact one everywhere) on both sides, because
scratch-optim's erf costs more than the rest of the MLP (ours with the exact GELU, run once
outside the table: val loss 1.9092 against 1.9094 with tanh). Ours and torch agree to the 4th
decimal on every seed, so the gap to 1.88 is nanoGPT's recipe, not the implementation: its own
code path (benchmarks/nanogpt_reference.py, torch alone, its RNG) gives, at iteration 2000 over
200 val batches, without biases (train.py's default, the README's command) a mean of 1.9106 over 6
seeds (1.9019 to 1.9157; nanoGPT's logged 20-batch estimate 1.9044 to 1.9339), with biases 1.8937
(1.8779 to 1.9046; 20-batch 1.8787 to 1.9303). The 1.88 in nanoGPT's README is one run's 20-batch
estimate (eval_iters=20); such estimates differ from the 200-batch figure by up to 0.02. Without
biases (nanoGPT's train.py default) this case gave 1.9094 (seed 0, one run).
Both BPE tokenizers learn the same 9743 merges (checked in the tests). Training: the whole of Tiny
Shakespeare (1.1 MB) as one text, vocab 10000 incl. one special token, min_frequency 2; ours
counts pairs incrementally (word table + heap with lazy invalidation), HF's BpeTrainer does the
same in Rust. Encoding: the whole text as one string to ids, tokens and offsets; both sides keep
their per-word cache from the warm-up run (HF's BPE caches words too)."""


def cases(quick=False):
    for build in CASE_BUILDERS:
        case = build(quick)
        if case is not None:
            yield case
