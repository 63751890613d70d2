"""nanoGPT's own shakespeare_char CPU run, in torch alone, over several seeds: the reference spread.

The nlp suite compares our GPT with a torch twin that shares our weights and batches, so the two
agree to the 4th decimal. This script answers the other question: what val loss does nanoGPT's
recipe itself reach, with nanoGPT's own code path (its init under torch.manual_seed, batches from
torch.randint, the exact GELU, its get_lr)? It follows the README's command

    python train.py config/train_shakespeare_char.py --device=cpu --compile=False --eval_iters=20
        --log_interval=1 --block_size=64 --batch_size=12 --n_layer=4 --n_head=4 --n_embd=128
        --max_iters=2000 --lr_decay_iters=2000 --dropout=0.0

(train.py's defaults fill the rest: bias=False, weight decay 0.1 on every matrix, clip 1.0) and
prints, per seed, the 20-batch estimate nanoGPT logs and a 200-batch one.

    uv run benchmarks/nanogpt_reference.py --seeds 1337 1 2 [--bias]
"""

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch
from scratch_nlp.gpt import GPTConfig
from scratch_nn.datasets import data_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from suites._torch_gpt import TorchGPT, init_like_nanogpt, nanogpt_adamw

BLOCK, BATCH, LAYERS, HEADS, EMBED = 64, 12, 4, 4, 128
ITERS, WARMUP, MAX_LR, MIN_LR = 2000, 100, 1e-3, 1e-4


def get_batch(data):
    starts = torch.randint(len(data) - BLOCK, (BATCH,))
    return (torch.stack([data[i:i + BLOCK] for i in starts]),
            torch.stack([data[i + 1:i + 1 + BLOCK] for i in starts]))


def get_lr(iteration):
    """nanoGPT's get_lr: linear warmup, then cosine from MAX_LR down to MIN_LR."""
    if iteration < WARMUP:
        return MAX_LR * (iteration + 1) / (WARMUP + 1)
    ratio = (iteration - WARMUP) / (ITERS - WARMUP)
    return MIN_LR + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (MAX_LR - MIN_LR)


@torch.no_grad()
def estimate_loss(model, data, batches):
    model.eval()
    loss = float(np.mean([model(*get_batch(data)).item() for _ in range(batches)]))
    model.train()
    return loss


def run(seed, bias, train_data, val_data, vocab_size):
    torch.manual_seed(seed)
    config = GPTConfig(vocab_size=vocab_size, block_size=BLOCK, n_layer=LAYERS, n_head=HEADS,
                       n_embd=EMBED, bias=bias, gelu_approximate="none")  # nanoGPT's nn.GELU()
    model = init_like_nanogpt(TorchGPT(config))
    optimizer = nanogpt_adamw(model, MAX_LR, (0.9, 0.99), weight_decay=0.1)
    x, y = get_batch(train_data)
    for iteration in range(ITERS):
        for group in optimizer.param_groups:
            group["lr"] = get_lr(iteration)
        loss = model(x, y)
        x, y = get_batch(train_data)  # nanoGPT fetches the next batch while the GPU works
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
    return estimate_loss(model, val_data, 20), estimate_loss(model, val_data, 200)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1337, 1, 2, 3, 4, 5])
    parser.add_argument("--bias", action="store_true",
                        help="biases in Linear and LayerNorm (GPT-2's layout)")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    path = data_dir() / "tinyshakespeare" / "input.txt"
    if not path.is_file():
        raise SystemExit(f"no Tiny Shakespeare at {path}: set SCRATCH_DATA_DIR")
    text = path.read_text(encoding="utf-8")
    chars = sorted(set(text))
    index = {char: i for i, char in enumerate(chars)}
    data = torch.tensor([index[char] for char in text], dtype=torch.long)
    split = int(0.9 * len(data))
    estimates = []
    for seed in args.seeds:
        start = time.perf_counter()
        val_20, val_200 = run(seed, args.bias, data[:split], data[split:], len(chars))
        estimates.append(val_200)
        print(f"seed {seed:5d} bias {args.bias}: val loss {val_20:.4f} (20 batches), "
              f"{val_200:.4f} (200 batches)  [{time.perf_counter() - start:.0f} s]", flush=True)
    print(f"mean over {len(estimates)} seeds (200 batches): {np.mean(estimates):.4f}, "
          f"min {np.min(estimates):.4f}, max {np.max(estimates):.4f}")


if __name__ == "__main__":
    main()
