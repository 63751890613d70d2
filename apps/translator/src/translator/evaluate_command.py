"""`translator evaluate`: corpus BLEU (sacrebleu's 13a, exp smoothing) on the held-out test split
stored in the checkpoint, every translation of a source counted as a reference, plus samples."""

import sys
import time

from scratch_nlp.translation import Translator, evaluate_bleu

from .splits_file import read_test_split


def add_evaluate_arguments(parser):
    parser.add_argument("--beam", type=int, default=4, help="beam size; 1 is greedy decoding (4)")
    parser.add_argument("--length-penalty", type=float, default=0.6)
    parser.add_argument("--limit", type=int, help="evaluate the first N test sources only")
    parser.add_argument("--samples", type=int, default=8, help="sample translations to show (8)")


def run_evaluate(args):
    translator = Translator.from_checkpoint(args.checkpoint)
    sources, references, attribution = read_test_split(args.checkpoint)
    if args.limit is not None:
        sources, references = sources[: args.limit], references[: args.limit]
    started = time.perf_counter()
    score, hypotheses = evaluate_bleu(translator, sources, references, args.beam, args.length_penalty)
    seconds = time.perf_counter() - started
    print(f"test split: {len(sources)} source sentences, beam {args.beam}, {seconds:.1f} s")
    print(score)
    for source, hypothesis, refs in list(zip(sources, hypotheses, references))[: args.samples]:
        print(f"\n  en:   {source}\n  ours: {hypothesis}\n  ref:  {' | '.join(refs)}")
    if attribution:
        notice = next((line for line in attribution.splitlines() if line.startswith("Attribution")), "")
        print(f"\nSentences: Tatoeba Project, CC-BY 2.0 (FR). {notice}", file=sys.stderr)
    return 0
