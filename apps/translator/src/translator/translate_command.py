"""`translator translate`: text from the arguments, lines from stdin, or an interactive prompt."""

import sys

from scratch_nlp.translation import Translator


def add_translate_arguments(parser):
    parser.add_argument("text", nargs="*", help="sentences to translate (none: read stdin, or prompt on a terminal)")
    parser.add_argument("--beam", type=int, default=4, help="beam size; 1 is greedy decoding (4)")
    parser.add_argument("--length-penalty", type=float, default=0.6, help="GNMT length penalty alpha (0.6)")
    parser.add_argument("--interactive", "-i", action="store_true", help="prompt for sentences")


def _interactive(translator, args):
    print("English -> Spanish. Type a sentence; an empty line or Ctrl-D quits.", file=sys.stderr)
    while True:
        sys.stderr.write("en> ")  # the prompt on stderr, so stdout holds only translations
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:  # Ctrl-D
            print(file=sys.stderr)
            return
        if not line.strip():
            return
        print(translator.translate(line, beam_size=args.beam, length_penalty=args.length_penalty), flush=True)


def run_translate(args):
    translator = Translator.from_checkpoint(args.checkpoint)
    if args.text:
        lines = args.text
    elif args.interactive or sys.stdin.isatty():
        _interactive(translator, args)
        return 0
    else:
        lines = [line.rstrip("\n") for line in sys.stdin]
    kept = [line for line in lines if line.strip()]
    translations = iter(translator.translate(kept, beam_size=args.beam, length_penalty=args.length_penalty)
                        if kept else [])
    for line in lines:  # one output line per input line; blank stays blank
        print(next(translations) if line.strip() else "")
    return 0
