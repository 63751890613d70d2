"""textgen's command line: train a GPT on a text file, generate from a prompt, report perplexity.

    uv run apps/textgen train --out runs/shakespeare                     # char-level, Tiny Shakespeare
    uv run apps/textgen train --tokenizer bpe --vocab-size 1024 --data my.txt --out runs/mine
    uv run apps/textgen train --out runs/shakespeare --resume            # continue an interrupted run
    uv run apps/textgen generate --run runs/shakespeare --prompt "ROMEO:" --max-new-tokens 300
    uv run apps/textgen eval --run runs/shakespeare                      # val loss and perplexity

Defaults are nanoGPT's shakespeare_char CPU run (4 layers, 4 heads, 128 dims, block 64, batch 12,
2000 iterations, lr 1e-3 -> 1e-4). Exit status: 0 done, 1 an error (missing data, a broken run
folder: the message says which), 2 bad arguments, 130 interrupted by Ctrl-C after saving a
checkpoint (continue with --resume).
"""

import argparse
import math
import sys
from pathlib import Path

from scratch_nlp.gpt import (
    GPT,
    GPTConfig,
    TrainConfig,
    Trainer,
    generate,
    load_model,
    read_checkpoint_info,
    resume_trainer,
    save_checkpoint,
)

from .corpus import TOKENIZER_FILE, TOKENIZERS, CorpusError, load_corpus, load_tokenizer
from .perplexity import mean_loss
from .progress import ProgressBar


def _positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text}")
    return value


def _non_negative_float(text):
    value = float(text)
    if not value >= 0 or not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a number >= 0, got {text}")
    return value


def _fraction(text):
    value = float(text)
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {text}")
    return value


