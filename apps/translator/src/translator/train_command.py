"""`translator train`: fit a Transformer on Tatoeba pairs, with validation loss and BLEU per epoch,
atomic checkpoints (at each epoch end, every few minutes, and when it stops) and --resume."""

import sys
import time
from pathlib import Path

import scratch_nn as snn
from scratch_nn.datasets import sha256_of_file
from scratch_nlp.bleu import corpus_bleu
from scratch_nlp.datasets import load_tatoeba, read_tatoeba, reference_streams, references_by_source
from scratch_nlp.datasets.tatoeba import ATTRIBUTION
from scratch_nlp.translation import (
    CheckpointError,
    CorpusSettings,
    EpochEvent,
    Seq2SeqConfig,
    Seq2SeqTransformer,
    StepEvent,
    StopEvent,
    Trainer,
    TrainingConfig,
    Translator,
    checkpoint_exists,
    encode_pairs,
    load_model,
    load_training_state,
    prepare_splits,
    save_checkpoint,
    special_ids,
    train_shared_tokenizer,
    verify_checkpoint,
)

from .progress import ProgressBar, format_duration
from .splits_file import write_test_split


def add_train_arguments(parser):
    data = parser.add_argument_group("data")
    data.add_argument("--data", help="a manythings/Tatoeba file (English<TAB>Spanish); default: "
                                     "$SCRATCH_DATA_DIR/spa-eng/spa.txt")
    data.add_argument("--download", action="store_true", help="fetch spa.txt if it is missing (needs network)")
    data.add_argument("--max-words", type=int, default=16, help="longest sentence kept, in words (default 16)")
    data.add_argument("--limit", type=int, help="use only the first N pairs (quick runs)")
    data.add_argument("--validation-size", type=int, default=1000, help="validation source sentences (1000)")
    data.add_argument("--test-size", type=int, default=2000, help="held-out test source sentences (2000)")
    data.add_argument("--vocab-size", type=int, default=10_000, help="shared BPE vocabulary (10000)")
    model = parser.add_argument_group("model")
    model.add_argument("--d-model", type=int, default=256)
    model.add_argument("--heads", type=int, default=4)
    model.add_argument("--layers", type=int, default=3, help="encoder and decoder layers each (3)")
    model.add_argument("--feedforward", type=int, default=1024)
    model.add_argument("--dropout", type=float, default=0.1)
    model.add_argument("--max-length", type=int, default=48, help="tokens per sentence, <s> and </s> included")
    training = parser.add_argument_group("training")
    training.add_argument("--epochs", type=int, help="passes over the training pairs (10; on --resume: as saved)")
    training.add_argument("--max-minutes", type=float, help="stop after this much training time")
    training.add_argument("--max-tokens", type=int, default=1500, help="padded tokens per batch (1500)")
    training.add_argument("--lr", type=float, default=1e-3, help="peak learning rate (1e-3)")
    training.add_argument("--warmup", type=int, default=400, help="warmup steps (400)")
    training.add_argument("--schedule", choices=("noam", "cosine"), default="noam")
    training.add_argument("--label-smoothing", type=float, default=0.1)
    training.add_argument("--seed", type=int, default=0)
    training.add_argument("--bleu-sentences", type=int, default=300,
                          help="validation sources translated (greedy) for the BLEU of each epoch (300)")
    training.add_argument("--checkpoint-minutes", type=float, default=5.0, help="save every N minutes (5)")
    training.add_argument("--resume", action="store_true", help="continue the run saved in --checkpoint")


def _load_corpus(args):
    if args.data:
        path = Path(args.data)
        if not path.is_file():
            raise FileNotFoundError(f"--data {path}: no such file")
        about = path.with_name("_about.txt")
        return read_tatoeba(path), (about.read_text(encoding="utf-8") if about.is_file() else ATTRIBUTION), path
    corpus = load_tatoeba("spa", download=args.download)
    return corpus.pairs, corpus.attribution, corpus.path


def _new_run(args, directory):
    pairs, attribution, path = _load_corpus(args)
    settings = CorpusSettings(max_words=args.max_words, validation_size=args.validation_size,
                              test_size=args.test_size, seed=args.seed, limit=args.limit)
    splits = prepare_splits(pairs, settings)
    print(f"corpus {path}: {len(splits.train)} training, {len(splits.validation)} validation, "
          f"{len(splits.test)} test pairs", file=sys.stderr)
    tokenizer = train_shared_tokenizer(splits.train, args.vocab_size)
    model_config = Seq2SeqConfig(vocab_size=tokenizer.vocab_size, d_model=args.d_model, nhead=args.heads,
                                 num_encoder_layers=args.layers, num_decoder_layers=args.layers,
                                 dim_feedforward=args.feedforward, dropout=args.dropout,
                                 max_length=args.max_length, **special_ids(tokenizer))
    training_config = TrainingConfig(epochs=args.epochs or 10, max_tokens=args.max_tokens, learning_rate=args.lr,
                                     warmup_steps=args.warmup, schedule=args.schedule,
                                     label_smoothing=args.label_smoothing, seed=args.seed,
                                     max_minutes=args.max_minutes)
    snn.manual_seed(args.seed)
    model = Seq2SeqTransformer(model_config)
    directory.mkdir(parents=True, exist_ok=True)
    write_test_split(directory, splits.test, attribution)
    extra = {"corpus": settings.to_dict(), "corpus_sha256": sha256_of_file(path), "corpus_file": str(path)}
    return model, tokenizer, training_config, splits, extra