def build_parser():
    parser = argparse.ArgumentParser(prog="textgen", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    train = commands.add_parser("train", help="train a GPT on a text file")
    train.add_argument("--data", help="UTF-8 text file (default: $SCRATCH_DATA_DIR/tinyshakespeare/input.txt)")
    train.add_argument("--out", default="runs/textgen", help="run folder for checkpoints (default runs/textgen)")
    train.add_argument("--resume", action="store_true", help="continue the run saved in --out")
    train.add_argument("--tokenizer", choices=TOKENIZERS, default="char")
    train.add_argument("--vocab-size", type=_positive_int, default=512, help="BPE vocabulary size (>= 257)")
    train.add_argument("--n-layer", type=_positive_int, default=4)
    train.add_argument("--n-head", type=_positive_int, default=4)
    train.add_argument("--n-embd", type=_positive_int, default=128)
    train.add_argument("--block-size", type=_positive_int, default=64)
    train.add_argument("--dropout", type=_non_negative_float, default=0.0)
    train.add_argument("--batch-size", type=_positive_int, default=12)
    train.add_argument("--max-iters", type=_positive_int, default=2000)
    train.add_argument("--lr", type=_non_negative_float, default=1e-3, help="peak learning rate (min: lr / 10)")
    train.add_argument("--eval-interval", type=_positive_int, default=250)
    train.add_argument("--eval-iters", type=_positive_int, default=20)
    train.add_argument("--sample-interval", type=int, default=500, help="print a sample every N its (0: never)")
    train.add_argument("--sample-tokens", type=_positive_int, default=200)
    train.add_argument("--seed", type=int, default=1337)

    gen = commands.add_parser("generate", help="continue a prompt with a trained model")
    gen.add_argument("--run", default="runs/textgen", help="run folder written by train")
    gen.add_argument("--prompt", default="\n")
    gen.add_argument("--max-new-tokens", type=_positive_int, default=500)
    gen.add_argument("--num-samples", type=_positive_int, default=1)
    gen.add_argument("--temperature", type=_non_negative_float, default=0.8, help="0 means greedy")
    gen.add_argument("--top-k", type=_positive_int, default=None)
    gen.add_argument("--top-p", type=_fraction, default=None)
    gen.add_argument("--greedy", action="store_true")
    gen.add_argument("--seed", type=int, default=0)

    evaluate = commands.add_parser("eval", help="loss and perplexity on the validation (or training) text")
    evaluate.add_argument("--run", default="runs/textgen", help="run folder written by train")
    evaluate.add_argument("--data", help="another text file to evaluate on (default: the training run's)")
    evaluate.add_argument("--split", choices=("val", "train"), default="val")
    evaluate.add_argument("--batch-size", type=_positive_int, default=32)
    return parser


def _sample_text(model, tokenizer, prompt, tokens, seed, **options):
    ids = tokenizer.encode(prompt).ids
    if not ids:
        raise ValueError("the prompt is empty; give at least one character")
    out = generate(model, [ids], tokens, seed=seed, **options)
    return tokenizer.decode(out[0].tolist())


def _new_trainer(args, out):
    if (Path(args.out) / "checkpoint.json").exists():
        raise CorpusError(f"{args.out} already holds a run; continue it with --resume or choose another --out")
    corpus = load_corpus(args.data, args.tokenizer, args.vocab_size, args.block_size)
    config = GPTConfig(vocab_size=corpus.tokenizer.vocab_size, block_size=args.block_size, n_layer=args.n_layer,
                       n_head=args.n_head, n_embd=args.n_embd, dropout=args.dropout, bias=False)
    train_config = TrainConfig(batch_size=args.batch_size, max_iters=args.max_iters, learning_rate=args.lr,
                               min_lr=args.lr / 10, warmup_iters=min(100, args.max_iters // 10),
                               lr_decay_iters=args.max_iters, eval_interval=args.eval_interval,
                               eval_iters=args.eval_iters, seed=args.seed)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    corpus.tokenizer.save(Path(args.out) / TOKENIZER_FILE)
    model = GPT(config, seed=args.seed)
    extra = {"tokenizer": args.tokenizer, "data": None if args.data is None else str(Path(args.data).resolve()),
             "sample_interval": args.sample_interval, "sample_tokens": args.sample_tokens}
    print(f"{corpus.source}: {len(corpus.train_ids):,} training and {len(corpus.val_ids):,} validation tokens, "
          f"{args.tokenizer} tokenizer with {corpus.tokenizer.vocab_size} ids; GPT with "
          f"{model.num_parameters() / 1e6:.2f}M parameters", file=out)
    return Trainer(model, corpus.train_ids, corpus.val_ids, train_config), corpus, extra


def _resumed_trainer(args, out):
    info = read_checkpoint_info(args.out)
    extra = info["extra"]
    tokenizer = load_tokenizer(extra["tokenizer"], Path(args.out) / TOKENIZER_FILE)
    corpus = load_corpus(extra["data"], extra["tokenizer"], block_size=info["model_config"]["block_size"],
                         existing_tokenizer=tokenizer)
    trainer = resume_trainer(args.out, corpus.train_ids, corpus.val_ids)
    print(f"resuming {args.out} at iteration {trainer.iteration}/{trainer.config.max_iters}", file=out)
    return trainer, corpus, extra


def train_command(args, out):
    trainer, corpus, extra = (_resumed_trainer if args.resume else _new_trainer)(args, out)
    bar = ProgressBar(trainer.config.max_iters, start=trainer.iteration)

    def on_eval(iteration, losses):
        bar.clear()
        print(f"iter {iteration}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}", file=out)
        save_checkpoint(args.out, trainer.model, trainer, extra)

    def on_step(iteration, loss, lr):
        bar.update(iteration, loss, lr)
        interval = extra["sample_interval"]
        if interval > 0 and iteration % interval == 0 and iteration < trainer.config.max_iters:
            bar.clear()
            text = _sample_text(trainer.model, corpus.tokenizer, "\n", extra["sample_tokens"], seed=iteration)
            print(f"--- sample at iter {iteration} ---{text}\n---", file=out)

    trainer.on_step, trainer.on_eval = on_step, on_eval
    try:
        trainer.run()
    except KeyboardInterrupt:
        bar.clear()
        save_checkpoint(args.out, trainer.model, trainer, extra)
        print(f"interrupted at iteration {trainer.iteration}; saved to {args.out} (continue with --resume)",
              file=out)
        return 130
    bar.clear()
    final = trainer.history[-1]
    print(f"done: val loss {final['val']:.4f} (perplexity {math.exp(final['val']):.2f}); saved to {args.out}",
          file=out)
    return 0


def _load_run(run):
    model, info = load_model(run)
    tokenizer = load_tokenizer(info["extra"]["tokenizer"], Path(run) / TOKENIZER_FILE)
    return model, info, tokenizer


def generate_command(args, out):
    model, _, tokenizer = _load_run(args.run)
    for index in range(args.num_samples):
        text = _sample_text(model, tokenizer, args.prompt, args.max_new_tokens, seed=args.seed + index,
                            temperature=args.temperature, top_k=args.top_k, top_p=args.top_p, greedy=args.greedy)
        print(text if args.num_samples == 1 else f"--- sample {index + 1} ---\n{text}", file=out)
    return 0


def eval_command(args, out):
    model, info, tokenizer = _load_run(args.run)
    data = args.data if args.data is not None else info["extra"]["data"]
    corpus = load_corpus(data, info["extra"]["tokenizer"], block_size=model.config.block_size,
                         existing_tokenizer=tokenizer)
    ids = corpus.val_ids if args.split == "val" else corpus.train_ids
    loss, tokens = mean_loss(model, ids, args.batch_size)
    print(f"{corpus.source}, {args.split} split: loss {loss:.4f}, perplexity {math.exp(loss):.2f} "
          f"({tokens:,} predicted tokens)", file=out)
    return 0


COMMANDS = {"train": train_command, "generate": generate_command, "eval": eval_command}


def main(argv=None, out=None):
    args = build_parser().parse_args(argv)
    out = out if out is not None else sys.stdout
    try:
        return COMMANDS[args.command](args, out)
    except (CorpusError, FileNotFoundError, ValueError, KeyError) as error:
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        print(f"textgen {args.command}: error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