def _resumed_run(args, directory):
    config = verify_checkpoint(directory, for_resume=True)
    model, tokenizer, _ = load_model(directory)
    pairs, _, path = _load_corpus(args)
    if sha256_of_file(path) != config.get("corpus_sha256"):
        raise CheckpointError(f"{path} is not the corpus this checkpoint was trained on (its SHA-256 differs from "
                              f"config.json's); pass the original file with --data")
    settings = CorpusSettings.from_dict(config["corpus"])
    training = dict(config["training"])
    training["epochs"] = args.epochs if args.epochs is not None else training["epochs"]
    training["max_minutes"] = args.max_minutes if args.max_minutes is not None else training["max_minutes"]
    extra = {key: config[key] for key in ("corpus", "corpus_sha256", "corpus_file")}
    return model, tokenizer, TrainingConfig.from_dict(training), prepare_splits(pairs, settings), extra


def _validation_bleu(model, tokenizer, pairs, count):
    sources, references = references_by_source(pairs)
    sources, references = sources[:count], references[:count]
    hypotheses = Translator(model, tokenizer).translate(sources, beam_size=1)
    return corpus_bleu(hypotheses, reference_streams(references)).score


def run_train(args):
    directory = Path(args.checkpoint)
    if args.resume:
        model, tokenizer, training_config, splits, extra = _resumed_run(args, directory)
    else:
        if checkpoint_exists(directory):
            raise CheckpointError(f"{directory} already holds a checkpoint; pass --resume to continue it, or "
                                  f"choose another --checkpoint")
        model, tokenizer, training_config, splits, extra = _new_run(args, directory)
    train_examples = encode_pairs(tokenizer, splits.train, model.config)
    validation_examples = encode_pairs(tokenizer, splits.validation, model.config)
    trainer = Trainer(model, training_config, train_examples, validation_examples)
    if args.resume:
        load_training_state(directory, trainer)
        print(f"resumed at epoch {trainer.epoch + 1}, step {trainer.step} "
              f"({format_duration(trainer.elapsed_seconds)} trained)", file=sys.stderr)
    print(f"model: {model.num_parameters():,} parameters, vocabulary {model.config.vocab_size}; "
          f"{len(train_examples)} training examples", file=sys.stderr)

    def save():
        save_checkpoint(directory, model, tokenizer, training_config, trainer, extra)

    bar, last_save = None, time.perf_counter()
    for event in trainer.fit():
        if isinstance(event, StepEvent):
            if bar is None:
                bar = ProgressBar(event.batches, label=f"epoch {event.epoch + 1}/{training_config.epochs}")
            bar.update(event.batch, loss=event.loss, lr=f"{event.learning_rate:.2e}")
            if time.perf_counter() - last_save > args.checkpoint_minutes * 60:
                save()
                last_save = time.perf_counter()
        elif isinstance(event, EpochEvent):
            if bar is not None:
                bar.close()
                bar = None
            metrics = trainer.history[-1]
            metrics["validation_loss"] = trainer.validation_loss() if validation_examples else None
            metrics["validation_bleu"] = (_validation_bleu(model, tokenizer, splits.validation, args.bleu_sentences)
                                          if splits.validation else None)
            save()
            last_save = time.perf_counter()
            print(f"epoch {event.epoch + 1}: train loss {event.train_loss:.3f}, validation loss "
                  f"{_fmt(metrics['validation_loss'])}, validation BLEU {_fmt(metrics['validation_bleu'], 2)} "
                  f"({format_duration(event.elapsed_seconds)}) -> {directory}", file=sys.stderr)
        elif isinstance(event, StopEvent):
            if bar is not None:
                bar.close()
            save()
            why = "time limit reached" if event.reason == "time" else "all epochs done"
            print(f"stopped ({why}) after {event.step} steps, {format_duration(event.elapsed_seconds)}; "
                  f"checkpoint {directory}", file=sys.stderr)
    return 0


def _fmt(value, digits=3):
    return "n/a" if value is None else f"{value:.{digits}f}"
